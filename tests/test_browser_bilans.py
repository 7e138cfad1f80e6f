"""The responsable's bilans in a real browser, typed and clicked like a person, on the French
demo: the annual bilan of the charter chosen in the print dialog and downloaded as a workbook
and as a PDF (French file names, read back), and a reversed period refused in French. A
failing test leaves a screenshot in .run/screenshots/."""
import io
import subprocess

import openpyxl

from .conftest import browser_login
from .test_browser_journeys import _pick, _type


def _open_print_dialog(page):
    # the responsable lands on "Mon travail" (its tiles), in the application's menu; the
    # menu is clicked once the landing page has loaded, as a person would
    page.locator('.o_kanban_view .o_kanban_record').first.wait_for()
    page.click('.o_sub_menu a[data-menu-xmlid="asr_reporting.asr_bilan_menu"]')
    dialog = page.locator('.modal:visible').last
    dialog.locator('.o_field_widget[name="kind"]').wait_for()
    return dialog


def test_responsable_prints_the_annual_bilan_of_the_charter(browser, demo_server):
    call = demo_server.call
    charter = call('admin', 'asr.charter', 'search_read', [('state', '=', 'in_force')],
                   ['name'], order='id')[0]
    people = call('admin', 'asr.beneficiary', 'search_read', [], ['last_name'])
    page = browser_login(browser, demo_server, 'responsable')
    page.wait_for_selector('.o_sub_menu')
    dialog = _open_print_dialog(page)
    dialog.locator('label:has-text("Charte (bilan annuel)")').click()
    _pick(page, '.modal:visible', 'charter_id', charter['name'][:25])
    _type(dialog.locator('.o_field_widget[name="year"]'), '2025')
    with page.expect_download(timeout=180000) as download:
        dialog.locator('.modal-footer button', has_text='Classeur (xlsx)').click()
    workbook = download.value
    assert workbook.suggested_filename == 'bilan_charte_2025.xlsx'
    with open(workbook.path(), 'rb') as handle:
        book = openpyxl.load_workbook(io.BytesIO(handle.read()))
    assert book.sheetnames[0] == 'Synthèse'
    assert "Heures par mois face à l'objectif"[:31] in book.sheetnames

    with page.expect_download(timeout=180000) as download:
        dialog.locator('.modal-footer button', has_text='Imprimer (PDF)').click()
    pdf = download.value
    assert pdf.suggested_filename == 'bilan_charte_2025.pdf'
    text = ' '.join(subprocess.check_output(['pdftotext', pdf.path(), '-']).decode().split())
    assert 'Bilan annuel de la charte 2025' in text
    assert 'Indicateurs de la charte (article 3)' in text
    for person in people:
        assert person['last_name'] not in text
    page.close()


def test_a_reversed_period_is_refused_in_french(browser, demo_server):
    call = demo_server.call
    clause = call('admin', 'asr.clause', 'search_read',
                  [('clause_type', '=', 'insertion'), ('state', '=', 'execution')],
                  ['code', 'lot_id'], order='id')[0]
    page = browser_login(browser, demo_server, 'responsable')
    page.wait_for_selector('.o_sub_menu')
    dialog = _open_print_dialog(page)
    _pick(page, '.modal:visible', 'clause_id', clause['code'],
          clause['lot_id'][1].split(' : ')[-1][:20])
    _type(dialog.locator('.o_field_widget[name="date_from"] input'), '31/12/2025')
    _type(dialog.locator('.o_field_widget[name="date_to"] input'), '01/01/2025')
    dialog.locator('.modal-footer button', has_text='Imprimer (PDF)').click()
    error = page.locator('.modal:visible', has_text='avant de commencer').last
    error.wait_for()
    assert 'La période du bilan se termine (01/01/2025) avant de commencer (31/12/2025)' \
        in error.inner_text()
    page.close()
