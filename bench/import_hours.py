"""Benchmark of the bulk import of hour entries (issue 5, point 12).

Generates ROWS hour-entry rows over 2,000 validated beneficiaries and 200 insertion clauses
in execution, imports them through the path of the statement wizard
(``asr.statement.import._import_hour_rows``, the method its buttons call once the file is
read) and through Odoo's standard import (``asr.hour.entry.load``) on the same rows and the
same database, and prints rows per second and peak memory of both.

Target: the wizard path at least 5x the standard import, under 1 GiB.

    .venv/bin/python bench/import_hours.py --database asr_hb [--rows 100000] [--load-rows N]

Everything happens in one transaction rolled back at the end (the set-up data too): nothing
is committed and the database can be reused. Each measured import runs in a savepoint rolled
back afterwards, so both start from the same database. Never part of the test suite.

Memory is reported three ways, for each measured import:

* ``tracemalloc``: peak of the Python allocations during the import, measured in a second,
  untimed run of the same import (tracemalloc slows allocation-heavy code several times, so
  it is never on while timing; ``--tracemalloc inline`` keeps it on while timing instead,
  ``off`` skips it);
* ``peak RSS``: peak resident memory of the process during the timed import (Linux
  ``VmHWM``, reset before each import through ``/proc/self/clear_refs``), the Odoo registry
  and the generated rows included;
* the process max RSS since start (``resource.getrusage``), printed at the end.
"""
import argparse
import cProfile
import datetime
import gc
import io
import os
import pstats
import random
import resource
import sys
import time
import tracemalloc

import odoo
from odoo import SUPERUSER_ID, api

HEADER = ['clause', 'beneficiary', 'month', 'modality', 'hours']
LOAD_FIELDS = ['clause_id/.id', 'beneficiary_id/.id', 'month', 'modality', 'hours']
# the modalities counted in hours (subcontracting is counted by its amount)
MODALITIES = ('cdi', 'cdd', 'professionalisation', 'apprenticeship', 'etti', 'ai', 'geiq',
              'temp_agency', 'training')
FIRST_MONTH = datetime.date(2022, 1, 1)
MONTHS = 60  # clauses run from January 2022 to December 2026
CLAUSE_START, CLAUSE_END = '2022-01-01', '2026-12-31'
VALIDATION_DATE = '2021-12-15'
VALIDITY_MONTHS = 72  # eligible over the whole contract period
MiB = 1024.0 * 1024.0


# -- memory -------------------------------------------------------------------------------
def _status_kib(key):
    try:
        with open('/proc/self/status') as status:
            for line in status:
                if line.startswith(key + ':'):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def reset_peak_rss():
    """Reset the kernel's peak RSS of this process to its current RSS; False if refused."""
    try:
        with open('/proc/self/clear_refs', 'w') as clear_refs:
            clear_refs.write('5')
        return True
    except OSError:
        return False


def rss_mib():
    kib = _status_kib('VmRSS')
    return kib / 1024.0 if kib is not None else None


def peak_rss_mib():
    kib = _status_kib('VmHWM')
    return kib / 1024.0 if kib is not None else None


def max_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def fmt(value, pattern='%.0f'):
    return pattern % value if value is not None else '-'


