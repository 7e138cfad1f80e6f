"""Load test over HTTP: N concurrent users on the portal and the back office (issue 10).

Starts its own Odoo server with the production profile (deploy/odoo.prod.conf rendered into
.run/odoo.prod.conf) on a free local port, with ``--workers W`` for each W of ``--workers``,
against ``--database``; waits until it answers, warms it up, runs ``--clients`` concurrent
clients for ``--duration`` seconds, stops it, and prints a table per worker count: per page,
requests, median, p95, max (ms) and errors; total throughput (requests/s).

    .venv/bin/python bench/load.py --database asr_region [--workers 1,2,4] [--clients 20]
                                   [--duration 60]

Clients are threads of this process, on the same machine as the server (they share its CPUs:
the output says so), each logged in as a different session, in a closed loop (next request as
soon as the answer is read, ``--think`` seconds apart), each cycling over its own pages from a
random start:

* portal facilitators ``bench_facNN`` (one per client, cycling over those that exist): /my/home
  and every GET page under /my/asr/ found in addons/*/controllers/portal.py, page 1; detail
  pages (``<int:...>`` routes) with an id taken from the links of the list pages of that user;
* back-office users (``bench_buyer``, ``bench_staff``, ``bench_admin`` in turn; a share of
  ``--backoffice-share`` of the clients): the web client's JSON routes, as it calls them:
  /web/session/authenticate, then for each list (clauses, insertion clauses, markets, hour
  entries, people, monthly reports) /web/dataset/search_read with the list view's fields, the
  action's domain and default filters, limit 80 (the route counts the rows when the page is
  full); and a clause form: /web/dataset/call_kw read of the form's fields, then the reads of
  its one2many lists (at most 40 rows, as the web client) and of its chatter messages.
  Pages a user may not read (access error) are dropped for that user at discovery.

The server runs the production profile's HTTP settings, with these changes for the bench:
``--max-cron-threads 0`` (scheduled jobs would write to the measured database), the port,
the database, ``--logfile`` under /tmp. PostgreSQL: the session-level settings of
deploy/postgresql.conf (work_mem, random_page_cost, effective_cache_size, jit, ...) are given
to the server's connections through PGOPTIONS (``--no-pg-session`` to measure the cluster as
configured); settings that need a restart (shared_buffers, max_connections) are those of the
running cluster, printed at the start.

Side effects on the database: logins (res_users_log), the access log of the people read, the
sessions in data_dir/sessions. Never part of the test suite.
"""
import argparse
import collections
import configparser
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import psycopg2
import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROD_TEMPLATE = os.path.join(ROOT, 'deploy', 'odoo.prod.conf')
PROD_CONF = os.path.join(ROOT, '.run', 'odoo.prod.conf')
PG_PROFILE = os.path.join(ROOT, 'deploy', 'postgresql.conf')
PORTAL_CONTROLLERS = [os.path.join(ROOT, 'addons', addon, 'controllers', 'portal.py')
                      for addon in sorted(os.listdir(os.path.join(ROOT, 'addons')))]
# the back office's lists: (label, window action); the label names the page in the tables
BACKOFFICE_LISTS = [
    ('clauses', 'asr_clauses.asr_clause_action'),
    ('insertion clauses', 'asr_reporting.asr_clause_hours_action'),
    ('markets', 'asr_clauses.asr_market_action'),
    ('hour entries', 'asr_beneficiaries.asr_hour_entry_action'),
    ('people', 'asr_beneficiaries.asr_beneficiary_action'),
    ('monthly reports', 'asr_beneficiaries.asr_monthly_report_action'),
]
CLAUSE_FORM_ACTION = 'asr_clauses.asr_clause_action'
LIST_LIMIT = 80       # rows of a list view in the web client
X2MANY_LIMIT = 40     # rows of a one2many list in a form (web client's default)
CHATTER_LIMIT = 30    # messages the chatter formats when a form opens
BACKOFFICE_LOGINS = ('bench_buyer', 'bench_staff', 'bench_admin')


def log(text=''):
    print(text, flush=True)


