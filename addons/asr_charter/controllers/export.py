import io

from odoo.addons.web.controllers.main import CSVExport
from odoo.tools import pycompat

from ..rules.spreadsheet import csv_cell


class AsrCSVExport(CSVExport):
    """Odoo's CSV export never writes a formula: every cell, headers included, that a
    spreadsheet would run (=, +, -, @, tab, carriage return) is escaped."""

    def from_data(self, fields, rows):
        stream = io.BytesIO()
        writer = pycompat.csv_writer(stream, quoting=1)
        writer.writerow([csv_cell(pycompat.to_text(f)) for f in fields])
        for data in rows:
            writer.writerow([csv_cell(pycompat.to_text(d)) for d in data])
        return stream.getvalue()
