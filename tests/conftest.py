"""Fixtures of the cross-module tests: a real Odoo server on a copy of the template database.

The server runs in its own process (as in production), on a free local port, against a database
copied from the test template, seeded through XML-RPC by these fixtures.
"""
import os
import socket
import subprocess
import sys
import time
import xmlrpc.client

import pytest
import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONF = os.environ.get('ASR_ODOO_CONF', os.path.join(ROOT, '.run', 'odoo.conf'))
TEMPLATE = os.environ.get('ASR_TEST_TEMPLATE', 'asr_test_tpl')
HTTP_DB = os.environ.get('ASR_TEST_HTTP_DB', 'asr_test_http')
# the French demo (scripts/test.sh builds it as `make demo` does); its users' password is
# their login
DEMO_TEMPLATE = os.environ.get('ASR_TEST_DEMO_TEMPLATE', 'asr_test_demo_tpl')
DEMO_DB = os.environ.get('ASR_TEST_DEMO_DB', HTTP_DB + '_demo')
SCREENSHOTS = os.path.join(ROOT, '.run', 'screenshots')
PASSWORDS = {'admin': 'admin', 'test_buyer': 'buyer-pw-1', 'test_finance': 'finance-pw-1',
             'test_facilitator': 'facil-pw-1', 'test_other_facilitator': 'other-pw-1',
             'test_staff': 'staff-pw-1', 'test_manager': 'manager-pw-1',
             'test_internal': 'internal-pw-1', 'test_portal': 'portal-pw-1'}


def _free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


class OdooServer(object):
    """A started Odoo server, with an XML-RPC helper and the log it wrote."""

    def __init__(self, port, log_path, db=HTTP_DB, passwords=None):
        self.port = port
        self.url = 'http://127.0.0.1:%s' % port
        self.log_path = log_path
        self.db = db
        self.passwords = passwords if passwords is not None else PASSWORDS
        self.first_response = None
        self.log_after_first_request = ''
        self.ids = {}
        self._uids = {}

    def log(self):
        if not os.path.exists(self.log_path):
            return ''  # the server has not opened its log yet
        with open(self.log_path, encoding='utf-8', errors='replace') as fh:
            return fh.read()

    def uid(self, login):
        if login not in self._uids:
            common = xmlrpc.client.ServerProxy(self.url + '/xmlrpc/2/common')
            self._uids[login] = common.authenticate(self.db, login, self.password(login), {})
        return self._uids[login]

    def call(self, login, model, method, *args, **kwargs):
        uid = self.uid(login)
        models = xmlrpc.client.ServerProxy(self.url + '/xmlrpc/2/object', allow_none=True)
        return models.execute_kw(self.db, uid, self.password(login), model, method,
                                 list(args), kwargs)

    def password(self, login):
        """The seeded users' passwords; on the demo, a user's password is their login."""
        return self.passwords.get(login, login)