# -- statistics ---------------------------------------------------------------------------
def percentile(values, pct):
    """Nearest-rank percentile of a list (0 < pct <= 100)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, int(round(pct / 100.0 * len(ordered) + 0.4999)))
    return ordered[min(rank, len(ordered)) - 1]


def median(values):
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2.0


def ms(seconds):
    return '-' if seconds is None else '%.0f' % (seconds * 1000.0)


# -- configuration ------------------------------------------------------------------------
def render_prod_conf():
    """deploy/odoo.prod.conf rendered as `make prod-conf` does; returns its options."""
    subprocess.run([sys.executable, os.path.join(ROOT, 'scripts', 'render_conf.py'),
                    PROD_TEMPLATE, PROD_CONF], check=True)
    conf = configparser.ConfigParser(interpolation=None)
    conf.read(PROD_CONF)
    return dict(conf['options'])


def db_connect(options, database):
    return psycopg2.connect(
        dbname=database, host=options.get('db_host') or None,
        port=options.get('db_port') or None, user=options.get('db_user') or None,
        password=options.get('db_password') or None)


def read_pg_profile(path=PG_PROFILE):
    """{name: value} of the settings in deploy/postgresql.conf (quotes removed)."""
    settings = {}
    if not os.path.exists(path):
        return settings
    with open(path) as fh:
        for line in fh:
            line = line.split('#', 1)[0].strip()
            if '=' in line:
                name, value = (part.strip() for part in line.split('=', 1))
                settings[name] = value.strip("'")
    return settings


def pg_session_options(options, database, enabled=True):
    """(PGOPTIONS string, {name: value} applied per session, {name: (cluster, profile)} of
    the profile's settings a session cannot set)."""
    profile = read_pg_profile()
    conn = db_connect(options, database)
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT name, setting, unit, context FROM pg_settings")
            known = {row[0]: row[1:] for row in cr.fetchall()}
            cr.execute("SHOW shared_buffers")
            shared_buffers = cr.fetchone()[0]
            cr.execute("SHOW max_connections")
            max_connections = cr.fetchone()[0]
    finally:
        conn.close()
    applied, cluster_only = {}, {}
    for name, value in profile.items():
        if name not in known:
            continue
        if known[name][2] == 'user' and enabled:
            applied[name] = value
        elif known[name][2] != 'user':
            cluster_only[name] = value
    pgoptions = ' '.join('-c %s=%s' % (name, value.replace(' ', ''))
                         for name, value in sorted(applied.items()))
    return pgoptions, applied, cluster_only, {'shared_buffers': shared_buffers,
                                              'max_connections': max_connections}


def describe_pg(applied, cluster_only, cluster):
    if applied:
        log('[pg] per session (PGOPTIONS) from deploy/postgresql.conf: %s'
            % ', '.join('%s=%s' % item for item in sorted(applied.items())))
    else:
        log('[pg] no per-session setting: the cluster as configured')
    log('[pg] cluster as running: shared_buffers=%s, max_connections=%s (production profile: '
        'shared_buffers=%s, max_connections=%s; these need a restart and are not applied here)'
        % (cluster['shared_buffers'], cluster['max_connections'],
           cluster_only.get('shared_buffers', '-'), cluster_only.get('max_connections', '-')))


def free_port(preferred):
    """``preferred`` and ``preferred + 1`` (longpolling) if both are free, else two free
    ports."""
    def is_free(port):
        with socket.socket() as sock:
            try:
                sock.bind(('127.0.0.1', port))
            except OSError:
                return False
        return True
    port = preferred
    while not (is_free(port) and is_free(port + 1)):
        port += 2
        if port > preferred + 200:
            raise SystemExit('no free port near %s' % preferred)
    return port


# -- the server ---------------------------------------------------------------------------
class OdooServer(object):
    """Odoo in prefork mode with the production profile, in its own process group."""

    def __init__(self, database, workers, port, pgoptions='', extra=()):
        self.database = database
        self.workers = workers
        self.port = port
        self.url = 'http://127.0.0.1:%s' % port
        self.pgoptions = pgoptions
        self.extra = list(extra)
        self.logfile = os.path.join(tempfile.gettempdir(),
                                    'asr-bench-%s-w%s-%s.log' % (database, workers, port))
        self.proc = None

    def log_text(self):
        try:
            with open(self.logfile, errors='replace') as fh:
                return fh.read()
        except OSError:
            return ''

    def start(self, timeout=600):
        if os.path.exists(self.logfile):
            os.unlink(self.logfile)
        env = dict(os.environ)
        env['PATH'] = os.path.join(ROOT, 'node_modules', '.bin') + os.pathsep + env['PATH']
        if self.pgoptions:
            env['PGOPTIONS'] = (env.get('PGOPTIONS', '') + ' ' + self.pgoptions).strip()
        cmd = [sys.executable, os.path.join(ROOT, 'scripts', 'odoo-bin'), '-c', PROD_CONF,
               '-d', self.database, '--db-filter=^%s$' % self.database,
               '--http-interface=127.0.0.1', '--http-port=%s' % self.port,
               '--longpolling-port=%s' % (self.port + 1), '--workers=%s' % self.workers,
               '--max-cron-threads=0', '--logfile=%s' % self.logfile] + self.extra
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        started = time.time()
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError('Odoo exited (%s):\n%s' % (self.proc.returncode,
                                                              self.log_text()[-4000:]))
            text = self.log_text()
            if 'Failed to load registry' in text or 'Traceback' in text:
                self.stop()
                raise RuntimeError('Odoo could not load %s:\n%s' % (self.database,
                                                                    text[-4000:]))
            if 'Modules loaded.' in text:
                try:
                    resp = requests.get(self.url + '/web/login', timeout=120)
                    if resp.status_code == 200:
                        break
                except requests.RequestException:
                    pass
            if time.time() - started > timeout:
                self.stop()
                raise RuntimeError('Odoo did not answer in %s s:\n%s' % (timeout, text[-4000:]))
            time.sleep(0.5)
        return time.time() - started

    def children(self):
        """Pids of the processes of the server's group (master, workers, gevent)."""
        pids = []
        for name in os.listdir('/proc'):
            if name.isdigit():
                try:
                    with open('/proc/%s/stat' % name) as fh:
                        fields = fh.read().rsplit(')', 1)[1].split()
                except OSError:
                    continue
                if int(fields[2]) == self.proc.pid:  # process group id
                    pids.append(int(name))
        return pids

    def memory(self):
        """[(pid, role, VmRSS MiB, VmSize MiB)] of the server's processes."""
        rows = []
        for pid in self.children():
            status = {}
            try:
                with open('/proc/%s/status' % pid) as fh:
                    for line in fh:
                        key, _sep, value = line.partition(':')
                        status[key] = value.strip()
                with open('/proc/%s/cmdline' % pid) as fh:
                    cmdline = fh.read().split('\0')
            except OSError:
                continue
            role = 'master' if pid == self.proc.pid else (
                'gevent' if 'gevent' in cmdline else 'worker')
            rows.append((pid, role, int(status.get('VmRSS', '0 kB').split()[0]) / 1024.0,
                         int(status.get('VmSize', '0 kB').split()[0]) / 1024.0))
        return rows

    def stop(self):
        if not self.proc or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)  # our own group, by its id
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)
        except ProcessLookupError:
            pass


