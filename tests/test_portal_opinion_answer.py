"""Validating against a reserved opinion: refused over XML-RPC without the buyer's reason;
once the buyer gives it, the facilitator reads it on the market's portal page."""
import re
import xmlrpc.client

import pytest

from .conftest import login_session


def _csrf(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_buyers_reason_is_required_then_shown_to_the_facilitator(odoo_server):
    call = odoo_server.call
    charter = odoo_server.ids['charter']
    territory = call('admin', 'asr.charter', 'read', [charter],
                     ['territory_id'])[0]['territory_id'][0]
    # the market, its lot and its clause in one call, as the buyer's form saves them
    market = call('test_buyer', 'asr.market', 'create', {
        'name': 'Restauration scolaire (motif)', 'charter_id': charter,
        'buyer_entity_id': territory, 'amount_estimated': 600000.0,
        'consultation_date': '2026-05-04', 'duration_months': 36,
        'lot_ids': [(0, 0, {'number': 1, 'name': 'Cuisine centrale', 'labour_share': 60.0,
                            'amount_estimated': 600000.0,
                            'clause_ids': [(0, 0, {'clause_type': 'insertion'})]})]})
    call('test_buyer', 'asr.market', 'action_examined', [market])
    session = login_session(odoo_server, 'test_facilitator')
    url = odoo_server.url + '/my/asr/markets/%s' % market
    page = session.get(url, timeout=60).text
    resp = session.post(url + '/opinion', data={
        'csrf_token': _csrf(page), 'opinion': 'reserved',
        'text': 'Objectif trop modeste pour une cuisine centrale.'}, timeout=60)
    assert resp.status_code == 200
    with pytest.raises(xmlrpc.client.Fault) as err:
        call('test_manager', 'asr.market', 'action_validate', [market])
    # fault 2: a UserError (the buyer's reason is missing), not an access error
    assert err.value.faultCode == 2, err.value.faultString[-300:]
    assert call('admin', 'asr.market', 'read', [market], ['state'])[0]['state'] == 'opinion'
    reason = 'Le titulaire recrute déjà deux apprentis hors clause.'
    call('test_buyer', 'asr.market', 'write', [market], {'opinion_answer': reason})
    call('test_manager', 'asr.market', 'action_validate', [market])
    assert call('admin', 'asr.market', 'read', [market], ['state'])[0]['state'] == 'validated'
    page = session.get(url, timeout=60).text
    assert "Motif de l'acheteur pour ne pas suivre l'avis" in page
    assert 'Le titulaire recrute déjà deux apprentis hors clause.' in page
