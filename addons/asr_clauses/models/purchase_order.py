from odoo import _, api, fields, models

from odoo.addons.asr_charter.exceptions import AsrUserError


class PurchaseOrder(models.Model):
    """A purchase order executes a market lot: it shows the lot's clauses and objective."""

    _inherit = 'purchase.order'
    # its chatter in the user's language when created without one (asr_charter's mail.thread)
    _asr_user_lang_chatter = True

    asr_lot_id = fields.Many2one('asr.market.lot', 'Market lot', index=True,
                                 states={'purchase': [('readonly', True)],
                                         'done': [('readonly', True)]})
    asr_market_state = fields.Selection(related='asr_lot_id.market_id.state', readonly=True,
                                        string='Social examination')
    asr_clause_ids = fields.One2many(related='asr_lot_id.clause_ids', readonly=True,
                                     string='Social clauses')
    asr_hour_objective = fields.Integer('Insertion hour objective',
                                        compute='_compute_asr_hour_objective')

    @api.depends('asr_lot_id.clause_ids.hour_objective')
    def _compute_asr_hour_objective(self):
        for order in self:
            order.asr_hour_objective = sum(order.asr_lot_id.clause_ids.mapped('hour_objective'))

    @api.multi
    def button_confirm(self):
        for order in self.filtered('asr_lot_id'):
            market = order.asr_lot_id.market_id
            if market.state != 'validated':
                raise AsrUserError('purchase_order.market_not_validated', _(
                    "The purchase order %s cannot be confirmed: the social examination of the "
                    "market \"%s\" is not validated yet (current step: %s).") % (
                    order.name, market.display_name,
                    dict(market._fields['state']._description_selection(
                        market._asr_user_env()))[market.state]))
        return super(PurchaseOrder, self).button_confirm()

    @api.multi
    def asr_report_file_name(self, quotation=False):
        """Name of the order's PDF in the user's language (the purchase reports'
        ``print_report_name``): "Bon de commande - PO00008", or "Demande de prix - PO00008"
        for a request for quotation."""
        self.ensure_one()
        if quotation or self.state in ('draft', 'sent'):
            return _("Request for Quotation - %s") % self.name
        return _("Purchase Order - %s") % self.name