# -- HTTP clients -------------------------------------------------------------------------
class RpcError(Exception):
    pass


class Session(object):
    """One user's HTTP session (cookie), with the web client's JSON-RPC calls."""

    def __init__(self, url, database, login, password=None, timeout=300):
        self.url = url
        self.database = database
        self.login = login
        self.password = password or login
        self.http = requests.Session()
        self.timeout = timeout
        self.context = {}
        self.uid = None
        self._id = 0

    def json(self, route, params):
        self._id += 1
        resp = self.http.post(self.url + route, timeout=self.timeout, json={
            'jsonrpc': '2.0', 'method': 'call', 'params': params, 'id': self._id})
        if resp.status_code != 200:
            raise RpcError('HTTP %s on %s' % (resp.status_code, route))
        body = resp.json()
        if body.get('error'):
            data = body['error'].get('data') or {}
            raise RpcError('%s: %s' % (data.get('name') or body['error'].get('message'),
                                       (data.get('message') or '')[:300]))
        return body.get('result')

    def authenticate(self):
        result = self.json('/web/session/authenticate', {
            'db': self.database, 'login': self.login, 'password': self.password})
        if not result or not result.get('uid'):
            raise RpcError('login refused for %s' % self.login)
        self.uid = result['uid']
        self.context = result.get('user_context') or {}
        return result

    def call_kw(self, model, method, args, kwargs=None):
        kwargs = dict(kwargs or {})
        kwargs.setdefault('context', self.context)
        return self.json('/web/dataset/call_kw/%s/%s' % (model, method), {
            'model': model, 'method': method, 'args': args, 'kwargs': kwargs})

    def search_read(self, model, fields, domain, context=None, limit=LIST_LIMIT):
        return self.json('/web/dataset/search_read', {
            'model': model, 'fields': fields, 'domain': domain, 'offset': 0, 'limit': limit,
            'sort': '', 'context': dict(self.context, **(context or {}))})

    def get(self, path):
        """A portal page: 200 expected; a redirect (e.g. to /my or /web/login) is an
        error."""
        resp = self.http.get(self.url + path, timeout=self.timeout, allow_redirects=False)
        if resp.status_code != 200:
            raise RpcError('HTTP %s on %s%s' % (
                resp.status_code, path,
                ' -> %s' % resp.headers.get('Location') if resp.is_redirect else ''))
        return resp.text


