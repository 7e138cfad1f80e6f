from odoo import fields, models


class PurchaseOrder(models.Model):
    """Purchases from inclusive suppliers, for the share of purchases per buyer and year."""

    _inherit = 'purchase.order'

    asr_supplier_kind = fields.Selection(related='partner_id.commercial_partner_id.'
                                         'asr_structure_kind', store=True, readonly=True,
                                         string='Inclusive structure')
    asr_inclusive_supplier = fields.Boolean(related='partner_id.commercial_partner_id.'
                                            'asr_inclusive', store=True, readonly=True,
                                            string='Inclusive supplier')
