"""Real browser: the buyer drives a clause through its workflow buttons (the state bar can no
longer be clicked), and the server's refusal reaches them in French."""
import pytest

from .conftest import browser_login


def _clause(odoo_server, name, validated):
    """An insertion clause of a market of the buyer, awarded; its examination validated or
    only done."""
    call = odoo_server.call
    territory = call('admin', 'asr.charter', 'read', [odoo_server.ids['charter']],
                     ['territory_id'])[0]['territory_id'][0]
    contractor = call('admin', 'res.partner', 'create', {'name': 'Bâti-Est (test)',
                                                         'is_company': True})
    market = call('admin', 'asr.market', 'create', {
        'name': name, 'charter_id': odoo_server.ids['charter'], 'buyer_entity_id': territory,
        'amount_estimated': 400000.0, 'consultation_date': '2025-09-01',
        'user_id': odoo_server.ids['buyer'],
        'lot_ids': [(0, 0, {'number': 1, 'name': 'Façades', 'labour_share': 45.0,
                            'amount_estimated': 400000.0, 'partner_id': contractor,
                            'amount_awarded': 390000.0, 'date_award': '2025-10-15',
                            'date_start': '2025-11-01', 'date_end': '2026-10-31'})]})
    lot = call('admin', 'asr.market', 'read', [market], ['lot_ids'])[0]['lot_ids'][0]
    clause = call('admin', 'asr.clause', 'create', {'clause_type': 'insertion', 'lot_id': lot})
    call('admin', 'asr.market', 'action_examined', [market])
    if validated:
        call('admin', 'asr.market', 'action_give_opinion', [market], 'favourable', 'Bien.')
        call('admin', 'asr.market', 'action_validate', [market])
    return clause


@pytest.fixture(scope='module')
def clauses(odoo_server):
    return {'ready': _clause(odoo_server, 'Ravalement de la mairie (navigateur)', True),
            'waiting': _clause(odoo_server, 'Ravalement du gymnase (navigateur)', False)}


def _open(browser, odoo_server, clause):
    page = browser_login(browser, odoo_server, 'test_buyer')
    page.goto(odoo_server.url + '/web#id=%s&model=asr.clause&view_type=form' % clause)
    page.wait_for_selector('.o_form_view .o_statusbar_status')
    return page


def test_buyer_starts_then_closes_the_clause_with_its_buttons(browser, odoo_server, clauses):
    page = _open(browser, odoo_server, clauses['ready'])
    # the state bar shows the step; it cannot be clicked to jump to another one
    assert page.query_selector_all('.o_statusbar_status button:not([disabled])') == []
    page.click('.o_statusbar_buttons button:visible:has-text("Démarrer l\'exécution")')
    page.wait_for_selector(".o_statusbar_status .btn-primary >> text=En cours d'exécution")
    page.click('.o_statusbar_buttons button:visible:has-text("Clore la clause")')
    page.wait_for_selector('.o_statusbar_status .btn-primary >> text=Clôturée')
    state = odoo_server.call('admin', 'asr.clause', 'read', [clauses['ready']], ['state'])[0]
    assert state['state'] == 'closed'
    # reopening is a manager's decision: the buyer has no button for it
    assert not page.query_selector('.o_statusbar_buttons button:visible:has-text("Rouvrir")')
    page.close()


def test_the_refusal_of_the_server_reaches_the_buyer_in_french(browser, odoo_server, clauses):
    page = _open(browser, odoo_server, clauses['waiting'])
    page.click('.o_statusbar_buttons button:visible:has-text("Démarrer l\'exécution")')
    page.wait_for_selector('.modal-dialog')
    assert "doit être validé avant l'exécution de ses clauses" in page.inner_text(
        '.modal-dialog')
    state = odoo_server.call('admin', 'asr.clause', 'read', [clauses['waiting']],
                             ['state'])[0]
    assert state['state'] == 'draft'
    page.close()