# -- discovery: the portal ----------------------------------------------------------------
ROUTE_RE = re.compile(r"@http\.route\(\s*\[?([^\]\)]*)\]?(.*?)\)\s*\n\s*def ", re.S)


def portal_routes(files=PORTAL_CONTROLLERS):
    """GET routes under /my/asr (first path of each route without /page/<int:page>):
    (list routes, detail routes with <int:...> parameters)."""
    lists, details = [], []
    for path in files:
        if not os.path.exists(path):
            continue
        with open(path) as fh:
            source = fh.read()
        for paths, options in ROUTE_RE.findall(source):
            if 'POST' in options:
                continue
            for route in re.findall(r"'([^']+)'", paths):
                if not route.startswith('/my/asr') or '<int:page>' in route:
                    continue
                (details if '<' in route else lists).append(route)
                break
    return lists, details


def detail_regex(route):
    """A regex of the links to ``route`` in a page (its <int:...> parts as numbers)."""
    pattern = r'\d+'.join(re.escape(part) for part in re.split(r'<int:\w+>', route))
    return re.compile(r'href="(%s)(?=["?#])' % pattern)


def discover_portal(session, log_missing=None):
    """The pages of a facilitator: /my/home, the list routes, one detail page per detail
    route (ids from the links of the pages already fetched, two levels deep)."""
    lists, details = portal_routes()
    pages, seen_html = [], []
    for route in ['/my/home'] + lists:
        try:
            seen_html.append(session.get(route))
            pages.append(('portal ' + route, route))
        except (RpcError, requests.RequestException) as err:
            if log_missing:
                log_missing('%s: %s dropped (%s)' % (session.login, route, err))
    remaining = list(details)
    opened = {}  # detail route: its url
    for _depth in range(3):
        found_any = False
        for route in list(remaining):
            urls = []
            for html in seen_html:
                urls += detail_regex(route).findall(html)
            if not urls:
                # a sub-page not linked (e.g. "all the committees", linked only beyond a
                # few): its parent's url, which gives the ids, plus the rest of the route
                urls = [opened[parent] + route[len(parent):] for parent in opened
                        if route.startswith(parent + '/') and '<' not in route[len(parent):]]
            if urls:
                url = sorted(set(urls), key=urls.index)[0]
                try:
                    seen_html.append(session.get(url))
                    pages.append(('portal ' + route, url))
                    opened[route] = url
                except (RpcError, requests.RequestException) as err:
                    if log_missing:
                        log_missing('%s: %s dropped (%s)' % (session.login, url, err))
                remaining.remove(route)
                found_any = True
        if not found_any:
            break
    if remaining and log_missing:
        log_missing('%s: no link found for %s' % (session.login, ', '.join(remaining)))
    return pages


