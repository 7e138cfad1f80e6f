from odoo import api, fields, models


class PurchaseOrder(models.Model):
    """Purchases from inclusive suppliers, for the share of purchases per buyer and year."""

    _inherit = 'purchase.order'

    asr_supplier_kind = fields.Selection(related='partner_id.commercial_partner_id.'
                                         'asr_structure_kind', store=True, readonly=True,
                                         string='Inclusive structure')
    asr_inclusive_supplier = fields.Boolean(related='partner_id.commercial_partner_id.'
                                            'asr_inclusive', store=True, readonly=True,
                                            string='Inclusive supplier')
    asr_buyer_id = fields.Many2one(
        'res.users', 'Buyer', compute='_compute_asr_buyer_id', store=True, index=True,
        help="The buyer in charge of the order's market, or whoever created the order.")

    @api.depends('asr_lot_id.market_id.user_id', 'create_uid')
    def _compute_asr_buyer_id(self):
        for order in self:
            order.asr_buyer_id = order.asr_lot_id.market_id.user_id or order.create_uid
