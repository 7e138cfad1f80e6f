"""Limits on typed and uploaded values, and cells of produced spreadsheets (plain rules)."""
import base64
import datetime
import io
import unittest

import openpyxl
import xlsxwriter

from ..rules import inputs
from ..rules.spreadsheet import csv_cell, looks_like_formula, write_cell


class TestInputs(unittest.TestCase):

    def key(self, func, *args, **kwargs):
        with self.assertRaises(inputs.InputError) as err:
            func(*args, **kwargs)
        return err.exception.key

    def test_texts(self):
        inputs.check_text('Dupont', 100, required=True)
        inputs.check_text(False)
        self.assertEqual(self.key(inputs.check_text, '   ', 100, required=True), 'blank')
        self.assertEqual(self.key(inputs.check_text, False, required=True), 'blank')
        self.assertEqual(self.key(inputs.check_text, 'a\x00b'), 'nul')
        self.assertEqual(self.key(inputs.check_text, 'x' * 101, 100), 'too_long')
        inputs.check_text('x' * 100, 100)
        self.assertEqual(self.key(inputs.check_text, 12), 'type_text')

    def test_numbers(self):
        inputs.check_number(151.67)
        inputs.check_number(False)  # Odoo's empty number
        for value, key in ((float('nan'), 'not_finite'), (float('inf'), 'not_finite'),
                           (-float('inf'), 'not_finite'), ('12', 'type_number'),
                           (True, 'type_number'), (1e300, 'too_high'), (-1e300, 'too_low')):
            self.assertEqual(self.key(inputs.check_number, value), key, value)
        self.assertEqual(self.key(inputs.check_number, 301, 0, 300), 'too_high')
        self.assertEqual(self.key(inputs.check_number, -1, 0, 300), 'too_low')
        self.assertEqual(self.key(inputs.check_number, 2 ** 31, integer=True), 'too_high')
        self.assertEqual(self.key(inputs.check_number, 1.5, integer=True), 'integer')
        inputs.check_number(2 ** 31 - 1, None, None, integer=True)

    def test_dates(self):
        self.assertEqual(inputs.check_date('2026-11-23'), datetime.date(2026, 11, 23))
        self.assertEqual(inputs.check_date('2026-11-23 10:00:00'), datetime.date(2026, 11, 23))
        self.assertIsNone(inputs.check_date(False))
        for value, key in (('0001-01-01', 'date_range'), ('9999-12-31', 'date_range'),
                           ('1899-12-31', 'date_range'), ('2101-01-01', 'date_range'),
                           ('2026-02-30', 'date_format'), ('23/11/2026', 'date_format'),
                           ('2026-13-01', 'date_format'), ('2026-11-23 25:00:00',
                                                           'date_format'),
                           (20261123, 'date_format')):
            self.assertEqual(self.key(inputs.check_date, value), key, value)

    def test_upload_size_from_base64_length(self):
        # 3 bytes -> 4 base64 characters; the size is computed without decoding anything
        for size in (0, 1, 2, 3, 1000, 1001):
            data = base64.b64encode(b'x' * size)
            self.assertEqual(inputs.base64_size(data), size)
            self.assertEqual(inputs.base64_size(data.decode()), size)
        inputs.check_upload(inputs.UPLOAD_MAX_BYTES)
        self.assertEqual(self.key(inputs.check_upload, inputs.UPLOAD_MAX_BYTES + 1),
                         'upload_size')

    def test_french_postal_codes(self):
        for good in ('94000', '20090', '97411', False, ''):
            inputs.check_french_zip(good)
        for bad in ('ABCDE', '9400', '940000', '94 000', 94000):
            self.assertEqual(self.key(inputs.check_french_zip, bad), 'zip', bad)


class TestSpreadsheetCells(unittest.TestCase):
    HOSTILE = ('=1+1', '+33 1 23', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd',
               '=HYPERLINK("http://evil","clic")')

    def test_csv_cells_escape_formulas(self):
        for text in self.HOSTILE:
            self.assertTrue(looks_like_formula(text))
            self.assertEqual(csv_cell(text), "'" + text)
        self.assertEqual(csv_cell('Dupont'), 'Dupont')
        self.assertEqual(csv_cell(False), '')
        self.assertEqual(csv_cell(12.5), '12.5')

    def test_xlsx_cells_are_never_formulas(self):
        stream = io.BytesIO()
        book = xlsxwriter.Workbook(stream, {'in_memory': True})
        sheet = book.add_worksheet()
        values = list(self.HOSTILE) + [12.5, float('nan'), float('inf'), None,
                                       datetime.date(2026, 11, 23), True]
        for row, value in enumerate(values):
            write_cell(sheet, row, 0, value)
        book.close()
        cells = [row[0] for row in openpyxl.load_workbook(io.BytesIO(stream.getvalue()))
                 .active.iter_rows()]
        for cell, text in zip(cells, self.HOSTILE):
            self.assertEqual(cell.data_type, 's', text)  # a string, not a formula ('f')
            # (openpyxl shows a carriage return as Excel stores it, _x000D_)
            self.assertEqual(cell.value.replace('_x000D_', '\r'), text)
        number, nan, inf, empty, day, boolean = cells[len(self.HOSTILE):]
        self.assertEqual((number.data_type, number.value), ('n', 12.5))
        self.assertIsNone(nan.value)
        self.assertIsNone(inf.value)
        self.assertIsNone(empty.value)
        self.assertEqual(day.value, '23/11/2026')
        self.assertIs(boolean.value, True)
