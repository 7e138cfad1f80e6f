"""Screens at regional scale, each against its baseline, side by side (issue 10).

    .venv/bin/python bench/screens.py --database asr_region [--runs 5] [--items a,b,...]
    .venv/bin/python bench/screens.py --database asr_region --setup     (once: see below)

For each item: our median, spread (p10-p90 with 10 runs or more, else min-max), the
baseline's median, the ratio ours / baseline, the SQL queries of one run, the target. Runs
alternate ours and baseline; the first run of each is a warm-up, not counted. ``--runs``
(default 5) per item, ``--fast-runs`` (default 20) for items whose warm-up took under 0.5 s.

In process, with an Odoo environment per run as the real user (``odoo.registry(db)``,
``api.Environment(cr, uid, {'lang': 'fr_FR', ...})``, the user's context), and a fresh cursor
rolled back after each run (nothing is committed; the registry's caches stay warm, as in a
running server). Item i goes over HTTP to a server started like bench/load.py.

a. the insertion clauses with their progress (search_read, as bench_buyer and bench_admin) vs
   the SQL sums (GROUP BY clause and state, distinct people); the numbers are compared;
b. read_group by clause (lazy) of asr.hour.report, asr.clause.modality.report, asr.hour.entry
   (hours) vs the SQL GROUP BY giving the same numbers (compared);
c. name_get of every clause and every lot vs a SQL SELECT of the label parts;
d. opening a clause's form (fields_view_get, read of its fields, reads of its one2many lists
   as the web client limits them, its chatter messages) vs an empty purchase order form
   (fields_view_get, default_get, onchange) and vs opening an existing purchase order;
e. lists of 80 rows as bench_staff (personal data, charter 1): hour entries and people, with
   the fields of their list views, the model's order, the count of a full page (as
   /web/dataset/search_read) vs the purchase orders' list of 80 rows;
f. the people's list with the access log on vs off (``asr.beneficiary._asr_audit`` replaced
   by a no-op in this process), and the rows written to the log tables per list;
g. the xlsx of the clause hours of every insertion clause (asr_reporting) vs the SQL of its
   numbers;
h. the people of charter 1 with hours in a year, grouped by gender and by age band
   (read_group as bench_staff) vs SQL;
i. the portal pages of a facilitator over HTTP (page 1 of each), sequentially, vs /my/home.

``--setup`` (once per database, committed): at least 200 purchase orders when there are fewer
(baseline of d and e), and on a database without them (e.g. a copy of the demo) the bench
users: bench_admin (manager + personal data on every charter), bench_buyer, bench_staff
(personal data on the first charter), bench_fac01..20 (portal facilitators of the charters);
passwords = logins. Never part of the test suite.
"""
import argparse
import collections
import cProfile
import io
import os
import pstats
import statistics
import sys
import time

import odoo
from odoo import SUPERUSER_ID, api

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import load  # noqa: E402  (bench/load.py: server, portal discovery, statistics)

ROOT = load.ROOT
FAST_SECONDS = 0.5
LIST_LIMIT = load.LIST_LIMIT
CLAUSE_FIELDS = ['hours_realised', 'hours_to_validate', 'beneficiary_count', 'hours_progress',
                 'hours_missing', 'hours_projected', 'behind_objective']
LOG_TABLES = ('auditlog_log', 'auditlog_log_line', 'asr_access_log')


def log(text=''):
    print(text, flush=True)


# -- query counter ------------------------------------------------------------------------
QUERIES = [0]
_execute = odoo.sql_db.Cursor.execute


def _counting_execute(self, *args, **kwargs):
    QUERIES[0] += 1
    return _execute(self, *args, **kwargs)


odoo.sql_db.Cursor.execute = _counting_execute