# -- data set -----------------------------------------------------------------------------
def add_months(day, months):
    index = day.month - 1 + months
    return day.replace(year=day.year + index // 12, month=index % 12 + 1)


def build_data(env, persons, clauses, log):
    """Charter, 20 markets of 10 lots awarded from January 2022 to December 2026, one
    insertion clause in execution per lot, ``persons`` people validated in December 2021."""
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                           mail_notrack=True))
    Partner = env['res.partner']
    territory = Partner.create({'name': 'EPT (bench)', 'is_company': True})
    facilitator = Partner.create({'name': 'Facilitateur (bench)', 'is_company': True})
    charter = env['asr.charter'].create({
        'name': 'Charte (bench)', 'territory_id': territory.id,
        'act_number': 'BENCH.1', 'act_date': '2020-01-15',
        'hourly_cost': 32.0, 'insertion_rate': 5.0, 'report_due_day': 12,
        'penalty_rate_missing_hour': 18.0, 'penalty_rate_late_day': 50.0,
        'penalty_cap_percent': 10.0, 'eligibility_validity_months': VALIDITY_MONTHS,
        'member_ids': [
            (0, 0, {'partner_id': territory.id, 'role': 'public_buyer',
                    'membership': 'signatory', 'date_join': '2020-01-15'}),
            (0, 0, {'partner_id': facilitator.id, 'role': 'facilitator',
                    'membership': 'signatory', 'date_join': '2020-01-15'})]})
    contractors = [Partner.create({'name': 'Titulaire %02d (bench)' % n, 'is_company': True,
                                   'supplier': True}) for n in range(20)]
    trade = env.ref('asr_clauses.trade_masonry')
    clause_ids = []
    lots_per_market = 10
    markets = (clauses + lots_per_market - 1) // lots_per_market
    for m in range(markets):
        market = env['asr.market'].create({
            'name': 'Marché %03d (bench)' % m, 'charter_id': charter.id,
            'buyer_entity_id': territory.id, 'nature': 'works',
            'amount_estimated': 1500000.0, 'consultation_date': '2021-09-01',
            'duration_months': MONTHS})
        for n in range(min(lots_per_market, clauses - len(clause_ids))):
            lot = env['asr.market.lot'].create({
                'market_id': market.id, 'number': n + 1, 'name': 'Lot %d' % (n + 1),
                'trade_id': trade.id, 'amount_estimated': 800000.0})
            lot.write({'partner_id': contractors[m % len(contractors)].id,
                       'amount_awarded': 800000.0, 'date_award': '2021-11-15',
                       'date_start': CLAUSE_START, 'date_end': CLAUSE_END})
            clause = env['asr.clause'].create({'clause_type': 'insertion', 'lot_id': lot.id,
                                               'state': 'execution'})
            clause_ids.append(clause.id)
    log('  %d clauses in %d markets' % (len(clause_ids), markets))
    rsa = env.ref('asr_beneficiaries.criterion_rsa')
    Person = env['asr.beneficiary']
    people = Person.browse()
    rng = random.Random(12)
    for n in range(persons):
        people |= Person.create({
            'charter_id': charter.id, 'last_name': 'Bench%05d' % n,
            'first_name': rng.choice(('Camille', 'Yanis', 'Inès', 'Karim', 'Léa', 'Moussa')),
            'birth_date': '%04d-%02d-%02d' % (rng.randint(1965, 2004), rng.randint(1, 12),
                                              rng.randint(1, 28)),
            'gender': rng.choice(('female', 'male')), 'proof_kind': 'caf',
            'validity_months': VALIDITY_MONTHS, 'criterion_ids': [(6, 0, rsa.ids)]})
        if (n + 1) % 500 == 0:
            log('  %d people created' % (n + 1))
    people.with_context(validation_date=VALIDATION_DATE).action_validate_eligibility()
    return clause_ids, people.ids


