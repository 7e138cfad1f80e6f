"""GDPR over Odoo's external API: the facilitator's staff work on the people of their
charter, the facilitator reads them; buyers and finance read hours and counts, never names;
every access is audited under its real user."""
import xmlrpc.client

import pytest


@pytest.fixture(scope='module')
def insertion(odoo_server):
    """An insertion clause in execution on the facilitator's charter, and one person the
    facilitator's back-office staff recorded and validated through XML-RPC."""
    call = odoo_server.call
    market = odoo_server.ids['market']
    lot = call('admin', 'asr.market', 'read', [market], fields=['lot_ids'])[0]['lot_ids'][0]
    contractor = call('admin', 'res.partner', 'create',
                      {'name': 'Bâtisseurs du Val (test)', 'is_company': True})
    call('admin', 'asr.market.lot', 'write', [lot], {
        'partner_id': contractor, 'amount_awarded': 900000.0, 'date_award': '2026-03-20',
        'date_start': '2026-04-01', 'date_end': '2027-12-31'})
    clause = call('admin', 'asr.clause', 'search', [('lot_id', '=', lot)])[0]
    call('admin', 'asr.clause', 'write', [clause], {'state': 'execution'})
    rsa = call('admin', 'ir.model.data', 'xmlid_to_res_id', 'asr_beneficiaries.criterion_rsa')
    person = call('test_staff', 'asr.beneficiary', 'create', {
        'charter_id': odoo_server.ids['charter'], 'last_name': 'Exemple',
        'first_name': 'Camille', 'birth_date': '1991-04-02', 'gender': 'female',
        'criterion_ids': [(6, 0, [rsa])], 'proof_kind': 'caf'})
    call('test_staff', 'asr.beneficiary', 'action_validate_eligibility', [person],
         context={'validation_date': '2026-03-15'})
    entry = call('test_staff', 'asr.hour.entry', 'create', {
        'clause_id': clause, 'beneficiary_id': person, 'month': '2026-05-01',
        'modality': 'cdi', 'hours': 140.0})
    call('test_staff', 'asr.hour.entry', 'action_validate', [entry])
    return {'clause': clause, 'person': person, 'entry': entry}


def test_facilitator_reads_their_people(odoo_server, insertion):
    rows = odoo_server.call('test_facilitator', 'asr.beneficiary', 'search_read',
                            [('id', '=', insertion['person'])],
                            fields=['name', 'state', 'validity_end'])
    assert rows[0]['name'] == 'EXEMPLE Camille'
    assert rows[0]['state'] == 'validated'
    assert rows[0]['validity_end'] == '2028-03-14'
    others = odoo_server.call('test_other_facilitator', 'asr.beneficiary', 'search_read', [],
                              fields=['charter_id'])
    assert insertion['person'] not in [row['id'] for row in others]
    assert {row['charter_id'][0] for row in others} <= {odoo_server.ids['other_charter']}
    with pytest.raises(xmlrpc.client.Fault) as err:
        odoo_server.call('test_other_facilitator', 'asr.beneficiary', 'read',
                         [insertion['person']], fields=['last_name'])
    assert err.value.faultCode == 4


@pytest.mark.parametrize('login', ['test_buyer', 'test_finance'])
def test_buyer_and_finance_see_hours_and_counts_not_names(odoo_server, insertion, login):
    rows = odoo_server.call(login, 'asr.hour.entry', 'search_read',
                            [('clause_id', '=', insertion['clause'])],
                            fields=['hours', 'month', 'modality', 'state'])
    assert [(r['hours'], r['month'], r['state']) for r in rows] == [
        (140.0, '2026-05-01', 'validated')]
    clause = odoo_server.call(login, 'asr.clause', 'read', [insertion['clause']],
                              fields=['hours_realised', 'beneficiary_count'])[0]
    assert (clause['hours_realised'], clause['beneficiary_count']) == (140.0, 1)
    with pytest.raises(xmlrpc.client.Fault) as err:
        odoo_server.call(login, 'asr.hour.entry', 'read', [insertion['entry']],
                         fields=['beneficiary_id'])
    assert err.value.faultCode == 4
    with pytest.raises(xmlrpc.client.Fault) as err:
        odoo_server.call(login, 'asr.beneficiary', 'search_read', [], fields=['name'])
    assert err.value.faultCode == 4, err.value.faultString[-300:]
    # the default read of an entry leaves the restricted field out
    row = odoo_server.call(login, 'asr.hour.entry', 'read', [insertion['entry']])[0]
    assert 'beneficiary_id' not in row


def test_every_access_to_a_person_is_audited(odoo_server, insertion):
    facilitator, staff = odoo_server.ids['facilitator'], odoo_server.ids['staff']
    odoo_server.call('test_facilitator', 'asr.beneficiary', 'read', [insertion['person']],
                     fields=['birth_date'])
    logs = odoo_server.call('admin', 'asr.access.log', 'search_read', [
        ('beneficiary_id', '=', insertion['person'])],
        fields=['operation', 'user_id', 'channel'])
    by_staff = {log['operation'] for log in logs if log['user_id'][0] == staff}
    by_facilitator = {(log['operation'], log['channel']) for log in logs
                      if log['user_id'][0] == facilitator}
    assert {'create', 'write'} <= by_staff
    assert ('read', 'rpc') in by_facilitator


@pytest.mark.parametrize('login', ['test_buyer', 'test_manager', 'test_staff'])
def test_clause_totals_and_access_log_are_written_by_the_server_only(
        odoo_server, insertion, login):
    """The totals stored on a clause come from its hours; the access log from the server:
    no role writes them over XML-RPC, and they stay what the hours say."""
    call = odoo_server.call
    for values in ({'hours_realised': 9999.0}, {'hours_to_validate': 1.0},
                   {'hours_rejected': 1.0}, {'beneficiary_count': 50},
                   {'hours_progress': 100.0}, {'hours_missing': 0.0}):
        with pytest.raises(xmlrpc.client.Fault) as err:
            call(login, 'asr.clause', 'write', [insertion['clause']], values)
        assert err.value.faultCode == 4, (login, values, err.value.faultString[-200:])
    with pytest.raises(xmlrpc.client.Fault) as err:
        call(login, 'asr.access.log', 'create', {'operation': 'read', 'model': 'x'})
    assert err.value.faultCode == 4
    clause = call('admin', 'asr.clause', 'read', [insertion['clause']],
                  fields=['hours_realised', 'hours_to_validate', 'beneficiary_count'])[0]
    assert (clause['hours_realised'], clause['hours_to_validate'],
            clause['beneficiary_count']) == (140.0, 0.0, 1)