# -- measuring ----------------------------------------------------------------------------
class Bench(object):
    def __init__(self, database, runs, fast_runs, profile=False):
        self.profile = profile
        self.database = database
        self.registry = odoo.registry(database)
        self.runs = runs
        self.fast_runs = fast_runs
        self.contexts = {}
        self.results = []

    def uid(self, login):
        with self.cursor() as cr:
            cr.execute("SELECT id FROM res_users WHERE login = %s", (login,))
            row = cr.fetchone()
        if not row:
            raise SystemExit('no user %s in %s: run with --setup on a copy of the demo, or '
                             'use the database of bench/region.py' % (login, self.database))
        return row[0]

    def cursor(self):
        return _RolledBack(self.registry)

    def context(self, uid):
        if uid not in self.contexts:
            with self.cursor() as cr:
                env = api.Environment(cr, uid, {})
                context = dict(env['res.users'].context_get())
            context['lang'] = 'fr_FR'
            self.contexts[uid] = context
        return self.contexts[uid]

    def once(self, uid, func):
        """One run of ``func(env)`` in a fresh cursor rolled back: (seconds, queries,
        result)."""
        with self.cursor() as cr:
            env = api.Environment(cr, uid, self.context(uid))
            queries = QUERIES[0]
            started = time.perf_counter()
            result = func(env)
            seconds = time.perf_counter() - started
            return seconds, QUERIES[0] - queries, result

    def compare(self, item, label, ours, baseline, uid, base_uid=None, target=None,
                check=None, runs=None, note=''):
        """Warm-up of both, then ``runs`` alternated runs of each."""
        base_uid = base_uid or uid
        first, _q, our_result = self.once(uid, ours)
        _s, _q, base_result = self.once(base_uid, baseline)
        runs = runs or (self.fast_runs if first < FAST_SECONDS else self.runs)
        our_times, base_times, our_queries, base_queries = [], [], [], []
        for _run in range(runs):
            seconds, queries, _r = self.once(uid, ours)
            our_times.append(seconds)
            our_queries.append(queries)
            seconds, queries, _r = self.once(base_uid, baseline)
            base_times.append(seconds)
            base_queries.append(queries)
        checked = check(our_result, base_result) if check else ''
        if self.profile:
            self.profiled(uid, ours)
        row = self.record(item, label, our_times, base_times, our_queries, base_queries,
                          target, checked, note)
        return row

    def profiled(self, uid, func, top=30):
        """cProfile of one more run of ``func``: the top functions by cumulative time."""
        profiler = cProfile.Profile()
        profiler.enable()
        try:
            self.once(uid, func)
        finally:
            profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats('cumulative').print_stats(top)
        lines = [line for line in out.getvalue().splitlines() if line.strip()]
        log('\n'.join('      | ' + line for line in lines))

    def record(self, item, label, our_times, base_times, our_queries=(), base_queries=(),
               target=None, checked='', note='', base_label=None):
        row = {'item': item, 'label': label, 'ours': statistics.median(our_times),
               'spread': spread(our_times), 'runs': len(our_times),
               'base': statistics.median(base_times) if base_times else None,
               'queries': max(our_queries) if our_queries else None,
               'base_queries': max(base_queries) if base_queries else None,
               'target': target, 'check': checked, 'note': note,
               'p95': load.percentile(our_times, 95)}
        row['ratio'] = row['ours'] / row['base'] if row['base'] else None
        self.results.append(row)
        print_row(row)
        return row


class _RolledBack(object):
    def __init__(self, registry):
        self.cr = registry.cursor()

    def __enter__(self):
        return self.cr

    def __exit__(self, *exc):
        try:
            self.cr.rollback()
        finally:
            self.cr.close()


def spread(times):
    if len(times) >= 10:
        return 'p10-p90 %s-%s' % (fmt_ms(load.percentile(times, 10)),
                                  fmt_ms(load.percentile(times, 90)))
    return 'min-max %s-%s' % (fmt_ms(min(times)), fmt_ms(max(times)))


def fmt_ms(seconds):
    if seconds is None:
        return '-'
    value = seconds * 1000.0
    return '%.1f' % value if value < 10 else '%.0f' % value


def verdict(row):
    target = row['target']
    if not target:
        return ''
    kind, limit = target
    if kind == 'ratio':
        ok = row['ratio'] is not None and row['ratio'] <= limit
        return 'target <= %gx: %s' % (limit, 'OK' if ok else 'MISSED')
    ok = row['p95'] is not None and row['p95'] * 1000.0 < limit
    return 'target p95 < %g ms (p95 %s): %s' % (limit, fmt_ms(row['p95']),
                                                'OK' if ok else 'MISSED')


def print_row(row):
    log('  %-3s %-52s ours %8s ms (%s, %d runs, %s q) | baseline %8s ms (%s q) | ratio %s %s%s'
        % (row['item'], row['label'][:52], fmt_ms(row['ours']), row['spread'], row['runs'],
           row['queries'] if row['queries'] is not None else '-', fmt_ms(row['base']),
           row['base_queries'] if row['base_queries'] is not None else '-',
           '%.2f' % row['ratio'] if row['ratio'] is not None else '-', verdict(row),
           (' | ' + row['check']) if row['check'] else ''))
    if row['note']:
        log('      %s' % row['note'])


