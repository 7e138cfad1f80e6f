from odoo import api, models


class AsrMarketLot(models.Model):
    """The contract dates of a lot bound what is recorded under its clauses."""

    _inherit = 'asr.market.lot'

    @api.constrains('date_start', 'date_end')
    def _check_records_within_dates(self):
        """Hour entries and actions carried out are checked against the contract dates: they
        are checked again when the dates change."""
        clauses = self.mapped('clause_ids')
        if not clauses:
            return
        self.env['asr.hour.entry'].sudo().search(
            [('clause_id', 'in', clauses.ids)])._check_within_contract()
        self.env['asr.social.action.record'].sudo().search(
            [('clause_id', 'in', clauses.ids)])._check_date()
