from odoo import _, models

from odoo.addons.asr_charter.rules.dates import fr_date
from odoo.addons.asr_charter.rules.spreadsheet import write_cell


class AsrClauseHoursXlsx(models.AbstractModel):
    """Spreadsheet of insertion clauses: objective, hours realised, progress."""

    _name = 'report.asr_reporting.clause_hours_xlsx'
    _inherit = 'report.report_xlsx.abstract'
    _description = 'Spreadsheet of the insertion clauses'

    def _columns(self):
        return [
            (_('Clause'), 42), (_('Market'), 36), (_('Lot'), 28), (_('Contractor'), 32),
            (_('Contract start'), 14), (_('Contract end'), 14), (_('Hour objective'), 14),
            (_('Hours realised'), 14), (_('Objective reached'), 14), (_('Missing hours'), 14),
        ]

    def generate_xlsx_report(self, workbook, data, clauses):
        bold = workbook.add_format({'bold': True, 'bg_color': '#D9E7E4', 'border': 1,
                                    'text_wrap': True})
        hours = workbook.add_format({'num_format': '# ##0.00'})
        percent = workbook.add_format({'num_format': '0.0%'})
        sheet = workbook.add_worksheet(_('Insertion hours'))
        for col, (title, width) in enumerate(self._columns()):
            write_cell(sheet, 0, col, title, bold)
            sheet.set_column(col, col, width)
        sheet.freeze_panes(1, 0)
        for row, clause in enumerate(clauses.sorted(key=lambda c: c.id), start=1):
            # data is written as data: a name starting with '=' stays a text, never a formula
            write_cell(sheet, row, 0, clause.display_name)
            write_cell(sheet, row, 1, clause.market_id.display_name or '')
            write_cell(sheet, row, 2, '%s — %s' % (clause.lot_id.number, clause.lot_id.name))
            write_cell(sheet, row, 3, clause.partner_id.name or '')
            write_cell(sheet, row, 4, fr_date(clause.date_start))
            write_cell(sheet, row, 5, fr_date(clause.date_end))
            write_cell(sheet, row, 6, clause.hour_objective)
            write_cell(sheet, row, 7, clause.hours_realised, hours)
            write_cell(sheet, row, 8, clause.hours_progress / 100.0, percent)
            write_cell(sheet, row, 9, clause.hours_missing, hours)