# -- discovery: the back office -----------------------------------------------------------
def _eval(expr, context, uid):
    from odoo.tools.safe_eval import safe_eval
    import datetime
    from dateutil.relativedelta import relativedelta
    today = datetime.date.today()
    scope = {'uid': uid, 'context': context, 'time': time, 'datetime': datetime,
             'relativedelta': relativedelta, 'current_date': today.strftime('%Y-%m-%d'),
             'context_today': lambda: today}
    if not expr:
        return None
    if not isinstance(expr, str):
        return expr
    return safe_eval(expr, scope)


def action_list(session, xmlid):
    """What the web client asks when it opens a window action's list: (model, fields,
    domain, context) with the default filters of its search view applied."""
    from lxml import etree
    action = session.json('/web/action/load', {'action_id': xmlid})
    if not action:
        raise RpcError('action %s not found' % xmlid)
    context = dict(session.context)
    context.update(_eval(action.get('context'), context, session.uid) or {})
    domain = list(_eval(action.get('domain'), context, session.uid) or [])
    views = [[vid, 'list' if vtype == 'tree' else vtype] for vid, vtype in action['views']]
    list_view = [v for v in views if v[1] == 'list'] or [[False, 'list']]
    search_view = [(action.get('search_view_id') or [False])[0], 'search']
    form_view = [v for v in views if v[1] == 'form'] or [[False, 'form']]
    loaded = session.call_kw(action['res_model'], 'load_views', [], {
        'views': [list_view[0], form_view[0], search_view],
        'options': {'action_id': action['id'], 'load_filters': True, 'toolbar': True},
        'context': context})
    fviews = loaded['fields_views']
    search = etree.fromstring(fviews['search']['arch'].encode())
    for key, value in context.items():
        if key.startswith('search_default_') and value:
            name = key[len('search_default_'):]
            for node in search.iter('filter'):
                if node.get('name') == name and node.get('domain'):
                    domain += _eval(node.get('domain'), context, session.uid)
    fields = list(fviews['list']['fields'])
    return {'model': action['res_model'], 'fields': fields, 'domain': domain,
            'context': context, 'form': fviews['form']}


def form_plan(form_view):
    """From a form's fields_view_get: the fields read, and per one2many/many2many with a
    list subview, (comodel, its list fields, limit)."""
    from lxml import etree
    fields = list(form_view['fields'])
    x2many = {}
    for name, desc in form_view['fields'].items():
        sub = (desc.get('views') or {}).get('tree')
        if desc.get('type') in ('one2many', 'many2many') and sub:
            limit = int(etree.fromstring(sub['arch'].encode()).get('limit') or X2MANY_LIMIT)
            x2many[name] = (desc['relation'], list(sub['fields']), limit)
    return fields, x2many


class BackofficePage(object):
    def __init__(self, label, plan, record_ids=None):
        self.label = label
        self.plan = plan
        self.record_ids = record_ids or []
        self.turn = 0

    def run(self, session):
        """Requests of one page view; returns the number of HTTP requests made."""
        plan = self.plan
        if plan['kind'] == 'list':
            session.search_read(plan['model'], plan['fields'], plan['domain'],
                                plan['context'])
            return 1
        record_id = self.record_ids[self.turn % len(self.record_ids)]
        self.turn += 1
        # the web client reads a form with bin_size (binary fields as sizes)
        return open_form(session, plan['model'], record_id, plan['fields'], plan['x2many'],
                         dict(plan['context'], bin_size=True))


