from odoo import api, fields, models

from ..models.asr_penalty import REASON_MAX_LENGTH


class AsrPenaltyCancel(models.TransientModel):
    """Cancel a penalty before it is applied, with the reason written."""

    _name = 'asr.penalty.cancel'
    _inherit = ['asr.wizard.mixin']
    _description = 'Cancel a penalty'
    _asr_limits = {'reason': REASON_MAX_LENGTH}

    penalty_id = fields.Many2one('asr.penalty', 'Penalty', required=True)
    reason = fields.Text('Reason', required=True)

    @api.multi
    def action_cancel(self):
        self.ensure_one()
        self.penalty_id.action_cancel(self.reason)
        return {'type': 'ir.actions.act_window_close'}
