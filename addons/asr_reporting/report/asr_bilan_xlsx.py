from odoo import _, models

from odoo.addons.asr_charter.rules.spreadsheet import write_cell

# the French number formats of the cells, per column kind of asr.bilan.document
FORMATS = {'hours': '# ##0.00', 'count': '# ##0', 'amount': '# ##0.00 €',
           'percent': '0.0 %', 'number': '# ##0.##'}
SHEET_NAME_MAX = 31  # characters of an Excel sheet name


class AsrBilanXlsx(models.AbstractModel):
    """A bilan as a workbook: a sheet of what it covers and its key figures, then one sheet
    per table of the PDF, with the same values (asr.bilan.document): numbers as numbers with
    French formats (percentages as fractions), a frozen header, a filter; masked counts as
    the text '< 5'; cell text never written as a formula (rules.spreadsheet.write_cell)."""

    _name = 'report.asr_reporting.bilan_xlsx'
    _inherit = 'report.report_xlsx.abstract'
    _description = 'Bilan (workbook)'

    def generate_xlsx_report(self, workbook, data, docs):
        bold = workbook.add_format({'bold': True, 'bg_color': '#D9E7E4', 'border': 1,
                                    'text_wrap': True})
        formats = {kind: workbook.add_format({'num_format': pattern})
                   for kind, pattern in FORMATS.items()}
        right = workbook.add_format({'align': 'right'})
        for doc in docs:
            values = doc._asr_bilan_values()
            names = set()
            sheet = workbook.add_worksheet(self._sheet_name(_('Summary'), names))
            sheet.set_column(0, 0, 60)
            sheet.set_column(1, 1, 40)
            write_cell(sheet, 0, 0, values['title'], bold)
            row = 1
            computed = [[_('Figures computed on'), values['computed_on']]]
            for label, text in values['scope_lines'] + computed:
                write_cell(sheet, row, 0, label)
                write_cell(sheet, row, 1, text)
                row += 1
            row += 1
            write_cell(sheet, row, 0, _('Key figures'), bold)
            write_cell(sheet, row, 1, '', bold)
            for kpi in values['kpis']:
                row += 1
                write_cell(sheet, row, 0, kpi[0])
                write_cell(sheet, row, 1, kpi[1], right)
            for section in values['sections']:
                table = section.get('table')
                if not table:
                    continue
                sheet = workbook.add_worksheet(self._sheet_name(section['title'], names))
                columns = table['columns']
                for col, (title, kind) in enumerate(columns):
                    write_cell(sheet, 0, col, title, bold)
                    sheet.set_column(col, col, 40 if kind == 'text' else 16)
                sheet.freeze_panes(1, 0)
                for number, cells in enumerate(table['rows'], start=1):
                    for col, (cell, (_title, kind)) in enumerate(zip(cells, columns)):
                        if kind == 'percent' and isinstance(cell, (int, float)):
                            cell = cell / 100.0
                        write_cell(sheet, number, col, cell,
                                   formats.get(kind) if not isinstance(cell, str) else right
                                   if kind != 'text' else None)
                sheet.autofilter(0, 0, max(len(table['rows']), 1), len(columns) - 1)
                if section.get('note'):
                    write_cell(sheet, len(table['rows']) + 2, 0, section['note'])

    @staticmethod
    def _sheet_name(title, taken):
        """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\, unique."""
        clean = ''.join(' ' if ch in '[]:*?/\\' else ch for ch in title).strip() or 'Feuille'
        name = clean[:SHEET_NAME_MAX]
        number = 2
        while name.lower() in taken:
            suffix = ' (%d)' % number
            name = clean[:SHEET_NAME_MAX - len(suffix)] + suffix
            number += 1
        taken.add(name.lower())
        return name
