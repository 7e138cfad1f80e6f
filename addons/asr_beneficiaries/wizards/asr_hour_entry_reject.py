from odoo import api, fields, models

from ..models.asr_hour_entry import REASON_MAX_LENGTH


class AsrHourEntryReject(models.TransientModel):
    """The facilitator rejects hours and says why (the contractor is told the reason)."""

    _name = 'asr.hour.entry.reject'
    _inherit = ['asr.wizard.mixin']
    _description = 'Reject hour entries'
    _asr_limits = {'reason': REASON_MAX_LENGTH}

    entry_ids = fields.Many2many('asr.hour.entry', string='Entries')
    reason = fields.Text('Reason', required=True)

    @api.multi
    def action_reject(self):
        self.ensure_one()
        self.entry_ids.action_reject(self.reason)
        return {'type': 'ir.actions.act_window_close'}
