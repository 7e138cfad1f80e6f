"""Reading a CSV or XLSX file into a header and rows (no Odoo import)."""
import csv
import io

import openpyxl


class TabularError(ValueError):
    def __init__(self, key, **values):
        super(TabularError, self).__init__(key)
        self.key = key
        self.values = values


def read_table(content, filename):
    """(header, rows) of the first sheet of an .xlsx, or of a .csv (UTF-8, ';' or ',')."""
    name = (filename or '').lower()
    if name.endswith('.xlsx'):
        try:
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception:
            raise TabularError('xlsx')
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    elif name.endswith('.csv') or name.endswith('.txt'):
        try:
            text = content.decode('utf-8-sig')
        except UnicodeDecodeError:
            raise TabularError('encoding')
        first = text.split('\n', 1)[0]
        delimiter = ';' if first.count(';') >= first.count(',') else ','
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    else:
        raise TabularError('format', filename=filename)
    if not rows:
        raise TabularError('empty')
    return list(rows[0]), [list(r) for r in rows[1:]]
