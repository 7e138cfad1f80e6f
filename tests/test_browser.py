"""Real browser (Debian's chromium driven by Playwright): portal and backend."""
from .conftest import browser_login


def test_facilitator_sees_own_charter_in_portal(browser, odoo_server):
    page = browser_login(browser, odoo_server, 'test_facilitator')
    page.goto(odoo_server.url + '/my')
    entry = page.locator('.o_asr_portal_charters')
    assert 'Chartes' in entry.inner_text()
    entry.locator('a').click()
    page.wait_for_selector('table.o_asr_charters')
    table = page.inner_text('table.o_asr_charters')
    assert 'Charte ASR de test' in table
    assert "Charte d'un autre territoire" not in table
    assert '11/12/2019' in table
    page.click('text=Charte ASR de test')
    page.wait_for_selector('.o_asr_charter')
    body = page.inner_text('.o_asr_charter')
    assert 'CT2019.5/116-2' in body
    assert 'PCI (test)' in body
    assert 'Territoire test' in page.inner_text('table.o_asr_members')
    # another charter's page is refused: back to /my
    page.goto(odoo_server.url + '/my/asr/charters/%s' % odoo_server.ids['other_charter'])
    assert page.url.rstrip('/').endswith('/my') or '/my/home' in page.url
    page.close()


def test_buyer_opens_charter_form_in_backend(browser, odoo_server):
    page = browser_login(browser, odoo_server, 'test_buyer')
    # Odoo 11 Community's top bar; the buyer opens the app through its top menu
    page.wait_for_selector('#oe_main_menu_navbar')
    page.click('#oe_main_menu_navbar >> text=Achats responsables')
    # the application opens on the user's work ("Mon travail"); the charters in the left bar
    page.wait_for_selector('.o_kanban_view')
    page.click('.o_sub_menu >> text="Chartes"')
    page.wait_for_selector('.o_list_view')
    assert 'Chartes' in page.inner_text('.o_control_panel .breadcrumb')
    page.click('.o_list_view >> text=Charte ASR de test')
    page.wait_for_selector('.o_form_view .oe_title')
    form = page.inner_text('.o_form_view')
    assert 'Charte ASR de test' in form
    assert 'CT2019.5/116-2' in form
    assert '11/12/2019' in form
    assert 'En vigueur' in page.inner_text('.o_statusbar_status')
    assert 'Signataires et partenaires' in form
    assert 'PCI (test)' in form
    # a buyer reads the charter but has no button to change its state
    assert page.locator('button[name="action_close"]').count() == 0
    page.close()


def test_manager_reads_the_access_log_in_french(browser, odoo_server):
    """A facilitator's reading of people on the portal reaches the access log; the manager
    finds it from the menu, in French, with references and never names."""
    from .conftest import login_session
    odoo_server.call('admin', 'asr.beneficiary', 'create', {
        'charter_id': odoo_server.ids['charter'], 'last_name': 'Journal',
        'first_name': 'Navigateur', 'birth_date': '1994-04-04'})
    session = login_session(odoo_server, 'test_facilitator')
    assert session.get(odoo_server.url + '/my/asr/beneficiaries', timeout=60).ok
    page = browser_login(browser, odoo_server, 'test_manager')
    page.wait_for_selector('#oe_main_menu_navbar')
    page.click('#oe_main_menu_navbar >> text=Achats responsables')
    page.wait_for_selector('.o_kanban_view')  # "Mon travail"
    # Odoo 11 Community: the application's menus in the left bar, under "Configuration"
    page.click('.o_sub_menu >> text=Journal des accès aux données personnelles')
    page.wait_for_selector('.o_list_view >> text=Portail')
    table = page.inner_text('.o_list_view')
    for word in ('Utilisateur', 'Opération', 'Canal', 'Lecture', 'Portail'):
        assert word in table, word
    page.click('.o_list_view tbody >> text=Portail')
    page.wait_for_selector('.o_form_view')
    form = page.inner_text('.o_form_view')
    assert 'Personnes (références)' in form
    assert 'B-' in form
    assert 'JOURNAL' not in form and 'Navigateur' not in form
    page.close()
