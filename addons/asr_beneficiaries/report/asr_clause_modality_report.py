from odoo import fields, models

from ..models.asr_hour_entry import MODALITIES
from .asr_hour_report import create_view


class AsrClauseModalityReport(models.Model):
    """Validated hours of a clause by modality, over the whole contract (a view over the
    summary table asr_clause_modality_total)."""

    _name = 'asr.clause.modality.report'
    _inherit = ['asr.clause.order.mixin', 'asr.read.mixin']
    _description = 'Insertion hours per modality'
    _auto = False
    _order = 'hours desc, id'

    clause_id = fields.Many2one('asr.clause', 'Clause', readonly=True)
    charter_id = fields.Many2one('asr.charter', 'Charter', readonly=True)
    modality = fields.Selection(MODALITIES, 'Modality', readonly=True)
    hours = fields.Float('Hours', readonly=True)
    share = fields.Float('Share of the hours (%)', readonly=True)
    beneficiary_count = fields.Integer('People', readonly=True)

    def init(self):
        create_view(self.env.cr, self._table, """
            SELECT id, clause_id, charter_id, modality, hours, share, beneficiary_count
            FROM asr_clause_modality_total""")