def sql(query, params=None):
    def run(env):
        env.cr.execute(query, params)
        return env.cr.fetchall()
    return run


def tree_fields(env, model):
    return list(env[model].fields_view_get(view_type='tree')['fields'])


def web_search_read(env, model, fields, domain=(), limit=LIST_LIMIT):
    """What /web/dataset/search_read does: the page, and the count when it is full."""
    Model = env[model]
    records = Model.search_read(list(domain), fields, limit=limit)
    length = len(records)
    if limit and length == limit:
        length = Model.search_count(list(domain))
    return records, length


# -- items --------------------------------------------------------------------------------
def item_a(bench, users):
    base = sql("""SELECT e.clause_id, e.state, sum(e.hours) FROM asr_hour_entry e
                  JOIN asr_clause c ON c.id = e.clause_id
                  WHERE c.clause_type = 'insertion' GROUP BY e.clause_id, e.state""")
    people = sql("""SELECT e.clause_id, count(DISTINCT e.beneficiary_id) FROM asr_hour_entry e
                    JOIN asr_clause c ON c.id = e.clause_id
                    WHERE c.clause_type = 'insertion' AND e.state = 'validated'
                    GROUP BY e.clause_id""")

    def baseline(env):
        return base(env), people(env)

    def ours(env):
        return env['asr.clause'].search_read([('clause_type', '=', 'insertion')],
                                             CLAUSE_FIELDS)

    def check(rows, sums):
        totals, counts = sums
        realised, waiting = collections.defaultdict(float), collections.defaultdict(float)
        for clause_id, state, hours in totals:
            if state == 'validated':
                realised[clause_id] += hours or 0.0
            elif state in ('draft', 'submitted'):
                waiting[clause_id] += hours or 0.0
        counts = dict(counts)
        wrong = [r['id'] for r in rows
                 if abs(r['hours_realised'] - realised.get(r['id'], 0.0)) > 0.01
                 or abs(r['hours_to_validate'] - waiting.get(r['id'], 0.0)) > 0.01
                 or r['beneficiary_count'] != counts.get(r['id'], 0)]
        return '%d clauses, numbers %s' % (len(rows), 'equal to SQL' if not wrong else
                                           'DIFFER on %d clauses (e.g. %s)' % (
                                               len(wrong), wrong[:5]))

    for login in ('bench_buyer', 'bench_admin'):
        bench.compare('a', 'clause list with progress (%s)' % login, ours, baseline,
                      users[login], target=('ratio', 2), check=check)


def item_b(bench, users):
    def grouped(model, domain=()):
        def run(env):
            return env[model].read_group(list(domain), ['clause_id', 'hours'], ['clause_id'],
                                         lazy=True)
        return run

    def check(groups, rows):
        ours = {g['clause_id'][0]: g['hours'] for g in groups if g['clause_id']}
        base = {row[0]: row[1] for row in rows if row[0]}
        wrong = [k for k in set(ours) | set(base)
                 if abs((ours.get(k) or 0.0) - (base.get(k) or 0.0)) > 0.01]
        return '%d groups, %s' % (len(groups), 'equal to SQL' if not wrong else
                                  'DIFFER on %d clauses' % len(wrong))

    validated = sql("""SELECT clause_id, sum(hours) FROM asr_hour_entry
                       WHERE state = 'validated' GROUP BY clause_id""")
    uid = users['bench_buyer']
    bench.compare('b', 'read_group asr.hour.report by clause', grouped('asr.hour.report'),
                  validated, uid, target=('ratio', 2), check=check)
    bench.compare('b', 'read_group asr.clause.modality.report by clause',
                  grouped('asr.clause.modality.report'), validated, uid, target=('ratio', 2),
                  check=check)
    bench.compare('b', 'read_group asr.hour.entry by clause', grouped('asr.hour.entry'),
                  sql("SELECT clause_id, sum(hours), count(*) FROM asr_hour_entry "
                      "GROUP BY clause_id"), uid, target=('ratio', 2), check=check)