def open_form(session, model, record_id, fields, x2many, context):
    """The web client opening a record's form: read, one2many lists, chatter."""
    record = session.call_kw(model, 'read', [[record_id], fields], {'context': context})[0]
    calls = 1
    for name, (comodel, subfields, limit) in sorted(x2many.items()):
        ids = record.get(name) or []
        if ids:
            session.call_kw(comodel, 'read', [ids[:limit], subfields], {'context': context})
            calls += 1
    messages = record.get('message_ids') or []
    if messages:
        session.call_kw('mail.message', 'message_format', [messages[:CHATTER_LIMIT]],
                        {'context': context})
        calls += 1
    return calls


def discover_backoffice(session, log_missing=None):
    pages = []
    for label, xmlid in BACKOFFICE_LISTS:
        try:
            spec = action_list(session, xmlid)
            session.search_read(spec['model'], spec['fields'], spec['domain'], spec['context'])
        except (RpcError, requests.RequestException) as err:
            if log_missing:
                log_missing('%s: list %s dropped (%s)' % (session.login, label, err))
            continue
        pages.append(BackofficePage('list ' + label, dict(spec, kind='list')))
    try:
        spec = action_list(session, CLAUSE_FORM_ACTION)
        listed = session.search_read(spec['model'], ['id'],
                                     spec['domain'] + [('clause_type', '=', 'insertion')],
                                     spec['context'])
        ids = [row['id'] for row in listed['records']]
        fields, x2many = form_plan(spec['form'])
        if ids:
            page = BackofficePage('form asr.clause', {
                'kind': 'form', 'model': spec['model'], 'fields': fields, 'x2many': x2many,
                'context': spec['context']}, ids)
            page.run(session)
            pages.append(page)
    except (RpcError, requests.RequestException) as err:
        if log_missing:
            log_missing('%s: clause form dropped (%s)' % (session.login, err))
    return pages


# -- the load -----------------------------------------------------------------------------
def bench_logins(options, database):
    conn = db_connect(options, database)
    try:
        with conn.cursor() as cr:
            cr.execute("""SELECT login FROM res_users WHERE active AND login LIKE 'bench\\_%%'
                          ORDER BY login""")
            logins = [row[0] for row in cr.fetchall()]
    finally:
        conn.close()
    facilitators = [lg for lg in logins if re.match(r'bench_fac\d+$', lg)]
    backoffice = [lg for lg in BACKOFFICE_LOGINS if lg in logins]
    return facilitators, backoffice


def plan_clients(count, facilitators, backoffice, share):
    """[(kind, login)]: ``share`` of the clients on the back office (at least one when a
    back-office user exists), the others on the portal."""
    n_back = min(count, max(1 if backoffice else 0, int(round(count * share))))
    if not facilitators:
        n_back = count
    clients = []
    for index in range(count - n_back):
        clients.append(('portal', facilitators[index % len(facilitators)]))
    for index in range(n_back):
        clients.append(('backoffice', backoffice[index % len(backoffice)]))
    return clients


class Recorder(object):
    def __init__(self):
        self.lock = threading.Lock()
        self.times = collections.defaultdict(list)
        self.errors = collections.defaultdict(int)
        self.requests = 0
        self.samples = {}
        self.per_client = collections.Counter()
        self.recording = False

    def add(self, client, page, seconds, requests_made, error=None):
        if not self.recording:
            return
        with self.lock:
            self.per_client[client] += 1
            if error:
                self.errors[page] += 1
                self.samples.setdefault(page, error)
            else:
                self.times[page].append(seconds)
            self.requests += requests_made


def client_loop(index, session, pages, recorder, stop, think, rng):
    turn = rng.randrange(len(pages)) if pages else 0
    while not stop.is_set() and pages:
        label, target = pages[turn % len(pages)]
        turn += 1
        started = time.perf_counter()
        error, made = None, 1
        try:
            if isinstance(target, BackofficePage):
                made = target.run(session)
            else:
                session.get(target)
        except (RpcError, requests.RequestException, ValueError) as err:
            error = str(err)[:200]
        recorder.add(index, label, time.perf_counter() - started, made, error)
        if think:
            stop.wait(think)


