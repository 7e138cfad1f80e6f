"""Real browser: the facilitator's staff see and validate the hours of named people; a buyer
sees the same list without any name (GDPR field groups in the web client)."""
import pytest

from .conftest import browser_login

ACTION = '/web#action=asr_beneficiaries.asr_hour_entry_action'


@pytest.fixture(scope='module')
def submitted_entry(odoo_server):
    call = odoo_server.call
    market = odoo_server.ids['market_ui']
    lot = call('admin', 'asr.market', 'read', [market], fields=['lot_ids'])[0]['lot_ids'][0]
    contractor = call('admin', 'res.partner', 'create',
                      {'name': 'Voiries du Plateau (test)', 'is_company': True})
    call('admin', 'asr.market.lot', 'write', [lot], {
        'partner_id': contractor, 'amount_awarded': 850000.0, 'date_award': '2026-03-25',
        'date_start': '2026-05-01', 'date_end': '2027-10-31'})
    clause = call('admin', 'asr.clause', 'search', [('lot_id', '=', lot)])[0]
    call('admin', 'asr.clause', 'write', [clause], {'state': 'execution'})
    qpv = call('admin', 'ir.model.data', 'xmlid_to_res_id', 'asr_beneficiaries.criterion_qpv')
    person = call('test_staff', 'asr.beneficiary', 'create', {
        'charter_id': odoo_server.ids['charter'], 'last_name': 'Navigateur',
        'first_name': 'Léa', 'birth_date': '1996-09-30', 'criterion_ids': [(6, 0, [qpv])],
        'proof_kind': 'address', 'qpv_resident': True})
    call('test_staff', 'asr.beneficiary', 'action_validate_eligibility', [person],
         context={'validation_date': '2026-04-20'})
    entry = call('test_staff', 'asr.hour.entry', 'create', {
        'clause_id': clause, 'beneficiary_id': person, 'month': '2026-07-01',
        'modality': 'professionalisation', 'hours': 121.5})
    call('test_staff', 'asr.hour.entry', 'action_submit', [entry])
    return entry


def _hours_list(browser, odoo_server, login):
    page = browser_login(browser, odoo_server, login)
    page.goto(odoo_server.url + ACTION)
    page.wait_for_selector('.o_list_view')
    page.wait_for_selector('.o_list_view >> text=121,50')
    return page


def test_staff_validate_named_hours(browser, odoo_server, submitted_entry):
    page = _hours_list(browser, odoo_server, 'test_staff')
    header = page.inner_text('.o_list_view thead')
    assert 'Bénéficiaire' in header
    assert 'NAVIGATEUR Léa' in page.inner_text('.o_list_view tbody')
    page.click('.o_list_view >> text=NAVIGATEUR Léa')
    # Odoo 11 renders header buttons without their name: found by their French label
    validate = '.o_statusbar_buttons button:visible:has-text("Valider")'
    page.wait_for_selector(validate)
    page.click(validate)
    page.wait_for_selector('.o_statusbar_status .btn-primary >> text=Validée')
    state = odoo_server.call('admin', 'asr.hour.entry', 'read', [submitted_entry],
                             fields=['state', 'validated_by_id'])[0]
    assert state['state'] == 'validated'
    assert state['validated_by_id'][0] == odoo_server.ids['staff']
    page.close()


def test_buyer_sees_hours_without_names(browser, odoo_server, submitted_entry):
    page = browser_login(browser, odoo_server, 'test_buyer')
    page.goto(odoo_server.url + ACTION)
    page.wait_for_selector('.o_list_view')
    # whatever the filter, the page never shows the person or the column
    page.wait_for_selector('.o_searchview_facet .o_facet_remove')
    page.click('.o_searchview_facet .o_facet_remove')
    page.wait_for_selector('.o_list_view >> text=121,50')
    assert 'Bénéficiaire' not in page.inner_text('.o_list_view thead')
    assert 'Navigateur' not in page.content()
    assert 'NAVIGATEUR' not in page.content()
    page.close()
