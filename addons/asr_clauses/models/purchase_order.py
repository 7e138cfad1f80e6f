from odoo import api, fields, models


class PurchaseOrder(models.Model):
    _inherit = 'purchase.order'

    asr_clause_ids = fields.One2many('asr.clause', 'purchase_order_id', 'Social clauses')
    asr_hour_objective = fields.Integer('Insertion hour objective',
                                        compute='_compute_asr_hour_objective', store=True)

    @api.depends('asr_clause_ids.hour_objective')
    def _compute_asr_hour_objective(self):
        for order in self:
            order.asr_hour_objective = sum(order.asr_clause_ids.mapped('hour_objective'))
