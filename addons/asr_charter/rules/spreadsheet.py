"""Cells of the spreadsheets and CSV files the application produces (no Odoo import).

Data never becomes a formula: a text starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return would be evaluated by Excel or LibreOffice (CSV/formula injection). In an
XLSX file such a text is written as a string cell; in a CSV file, which has no cell types, it
is prefixed with an apostrophe, the escape spreadsheets themselves use.
"""
import datetime
import math

from .dates import fr_date

FORMULA_PREFIXES = ('=', '+', '-', '@', '\t', '\r')


def looks_like_formula(text):
    return isinstance(text, str) and text.startswith(FORMULA_PREFIXES)


def csv_cell(value):
    """The text of a CSV cell: a text that a spreadsheet would run as a formula is escaped."""
    if value is None or value is False:
        return ''
    text = value if isinstance(value, str) else str(value)
    return "'" + text if looks_like_formula(text) else text


def write_cell(sheet, row, col, value, cell_format=None):
    """Write ``value`` into an xlsxwriter worksheet without ever writing a formula.

    Texts go through ``write_string`` (so '=1+1' stays the text '=1+1'); finite numbers
    through ``write_number``; infinite or NaN numbers become an empty cell; dates are written
    as French text (23/11/2026); ``None``/``False`` give an empty cell.
    """
    if value is None or value is False:
        return sheet.write_blank(row, col, None, cell_format)
    if isinstance(value, bool):
        return sheet.write_boolean(row, col, value, cell_format)
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return sheet.write_blank(row, col, None, cell_format)
        return sheet.write_number(row, col, value, cell_format)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return sheet.write_string(row, col, fr_date(value), cell_format)
    text = value if isinstance(value, str) else str(value)
    return sheet.write_string(row, col, text, cell_format)
