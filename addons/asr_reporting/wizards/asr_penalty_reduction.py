from odoo import api, fields, models

from ..models.asr_penalty import REASON_MAX_LENGTH


class AsrPenaltyReduction(models.TransientModel):
    """Propose a reduction of a penalty: its amount, its reason, the registered letter by
    which the contractor notified its difficulties."""

    _name = 'asr.penalty.reduction'
    _inherit = ['asr.wizard.mixin']
    _description = 'Propose a penalty reduction'
    _asr_limits = {'reason': REASON_MAX_LENGTH, 'amount': (-1000000000, 1000000000)}

    penalty_id = fields.Many2one('asr.penalty', 'Penalty', required=True)
    currency_id = fields.Many2one(related='penalty_id.currency_id', readonly=True)
    amount = fields.Monetary('Reduction', required=True)
    reason = fields.Text('Reason', required=True)
    letter_date = fields.Date('Registered letter of')
    letter = fields.Binary('Registered letter')
    letter_name = fields.Char('File name')

    @api.multi
    def action_propose(self):
        self.ensure_one()
        self.penalty_id.action_propose_reduction(self.amount, self.reason, self.letter_date,
                                                 self.letter, self.letter_name)
        return {'type': 'ir.actions.act_window_close'}
