from odoo import _, models

from odoo.addons.asr_charter.rules.dates import fr_date
from odoo.addons.asr_charter.rules.spreadsheet import write_cell


class AsrPenaltyXlsx(models.AbstractModel):
    """Spreadsheet of penalties for finance: contract, lot, contractor and SIRET, clause,
    each cause, the cap, the reduction, what is due, the state and the invoice number.
    Read with the user's rights (finance reads every penalty, never a person)."""

    _name = 'report.asr_reporting.penalty_xlsx'
    _inherit = 'report.report_xlsx.abstract'
    _description = 'Spreadsheet of the penalties'

    def _columns(self):
        return [
            (_('Reference'), 16), (_('Contract'), 40), (_('Lot'), 30), (_('Contractor'), 30),
            (_('Contractor SIRET'), 16), (_('Clause'), 40), (_('Period from'), 12),
            (_('Period to'), 12), (_('Missing hours'), 14), (_('Late reports'), 14),
            (_('Social actions'), 14), (_('Total of the causes'), 14), (_('Above the cap'), 14),
            (_('Reduction granted'), 14), (_('Amount due'), 14), (_('State'), 16),
            (_('Invoice number'), 18),
        ]

    def generate_xlsx_report(self, workbook, data, penalties):
        bold = workbook.add_format({'bold': True, 'bg_color': '#D9E7E4', 'border': 1,
                                    'text_wrap': True})
        money = workbook.add_format({'num_format': '# ##0.00 €'})
        sheet = workbook.add_worksheet(_('Penalties'))
        columns = self._columns()
        for col, (title, width) in enumerate(columns):
            write_cell(sheet, 0, col, title, bold)
            sheet.set_column(col, col, width)
        sheet.freeze_panes(1, 0)
        states = dict(penalties._fields['state']._description_selection(self.env))
        rows = penalties.sorted(key=lambda p: (p.date_from, p.id))
        for row, penalty in enumerate(rows, start=1):
            # data is written as data: a name starting with '=' stays a text, never a formula
            texts = (penalty.name, penalty.market_id.display_name,
                     penalty.lot_id.display_name, penalty.partner_id.name,
                     penalty.partner_siret, penalty.clause_id.display_name,
                     fr_date(penalty.date_from), fr_date(penalty.date_to))
            for col, text in enumerate(texts):
                write_cell(sheet, row, col, text or '')
            amounts = (penalty.amount_missing_hours, penalty.amount_late_reports,
                       penalty.amount_social_actions, penalty.amount_gross,
                       penalty.capped_part, penalty.reduction_amount, penalty.amount_total)
            for col, amount in enumerate(amounts, start=len(texts)):
                write_cell(sheet, row, col, amount, money)
            write_cell(sheet, row, len(columns) - 2, states.get(penalty.state, ''))
            write_cell(sheet, row, len(columns) - 1, penalty.invoice_ref or '')
        sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