def run_load(server, database, clients, discovered, duration, warmup, think, seed):
    """Log every client in, warm up, then measure ``duration`` seconds."""
    recorder = Recorder()
    stop = threading.Event()
    sessions = []
    for index, (kind, login) in enumerate(clients):
        session = Session(server.url, database, login)
        started = time.perf_counter()
        session.authenticate()
        sessions.append((session, discovered[login], time.perf_counter() - started))
    threads = []
    for index, (session, pages, _login_time) in enumerate(sessions):
        thread = threading.Thread(target=client_loop, name='client-%02d' % index, args=(
            index, session, pages, recorder, stop, think, random.Random(seed + index)))
        thread.daemon = True
        threads.append(thread)
    # started in a shuffled order: the first connections get the server's listen queue
    for thread in random.Random(seed).sample(threads, len(threads)):
        thread.start()
    time.sleep(warmup)
    recorder.recording = True
    started = time.perf_counter()
    time.sleep(duration)
    recorder.recording = False
    elapsed = time.perf_counter() - started
    memory = server.memory()
    stop.set()
    for thread in threads:
        thread.join(timeout=300)
    logins = [login_time for _s, _p, login_time in sessions]
    return recorder, elapsed, memory, logins


def print_table(workers, clients, recorder, elapsed, memory, logins):
    n_portal = sum(1 for kind, _l in clients if kind == 'portal')
    log()
    log('== workers=%s: %d clients (%d portal, %d back office), threads of one process on '
        'this same %d-CPU machine, closed loop; %.0f s measured; load average %.1f'
        % (workers, len(clients), n_portal, len(clients) - n_portal, os.cpu_count(), elapsed,
           os.getloadavg()[0]))
    log('%-46s %8s %8s %8s %8s %7s' % ('page', 'requests', 'median', 'p95', 'max', 'errors'))
    log('%-46s %8s %8s %8s %8s %7s' % ('', '', 'ms', 'ms', 'ms', ''))
    total_pages = total_errors = 0
    everything = []
    for page in sorted(set(recorder.times) | set(recorder.errors)):
        times = recorder.times.get(page, [])
        errors = recorder.errors.get(page, 0)
        total_pages += len(times) + errors
        total_errors += errors
        everything += times
        log('%-46s %8d %8s %8s %8s %7d' % (
            page[:46], len(times) + errors, ms(median(times)), ms(percentile(times, 95)),
            ms(max(times) if times else None), errors))
    log('%-46s %8d %8s %8s %8s %7d' % (
        'all pages', total_pages, ms(median(everything)), ms(percentile(everything, 95)),
        ms(max(everything) if everything else None), total_errors))
    log('throughput: %.1f pages/s, %.1f HTTP requests/s (a form opening is several requests); '
        'login (not measured above): median %s ms' % (
            total_pages / elapsed, recorder.requests / elapsed, ms(median(logins))))
    for page, sample in sorted(recorder.samples.items()):
        log('  first error on %s: %s' % (page, sample))
    starved = [clients[i][1] for i in range(len(clients)) if not recorder.per_client[i]]
    if starved:
        log('  %d clients completed no page in the measured window (%s): Odoo\'s prefork '
            'server listens with a queue of 8 x workers = %d connections; beyond it, a '
            'connection waits for TCP to retry (1, 3, 7, 15 s...), so some clients starve '
            'while others are served' % (len(starved), ', '.join(starved), 8 * workers))
    served = sorted(recorder.per_client[i] for i in range(len(clients)))
    log('pages per client: min %d, median %s, max %d' % (served[0], median(served),
                                                         served[-1]))
    workers_mem = [row for row in memory if row[1] == 'worker']
    if workers_mem:
        log('memory of the HTTP workers at the end of the load: RSS %s MiB, VmSize (what '
            'limit_memory_* checks) %s MiB' % (
                '/'.join('%.0f' % r[2] for r in workers_mem),
                '/'.join('%.0f' % r[3] for r in workers_mem)))
    return {'workers': workers, 'pages': total_pages, 'errors': total_errors,
            'throughput': total_pages / elapsed, 'median': median(everything),
            'p95': percentile(everything, 95)}


