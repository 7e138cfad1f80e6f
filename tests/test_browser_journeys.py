"""Whole journeys in a real browser, typed and clicked like a person, on the French demo as
`make demo` builds it (nothing created beforehand through the ORM): what a buyer, the
facilitator, the responsable and the follow-up officer do in their first minutes.

Run them alone, headed, slowed down to watch (a display is needed):

    ASR_HEADED=1 ASR_SLOW_MO=300 make test ARGS="tests/test_browser_journeys.py"

A failing test leaves a screenshot of its pages in .run/screenshots/.
"""
import datetime

from .conftest import browser_login


def _menu(page, label):
    """A menu of the application's left bar (Odoo 11 Community), once the page has loaded
    what it shows (a person waits for the screen before clicking elsewhere)."""
    page.wait_for_selector('.o_loading', state='hidden')
    page.wait_for_selector('.o_view_manager_content > *')
    page.click('.o_sub_menu >> text="%s"' % label)


def _pick(page, scope, field, text, choice=None):
    """Type ``text`` into a many2one and choose the proposal containing ``choice``."""
    field_input = page.locator('%s .o_field_widget[name="%s"] input' % (scope, field))
    field_input.fill('')
    field_input.type(text, delay=20)
    item = page.locator('ul.ui-autocomplete:visible li a', has_text=choice or text).first
    item.wait_for()
    item.click()


def _one_month(clause, person):
    """A month inside both the clause's contract and the person's eligibility."""
    start = max(clause['date_start'], person['validation_date'])
    month = datetime.date(int(start[:4]), int(start[5:7]), 1)
    return month


def test_suivi_imports_a_windows_1252_statement_with_one_bad_row(browser, demo_server):
    """The follow-up officer imports the CSV saved by French Excel: accents in Windows-1252,
    ';' separator, French column names and modality labels; one row is refused with its
    reason, the valid ones are imported."""
    call = demo_server.call
    clause = call('admin', 'asr.clause', 'search_read',
                  [('clause_type', '=', 'insertion'), ('state', '=', 'execution'),
                   ('date_start', '!=', False), ('date_end', '!=', False)],
                  ['code', 'charter_id', 'date_start', 'date_end'], limit=1,
                  order='date_start desc')[0]
    people = call('admin', 'asr.beneficiary', 'search_read',
                  [('charter_id', '=', clause['charter_id'][0]), ('state', '=', 'validated'),
                   ('validation_date', '<=', clause['date_end'])],
                  ['code', 'validation_date', 'validity_end'], order='id')
    assert people, 'the demo has validated people on the clause charter'
    person = people[0]
    # a month of the contract, eligible, where the person has no hours on this clause yet
    month = _one_month(clause, person)
    while call('admin', 'asr.hour.entry', 'search_count',
               [('clause_id', '=', clause['id']), ('beneficiary_id', '=', person['id']),
                ('month', '=', month.isoformat())]):
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    text = '%02d/%d' % (month.month, month.year)
    before = call('admin', 'asr.hour.entry', 'search_count', [('clause_id', '=', clause['id'])])
    csv = ('Code clause;Référence bénéficiaire;Mois;Modalité;Heures;Montant HT\r\n'
           '%(clause)s;%(person)s;%(month)s;%(cdi)s;12,5;\r\n'
           '%(clause)s;%(person)s;%(month)s;Formation;3;\r\n'
           '%(clause)s;B-99999;%(month)s;Formation;4;\r\n'
           % {'clause': clause['code'], 'person': person['code'], 'month': text,
              'cdi': 'Embauche directe — contrat à durée indéterminée (CDI)'})
    data = csv.encode('cp1252')
    assert b'\xe9' in data  # "Référence" as French Excel writes it

    page = browser_login(browser, demo_server, 'suivi')
    page.wait_for_selector('.o_sub_menu')
    _menu(page, 'Importer un relevé')
    page.wait_for_selector('.modal .o_form_view')
    page.set_input_files('.modal input[type="file"]', files=[{
        'name': 'releve-heures.csv', 'mimeType': 'text/csv', 'buffer': data}])
    page.wait_for_selector('.modal .o_field_widget[name="filename"], .modal .o_field_binary_file')
    page.click('.modal button[name="action_preview"]')
    page.wait_for_selector('.modal .o_field_widget[name="encoding"]:not(:empty)')
    modal = page.inner_text('.modal')
    assert 'Windows-1252' in modal
    assert 'Référence bénéficiaire' in modal  # the decoded text shown before importing
    assert 'B-99999' in modal
    assert page.inner_text('.modal .o_field_widget[name="rejected_count"]').strip() == '1'
    assert page.inner_text('.modal .o_field_widget[name="new_count"]').strip() == '2'
    page.click('.modal button[name="action_import"]:visible')
    page.wait_for_selector('.modal', state='detached', timeout=60000) \
        if page.locator('.modal button[name="action_import"]:visible').count() == 0 else None
    deadline = datetime.datetime.now() + datetime.timedelta(seconds=60)
    while call('admin', 'asr.hour.entry', 'search_count',
               [('clause_id', '=', clause['id'])]) < before + 2:
        assert datetime.datetime.now() < deadline, 'the two valid rows were not imported'
        page.wait_for_timeout(500)
    entries = call('admin', 'asr.hour.entry', 'search_read',
                   [('clause_id', '=', clause['id']), ('beneficiary_id', '=', person['id']),
                    ('month', '=', month.isoformat())], ['hours', 'modality', 'source'])
    assert sorted(e['hours'] for e in entries) == [3.0, 12.5]
    assert {e['source'] for e in entries} == {'import'}
    page.close()


