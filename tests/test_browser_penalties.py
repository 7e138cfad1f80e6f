"""The buyer's penalty journey in a real browser, typed and clicked like a person, on the
French demo: compute a penalty from the menu, read its causes, try to propose it, cancel it
with a reason through the dialog. A failing test leaves a screenshot in .run/screenshots/."""
from .conftest import browser_login
from .test_browser_journeys import _pick, _type


def test_buyer_computes_a_penalty_and_cancels_it(browser, demo_server):
    call = demo_server.call
    # a clause of the buyer behind its objective, and a year without a late report nor a
    # penalty: what is missing is shown, provisional, nothing is due yet
    buyer = call('admin', 'res.users', 'search', [('login', '=', 'acheteur')])[0]
    clauses = call('admin', 'asr.clause', 'search_read',
                   [('clause_type', '=', 'insertion'), ('state', '=', 'execution'),
                    ('market_id.user_id', '=', buyer)],
                   ['code', 'lot_id', 'hour_objective', 'hours_realised'], order='id')
    clause, year = None, None
    for candidate in clauses:
        if candidate['hours_realised'] >= candidate['hour_objective']:
            continue
        for number in (2024, 2025):
            start, end = '%s-01-01' % number, '%s-12-31' % number
            late = call('admin', 'asr.monthly.report', 'search_count', [
                ('clause_id', '=', candidate['id']), ('due_date', '>=', start),
                ('due_date', '<=', end), ('days_late', '>', 0)])
            taken = call('admin', 'asr.penalty', 'search_count', [
                ('clause_id', '=', candidate['id']), ('state', '!=', 'cancelled'),
                ('date_from', '<=', end), ('date_to', '>=', start)])
            if not late and not taken:
                clause, year = candidate, number
                break
        if clause:
            break
    assert clause, 'the demo has a clause of the buyer behind its objective'
    before = call('admin', 'asr.penalty', 'search_count', [('clause_id', '=', clause['id'])])

    page = browser_login(browser, demo_server, 'acheteur')
    page.wait_for_selector('.o_sub_menu')
    page.click('.navbar a:has-text("Achats responsables")')
    page.click('.o_sub_menu a[data-menu-xmlid="asr_reporting.asr_penalty_menu"]')
    page.click('.o_list_button_add')
    page.wait_for_selector('.o_form_view.o_form_editable')
    # found by its code, proposed under its lot's name
    _pick(page, '.o_form_view', 'clause_id', clause['code'],
          clause['lot_id'][1].split(' : ')[-1][:20])
    _type(page.locator('.o_field_widget[name="date_from"] input'), '01/01/%s' % year)
    _type(page.locator('.o_field_widget[name="date_to"] input'), '31/12/%s' % year)
    page.click('.o_form_button_save')
    page.wait_for_selector('.o_form_view.o_form_readonly')
    # its causes with their arithmetic: the missing hours, provisional while the contract runs
    lines = page.locator('.o_field_widget[name="line_ids"] .o_data_row')
    lines.first.wait_for()
    text = page.inner_text('.o_field_widget[name="line_ids"]')
    assert 'Heures d\'insertion manquantes' in text
    assert 'heures x' in text and '€' in text
    assert "n'est pas terminé" in page.inner_text('.alert-info:visible')
    name = page.inner_text('.o_field_widget[name="name"]').strip()
    assert name.startswith('PEN/')
    # nothing is due (every report on time, the missing hours not billed yet): the proposal
    # is refused in French and the penalty stays computed
    page.click('.o_statusbar_buttons button:has-text("Proposer (envoyer le projet")')
    dialog = page.locator('.modal:visible').last
    dialog.locator('text=0 €').wait_for()
    assert "rien à proposer" in dialog.inner_text()
    dialog.locator('.modal-footer button').first.click()
    page.wait_for_selector('.o_statusbar_status .btn-primary:has-text("Calculée")')
    # cancelled with the reason typed in the dialog
    page.click('.o_statusbar_buttons button:has-text("Annuler")')
    wizard = page.locator('.modal:visible').last
    _type(wizard.locator('.o_field_widget[name="reason"]'),
          'Aucun manquement facturable sur %s : contrôle de routine.' % year)
    wizard.locator('.modal-footer button', has_text='Annuler la pénalité').click()
    page.wait_for_selector('.modal', state='detached')
    page.wait_for_selector('.o_statusbar_status .btn-primary:has-text("Annulée")')
    page.close()

    rows = call('admin', 'asr.penalty', 'search_read', [('name', '=', name)],
                ['state', 'cancel_reason', 'clause_id', 'amount_total', 'amount_provisional'])
    assert len(rows) == 1
    row = rows[0]
    assert row['state'] == 'cancelled' and 'contrôle de routine' in row['cancel_reason']
    assert row['clause_id'][0] == clause['id']
    assert row['amount_total'] == 0
    assert row['amount_provisional'] > 0
    assert call('admin', 'asr.penalty', 'search_count',
                [('clause_id', '=', clause['id'])]) == before + 1