def _seed(server):
    """Users of each role and two charters, created as admin through XML-RPC."""
    call = server.call
    groups = {}
    for xmlid in ('group_asr_buyer', 'group_asr_finance', 'group_asr_facilitator',
                  'group_asr_manager'):
        groups[xmlid] = call('admin', 'ir.model.data', 'xmlid_to_res_id',
                             'asr_charter.' + xmlid)
    for xmlid in ('base.group_user', 'base.group_portal'):
        groups[xmlid] = call('admin', 'ir.model.data', 'xmlid_to_res_id', xmlid)
    groups['group_asr_personal_data'] = call('admin', 'ir.model.data', 'xmlid_to_res_id',
                                             'asr_beneficiaries.group_asr_personal_data')
    pci = call('admin', 'res.partner', 'create', {'name': 'PCI (test)', 'is_company': True})
    other = call('admin', 'res.partner', 'create',
                 {'name': 'Autre facilitateur (test)', 'is_company': True})
    territory = call('admin', 'res.partner', 'create',
                     {'name': 'Territoire test', 'is_company': True})

    def user(login, name, group, parent=None):
        # real users have an e-mail address: the chatter signs their messages with it
        partner = call('admin', 'res.partner', 'create', {
            'name': name, 'parent_id': parent, 'email': '%s@example.org' % login})
        return call('admin', 'res.users', 'create', {
            'login': login, 'password': PASSWORDS[login], 'partner_id': partner,
            'lang': 'fr_FR', 'groups_id': [(6, 0, [groups[group]])]})

    server.ids['buyer'] = user('test_buyer', 'Alice Acheteuse', 'group_asr_buyer')
    server.ids['finance'] = user('test_finance', 'Fabrice Finance', 'group_asr_finance')
    server.ids['facilitator'] = user('test_facilitator', 'Nina Facilitatrice',
                                     'group_asr_facilitator', pci)
    server.ids['other_facilitator'] = user('test_other_facilitator', 'Omar Autre',
                                           'group_asr_facilitator', other)
    server.ids['staff'] = user('test_staff', 'Inès Suivi', 'group_asr_personal_data', pci)
    server.ids['manager'] = user('test_manager', 'Marc Responsable', 'group_asr_manager')
    server.ids['internal'] = user('test_internal', 'Iris Interne', 'base.group_user')
    customer = call('admin', 'res.partner', 'create',
                    {'name': 'Client portail (test)', 'is_company': True})
    server.ids['portal'] = user('test_portal', 'Paul Client', 'base.group_portal', customer)

    def charter(name, facilitator):
        charter_id = call('admin', 'asr.charter', 'create', {
            'name': name, 'territory_id': territory, 'act_number': 'CT2019.5/116-2',
            'act_date': '2019-12-11',
            'member_ids': [
                (0, 0, {'partner_id': territory, 'role': 'public_buyer',
                        'membership': 'signatory', 'date_join': '2019-12-11'}),
                (0, 0, {'partner_id': facilitator, 'role': 'facilitator',
                        'membership': 'signatory', 'date_join': '2019-12-11'}),
            ]})
        call('admin', 'asr.charter', 'action_adopt', [charter_id])
        call('admin', 'asr.charter', 'action_put_in_force', [charter_id])
        return charter_id

    server.ids['charter'] = charter('Charte ASR de test', pci)
    server.ids['other_charter'] = charter('Charte d\'un autre territoire', other)

    def examined_market(name, charter_id):
        market = call('admin', 'asr.market', 'create', {
            'name': name, 'charter_id': charter_id, 'buyer_entity_id': territory,
            'nature': 'works', 'amount_estimated': 900000.0,
            'consultation_date': '2026-03-02', 'duration_months': 18,
            'lot_ids': [(0, 0, {'number': 1, 'name': 'Gros œuvre', 'labour_share': 40.0,
                                'amount_estimated': 900000.0})]})
        lot = call('admin', 'asr.market', 'read', [market], fields=['lot_ids'])[0]['lot_ids'][0]
        call('admin', 'asr.clause', 'create', {'clause_type': 'insertion', 'lot_id': lot})
        call('admin', 'asr.market', 'action_examined', [market])
        return market

    server.ids['market'] = examined_market('Construction de la médiathèque (test)',
                                           server.ids['charter'])
    server.ids['market_ui'] = examined_market('Voirie du quartier des Bleuets (test)',
                                              server.ids['charter'])
    server.ids['other_market'] = examined_market('Marché d\'un autre territoire (test)',
                                                 server.ids['other_charter'])


def _serve(tmp_path_factory, template, database, passwords, seed=None):
    """An Odoo server in its own process on a fresh copy of ``template`` named
    ``database``, dropped afterwards."""
    env = dict(os.environ)
    subprocess.run(['dropdb', '--if-exists', database], check=True, env=env)
    subprocess.run(['createdb', '-T', template, database], check=True, env=env)
    port = _free_port()
    log_path = str(tmp_path_factory.mktemp('odoo') / 'server.log')
    env['PATH'] = os.path.join(ROOT, 'node_modules', '.bin') + os.pathsep + env['PATH']
    cmd = [sys.executable, os.path.join(ROOT, 'scripts', 'odoo-bin'), '-c', CONF,
           '-d', database, '--db-filter=^%s$' % database, '--http-port=%s' % port,
           '--http-interface=127.0.0.1', '--workers=0', '--max-cron-threads=0',
           '--log-level=info', '--logfile=%s' % log_path]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT)
    server = OdooServer(port, log_path, db=database, passwords=passwords)
    try:
        deadline = time.time() + 180
        while True:
            if proc.poll() is not None:
                raise RuntimeError('Odoo exited (%s):\n%s' % (proc.returncode, server.log()))
            # Odoo listens before it has preloaded the database's registry; a request during
            # that preload imports every addon in parallel with it, which can break the load
            # (seen as "Model 'account.bank.statement.line' does not exist in registry"):
            # wait for the preload to end, as a reverse proxy's health check would.
            if 'Modules loaded.' in server.log():
                socket.create_connection(('127.0.0.1', port), timeout=1).close()
                break
            if 'Failed to load registry' in server.log():
                raise RuntimeError('Odoo could not load the database:\n' + server.log())
            if time.time() > deadline:
                raise RuntimeError('Odoo did not load in time:\n' + server.log())
            time.sleep(0.5)
        # the very first request: Odoo imports every installable addon of the path here
        server.first_response = requests.get(server.url + '/web/login', timeout=120)
        server.log_after_first_request = server.log()
        if seed:
            seed(server)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        subprocess.run(['dropdb', '--if-exists', database], env=env)