def item_c(bench, users):
    with bench.cursor() as cr:
        cr.execute("SELECT id FROM asr_clause ORDER BY id")
        clause_ids = [row[0] for row in cr.fetchall()]
        cr.execute("SELECT id FROM asr_market_lot ORDER BY id")
        lot_ids = [row[0] for row in cr.fetchall()]
    uid = users['bench_buyer']
    bench.compare('c', 'name_get of %d clauses' % len(clause_ids),
                  lambda env: env['asr.clause'].browse(clause_ids).name_get(),
                  sql("""SELECT c.id, c.name, c.clause_type, m.reference, m.name, l.number,
                                l.name
                         FROM asr_clause c JOIN asr_market_lot l ON l.id = c.lot_id
                         JOIN asr_market m ON m.id = l.market_id WHERE c.id IN %s""",
                      (tuple(clause_ids),)), uid)
    bench.compare('c', 'name_get of %d lots' % len(lot_ids),
                  lambda env: env['asr.market.lot'].browse(lot_ids).name_get(),
                  sql("""SELECT l.id, m.reference, m.name, l.number, l.name
                         FROM asr_market_lot l JOIN asr_market m ON m.id = l.market_id
                         WHERE l.id IN %s""", (tuple(lot_ids),)), uid)


def open_record(model, record_id):
    """The web client opening an existing record's form."""
    def run(env):
        env = env(context=dict(env.context, bin_size=True))
        Model = env[model]
        view = Model.fields_view_get(view_type='form', toolbar=True)
        fields, x2many = load.form_plan(view)
        record = Model.browse(record_id).read(fields)[0]
        for name, (comodel, subfields, limit) in sorted(x2many.items()):
            if record.get(name):
                env[comodel].browse(record[name][:limit]).read(subfields)
        messages = record.get('message_ids') or []
        if messages:
            env['mail.message'].browse(messages[:load.CHATTER_LIMIT]).message_format()
        return record
    return run


def open_new(model):
    """The web client opening an empty form: view, defaults, first onchange."""
    def run(env):
        Model = env[model]
        view = Model.fields_view_get(view_type='form', toolbar=True)
        names = list(view['fields'])
        defaults = Model.default_get(names)
        values = {}
        for name in names:
            kind = view['fields'][name]['type']
            values[name] = defaults.get(name, [] if kind in ('one2many', 'many2many')
                                        else False)
        return Model.onchange(values, names, Model._onchange_spec(view))
    return run


def item_d(bench, users):
    with bench.cursor() as cr:
        cr.execute("""SELECT c.id, count(e.id) FROM asr_clause c
                      LEFT JOIN asr_hour_entry e ON e.clause_id = c.id
                      WHERE c.clause_type = 'insertion'
                      GROUP BY c.id ORDER BY count(e.id) DESC, c.id LIMIT 1""")
        clause_id, entries = cr.fetchone()
        cr.execute("""SELECT o.id, count(l.id) FROM purchase_order o
                      LEFT JOIN purchase_order_line l ON l.order_id = o.id
                      GROUP BY o.id ORDER BY count(l.id) DESC, o.id LIMIT 1""")
        row = cr.fetchone()
    if not row:
        log('  d   no purchase order: run with --setup')
        return
    order_id, lines = row
    uid = users['bench_buyer']
    po_login, po_uid = po_reader(bench, users)
    note = ('as bench_buyer: clause %s (%d hour entries, the most of any clause); as %s: '
            'purchase order %s (%d lines)' % (clause_id, entries, po_login, order_id, lines))
    bench.compare('d', 'clause form (existing) vs empty PO form',
                  open_record('asr.clause', clause_id), open_new('purchase.order'),
                  uid, po_uid, target=('ratio', 3), note=note)
    bench.compare('d', 'clause form (existing) vs existing PO form',
                  open_record('asr.clause', clause_id),
                  open_record('purchase.order', order_id), uid, po_uid)
    bench.compare('d', 'new clause form vs empty PO form', open_new('asr.clause'),
                  open_new('purchase.order'), uid, po_uid)


def po_reader(bench, users):
    """(login, uid) of the first bench user who may read purchase orders (staff first); the
    superuser when none may (then said in the output)."""
    for login in ('bench_staff', 'bench_buyer', 'bench_admin'):
        with bench.cursor() as cr:
            env = api.Environment(cr, users[login], {})
            if env['purchase.order'].check_access_rights('read', raise_exception=False):
                return login, users[login]
    return 'superuser (no bench user reads purchase orders)', SUPERUSER_ID


