from odoo import fields, models


class AccountInvoice(models.Model):
    """A credit note or a vendor bill knows the penalties it deducts."""

    _inherit = 'account.invoice'

    asr_penalty_ids = fields.One2many('asr.penalty', 'invoice_id', 'ASR penalties',
                                      readonly=True)
