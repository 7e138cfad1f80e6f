"""The fields issue 11 added that carry a reason, a state or a count, tried over XML-RPC as
each role's real user: only the workflow writes them. Each refusal is the exact XML-RPC fault
of the check that fires (2: a UserError, 4: an AccessError) and nothing is written."""
import xmlrpc.client

import pytest


WARNING, ACCESS_ERROR = 2, 4  # Odoo 11 xmlrpc/2 fault codes: UserError, AccessError


def _refused(call, code, login, model, method, *args):
    with pytest.raises(xmlrpc.client.Fault) as err:
        call(login, model, method, *args)
    assert err.value.faultCode == code, (login, model, method, args,
                                         err.value.faultString[-300:])
    return err.value.faultString


def _examined_market(server, name):
    call = server.call
    charter = server.ids['charter']
    territory = call('admin', 'asr.charter', 'read', [charter],
                     ['territory_id'])[0]['territory_id'][0]
    market = call('test_buyer', 'asr.market', 'create', {
        'name': name, 'charter_id': charter, 'buyer_entity_id': territory,
        'amount_estimated': 300000.0, 'consultation_date': '2026-06-01',
        'duration_months': 12,
        'lot_ids': [(0, 0, {'number': 1, 'name': 'Lot unique', 'labour_share': 40.0,
                            'amount_estimated': 300000.0,
                            'clause_ids': [(0, 0, {'clause_type': 'insertion'})]})]})
    call('test_buyer', 'asr.market', 'action_examined', [market])
    return market


def test_the_buyers_reason_is_written_by_the_buyer_at_the_opinion_step_only(odoo_server):
    call = odoo_server.call
    market = _examined_market(odoo_server, 'Motif hors étape (RPC)')
    reason = {'opinion_answer': 'Motif'}
    # before the facilitator's opinion: nobody writes it (the market's step check refuses
    # first, a UserError, before the access rights of those who may not write at all)
    for login in ('test_buyer', 'test_finance', 'test_facilitator', 'test_staff'):
        _refused(call, WARNING, login, 'asr.market', 'write', [market], reason)
    # nor the state, the opinion or its author, whoever asks (fields set by the workflow)
    for login in ('test_buyer', 'test_manager'):
        for values in ({'state': 'validated'}, {'opinion': 'favourable'},
                       {'validation_date': '2026-06-02'}):
            _refused(call, ACCESS_ERROR, login, 'asr.market', 'write', [market], values)
    assert call('admin', 'asr.market', 'read', [market],
                ['state', 'opinion_answer'])[0] == {'id': market, 'state': 'examined',
                                                    'opinion_answer': False}


def test_import_jobs_and_tiles_are_not_written_over_rpc(odoo_server):
    call = odoo_server.call
    values = {'name': 'releve.csv', 'kind': 'hours', 'state': 'done', 'total_rows': 10,
              'done_rows': 10, 'new_count': 10}
    jobs = call('admin', 'asr.import.job', 'search_count', [])
    for login in ('test_staff', 'test_buyer', 'test_manager', 'test_facilitator'):
        _refused(call, ACCESS_ERROR, login, 'asr.import.job', 'create', values)
    assert call('admin', 'asr.import.job', 'search_count', []) == jobs
    tile = call('admin', 'asr.dashboard.tile', 'search', [], limit=1)
    assert tile
    before = call('admin', 'asr.dashboard.tile', 'read', tile, ['domain'])
    tiles = call('admin', 'asr.dashboard.tile', 'search_count', [])
    for login in ('test_buyer', 'test_manager', 'test_finance', 'test_staff'):
        _refused(call, ACCESS_ERROR, login, 'asr.dashboard.tile', 'write', tile,
                 {'domain': '[]'})
        _refused(call, ACCESS_ERROR, login, 'asr.dashboard.tile', 'create', {
            'name': 'Tout', 'group_id': 1, 'action_id': 1, 'domain': '[]'})
    assert call('admin', 'asr.dashboard.tile', 'read', tile, ['domain']) == before
    assert call('admin', 'asr.dashboard.tile', 'search_count', []) == tiles
    # a user reads the counts of their own tiles, computed with their rights
    counts = call('test_buyer', 'asr.dashboard.tile', 'search_read', [], ['count'])
    assert counts and all(isinstance(row['count'], int) for row in counts)
