"""Finance and open-data staff pull the essential data of the contracts (DECP) over XML-RPC
from the French demo: the answer validates against the published schema 2.0.3, stamps its
first publication once, filters by charter; the facilitator (a portal user) is refused."""
import json
import os
import xmlrpc.client

import jsonschema
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA = os.path.join(ROOT, 'addons', 'asr_reporting', 'tests', 'data',
                      'decp_schema_2.0.3.json')
# the demo's three contracts were awarded from 11/2023 to 02/2024
PERIOD = ('2023-01-01', '2024-12-31')


def validate(data):
    with open(SCHEMA, encoding='utf-8') as handle:
        jsonschema.Draft7Validator(json.load(handle)).validate(data)
    return {m['objet'].split(' : ')[-1]: m for m in data['marches']['marche']}


def test_finance_pulls_the_essential_data_of_the_demo(demo_server):
    call = demo_server.call
    marches = validate(call('finance', 'asr.market.lot', 'asr_decp_export', *PERIOD))
    assert {'Gros œuvre', 'Voirie, réseaux et espaces publics',
            'Propreté des abords et des espaces extérieurs'} <= set(marches)
    roads = marches['Voirie, réseaux et espaces publics']
    assert roads['considerationsSociales'] == {'considerationSociale': ['Clause sociale']}
    assert roads['considerationsEnvironnementales'] == {
        'considerationEnvironnementale': ['Clause environnementale']}
    assert roads['typeGroupementOperateurs'] == 'Solidaire' and len(roads['titulaires']) == 2
    assert roads['dateNotification'] == '2024-02-20'
    structural = marches['Gros œuvre']
    assert (structural['attributionAvance'], structural['tauxAvance']) == (True, 0.05)
    assert structural['acheteur']['id'] == '21940001700014'

    # the first export stamped the lots: the same identifier and date the next time
    lots = call('admin', 'asr.market.lot', 'search_read', [('decp_identifier', '!=', False)],
                ['decp_identifier', 'decp_publication_date'])
    assert {lot['decp_identifier'] for lot in lots} >= {m['id'] for m in marches.values()}
    again = validate(call('finance', 'asr.market.lot', 'asr_decp_export', *PERIOD))
    assert {k: (m['id'], m['datePublicationDonnees']) for k, m in again.items()} == \
        {k: (m['id'], m['datePublicationDonnees']) for k, m in marches.items()}

    # by charter, as a buyer reads them
    charter = call('admin', 'ir.model.data', 'xmlid_to_res_id', 'asr_charter.charter_gpsea')
    mine = validate(call('acheteur', 'asr.market.lot', 'asr_decp_export', *PERIOD,
                         charter_ids=[charter]))
    assert set(mine) == set(marches)
    # nothing awarded in 2019
    assert call('finance', 'asr.market.lot', 'asr_decp_export', '2019-01-01',
                '2019-12-31') == {'marches': {'marche': []}}


def test_the_facilitator_and_bad_periods_are_refused(demo_server):
    call = demo_server.call
    with pytest.raises(xmlrpc.client.Fault) as caught:
        call('facilitateur', 'asr.market.lot', 'asr_decp_export', *PERIOD)
    # fault 4: an AccessError
    assert caught.value.faultCode == 4, caught.value.faultString[-300:]
    assert 'DECP' in caught.value.faultString
    with pytest.raises(xmlrpc.client.Fault) as caught:
        call('finance', 'asr.market.lot', 'asr_decp_export', '2024-12-31', '2023-01-01')
    assert 'ValidationError' in caught.value.faultString or caught.value.faultCode == 2
    # nor write what the export stamps
    ids = call('admin', 'asr.market.lot', 'search', [('awarded', '=', True)], limit=1)
    with pytest.raises(xmlrpc.client.Fault) as caught:
        call('acheteur', 'asr.market.lot', 'write', ids, {'decp_publication_date': '2020-01-01'})
    assert caught.value.faultCode == 4
