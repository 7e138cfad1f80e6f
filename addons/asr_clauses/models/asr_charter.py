from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AsrCharter(models.Model):
    """The charter's defaults for the insertion clauses of its buyers."""

    _inherit = 'asr.charter'

    hourly_cost = fields.Monetary(
        'Hourly labour cost', default=30.0, currency_field='currency_id',
        help="All-inclusive hourly cost used to turn an amount into worked hours "
             "(published examples range from 25 to 35 EUR).")
    insertion_rate = fields.Float(
        'Default insertion rate (%)', default=5.0,
        help="Share of the worked hours reserved to people in insertion: 5 % by default, "
             "10 % for proximity-management markets.")
    currency_id = fields.Many2one(related='company_id.currency_id', readonly=True,
                                  string='Currency')
    clause_ids = fields.One2many('asr.clause', 'charter_id', 'Social clauses')

    @api.constrains('hourly_cost', 'insertion_rate')
    def _check_clause_defaults(self):
        for charter in self:
            if charter.hourly_cost <= 0:
                raise ValidationError(_(
                    "The hourly labour cost of the charter \"%s\" must be positive.")
                    % charter.name)
            if not 0 < charter.insertion_rate <= 100:
                raise ValidationError(_(
                    "The default insertion rate of the charter \"%s\" must be between 0 and "
                    "100 %%.") % charter.name)
