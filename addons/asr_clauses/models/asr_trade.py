from odoo import _, api, fields, models

from odoo.addons.asr_charter.exceptions import AsrValidationError


class AsrTrade(models.Model):
    """A trade (corps d'état) and its default labour share, editable reference data."""

    _name = 'asr.trade'
    _description = 'Trade'
    _inherit = ['asr.guard.mixin']
    _order = 'name'
    _asr_name_search_fields = ('name',)
    _asr_limits = {'name': 200}

    name = fields.Char('Trade', required=True, translate=True)
    labour_share = fields.Float(
        'Default labour share (%)', required=True, default=40.0,
        help="Share of the amount that pays labour: interior painting 70 %, masonry 50 %, "
             "metal frames 20 %; cleaning and green spaces are labour-heavy.")
    active = fields.Boolean('Active', default=True)

    @api.constrains('labour_share')
    def _check_labour_share(self):
        for trade in self:
            if not 0 < trade.labour_share <= 100:
                raise AsrValidationError('trade.labour_share', _(
                    "The labour share of the trade \"%s\" must be between 0 and 100 %% "
                    "(%s given).") % (trade.name, trade.labour_share))