def item_e(bench, users):
    uid = users['bench_staff']
    po_login, po_uid = po_reader(bench, users)
    with bench.cursor() as cr:
        env = api.Environment(cr, uid, bench.context(uid))
        entry_fields = tree_fields(env, 'asr.hour.entry')
        people_fields = tree_fields(env, 'asr.beneficiary')
        env = api.Environment(cr, po_uid, {})
        po_fields = tree_fields(env, 'purchase.order')

    def listing(model, fields):
        return lambda env: web_search_read(env, model, fields)
    po = listing('purchase.order', po_fields)
    note = 'baseline as %s (purchase orders readable)' % po_login
    bench.compare('e', 'hour entries list, 80 rows (bench_staff)',
                  listing('asr.hour.entry', entry_fields), po, uid, po_uid, note=note)
    bench.compare('e', 'people list, 80 rows (bench_staff)',
                  listing('asr.beneficiary', people_fields), po, uid, po_uid)


def log_rows(cr, since=None):
    """{table: max id} of the log tables present; with ``since`` (such a dict), the number of
    rows added above those ids instead (ids, not counts: a rolled-back run still consumes
    its sequence numbers)."""
    counts = {}
    for table in LOG_TABLES:
        cr.execute("SELECT to_regclass(%s)", (table,))
        if not cr.fetchone()[0]:
            continue
        if since is None:
            cr.execute('SELECT coalesce(max(id), 0) FROM "%s"' % table)
        else:
            cr.execute('SELECT count(*) FROM "%s" WHERE id > %%s' % table, (since[table],))
        counts[table] = cr.fetchone()[0]
    return counts


def item_f(bench, users, audit_method):
    uid = users['bench_staff']
    with bench.cursor() as cr:
        env = api.Environment(cr, uid, bench.context(uid))
        fields = tree_fields(env, 'asr.beneficiary')
    Model = bench.registry['asr.beneficiary']
    if not hasattr(Model, audit_method):
        log('  f   asr.beneficiary has no method %s: item skipped' % audit_method)
        return

    def people(env):
        return web_search_read(env, 'asr.beneficiary', fields)

    def people_logged(env):
        before = log_rows(env.cr)
        result = people(env)
        return result, log_rows(env.cr, since=before)

    def noop(self, *args, **kwargs):
        return None

    def audit_off(env):
        setattr(Model, audit_method, noop)
        try:
            return people(env)
        finally:
            delattr(Model, audit_method)

    _s, _q, (_r, written) = bench.once(uid, people_logged)
    row = bench.compare('f', 'people list 80 rows: access log on vs off', people, audit_off,
                        uid, target=('ratio', 1.2))
    row['note'] = 'rows written per list view: %s' % (', '.join(
        '%s %d' % item for item in sorted(written.items())) or 'no log table')
    log('      %s' % row['note'])


def item_g(bench, users):
    uid = users['bench_buyer']
    with bench.cursor() as cr:
        cr.execute("SELECT id FROM asr_clause WHERE clause_type = 'insertion' ORDER BY id")
        ids = [row[0] for row in cr.fetchall()]

    def xlsx(env):
        report = env.ref('asr_reporting.asr_clause_hours_xlsx')
        content, _kind = report.render_xlsx(ids, {})
        return len(content)

    base = sql("""SELECT c.id, c.hour_objective, coalesce(sum(e.hours), 0)
                  FROM asr_clause c LEFT JOIN asr_hour_entry e
                       ON e.clause_id = c.id AND e.state = 'validated'
                  WHERE c.id IN %s GROUP BY c.id""", (tuple(ids),))
    rss = load_rss()
    row = bench.compare('g', 'xlsx clause hours, %d clauses' % len(ids), xlsx, base, uid)
    _s, _q, size = bench.once(uid, xlsx)
    row['note'] = ('file %.0f KiB; this process: peak RSS %.0f MiB (%.0f MiB before item g), '
                   'peak virtual memory %.0f MiB (what limit_memory_* checks in a worker)' % (
                       size / 1024.0, peak_rss(), rss, _status_mib('VmPeak')))
    log('      %s' % row['note'])


def load_rss():
    return _status_mib('VmRSS')


def peak_rss():
    return _status_mib('VmHWM')


