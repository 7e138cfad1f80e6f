from odoo import _, api, fields, models

from odoo.addons.asr_charter.exceptions import AsrValidationError

from ..rules.legal_checks import Threshold

from .asr_market import NATURES

BUYER_KINDS = [('local', 'Local authority'), ('state', 'State')]


class AsrThreshold(models.Model):
    """European procurement thresholds, dated reference data kept up to date by the buyer."""

    _name = 'asr.threshold'
    _description = 'European threshold'
    _inherit = ['asr.guard.mixin']
    _order = 'date_from desc, nature, buyer_kind'
    _asr_limits = {'amount': (-1e11, 1e11)}

    nature = fields.Selection(NATURES, 'Nature', required=True)
    buyer_kind = fields.Selection(BUYER_KINDS, 'Buyer', required=True, default='local')
    amount = fields.Float('Threshold excl. VAT', required=True)
    date_from = fields.Date('Valid from', required=True)
    date_to = fields.Date('Valid until')

    @api.constrains('amount', 'date_from', 'date_to')
    def _check_values(self):
        for threshold in self:
            if threshold.amount <= 0:
                raise AsrValidationError('threshold.amount', _(
                    "A threshold must be a positive amount."))
            if threshold.date_to and threshold.date_to < threshold.date_from:
                raise AsrValidationError('threshold.end_before_start', _(
                    "A threshold cannot end before it starts."))

    @api.model
    def _as_rules(self):
        """All thresholds as plain tuples for the rules."""
        return [Threshold(t.nature, t.buyer_kind, t.amount,
                          fields.Date.from_string(t.date_from),
                          fields.Date.from_string(t.date_to))
                for t in self.sudo().search([])]
