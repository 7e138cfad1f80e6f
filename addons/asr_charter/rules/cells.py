"""Cells of the files people send (CSV, XLSX), as they read them (no Odoo import)."""


def cell_text(value):
    """The text of a cell: 12.0 -> '12' (spreadsheets store whole numbers as floats), spaces
    around removed, '' for an empty cell."""
    if value is None:
        return ''
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
