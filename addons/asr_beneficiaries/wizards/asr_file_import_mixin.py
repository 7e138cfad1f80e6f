import base64

from odoo import _, api, models

from odoo.addons.asr_charter.exceptions import AsrUserError
from odoo.addons.asr_charter.rules import inputs

from ..rules.tabular import MAX_BYTES, MAX_COLUMNS, MAX_ROWS, TabularError, read_table


class AsrFileImportMixin(models.AbstractModel):
    """Reading the file of an import wizard (statements, lists, registry): refused by its size
    before it is decoded, by its declared rows and columns before it is parsed, each refusal
    in French."""

    _name = 'asr.file.import.mixin'
    _description = 'File of an ASR import'

    @api.model
    def _asr_read_file(self, data, filename, details=False):
        """(header, rows) of an uploaded file (base64), refused by its size before it is
        decoded, and by its declared rows and columns before it is parsed; with
        ``details``, (header, rows, info) where info says what was read (rules.tabular:
        format, encoding, separator, first lines)."""
        try:
            inputs.check_upload(inputs.base64_size(data), MAX_BYTES)
        except inputs.InputError as err:
            raise AsrUserError('file.size',
                               self._table_message(TabularError('size', **err.values)))
        try:
            return read_table(base64.b64decode(data), filename, details=details)
        except TabularError as err:
            raise AsrUserError('file.' + err.key, self._table_message(err))

    @api.model
    def _table_message(self, err):
        values = err.values
        if err.key == 'format':
            return _("Choose a CSV or XLSX file (%s given).") % (
                str(values.get('filename') or '')[:80] or _('no name'))
        if err.key == 'encoding':
            return _("The CSV file is neither in UTF-8 nor in Windows-1252 (byte %s on line "
                     "%s cannot be read): save it as \"CSV UTF-8\" in your spreadsheet and "
                     "choose it again.") % (values.get('byte'), values.get('line'))
        if err.key == 'utf16':
            return _("The CSV file is saved in Unicode (UTF-16), which the import does not "
                     "read: save it as \"CSV UTF-8\" (or \"CSV (semicolon separated)\") in "
                     "your spreadsheet and choose it again.")
        if err.key == 'binary':
            return _("The file is not a text file (control character %s on line %s): "
                     "choose a CSV or XLSX file.") % (values.get('char'), values.get('line'))
        if err.key == 'workbook':
            if values.get('kind') == 'xls':
                return _("This file is an Excel 97-2003 workbook (.xls): save it as XLSX or "
                         "CSV and choose it again.")
            return _("This file is an XLSX workbook named .csv: rename it to .xlsx, or save "
                     "it as CSV, and choose it again.")
        if err.key == 'xlsx':
            return _("The XLSX file cannot be read.")
        if err.key == 'size':
            return _("The file weighs %s MB: the limit is %s MB.") % (
                round(values.get('size', 0) / 1048576.0, 1), MAX_BYTES // 1048576)
        if err.key == 'rows':
            return _("The file has %s rows: the limit is %s rows per file; split it.") % (
                values.get('rows'), MAX_ROWS)
        if err.key == 'columns':
            return _("The file has %s columns: the limit is %s.") % (
                values.get('columns'), MAX_COLUMNS)
        if err.key == 'unzipped':
            return _("The XLSX file would take more than %s MB once opened: save it again "
                     "with its data only.") % (values.get('max', 0) // 1048576)
        if err.key == 'nul':
            return _("The CSV file contains NUL characters: it is not a text file.")
        if err.key == 'csv':
            return _("The CSV file cannot be read (a cell is too long or a quote is not "
                     "closed).")
        return _("The file is empty.")