@pytest.fixture(scope='session')
def odoo_server(tmp_path_factory):
    """The server of the cross-module tests, on the template without demo, seeded."""
    yield from _serve(tmp_path_factory, TEMPLATE, HTTP_DB, PASSWORDS, seed=_seed)


@pytest.fixture(scope='session')
def demo_server(tmp_path_factory):
    """A server on a copy of the French demo, as `make demo` builds it, nothing added: the
    browser journeys start where a new user starts (logins acheteur, responsable, finance,
    facilitateur, suivi; password = login)."""
    yield from _serve(tmp_path_factory, DEMO_TEMPLATE, DEMO_DB, {'admin': 'admin'})


def login_session(server, login):
    """A requests session logged in through the real /web/login form."""
    session = requests.Session()
    page = session.get(server.url + '/web/login', timeout=60).text
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    resp = session.post(server.url + '/web/login', data={
        'login': login, 'password': server.password(login), 'csrf_token': token,
        'redirect': ''}, timeout=120)
    resp.raise_for_status()
    return session


def portal_pages(session, server, url, limit=50):
    """The text of every page of a paginated portal list (``url``, then ``url/page/N``) as
    the session's user sees them: the whole suite's records share the facilitator's lists."""
    texts = []
    for number in range(1, limit + 1):
        page_url = server.url + (url if number == 1 else '%s/page/%s' % (url, number))
        text = session.get(page_url, timeout=60).text
        texts.append(text)
        if 'href="%s/page/%s"' % (url, number + 1) not in text:
            break
    return '\n'.join(texts)


# the browser pages a test opened (browser_login): photographed when the test fails
OPEN_PAGES = []


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, 'asr_report_' + report.when, report)


@pytest.fixture(autouse=True)
def _screenshot_on_failure(request):
    """A failed browser test leaves a screenshot of each page it still had open in
    .run/screenshots/<test>-<n>.png (and says so in the test's output)."""
    del OPEN_PAGES[:]
    yield
    report = getattr(request.node, 'asr_report_call', None)
    if report is not None and report.failed:
        os.makedirs(SCREENSHOTS, exist_ok=True)
        for number, page in enumerate(OPEN_PAGES, 1):
            if page.is_closed():
                continue
            path = os.path.join(SCREENSHOTS, '%s-%s.png' % (request.node.name, number))
            try:
                page.screenshot(path=path, full_page=True)
                print('screenshot of %s: %s' % (page.url, path))
            except Exception as err:  # the page may have crashed with the test
                print('no screenshot of %s: %s' % (page.url, err))
    del OPEN_PAGES[:]


@pytest.fixture(scope='session')
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path='/usr/bin/chromium',
            # ASR_HEADED=1 shows the browser (a display is needed), ASR_SLOW_MO=300 slows
            # each action down by that many milliseconds to watch it
            headless=os.environ.get('ASR_HEADED') != '1',
            slow_mo=int(os.environ.get('ASR_SLOW_MO', '0')),
            args=['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                  '--disable-background-networking', '--disable-component-update',
                  '--disable-sync'])
        yield chromium
        chromium.close()


def browser_login(browser, server, login):
    page = browser.new_page(locale='fr-FR', accept_downloads=True)
    OPEN_PAGES.append(page)
    page.set_default_timeout(60000)
    page.goto(server.url + '/web/login')
    page.fill('input[name="login"]', login)
    page.fill('input[name="password"]', server.password(login))
    # the backend keeps a long-polling request open: wait for the page load, never 'networkidle'
    with page.expect_navigation():
        page.click('button[type="submit"]')
    page.wait_for_load_state('load')
    assert '/web/login' not in page.url, 'login refused for %s' % login
    return page
