"""The bilans at regional scale against the hand-written SQL of the same numbers (issue 14).

    .venv/bin/python bench/bilan.py --database asr_region [--runs 5] [--items abcd] [--profile]

Measured in process as the real user (``bench_admin``, ASR manager), each run in a fresh cursor
rolled back, ours and the baseline alternated after a warm-up of each, medians of ``--runs``
(or ``--fast-runs`` when the warm-up took under 0.5 s); the machinery of ``screens.py``:

- a. the insertion clauses with their progress (``screens.py`` item a), vs SQL;
- b. every ``read_group`` of the figures layer: ``asr.hour.report`` by clause, by month and by
  modality, ``asr.clause.modality.report`` by clause, ``asr.people.report`` of the charter's
  year by gender and by age band, each vs the SQL GROUP BY over the hour entries that gives
  the same numbers (compared);
- c. the values of the annual bilan of the largest charter for the year with the most hours
  (``asr.bilan._asr_bilan_values``: every figure, table and chart) vs the SQL of its main
  numbers (hours of the year, per month and per modality, distinct people by gender and age
  band, markets of the year by disposition), the numbers compared;
- d. the same bilan as PDF (QWeb + wkhtmltopdf) and as workbook (report_xlsx) vs the same
  SQL; and the QWeb HTML of the PDF alone, to show what wkhtmltopdf adds.
"""
import argparse
import os
import sys

from odoo import api

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import screens  # noqa: E402

log = screens.log
sql = screens.sql
TARGET = ('ratio', 2)
ITEMS = 'abcd'


def largest_charter_year(bench):
    with bench.cursor() as cr:
        cr.execute("""SELECT charter_id, date_part('year', month)::int, sum(hours)
                      FROM asr_hour_month_total GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1""")
        return cr.fetchone()[:2]


def equal_maps(ours, base, label='groups'):
    wrong = [k for k in set(ours) | set(base)
             if abs((ours.get(k) or 0.0) - (base.get(k) or 0.0)) > 0.01]
    return '%d %s, %s' % (len(ours), label, 'equal to SQL' if not wrong
                          else 'DIFFER on %d: %s' % (len(wrong), sorted(map(str, wrong))[:5]))


def item_b(bench, uid, charter_id, year):
    def grouped(model, groupby, field='hours', domain=()):
        def run(env):
            name = groupby.split(':')[0]
            return env[model].read_group(list(domain), [name, field] if field else [name],
                                         [groupby], lazy=True)
        return run

    def key(value):
        return value[0] if isinstance(value, (list, tuple)) else value

    def check_sum(groupby, field='hours'):
        def check(groups, rows):
            return equal_maps({key(g[groupby]): g[field] for g in groups if g[groupby]},
                              {row[0]: row[1] for row in rows if row[0]})
        return check

    def check_count(groupby):
        def check(groups, rows):
            return equal_maps({g[groupby]: g['%s_count' % groupby] for g in groups},
                              dict(rows))
        return check

    validated = "FROM asr_hour_entry WHERE state = 'validated'"
    bench.compare('b', 'read_group asr.hour.report by clause',
                  grouped('asr.hour.report', 'clause_id'),
                  sql("SELECT clause_id, sum(hours) " + validated + " GROUP BY 1"), uid,
                  target=TARGET, check=check_sum('clause_id'))
    bench.compare('b', 'read_group asr.hour.report by month',
                  grouped('asr.hour.report', 'month:month'),
                  sql("SELECT month, sum(hours) " + validated + " GROUP BY 1"), uid,
                  target=TARGET, check=lambda groups, rows: '%d groups, total %s SQL' % (
                      len(groups), 'equal to' if abs(sum(g['hours'] for g in groups) - sum(
                          r[1] for r in rows)) < 0.01 else 'DIFFERENT from'))
    bench.compare('b', 'read_group asr.hour.report by modality',
                  grouped('asr.hour.report', 'modality'),
                  sql("SELECT modality, sum(hours) " + validated + " GROUP BY 1"), uid,
                  target=TARGET, check=check_sum('modality'))
    bench.compare('b', 'read_group asr.clause.modality.report by clause',
                  grouped('asr.clause.modality.report', 'clause_id'),
                  sql("SELECT clause_id, sum(hours) " + validated + " GROUP BY 1"), uid,
                  target=TARGET, check=check_sum('clause_id'))
    people = [('charter_id', '=', charter_id), ('year', '=', year)]
    base_people = """
        SELECT %s, count(*) FROM (
            SELECT e.beneficiary_id FROM asr_hour_entry e
            WHERE e.state = 'validated' AND e.charter_id = %%s
              AND e.month BETWEEN %%s AND %%s AND e.beneficiary_id IS NOT NULL
            GROUP BY e.beneficiary_id) p JOIN asr_beneficiary b ON b.id = p.beneficiary_id
        GROUP BY 1"""
    bounds = (charter_id, '%s-01-01' % year, '%s-12-01' % year)
    bench.compare('b', 'read_group asr.people.report of the year by gender',
                  grouped('asr.people.report', 'gender', None, people),
                  sql(base_people % "coalesce(b.gender, 'unknown')", bounds), uid,
                  target=TARGET, check=check_count('gender'))
    band = """CASE WHEN b.birth_year IS NULL OR b.birth_year > %d THEN 'unknown'
                   WHEN %d - b.birth_year < 26 THEN 'under_26'
                   WHEN %d - b.birth_year < 50 THEN '26_49' ELSE '50_over' END""" % (
        year, year, year)
    bench.compare('b', 'read_group asr.people.report of the year by age band',
                  grouped('asr.people.report', 'age_band', None, people),
                  sql(base_people % band, bounds), uid, target=TARGET,
                  check=check_count('age_band'))


