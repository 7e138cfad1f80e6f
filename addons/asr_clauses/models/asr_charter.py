from odoo import _, api, fields, models

from ..rules import parameters
from ..rules.indicators import percentage


class AsrCharter(models.Model):
    """The charter's defaults for the clauses of its buyers (objective and penalties)."""

    _name = 'asr.charter'
    _inherit = ['asr.charter', 'asr.clause.parameters.mixin']
    _asr_parameters_key = 'charter'

    hourly_cost = fields.Monetary(
        'Hourly labour cost', default=parameters.DEFAULT_HOURLY_COST, required=True,
        currency_field='currency_id',
        help="All-inclusive hourly cost used to turn an amount into worked hours "
             "(published examples range from 25 to 35 EUR).")
    insertion_rate = fields.Float(
        'Default insertion rate (%)', default=parameters.DEFAULT_INSERTION_RATE, required=True,
        help="Share of the worked hours reserved to people in insertion: 5 % by default, "
             "10 % for proximity-management markets.")
    insertion_rate_proximity = fields.Float(
        'Insertion rate of proximity-management markets (%)',
        default=parameters.DEFAULT_INSERTION_RATE_PROXIMITY, required=True,
        help="Proposed for the markets of urban proximity management (GUP).")
    penalty_rate_missing_hour = fields.Monetary(
        'Penalty per missing hour', currency_field='currency_id',
        help="For example 1.5 times the gross hourly minimum wage (SMIC), or the amount of "
             "the CCAP.")
    penalty_rate_late_day = fields.Monetary('Penalty per day of late report',
                                            currency_field='currency_id')
    report_due_day = fields.Integer('Monthly report due on day', required=True,
                                    default=parameters.DEFAULT_REPORT_DUE_DAY,
                                    help="Day of the following month.")
    penalty_cap_percent = fields.Float('Penalty cap (% of the amount)',
                                       help="0 means no cap.")
    currency_id = fields.Many2one(related='company_id.currency_id', readonly=True,
                                  string='Currency')
    market_ids = fields.One2many('asr.market', 'charter_id', 'Markets')
    indicator_year = fields.Integer('Indicators of the year', compute='_compute_indicators')
    market_count = fields.Integer('Markets planned', compute='_compute_indicators')
    market_examined_count = fields.Integer('Markets examined', compute='_compute_indicators')
    market_examined_rate = fields.Float('Examined (%)', compute='_compute_indicators')
    market_disposition_count = fields.Integer('Markets with a social disposition',
                                              compute='_compute_indicators')
    market_reserved_count = fields.Integer('Reserved markets', compute='_compute_indicators')
    market_disposition_rate = fields.Float('With a social disposition (%)',
                                           compute='_compute_indicators')
    market_reserved_rate = fields.Float('Reserved (%)', compute='_compute_indicators')

    def _compute_indicators(self):
        """Art. 3 indicators of the current year, summed in SQL."""
        year = fields.Date.from_string(fields.Date.context_today(self)).year
        ids = [i for i in self.ids if isinstance(i, int)]
        groups = self.env['asr.market'].read_group(
            [('charter_id', 'in', ids), ('year', '=', year)],
            ['charter_id', 'examined_count', 'disposition_count', 'reserved_count'],
            ['charter_id']) if ids else []
        totals = {g['charter_id'][0]: g for g in groups}
        for charter in self:
            group = totals.get(charter.id, {})
            count = group.get('charter_id_count', 0)
            charter.indicator_year = year
            charter.market_count = count
            charter.market_examined_count = group.get('examined_count', 0)
            charter.market_examined_rate = percentage(charter.market_examined_count, count)
            charter.market_disposition_count = group.get('disposition_count', 0)
            charter.market_disposition_rate = percentage(charter.market_disposition_count,
                                                         count)
            charter.market_reserved_count = group.get('reserved_count', 0)
            charter.market_reserved_rate = percentage(charter.market_reserved_count, count)

    @api.constrains('hourly_cost', 'insertion_rate', 'insertion_rate_proximity', 'report_due_day',
                    'penalty_cap_percent')
    def _check_clause_defaults(self):
        """The charter's defaults obey the ranges of every clause (rules/parameters.py)."""
        names = ('hourly_cost', 'insertion_rate', 'insertion_rate_proximity', 'report_due_day',
                 'penalty_cap_percent')
        self._asr_check_parameters(names)

    def _asr_parameter_message(self, name):
        if name == 'hourly_cost':
            return _("The hourly labour cost of the charter \"%s\" must be positive.") % self.name
        if name in ('insertion_rate', 'insertion_rate_proximity'):
            return _("The default insertion rate of the charter \"%s\" must be between 0 and "
                     "100 %%.") % self.name
        if name == 'report_due_day':
            return _("The monthly report of the charter \"%s\" is due on a day between 1 and "
                     "28.") % self.name
        return _("The penalty cap of the charter \"%s\" must be between 0 and 100 %%.") % (
            self.name)
