"""The figures of the bilans and the essential data cannot be forged over XML-RPC: each new
field that carries a snapshot, a date or a publication stamp, written by the real role's user
of the French demo, is refused; what the role may set (a committee, the charter's threshold for
a responsable) goes through with its checks."""
import xmlrpc.client

import pytest


def _refused(call, login, model, ids, values):
    with pytest.raises(xmlrpc.client.Fault) as caught:
        call(login, model, 'write', ids, values)
    return caught.value.faultString


def test_the_evaluation_snapshot_is_written_by_its_button_only(demo_server):
    call = demo_server.call
    evaluation = call('admin', 'ir.model.data', 'xmlid_to_res_id',
                      'asr_charter.evaluation_2024')
    before = call('admin', 'asr.charter.evaluation', 'read', [evaluation],
                  ['figures_json', 'figures_date'])[0]
    assert before['figures_json'] and before['figures_date']
    for values in ({'figures_json': '{"kpis": [["Heures", "1 000 000 h", "realised"]]}'},
                   {'figures_date': '2020-01-01 00:00:00'}):
        # the responsable writes evaluations, never their figures
        _refused(call, 'responsable', 'asr.charter.evaluation', [evaluation], values)
        # the buyer and finance read them only
        _refused(call, 'acheteur', 'asr.charter.evaluation', [evaluation], values)
        _refused(call, 'finance', 'asr.charter.evaluation', [evaluation], values)
    after = call('admin', 'asr.charter.evaluation', 'read', [evaluation],
                 ['figures_json', 'figures_date'])[0]
    assert after == before
    # the button, as the responsable: a new snapshot, dated
    call('responsable', 'asr.charter.evaluation', 'action_compute_figures', [evaluation])
    again = call('admin', 'asr.charter.evaluation', 'read', [evaluation],
                 ['figures_json', 'figures_date'])[0]
    assert again['figures_date'] >= before['figures_date']
    assert 'Heures validées sur la période' in again['figures_json']
    # a buyer may not press it
    with pytest.raises(xmlrpc.client.Fault):
        call('acheteur', 'asr.charter.evaluation', 'action_compute_figures', [evaluation])


def test_the_threshold_and_the_people_report(demo_server):
    call = demo_server.call
    charter = call('admin', 'ir.model.data', 'xmlid_to_res_id', 'asr_charter.charter_gpsea')
    # out of range, as the responsable: refused in French, nothing written
    message = _refused(call, 'responsable', 'asr.charter', [charter], {'bilan_min_cell': 1})
    assert 'Le plus petit effectif affiché dans un bilan doit être compris entre 2 et 50' \
        in message
    _refused(call, 'acheteur', 'asr.charter', [charter], {'bilan_min_cell': 10})
    assert call('admin', 'asr.charter', 'read', [charter],
                ['bilan_min_cell'])[0]['bilan_min_cell'] == 5
    # the people per year: no buyer, no facilitator
    for login in ('acheteur', 'facilitateur'):
        with pytest.raises(xmlrpc.client.Fault):
            call(login, 'asr.people.report', 'search_read', [], ['gender'])
    assert call('finance', 'asr.people.report', 'search_count', [])


def test_the_publication_stamps_of_the_essential_data(demo_server):
    call = demo_server.call
    lot = call('admin', 'ir.model.data', 'xmlid_to_res_id', 'asr_clauses.lot_school_structural')
    before = call('admin', 'asr.market.lot', 'read', [lot],
                  ['decp_identifier', 'decp_publication_date'])[0]
    for values in ({'decp_identifier': 'FORGE-0001'},
                   {'decp_publication_date': '2020-01-01'}):
        for login in ('acheteur', 'responsable', 'finance'):
            _refused(call, login, 'asr.market.lot', [lot], values)
    assert call('admin', 'asr.market.lot', 'read', [lot],
                ['decp_identifier', 'decp_publication_date'])[0] == before
