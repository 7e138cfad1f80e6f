from odoo import fields, models, tools

SERIES = [('realised', 'Validated hours (cumulative)'), ('objective', 'Objective (even pace)')]

# months of a contract, its start's month and end's month included (rules.hours.months_between)
MONTHS = """((date_part('year', c.date_end) - date_part('year', c.date_start)) * 12
             + date_part('month', c.date_end) - date_part('month', c.date_start) + 1)::int"""
ELAPSED = """((date_part('year', current_date) - date_part('year', c.date_start)) * 12
              + date_part('month', current_date) - date_part('month', c.date_start) + 1)::int"""


class AsrClauseHourChart(models.Model):
    """The curve of an insertion clause: its validated hours added up month after month, up to
    the current month, against the even pace that reaches the objective at the contract's end
    (objective x months elapsed / months of the contract). One row per clause, month of the
    contract and series; a line graph grouped by month and series draws both curves.

    A view over the clauses and the summary table asr_hour_month_total (refreshed with the
    hours): a clause's curve reads its own rows through the index (clause_id, month), under a
    millisecond on the regional database (5,000 clauses); it is opened for one clause (the
    button of the clause form), the curves of a whole region taking seconds."""

    _name = 'asr.clause.hour.chart'
    _description = 'Insertion hours against the objective'
    _auto = False
    _order = 'month, series'

    clause_id = fields.Many2one('asr.clause', 'Clause', readonly=True)
    charter_id = fields.Many2one('asr.charter', 'Charter', readonly=True)
    market_id = fields.Many2one('asr.market', 'Market', readonly=True)
    partner_id = fields.Many2one('res.partner', 'Contractor', readonly=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    month = fields.Date('Month', readonly=True)
    series = fields.Selection(SERIES, 'Series', readonly=True)
    hours = fields.Float('Hours', readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # sql-composed: the view's name is the model's table
        self.env.cr.execute("""
            CREATE VIEW %(table)s AS (
                SELECT c.id::bigint * 2000 + g.idx * 2 AS id, c.id AS clause_id, c.charter_id,
                       c.market_id, c.partner_id, c.company_id,
                       (date_trunc('month', c.date_start) + g.idx * interval '1 month')::date
                           AS month,
                       'objective'::varchar AS series,
                       coalesce(c.hour_objective, 0) * (g.idx + 1)::float8 / %(months)s AS hours
                FROM asr_clause c
                CROSS JOIN LATERAL generate_series(0, %(months)s - 1) AS g(idx)
                WHERE c.clause_type = 'insertion' AND c.date_start <= c.date_end
              UNION ALL
                SELECT c.id::bigint * 2000 + g.idx * 2 + 1, c.id, c.charter_id, c.market_id,
                       c.partner_id, c.company_id,
                       (date_trunc('month', c.date_start) + g.idx * interval '1 month')::date,
                       'realised'::varchar,
                       sum(coalesce(m.hours, 0)) OVER (PARTITION BY c.id ORDER BY g.idx)::float8
                FROM asr_clause c
                CROSS JOIN LATERAL generate_series(
                    0, least(%(months)s, %(elapsed)s) - 1) AS g(idx)
                LEFT JOIN LATERAL (
                    SELECT sum(t.hours) AS hours FROM asr_hour_month_total t
                    WHERE t.clause_id = c.id
                      AND t.month = (date_trunc('month', c.date_start)
                                     + g.idx * interval '1 month')::date) AS m ON true
                WHERE c.clause_type = 'insertion' AND c.date_start <= c.date_end
            )""" % {'table': self._table, 'months': MONTHS, 'elapsed': ELAPSED})