def _status_mib(key):
    with open('/proc/self/status') as fh:
        for line in fh:
            if line.startswith(key + ':'):
                return int(line.split()[1]) / 1024.0
    return 0.0


def item_h(bench, users):
    uid = users['bench_staff']
    with bench.cursor() as cr:
        cr.execute("""SELECT charter_id FROM asr_charter_personal_data_user_rel
                      WHERE user_id = %s ORDER BY charter_id LIMIT 1""", (uid,))
        row = cr.fetchone()
        if not row:
            log('  h   bench_staff is named on no charter: item skipped')
            return
        charter_id = row[0]
        cr.execute("""SELECT extract(year FROM month)::int, count(*) FROM asr_hour_entry
                      WHERE charter_id = %s GROUP BY 1 ORDER BY 2 DESC, 1 DESC LIMIT 1""",
                   (charter_id,))
        row = cr.fetchone()
    if not row:
        log('  h   no hour entry on charter %s: item skipped' % charter_id)
        return
    year = row[0]
    domain = [('charter_id', '=', charter_id), ('hour_entry_ids.month', '=like', '%s-%%' % year)]

    def band(birth_year):
        if not birth_year:
            return 'unknown'
        age = year - birth_year
        return 'under 26' if age < 26 else ('26-49' if age < 50 else '50 and over')

    def ours(env):
        People = env['asr.beneficiary']
        genders = {g['gender']: g['gender_count']
                   for g in People.read_group(domain, ['gender'], ['gender'])}
        bands = collections.Counter()
        for group in People.read_group(domain, ['birth_year'], ['birth_year']):
            bands[band(group['birth_year'])] += group['birth_year_count']
        return genders, dict(bands)

    exists = """FROM asr_beneficiary b WHERE b.charter_id = %(c)s AND b.active AND EXISTS (
                    SELECT 1 FROM asr_hour_entry e WHERE e.beneficiary_id = b.id
                    AND e.month >= %(start)s AND e.month < %(end)s)"""
    params = {'c': charter_id, 'start': '%s-01-01' % year, 'end': '%s-01-01' % (year + 1),
              'y': year}

    def baseline(env):
        env.cr.execute("SELECT b.gender, count(*) " + exists + " GROUP BY b.gender", params)
        genders = dict(env.cr.fetchall())
        env.cr.execute("""SELECT CASE WHEN b.birth_year IS NULL THEN 'unknown'
                                      WHEN %(y)s - b.birth_year < 26 THEN 'under 26'
                                      WHEN %(y)s - b.birth_year < 50 THEN '26-49'
                                      ELSE '50 and over' END, count(*) """ + exists
                       + " GROUP BY 1", params)
        return genders, dict(env.cr.fetchall())

    def check(ours_result, base_result):
        genders, bands = ours_result
        genders = {k or None: v for k, v in genders.items()}
        same = genders == base_result[0] and bands == base_result[1]
        return '%d people; %s' % (sum(base_result[0].values()),
                                  'equal to SQL' if same else 'DIFFER: %r vs %r' % (
                                      ours_result, base_result))

    bench.compare('h', 'people of charter %s in %s by gender and age band' % (charter_id, year),
                  ours, baseline, uid, check=check)


def item_i(bench, users, workers, port, pgoptions, login):
    server = load.OdooServer(bench.database, workers, load.free_port(port), pgoptions)
    log('  i   starting Odoo (production profile, --workers %s, port %s)'
        % (workers, server.port))
    server.start()
    try:
        session = load.Session(server.url, bench.database, login)
        session.authenticate()
        notes = []
        pages = load.discover_portal(session, notes.append)
        for note in notes:
            log('      ' + note)
        home = [url for label, url in pages if url == '/my/home']
        if not home:
            log('  i   /my/home does not answer for %s: item skipped' % login)
            return
        runs = max(bench.fast_runs, bench.runs)

        def timed(url):
            started = time.perf_counter()
            session.get(url)
            return time.perf_counter() - started
        for _warm in range(2):
            for _label, url in pages:
                timed(url)
        for label, url in pages:
            if url == '/my/home':
                continue
            ours, base = [], []
            for _run in range(runs):
                ours.append(timed(url))
                base.append(timed('/my/home'))
            bench.record('i', '%s %s' % (login, url), ours, base, target=('p95', 300))
        home_times = [timed('/my/home') for _run in range(runs)]
        bench.record('i', '%s /my/home (reference)' % login, home_times, home_times,
                     target=('p95', 300))
    finally:
        server.stop()