def generate_rows(clause_ids, person_ids, count, clauses_per_person, seed=5):
    """``count`` rows (clause id, person id, month date, modality, hours): each person works
    on ``clauses_per_person`` clauses, at most one row per clause and month, so at most
    ``clauses_per_person`` x 60 h a month (under the 208 h cap) and no duplicate key."""
    rng = random.Random(seed)
    per_person, extra = divmod(count, len(person_ids))
    capacity = clauses_per_person * MONTHS
    if per_person + (1 if extra else 0) > capacity:
        raise SystemExit('too many rows: at most %d per person with %d clauses each'
                         % (capacity, clauses_per_person))
    rows = []
    for index, person_id in enumerate(person_ids):
        mine = rng.sample(clause_ids, clauses_per_person)
        slots = rng.sample(range(capacity), per_person + (1 if index < extra else 0))
        for slot in slots:
            clause_id = mine[slot // MONTHS]
            month = add_months(FIRST_MONTH, slot % MONTHS)
            hours = rng.randint(80, 240) / 4.0  # 20 to 60 h by quarter hours
            rows.append((clause_id, person_id, month, rng.choice(MODALITIES), hours))
    rng.shuffle(rows)
    return rows


def wizard_rows(rows):
    """The rows as the wizard reads them from a French CSV file."""
    return [['CL-%05d' % clause_id, 'B-%05d' % person_id, month.strftime('%m/%Y'), modality,
             ('%g' % hours).replace('.', ',')]
            for clause_id, person_id, month, modality, hours in rows]


def load_rows(rows):
    """The rows as Odoo's standard import passes them to ``load`` (strings)."""
    return [[str(clause_id), str(person_id), month.strftime('%Y-%m-01'), modality,
             '%g' % hours]
            for clause_id, person_id, month, modality, hours in rows]


# -- measures -----------------------------------------------------------------------------
def entry_summary(cr):
    cr.execute("""SELECT count(*), coalesce(sum(hours), 0),
                         count(DISTINCT (clause_id, beneficiary_id, month, modality))
                  FROM asr_hour_entry""")
    return cr.fetchone()


def run_wizard(env, header, rows):
    result = env['asr.statement.import']._import_hour_rows(header, rows)
    problems = []
    if len(result['new']) != len(rows):
        problems.append('%d new rows instead of %d' % (len(result['new']), len(rows)))
    if result['rejected']:
        problems.append('%d rows rejected, first: %r' % (len(result['rejected']),
                                                         result['rejected'][:3]))
    if result['existing']:
        problems.append('%d rows already imported' % result['existing'])
    return problems


def run_load(env, fields, data):
    result = env['asr.hour.entry'].load(fields, data)
    problems = []
    if result['messages']:
        problems.append('%d messages, first: %r' % (len(result['messages']),
                                                    result['messages'][:3]))
    if not result['ids'] or len(result['ids']) != len(data):
        problems.append('%s ids instead of %d' % (len(result['ids'] or []), len(data)))
    return problems


def in_savepoint(env, func, *args):
    """Run func in a savepoint rolled back afterwards; (seconds, problems, summary)."""
    cr = env.cr
    cr.execute('SAVEPOINT bench_import')
    try:
        start = time.perf_counter()
        problems = func(env, *args)
        seconds = time.perf_counter() - start
        summary = entry_summary(cr)
    finally:
        cr.execute('ROLLBACK TO SAVEPOINT bench_import')
        env.clear()
        env['ir.model.data'].clear_caches()
    return seconds, problems, summary


def measure(env, name, func, args, expected, baseline, tracemalloc_mode, profile, log):
    gc.collect()
    rss_before = rss_mib()
    peak_ok = reset_peak_rss()
    if tracemalloc_mode == 'inline':
        tracemalloc.start()
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    seconds, problems, summary = in_savepoint(env, func, *args)
    if profiler:
        profiler.disable()
    peak_rss = peak_rss_mib() if peak_ok else None
    max_rss = max_rss_mib()  # the whole process so far, set-up included
    traced = None
    if tracemalloc_mode == 'inline':
        traced = tracemalloc.get_traced_memory()[1] / MiB
        tracemalloc.stop()
    created = summary[0] - baseline[0]
    if created != expected:
        problems.append('%d entries in the database instead of %d' % (created, expected))
    log('  %s: %d rows in %.1f s (%.0f rows/s), peak RSS %s MiB (%s before)'
        % (name, expected, seconds, expected / seconds, fmt(peak_rss), fmt(rss_before)))
    for problem in problems:
        log('  PROBLEM (%s): %s' % (name, problem))
    if tracemalloc_mode == 'separate':
        gc.collect()
        tracemalloc.start()
        in_savepoint(env, func, *args)
        traced = tracemalloc.get_traced_memory()[1] / MiB
        tracemalloc.stop()
        log('  %s: tracemalloc peak %.0f MiB (second, untimed run)' % (name, traced))
    if profiler:
        path = '%s.%s.prof' % (profile, name)
        profiler.dump_stats(path)
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats('cumulative').print_stats(30)
        log('  cProfile of %s (written to %s):\n%s' % (name, path, out.getvalue()))
    return {'name': name, 'rows': expected, 'seconds': seconds, 'traced': traced,
            'peak_rss': peak_rss, 'max_rss': max_rss, 'problems': problems,
            'summary': summary}


# -- main ---------------------------------------------------------------------------------
def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--config', default='.run/odoo.conf')
    parser.add_argument('--database', required=True)
    parser.add_argument('--rows', type=int, default=100000)
    parser.add_argument('--load-rows', type=int,
                        help="rows given to the standard import (default: --rows); fewer "
                             "rows give a linear extrapolation, labelled as such")
    parser.add_argument('--persons', type=int, default=2000)
    parser.add_argument('--clauses', type=int, default=200)
    parser.add_argument('--clauses-per-person', type=int, default=3)
    parser.add_argument('--tracemalloc', choices=('separate', 'inline', 'off'),
                        default='separate',
                        help="separate (default): peak measured in a second, untimed run; "
                             "inline: on while timing (slower figures); off")
    parser.add_argument('--skip-load', action='store_true',
                        help="measure the wizard path only")
    parser.add_argument('--profile', metavar='PREFIX',
                        help="cProfile the timed runs; stats written to PREFIX.<path>.prof "
                             "and the top 30 printed")
    args = parser.parse_args(argv)
    load_count = args.rows if args.load_rows is None else min(args.load_rows, args.rows)

    def log(text):
        print(text, flush=True)

    odoo.tools.config.parse_config(['-c', args.config, '-d', args.database])
    started = time.perf_counter()
    registry = odoo.registry(args.database)
    log('[bench] Odoo %s, Python %s, database %s, %d CPU; registry loaded in %.1f s, '
        'RSS %s MiB' % (odoo.release.version, sys.version.split()[0], args.database,
                        os.cpu_count(), time.perf_counter() - started, fmt(rss_mib())))
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {'lang': 'fr_FR'})
        try:
            log('[bench] set-up: %d clauses, %d validated people (not measured)'
                % (args.clauses, args.persons))
            started = time.perf_counter()
            clause_ids, person_ids = build_data(env, args.persons, args.clauses, log)
            log('[bench] set-up done in %.1f s' % (time.perf_counter() - started))
            rows = generate_rows(clause_ids, person_ids, args.rows, args.clauses_per_person)
            header, file_rows = list(HEADER), wizard_rows(rows)
            data = load_rows(rows[:load_count])
            del rows
            log('[bench] %d rows generated; RSS %s MiB' % (len(file_rows), fmt(rss_mib())))
            baseline = entry_summary(cr)

            # warm-up (caches, translations), not measured
            in_savepoint(env, run_wizard, header, file_rows[:200])
            if not args.skip_load:
                in_savepoint(env, run_load, LOAD_FIELDS, data[:200])

            log('[bench] wizard path: asr.statement.import._import_hour_rows')
            wizard = measure(env, 'wizard', run_wizard, (header, file_rows), len(file_rows),
                             baseline, args.tracemalloc, args.profile, log)
            results = [wizard]
            if not args.skip_load:
                log('[bench] standard import: asr.hour.entry.load on %d rows' % load_count)
                standard = measure(env, 'load', run_load, (LOAD_FIELDS, data), load_count,
                                   baseline, args.tracemalloc, args.profile, log)
                results.append(standard)
                if load_count == len(file_rows) and standard['summary'] != wizard['summary']:
                    log('  PROBLEM: the two imports differ (count, sum of hours, distinct '
                        'keys): %r vs %r' % (wizard['summary'], standard['summary']))
            report(results, len(file_rows), args.tracemalloc)
        finally:
            cr.rollback()
            log('[bench] rolled back: nothing was committed')
    failed = any(r['problems'] for r in results)
    return 1 if failed else 0


