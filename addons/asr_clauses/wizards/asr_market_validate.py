from odoo import api, fields, models

from ..models.asr_market import OPINION_MAX_LENGTH


class AsrMarketValidate(models.TransientModel):
    """An ASR manager validates an examination against a reserved or unfavourable opinion of
    the facilitator: the buyer's reason for not following it is asked first, stored on the
    market (tracked) and shown to the facilitator on the portal."""

    _name = 'asr.market.validate'
    _inherit = ['asr.wizard.mixin']
    _description = 'Validate an examination against the opinion'
    _asr_limits = {'reason': OPINION_MAX_LENGTH}

    market_id = fields.Many2one('asr.market', 'Market', required=True, ondelete='cascade')
    opinion = fields.Selection(related='market_id.opinion', readonly=True)
    opinion_text = fields.Text(related='market_id.opinion_text', readonly=True)
    opinion_recommendation = fields.Text(related='market_id.opinion_recommendation',
                                         readonly=True)
    reason = fields.Text("Buyer's reason for not following the opinion", required=True)

    @api.multi
    def action_validate(self):
        self.ensure_one()
        self.market_id.action_validate(reason=self.reason)
        return {'type': 'ir.actions.act_window_close'}
