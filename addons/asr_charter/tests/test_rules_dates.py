"""Plain-Python date rules: the period a user types in a picker (no ORM)."""
import datetime
import unittest

from ..rules.dates import fr_date, period_of

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
