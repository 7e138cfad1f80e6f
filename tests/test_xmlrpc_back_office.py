"""The fields issue 11 added that carry a reason, a state or a count, tried over XML-RPC as
each role's real user: only the workflow writes them."""
import xmlrpc.client

import pytest


def _refused(call, login, model, method, *args):
    with pytest.raises(xmlrpc.client.Fault) as err:
        call(login, model, method, *args)
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
    # before the facilitator's opinion: nobody writes it
    for login in ('test_buyer', 'test_finance', 'test_facilitator', 'test_staff'):
        _refused(call, login, 'asr.market', 'write', [market], reason)
    # nor the state, the opinion or its author, whoever asks
    for login in ('test_buyer', 'test_manager'):
        for values in ({'state': 'validated'}, {'opinion': 'favourable'},
                       {'validation_date': '2026-06-02'}):
            _refused(call, login, 'asr.market', 'write', [market], values)
    assert call('admin', 'asr.market', 'read', [market],
                ['state', 'opinion_answer'])[0] == {'id': market, 'state': 'examined',
                                                    'opinion_answer': False}


def test_import_jobs_and_tiles_are_not_written_over_rpc(odoo_server):
    call = odoo_server.call
    values = {'name': 'releve.csv', 'kind': 'hours', 'state': 'done', 'total_rows': 10,
              'done_rows': 10, 'new_count': 10}
    for login in ('test_staff', 'test_buyer', 'test_manager', 'test_facilitator'):
        _refused(call, login, 'asr.import.job', 'create', values)
    tile = call('admin', 'asr.dashboard.tile', 'search', [], limit=1)
    assert tile
    for login in ('test_buyer', 'test_manager', 'test_finance', 'test_staff'):
        _refused(call, login, 'asr.dashboard.tile', 'write', tile, {'domain': '[]'})
        _refused(call, login, 'asr.dashboard.tile', 'create', {
            'name': 'Tout', 'group_id': 1, 'action_id': 1, 'domain': '[]'})
    # a user reads the counts of their own tiles, computed with their rights
    counts = call('test_buyer', 'asr.dashboard.tile', 'search_read', [], ['count'])
    assert counts and all(isinstance(row['count'], int) for row in counts)