def discover_all(server, database, clients):
    """Pages of every login (done once, on the first server: also its warm-up)."""
    discovered, notes = {}, []
    for kind, login in clients:
        if login in discovered:
            continue
        session = Session(server.url, database, login)
        session.authenticate()
        if kind == 'portal':
            discovered[login] = discover_portal(session, notes.append)
        else:
            discovered[login] = [(page.label, page) for page in
                                 discover_backoffice(session, notes.append)]
    return discovered, notes


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--database', required=True)
    parser.add_argument('--workers', default='1,2,4',
                        help="comma-separated worker counts (default 1,2,4)")
    parser.add_argument('--clients', type=int, default=20)
    parser.add_argument('--duration', type=float, default=60.0,
                        help="seconds measured per worker count (default 60)")
    parser.add_argument('--warmup', type=float, default=10.0,
                        help="seconds of load before measuring (default 10)")
    parser.add_argument('--think', type=float, default=0.0,
                        help="seconds between two requests of a client (default 0)")
    parser.add_argument('--backoffice-share', type=float, default=0.3,
                        help="share of the clients on the back office (default 0.3)")
    parser.add_argument('--port', type=int, default=8170)
    parser.add_argument('--no-pg-session', action='store_true',
                        help="do not pass deploy/postgresql.conf's session settings")
    parser.add_argument('--seed', type=int, default=10)
    args = parser.parse_args(argv)
    worker_counts = [int(w) for w in args.workers.split(',') if w.strip()]

    options = render_prod_conf()
    pgoptions, applied, cluster_only, cluster = pg_session_options(
        options, args.database, enabled=not args.no_pg_session)
    facilitators, backoffice = bench_logins(options, args.database)
    if not facilitators and not backoffice:
        raise SystemExit('no bench users (bench_fac01.., bench_buyer, bench_staff, bench_admin) '
                         'in %s: see bench/README.md' % args.database)
    clients = plan_clients(args.clients, facilitators, backoffice, args.backoffice_share)
    log('[load] database %s, Odoo production profile (.run/odoo.prod.conf: workers = 2 x '
        'cores + 1 = %s here; overridden per run), max_cron_threads=0 for the bench'
        % (args.database, options.get('workers')))
    describe_pg(applied, cluster_only, cluster)
    log('[load] %d clients: %s' % (len(clients), ', '.join(
        '%s(%s)' % (login, kind[0]) for kind, login in clients)))
    log('[load] clients are threads of this process on the same machine as the server '
        '(%d CPUs shared)' % os.cpu_count())
    summary, discovered = [], None
    for workers in worker_counts:
        port = free_port(args.port)
        server = OdooServer(args.database, workers, port, pgoptions)
        log('[load] starting Odoo: --workers %s on port %s (log %s)'
            % (workers, port, server.logfile))
        seconds = server.start()
        try:
            log('[load] answering after %.1f s' % seconds)
            if discovered is None:
                discovered, notes = discover_all(server, args.database, clients)
                for note in notes:
                    log('[discovery] ' + note)
                for login in sorted(discovered):
                    log('[discovery] %s: %s' % (login, ', '.join(
                        '%s' % (target if isinstance(target, str) else label)
                        for label, target in discovered[login])))
            recorder, elapsed, memory, logins = run_load(
                server, args.database, clients, discovered, args.duration, args.warmup,
                args.think, args.seed)
            summary.append(print_table(workers, clients, recorder, elapsed, memory, logins))
            if 'Traceback' in server.log_text():
                log('  (the server log %s holds tracebacks)' % server.logfile)
        finally:
            server.stop()
    log()
    log('== summary (%d clients, %s, same machine)' % (
        args.clients, 'think %.1f s' % args.think if args.think else 'no think time'))
    log('%8s %12s %10s %10s %8s' % ('workers', 'pages/s', 'median ms', 'p95 ms', 'errors'))
    for row in summary:
        log('%8s %12.1f %10s %10s %8d' % (
            row['workers'], row['throughput'], ms(row['median']), ms(row['p95']),
            row['errors']))
    return 0


if __name__ == '__main__':
    sys.exit(main())
