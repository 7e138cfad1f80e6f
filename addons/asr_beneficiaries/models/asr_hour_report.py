from odoo import fields, models, tools

from .asr_hour_entry import MODALITIES


class AsrHourReport(models.Model):
    """Validated insertion hours per clause, month and modality (SQL view): the figures of the
    clauses, the monthly graph and the bilans read this, never a Python loop."""

    _name = 'asr.hour.report'
    _description = 'Insertion hours per month'
    _auto = False
    _order = 'month desc'

    clause_id = fields.Many2one('asr.clause', 'Clause', readonly=True)
    charter_id = fields.Many2one('asr.charter', 'Charter', readonly=True)
    market_id = fields.Many2one('asr.market', 'Market', readonly=True)
    partner_id = fields.Many2one('res.partner', 'Contractor', readonly=True)
    month = fields.Date('Month', readonly=True)
    modality = fields.Selection(MODALITIES, 'Modality', readonly=True)
    hours = fields.Float('Hours', readonly=True)
    entry_count = fields.Integer('Entries', readonly=True)
    beneficiary_count = fields.Integer(
        'People that month', readonly=True,
        help="Distinct people in the month and modality; people are counted once per clause on "
             "the clause itself.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE VIEW asr_hour_report AS (
                SELECT min(e.id) AS id, e.clause_id, c.charter_id, c.market_id,
                       c.partner_id, e.month, e.modality, sum(e.hours) AS hours,
                       count(*) AS entry_count, count(DISTINCT e.beneficiary_id)
                       AS beneficiary_count
                FROM asr_hour_entry e JOIN asr_clause c ON c.id = e.clause_id
                WHERE e.state = 'validated'
                GROUP BY e.clause_id, c.charter_id, c.market_id, c.partner_id, e.month,
                         e.modality
            )""")


class AsrClauseModalityReport(models.Model):
    """Validated hours of a clause by modality, over the whole contract (SQL view)."""

    _name = 'asr.clause.modality.report'
    _description = 'Insertion hours per modality'
    _auto = False
    _order = 'hours desc'

    clause_id = fields.Many2one('asr.clause', 'Clause', readonly=True)
    modality = fields.Selection(MODALITIES, 'Modality', readonly=True)
    hours = fields.Float('Hours', readonly=True)
    share = fields.Float('Share of the hours (%)', readonly=True)
    beneficiary_count = fields.Integer('People', readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE VIEW asr_clause_modality_report AS (
                SELECT min(e.id) AS id, e.clause_id, e.modality, sum(e.hours) AS hours,
                       CASE WHEN t.total > 0 THEN sum(e.hours) * 100.0 / t.total ELSE 0 END
                       AS share,
                       count(DISTINCT e.beneficiary_id) AS beneficiary_count
                FROM asr_hour_entry e
                JOIN (SELECT clause_id, sum(hours) AS total FROM asr_hour_entry
                      WHERE state = 'validated' GROUP BY clause_id) t
                  ON t.clause_id = e.clause_id
                WHERE e.state = 'validated'
                GROUP BY e.clause_id, e.modality, t.total
            )""")