def _type(field, value):
    """Type ``value`` into an input as a person does, then leave it (Tab)."""
    field.click()
    field.fill('')
    field.type(str(value), delay=10)
    field.press('Tab')


def _save_modal(page):
    """'Save & close' of the dialog on top."""
    page.locator('.modal:visible').last.locator(
        '.modal-footer button', has_text='Sauvegarder & fermer').click()


def _add_lot(page, number, name, amount, labour_share):
    """In the market's form: a lot and its insertion clause, typed in the dialogs."""
    page.click('.o_field_widget[name="lot_ids"] .o_field_x2many_list_row_add a')
    lot = page.locator('.modal:visible').last
    _type(lot.locator('.o_field_widget[name="number"]'), number)
    _type(lot.locator('.o_field_widget[name="name"]'), name)
    _type(lot.locator('.o_field_widget[name="amount_estimated"] input'), amount)
    lot.locator('.o_field_widget[name="clause_ids"] .o_field_x2many_list_row_add a').click()
    page.wait_for_function("document.querySelectorAll('.modal .o_form_view').length >= 2")
    clause = page.locator('.modal:visible').last
    assert 'insertion' in clause.locator(
        '.o_field_widget[name="clause_type"] option:checked').inner_text()
    _type(clause.locator('.o_field_widget[name="labour_share"]'), labour_share)
    # the objective follows the lot's amount, before anything is saved
    objective = clause.locator('.o_field_widget[name="hour_objective_estimated"]')
    page.wait_for_function("(el) => el.innerText.trim() !== '0'", arg=objective.element_handle())
    _save_modal(page)
    page.wait_for_function("document.querySelectorAll('.modal .o_form_view').length == 1")
    lot.locator('.o_field_widget[name="clause_ids"] .o_data_row',
                has_text="Clause d'insertion").wait_for()
    _save_modal(page)
    page.wait_for_selector('.modal', state='detached')


