from odoo import api, models


class AsrMonthlyReport(models.Model):
    """A report received (or its receipt corrected) changes the penalties of its clause."""

    _inherit = 'asr.monthly.report'

    @api.multi
    def write(self, vals):
        res = super(AsrMonthlyReport, self).write(vals)
        if 'received_date' in vals:
            self.env['asr.penalty']._asr_figures_changed(set(self.sudo().mapped('clause_id').ids))
        return res
