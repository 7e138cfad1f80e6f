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
    """A menu of the application's left bar (Odoo 11 Community)."""
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