def test_a_market_from_forecast_to_purchase_order(browser, demo_server):
    """The buyer creates a market with two lots and their insertion clauses in one save and
    sends it to examination; the facilitator gives a reserved opinion on the portal; the
    responsable validates with the reason; the buyer links a purchase order found by the
    market's name and prints it."""
    call = demo_server.call
    name = 'Extension du gymnase Pablo Neruda (parcours navigateur)'
    entity = call('admin', 'asr.market', 'search_read', [('buyer_entity_id', '!=', False)],
                  ['buyer_entity_id'], limit=1)[0]['buyer_entity_id'][1]

    # -- the buyer: one form, one save
    page = browser_login(browser, demo_server, 'acheteur')
    page.wait_for_selector('.o_sub_menu')
    page.click('.o_sub_menu a[data-menu-xmlid="asr_clauses.asr_market_menu"]')
    page.wait_for_selector('.o_list_view')
    page.click('.o_list_button_add')
    page.wait_for_selector('.o_form_view.o_form_editable')
    _type(page.locator('.o_field_widget[name="name"]'), name)
    # the charter in force is proposed
    assert page.locator('.o_field_widget[name="charter_id"] input').input_value()
    _pick(page, '.o_form_view', 'buyer_entity_id', entity.split(' ')[0], entity)
    _type(page.locator('.o_field_widget[name="consultation_date"] input'), '15/03/2027')
    _type(page.locator('.o_field_widget[name="amount_estimated"] input'), '600000')
    _type(page.locator('.o_field_widget[name="duration_months"]'), '18')
    _add_lot(page, 1, 'Gros œuvre', 400000, 40)
    _add_lot(page, 2, 'Second œuvre', 200000, 35)
    page.click('.o_form_button_save')
    page.wait_for_selector('.o_form_view.o_form_readonly')
    reference = page.inner_text('.o_field_widget[name="reference"]').strip()
    assert reference.startswith('ASR-')
    market = call('admin', 'asr.market', 'search_read', [('name', '=', name)],
                  ['lot_ids', 'state'])
    assert len(market) == 1 and len(market[0]['lot_ids']) == 2
    clauses = call('admin', 'asr.clause', 'search_read',
                   [('lot_id', 'in', market[0]['lot_ids'])], ['clause_type', 'hour_objective'])
    assert [c['clause_type'] for c in clauses] == ['insertion', 'insertion']
    assert all(c['hour_objective'] > 0 for c in clauses)
    page.click('.o_statusbar_buttons button:has-text("Examen terminé")')
    page.wait_for_selector('.o_statusbar_status .btn-primary:has-text("Examiné")')
    page.close()

    # -- the facilitator: a reserved opinion on the portal
    page = browser_login(browser, demo_server, 'facilitateur')
    page.goto(demo_server.url + '/my/asr/markets')
    page.click('a:has-text("%s")' % reference)
    page.wait_for_selector('form.o_asr_opinion_form')
    page.check('input[name="opinion"][value="reserved"]')
    page.fill('textarea[name="text"]', "Le lot 2 pourrait être réservé à une SIAE.")
    page.click('form.o_asr_opinion_form button[type="submit"]')
    page.wait_for_selector('text=Réservé')
    page.close()

    # -- the responsable: validates, giving the reason the reservation is not followed
    page = browser_login(browser, demo_server, 'responsable')
    page.wait_for_selector('.o_sub_menu')
    page.click('.o_sub_menu a[data-menu-xmlid="asr_clauses.asr_market_menu"]')
    page.wait_for_selector('.o_list_view')
    search = page.locator('.o_searchview_input')
    search.type(reference, delay=20)
    search.press('Enter')
    page.wait_for_selector('.o_list_view .o_data_row:has-text("%s")' % reference)
    page.click('.o_list_view .o_data_row:has-text("%s")' % reference)
    page.click('.o_statusbar_buttons button:has-text("Valider l\'examen")')
    dialog = page.locator('.modal:visible').last
    dialog.locator('.o_field_widget[name="reason"]').wait_for()
    assert 'Réservé' in dialog.inner_text()
    dialog.locator('.o_field_widget[name="reason"]').fill(
        "Aucune SIAE du métier sur le territoire pour ce lot cette année.")
    dialog.locator('.modal-footer button', has_text="Valider l'examen").click()
    page.wait_for_selector('.o_statusbar_status .btn-primary:has-text("Validé")')
    page.close()
    assert call('admin', 'asr.market', 'read', market[0]['id'], ['state'])[0]['state'] \
        == 'validated'

    # -- the buyer: a purchase order found by the market's name, printed
    page = browser_login(browser, demo_server, 'acheteur')
    page.wait_for_selector('#oe_main_menu_navbar')
    page.click('#oe_main_menu_navbar >> text="Achats"')
    page.wait_for_selector('.o_list_view')
    page.click('.o_list_button_add')
    page.wait_for_selector('.o_form_view.o_form_editable')
    vendor = call('admin', 'res.partner', 'search_read', [('supplier', '=', True)], ['name'],
                  limit=1)[0]['name']
    _pick(page, '.o_form_view', 'partner_id', vendor)
    page.click('.o_notebook a:has-text("Livraisons")')
    planned = page.locator('.o_field_widget[name="date_planned"] input')
    planned.fill('15/03/2027 08:00:00')
    planned.press('Tab')
    page.click('.o_notebook a:has-text("Clauses sociales")')
    _pick(page, '.o_form_view', 'asr_lot_id', 'Pablo Neruda', 'Gros œuvre')
    page.click('.o_form_button_save')
    page.wait_for_selector('.o_form_view.o_form_readonly')
    assert 'Validé' in page.inner_text('.o_field_widget[name="asr_market_state"]')
    page.click('.o_cp_sidebar .o_dropdown_toggler_btn:has-text("Imprimer")')
    with page.expect_download(timeout=180000) as download:
        page.click('.o_cp_sidebar .dropdown-menu:visible li a:has-text("Commande")')
    pdf = download.value
    assert pdf.suggested_filename.startswith(('Demande de prix - PO', 'Bon de commande - PO'))
    assert pdf.suggested_filename.endswith('.pdf')
    with open(pdf.path(), 'rb') as handle:
        assert handle.read(5) == b'%PDF-'
    page.close()