def bilan_baseline(charter_id, year):
    """The main numbers of the annual bilan, written by hand in SQL."""
    first, last = '%s-01-01' % year, '%s-12-01' % year

    def run(env):
        cr = env.cr
        cr.execute("""SELECT month, modality, sum(hours) FROM asr_hour_entry
                      WHERE state = 'validated' AND charter_id = %s
                        AND month BETWEEN %s AND %s GROUP BY 1, 2""",
                   (charter_id, first, last))
        hours = cr.fetchall()
        cr.execute("""
            SELECT coalesce(b.gender, 'unknown'), count(*) FROM (
                SELECT DISTINCT e.beneficiary_id FROM asr_hour_entry e
                WHERE e.state = 'validated' AND e.charter_id = %s
                  AND e.month BETWEEN %s AND %s AND e.beneficiary_id IS NOT NULL) p
            JOIN asr_beneficiary b ON b.id = p.beneficiary_id GROUP BY 1""",
                   (charter_id, first, last))
        genders = dict(cr.fetchall())
        cr.execute("""SELECT coalesce(c.clause_type, 'none'), count(DISTINCT l.id)
                      FROM asr_market m JOIN asr_market_lot l ON l.market_id = m.id
                      LEFT JOIN asr_clause c ON c.lot_id = l.id
                      WHERE m.charter_id = %s AND m.year = %s GROUP BY 1""",
                   (charter_id, year))
        markets = dict(cr.fetchall())
        return {'hours': sum(row[2] for row in hours), 'people': sum(genders.values()),
                'genders': genders, 'markets': markets}
    return run


def bilan_values(charter_id, year):
    def run(env):
        bilan = env['asr.bilan'].create({'kind': 'charter', 'charter_id': charter_id,
                                         'year': year})
        return bilan._asr_bilan_values()
    return run


def check_bilan(values, base):
    sections = {section['key']: section for section in values['sections']}
    hours = sum(row[1] for row in sections['months']['table']['rows'])
    keys = [tuple(k) for k in sections['people']['row_keys']]
    rows = dict(zip(keys, sections['people']['table']['rows']))
    people = rows[('total', 'total')][2]
    lots = {}
    for row in sections['markets']['table']['rows']:
        lots[row[0]] = row[2]
    ok = abs(hours - base['hours']) < 0.01 and people == base['people'] and \
        sum(lots.values()) == sum(base['markets'].values())
    return '%.0f h, %s people, %d lots: %s' % (hours, people, sum(lots.values()),
                                               'equal to SQL' if ok else 'DIFFERENT from SQL')


def report(kind, charter_id, year):
    def run(env):
        bilan = env['asr.bilan'].create({'kind': 'charter', 'charter_id': charter_id,
                                         'year': year})
        action = env.ref('asr_reporting.action_report_asr_bilan')
        if kind == 'pdf':
            content = action.render_qweb_pdf(bilan.ids)[0]
        elif kind == 'html':
            content = action.render_qweb_html(bilan.ids)[0]
        else:
            content = env['report.asr_reporting.bilan_xlsx'].with_context(
                active_model='asr.bilan').create_xlsx_report(bilan.ids, {})[0]
        return len(content)
    return run


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--database', default='asr_region')
    parser.add_argument('--runs', type=int, default=5)
    parser.add_argument('--fast-runs', type=int, default=20)
    parser.add_argument('--items', default=ITEMS)
    parser.add_argument('--profile', action='store_true')
    parser.add_argument('--no-pg-session', action='store_true')
    args = parser.parse_args(argv)
    screens.start_process('bilan', args.database, args.no_pg_session)
    with api.Environment.manage():
        bench = screens.Bench(args.database, args.runs, args.fast_runs, args.profile)
        users = {login: bench.uid(login) for login in ('bench_buyer', 'bench_admin')}
        uid = users['bench_admin']
        charter_id, year = largest_charter_year(bench)
        log('[bilan] the annual bilan of charter %s for %s (the most hours)'
            % (charter_id, year))
        for letter in args.items:
            if letter == 'a':
                screens.item_a(bench, users)
            elif letter == 'b':
                item_b(bench, uid, charter_id, year)
            elif letter == 'c':
                bench.compare('c', 'annual charter bilan: values (figures, tables, charts)',
                              bilan_values(charter_id, year), bilan_baseline(charter_id, year),
                              uid, target=TARGET, check=check_bilan)
            elif letter == 'd':
                for kind in ('html', 'pdf', 'xlsx'):
                    label = 'annual charter bilan: %s' % (
                        'QWeb HTML of the PDF (no wkhtmltopdf)' if kind == 'html' else kind)
                    bench.compare('d', label,
                                  report(kind, charter_id, year),
                                  bilan_baseline(charter_id, year), uid, target=TARGET,
                                  check=lambda size, _base: '%d bytes' % size)
    screens.summary(bench.results)
    return 0


if __name__ == '__main__':
    sys.exit(main())