# -- set-up -------------------------------------------------------------------------------
def setup(database):
    """Purchase orders and, when absent, the bench users; committed."""
    registry = odoo.registry(database)
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {'lang': 'fr_FR', 'tracking_disable': True,
                                                 'mail_create_nolog': True,
                                                 'mail_notrack': True})
        setup_users(env)
        setup_orders(env)
        cr.commit()


def setup_users(env):
    Users = env['res.users'].with_context(no_reset_password=True)
    charters = env['asr.charter'].search([], order='id')
    if not charters:
        raise SystemExit('no charter in the database')

    def group(xmlid):
        return env.ref(xmlid).id

    def user(login, name, groups, parent=False):
        existing = Users.search([('login', '=', login)])
        if existing:
            return existing
        partner = env['res.partner'].create({'name': name, 'parent_id': parent,
                                             'email': '%s@example.org' % login})
        return Users.create({'login': login, 'password': login, 'partner_id': partner.id,
                             'lang': 'fr_FR', 'groups_id': [(6, 0, groups)]})

    created = []
    if not Users.search([('login', '=', 'bench_buyer')]):
        created.append('bench_buyer')
    user('bench_buyer', 'Bench Acheteur', [group('asr_charter.group_asr_buyer')])
    if not Users.search([('login', '=', 'bench_admin')]):
        admin = user('bench_admin', 'Bench Responsable', [
            group('asr_charter.group_asr_manager'),
            group('asr_beneficiaries.group_asr_personal_data')])
        charters.write({'personal_data_user_ids': [(4, admin.id)]})
        created.append('bench_admin')
    if not Users.search([('login', '=', 'bench_staff')]):
        staff = user('bench_staff', 'Bench Suivi', [
            group('base.group_user'), group('asr_beneficiaries.group_asr_personal_data')])
        charters[0].write({'personal_data_user_ids': [(4, staff.id)]})
        created.append('bench_staff')
    purchase_user = group('purchase.group_purchase_user')
    if not any(Users.search([('login', '=', login)]).has_group('purchase.group_purchase_user')
               for login in ('bench_staff', 'bench_buyer', 'bench_admin')):
        # the baselines of items d and e read purchase orders as a user, not as superuser
        Users.search([('login', '=', 'bench_buyer')]).write(
            {'groups_id': [(4, purchase_user)]})
        created.append('bench_buyer made Purchases / User')
    structures = [c.facilitator_partner_id for c in charters if c.facilitator_partner_id]
    if structures and not Users.search([('login', '=like', 'bench_fac%')]):
        for n in range(1, 21):
            user('bench_fac%02d' % n, 'Bench Facilitateur %02d' % n,
                 [group('asr_charter.group_asr_facilitator')],
                 structures[(n - 1) % len(structures)].id)
        created.append('bench_fac01..20')
    log('[setup] bench users: %s' % (', '.join(created) if created else 'already there'))


def setup_orders(env, wanted=200):
    Order = env['purchase.order']
    have = Order.search_count([])
    if have >= wanted:
        log('[setup] %d purchase orders already' % have)
        return
    suppliers = env['res.partner'].search([('supplier', '=', True), ('is_company', '=', True)],
                                          limit=20) or env['res.partner'].create(
        {'name': 'Fournisseur (bench)', 'is_company': True, 'supplier': True})
    products = env['product.product'].search([('purchase_ok', '=', True)], limit=10) or \
        env['product.product'].create({'name': 'Fourniture (bench)', 'type': 'consu'})
    for n in range(wanted - have):
        lines = []
        for k in range(1 + n % 3):
            product = products[(n + k) % len(products)]
            lines.append((0, 0, {'product_id': product.id, 'name': product.display_name,
                                 'product_qty': 1 + (n * 7 + k) % 20, 'price_unit': 10.0 + n % 50,
                                 'product_uom': product.uom_po_id.id,
                                 'date_planned': '2026-06-%02d' % (1 + n % 28)}))
        order = Order.create({'partner_id': suppliers[n % len(suppliers)].id,
                              'order_line': lines})
        if n % 2:
            order.button_confirm()
    log('[setup] %d purchase orders created (half confirmed)' % (wanted - have))


