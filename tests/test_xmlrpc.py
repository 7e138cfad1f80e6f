"""Charter data read through Odoo's XML-RPC external API, as an outside program does."""
import xmlrpc.client

import pytest


def test_finance_reads_charters_over_xmlrpc(odoo_server):
    rows = odoo_server.call('test_finance', 'asr.charter', 'search_read',
                            [('id', '=', odoo_server.ids['charter'])],
                            fields=['name', 'act_number', 'act_date', 'state',
                                    'facilitator_partner_id'])
    assert len(rows) == 1
    row = rows[0]
    assert row['name'] == 'Charte ASR de test'
    assert row['act_number'] == 'CT2019.5/116-2'
    assert row['act_date'] == '2019-12-11'
    assert row['state'] == 'in_force'
    assert row['facilitator_partner_id'][1] == 'PCI (test)'


def test_facilitator_reads_only_own_charter_over_xmlrpc(odoo_server):
    ids = odoo_server.call('test_facilitator', 'asr.charter', 'search', [])
    assert ids == [odoo_server.ids['charter']]
    with pytest.raises(xmlrpc.client.Fault) as err:
        odoo_server.call('test_facilitator', 'asr.charter', 'read',
                         [odoo_server.ids['other_charter']], fields=['name'])
    # Odoo's XML-RPC fault code 4 is an AccessError; the message is French for this user
    assert err.value.faultCode == 4
    assert 'politique de sécurité' in err.value.faultString
    assert 'asr.charter' in err.value.faultString


def test_buyer_cannot_write_charter_over_xmlrpc(odoo_server):
    with pytest.raises(xmlrpc.client.Fault) as err:
        odoo_server.call('test_buyer', 'asr.charter', 'write', [odoo_server.ids['charter']],
                         {'name': 'Renamed'})
    # fault 4: an AccessError (the buyer has no write access to charters)
    assert err.value.faultCode == 4, err.value.faultString[-300:]
    rows = odoo_server.call('admin', 'asr.charter', 'read', [odoo_server.ids['charter']],
                            fields=['name'])
    assert rows[0]['name'] == 'Charte ASR de test'