def report(results, rows, tracemalloc_mode):
    print()
    print('%-34s %9s %9s %9s %14s %14s' % ('import path', 'rows', 'seconds', 'rows/s',
                                           'tracemalloc', 'peak RSS'))
    print('%-34s %9s %9s %9s %14s %14s' % ('', '', '', '', 'peak MiB', 'MiB'))
    labels = {'wizard': 'wizard (_import_hour_rows)', 'load': 'standard import (load)'}
    for res in results:
        print('%-34s %9d %9.1f %9.0f %14s %14s' % (
            labels[res['name']], res['rows'], res['seconds'], res['rows'] / res['seconds'],
            fmt(res['traced']), fmt(res['peak_rss'])))
    wizard = results[0]
    wizard_speed = wizard['rows'] / wizard['seconds']
    if len(results) > 1:
        standard = results[1]
        load_speed = standard['rows'] / standard['seconds']
        if standard['rows'] != rows:
            print('%-34s %9d %9.1f %9.0f %14s %14s' % (
                'load EXTRAPOLATED (linear)', rows, rows / load_speed, load_speed, '-', '-'))
        ratio = wizard_speed / load_speed
        print()
        print('speed ratio wizard / load: %.1fx (target >= 5x): %s'
              % (ratio, 'OK' if ratio >= 5 else 'MISSED'))
        if standard['rows'] != rows:
            print('  (load measured on %d rows and extrapolated linearly to %d)'
                  % (standard['rows'], rows))
    print()
    print('peak RSS during the timed wizard import: %s MiB (target < 1024 MiB): %s'
          % (fmt(wizard['peak_rss']),
             'OK' if wizard['peak_rss'] and wizard['peak_rss'] < 1024 else 'CHECK'))
    for res in results:
        print('process max RSS (getrusage) at the end of the timed %s import: %.0f MiB'
              % (labels[res['name']], res['max_rss']))
    print('process max RSS (getrusage) at the end, tracemalloc runs included: %.0f MiB'
          % max_rss_mib())
    if tracemalloc_mode == 'separate':
        print('tracemalloc peaks come from a second, untimed run of each import')
    elif tracemalloc_mode == 'inline':
        print('tracemalloc was on while timing: the speeds are lower than without it')


if __name__ == '__main__':
    sys.exit(main())
