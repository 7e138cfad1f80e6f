from odoo import fields, models


class ResCompany(models.Model):
    """How finance deducts the penalties of the company's contracts."""

    _inherit = 'res.company'

    asr_penalty_account_id = fields.Many2one(
        'account.account', 'Penalty account',
        help="Account of the line of a penalty credit note or deduction (e.g. 7711 "
             "Dédits et pénalités perçus sur achats et ventes).")
    asr_penalty_mode = fields.Selection(
        [('refund', 'Vendor credit note'),
         ('deduction', "Deduction line on the contractor's next draft vendor bill")],
        'Penalties deducted by', required=True, default='refund')
