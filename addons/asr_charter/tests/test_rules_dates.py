"""Plain-Python date rules shared by the addons: periods, months, dates people type (no ORM)."""
import datetime
import unittest

from ..rules.cells import cell_text
from ..rules.dates import (DateError, add_months, first_of_month, fr_date, fr_month,
                           month_bounds, months_between, parse_date, parse_month, period_of)
from ..rules.errors import RuleError

D = datetime.date


class TestPeriodOf(unittest.TestCase):

    def test_day_month_year(self):
        self.assertEqual(period_of('23/11/2026'), (D(2026, 11, 23), D(2026, 11, 24)))
        self.assertEqual(period_of(' 2026-11-30 '), (D(2026, 11, 30), D(2026, 12, 1)))
        self.assertEqual(period_of('12/2026'), (D(2026, 12, 1), D(2027, 1, 1)))
        self.assertEqual(period_of('2026'), (D(2026, 1, 1), D(2027, 1, 1)))

    def test_not_a_period(self):
        for text in ('31/02/2026', '13/2026', '1899', 'novembre', '', None, '23/11/26'):
            self.assertIsNone(period_of(text), text)

    def test_french_date(self):
        self.assertEqual(fr_date('2019-12-11'), '11/12/2019')
        self.assertEqual(fr_date(False), '')


class TestMonths(unittest.TestCase):

    def test_add_months_clamps_to_the_end_of_shorter_months(self):
        self.assertEqual(add_months(D(2026, 1, 31), 1), D(2026, 2, 28))
        self.assertEqual(add_months(D(2024, 1, 31), 1), D(2024, 2, 29))
        self.assertEqual(add_months(D(2026, 11, 23), 14), D(2028, 1, 23))
        self.assertEqual(add_months(D(2026, 3, 31), -1), D(2026, 2, 28))
        self.assertEqual(add_months(D(2026, 1, 15), -13), D(2024, 12, 15))

    def test_month_bounds_first_of_month_and_months_between(self):
        self.assertEqual(month_bounds(D(2024, 2, 10)), (D(2024, 2, 1), D(2024, 2, 29)))
        self.assertEqual(first_of_month(D(2026, 11, 23)), D(2026, 11, 1))
        self.assertEqual(months_between(D(2025, 11, 30), D(2026, 2, 1)), 4)
        self.assertEqual(months_between(D(2026, 3, 1), D(2026, 3, 31)), 1)

    def test_french_month(self):
        self.assertEqual(fr_month(D(2026, 11, 23)), '11/2026')
        self.assertEqual(fr_month('2025-03-01'), '03/2025')
        self.assertEqual(fr_month(False), '')


class TestParseDate(unittest.TestCase):

    def test_what_people_and_spreadsheets_write(self):
        for value in ('23/11/2026', '2026-11-23', '23-11-2026', '2026-11-23 00:00:00',
                      D(2026, 11, 23), datetime.datetime(2026, 11, 23, 14, 5)):
            self.assertEqual(parse_date(value), D(2026, 11, 23), value)
        self.assertIsNone(parse_date(''))
        self.assertIsNone(parse_date(None))

    def test_impossible_or_out_of_range_dates_raise_the_date_key(self):
        for value in ('31/02/2026', '23/13/2026', '1899-12-31', '01/01/2101', 'demain', 45000,
                      D(1800, 1, 1)):
            with self.assertRaises(DateError) as caught:
                parse_date(value)
            self.assertEqual((caught.exception.key, caught.exception.values), ('date', {
                'value': value}))
            self.assertIsInstance(caught.exception, RuleError)

    def test_months(self):
        for value in ('03/2025', '2025-03', '03-2025', '17/03/2025', D(2025, 3, 17)):
            self.assertEqual(parse_month(value), D(2025, 3, 1), value)
        self.assertIsNone(parse_month(''))
        for value in ('13/2025', 'mars', '2025'):
            with self.assertRaises(DateError) as caught:
                parse_month(value)
            self.assertEqual(caught.exception.key, 'month')


class TestCellText(unittest.TestCase):

    def test_cells_read_as_people_write_them(self):
        for value, text in ((12.0, '12'), (12.5, '12.5'), ('  B-00042 ', 'B-00042'), (None, ''),
                            (0, '0'), ('', '')):
            self.assertEqual(cell_text(value), text, value)
