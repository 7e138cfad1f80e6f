from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AsrCharter(models.Model):
    """The charter's defaults for the clauses of its buyers (objective and penalties)."""

    _inherit = 'asr.charter'

    hourly_cost = fields.Monetary(
        'Hourly labour cost', default=30.0, currency_field='currency_id',
        help="All-inclusive hourly cost used to turn an amount into worked hours "
             "(published examples range from 25 to 35 EUR).")
    insertion_rate = fields.Float(
        'Default insertion rate (%)', default=5.0,
        help="Share of the worked hours reserved to people in insertion: 5 % by default, "
             "10 % for proximity-management markets.")
    penalty_rate_missing_hour = fields.Monetary(
        'Penalty per missing hour', currency_field='currency_id',
        help="For example 1.5 times the gross hourly minimum wage (SMIC), or the amount of "
             "the CCAP.")
    penalty_rate_late_day = fields.Monetary('Penalty per day of late report',
                                            currency_field='currency_id')
    report_due_day = fields.Integer('Monthly report due on day', default=10,
                                    help="Day of the following month.")
    penalty_cap_percent = fields.Float('Penalty cap (% of the amount)',
                                       help="0 means no cap.")
    currency_id = fields.Many2one(related='company_id.currency_id', readonly=True,
                                  string='Currency')
    market_ids = fields.One2many('asr.market', 'charter_id', 'Markets')

    @api.constrains('hourly_cost', 'insertion_rate', 'report_due_day', 'penalty_cap_percent')
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
            if not 1 <= charter.report_due_day <= 28:
                raise ValidationError(_(
                    "The monthly report of the charter \"%s\" is due on a day between 1 and "
                    "28.") % charter.name)
            if not 0 <= charter.penalty_cap_percent <= 100:
                raise ValidationError(_(
                    "The penalty cap of the charter \"%s\" must be between 0 and 100 %%.")
                    % charter.name)
