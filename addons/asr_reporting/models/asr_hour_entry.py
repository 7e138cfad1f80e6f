from odoo import api, models


class AsrHourEntry(models.Model):
    """Validated or rejected hours change the penalties computed on their clauses."""

    _inherit = 'asr.hour.entry'

    @api.model
    def _asr_refresh_figures(self, clause_ids=None):
        res = super(AsrHourEntry, self)._asr_refresh_figures(clause_ids)
        if clause_ids is not None:
            self.env['asr.penalty']._asr_figures_changed(
                {int(i) for i in clause_ids if i})
        return res