# -- main ---------------------------------------------------------------------------------
ITEMS = 'abcdefghi'


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--database', required=True)
    parser.add_argument('--runs', type=int, default=5)
    parser.add_argument('--fast-runs', type=int, default=20)
    parser.add_argument('--items', default=ITEMS, help="letters of the items (default all)")
    parser.add_argument('--setup', action='store_true',
                        help="first create the purchase orders (and bench users if absent)")
    parser.add_argument('--audit-method', default='_asr_audit')
    parser.add_argument('--profile', action='store_true',
                        help="print a cProfile of one more run of our side of each item")
    parser.add_argument('--portal-login', default='bench_fac01')
    parser.add_argument('--http-workers', type=int, default=2)
    parser.add_argument('--port', type=int, default=8180)
    parser.add_argument('--no-pg-session', action='store_true',
                        help="do not apply deploy/postgresql.conf's session settings")
    args = parser.parse_args(argv)

    pgoptions = start_process('screens', args.database, args.no_pg_session)
    if args.setup:
        setup(args.database)
    with api.Environment.manage():
        bench = Bench(args.database, args.runs, args.fast_runs, args.profile)
        with bench.cursor() as cr:
            cr.execute("""SELECT (SELECT count(*) FROM asr_charter), (SELECT count(*) FROM
                          asr_clause), (SELECT count(*) FROM asr_beneficiary),
                          (SELECT count(*) FROM asr_hour_entry),
                          (SELECT count(*) FROM purchase_order)""")
            sizes = cr.fetchone()
        log('[screens] %d charters, %d clauses, %d people, %d hour entries, %d purchase '
            'orders' % sizes)
        users = {login: bench.uid(login)
                 for login in ('bench_buyer', 'bench_staff', 'bench_admin')}
        log('[screens] times in ms: median of the runs after a warm-up; q = SQL queries of '
            'one run (max)')
        for letter in args.items:
            if letter == 'a':
                item_a(bench, users)
            elif letter == 'b':
                item_b(bench, users)
            elif letter == 'c':
                item_c(bench, users)
            elif letter == 'd':
                item_d(bench, users)
            elif letter == 'e':
                item_e(bench, users)
            elif letter == 'f':
                item_f(bench, users, args.audit_method)
            elif letter == 'g':
                item_g(bench, users)
            elif letter == 'h':
                item_h(bench, users)
            elif letter == 'i':
                item_i(bench, users, args.http_workers, args.port, pgoptions,
                       args.portal_login)
    summary(bench.results)
    return 0


def start_process(tag, database, no_pg_session=False):
    """Configure this process for measuring ``database``: the session settings of
    deploy/postgresql.conf for its connections, Odoo's development configuration; print the
    machine and the cluster. Returns the PGOPTIONS applied."""
    options = load.render_prod_conf()
    pgoptions, applied, cluster_only, cluster = load.pg_session_options(
        options, database, enabled=not no_pg_session)
    if pgoptions:
        # this process's own connections get them too (libpq reads PGOPTIONS)
        os.environ['PGOPTIONS'] = (os.environ.get('PGOPTIONS', '') + ' ' + pgoptions).strip()
    # in process: the development configuration (database, data_dir); the production
    # profile's options are those of a server (item i starts one)
    odoo.tools.config.parse_config(['-c', os.path.join(ROOT, '.run', 'odoo.conf'),
                                    '-d', database, '--log-level=warn'])
    log('[%s] Odoo %s, Python %s, database %s, %d CPUs, %s, load average %.1f'
        % (tag, odoo.release.version, sys.version.split()[0], database, os.cpu_count(),
           time.strftime('%Y-%m-%d %H:%M'), os.getloadavg()[0]))
    load.describe_pg(applied, cluster_only, cluster)
    return pgoptions


def summary(results):
    log()
    log('[screens] done %s, load average %.1f (other processes on this machine count too)'
        % (time.strftime('%H:%M'), os.getloadavg()[0]))
    log('%-3s %-56s %10s %20s %10s %8s  %s' % (
        '', 'item', 'ours ms', 'spread ms', 'base ms', 'ratio', 'target'))
    for row in results:
        log('%-3s %-56s %10s %20s %10s %8s  %s' % (
            row['item'], row['label'][:56], fmt_ms(row['ours']), row['spread'].split(' ')[1],
            fmt_ms(row['base']), '%.2f' % row['ratio'] if row['ratio'] is not None else '-',
            verdict(row)))


if __name__ == '__main__':
    sys.exit(main())
