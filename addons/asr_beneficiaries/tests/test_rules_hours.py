import datetime
import unittest

from ..rules import hours
from odoo.addons.asr_charter.rules.dates import first_of_month

from ..rules.hours import progress


class TestHoursRules(unittest.TestCase):

    def test_progress_against_objective(self):
        # 686 h objective, 120 h realised: 120 / 686 = 17.49 %, 566 h missing
        pct, missing = progress(686, 120)
        self.assertAlmostEqual(pct, 17.4927, places=3)
        self.assertEqual(missing, 566)

    def test_progress_beyond_objective_has_nothing_missing(self):
        # 700 h realised for 686 h: 102.04 %, 0 h missing
        pct, missing = progress(686, 700)
        self.assertAlmostEqual(pct, 102.0408, places=3)
        self.assertEqual(missing, 0)

    def test_no_objective_is_complete(self):
        self.assertEqual(progress(0, 0), (100.0, 0.0))

    def test_first_of_month(self):
        self.assertEqual(first_of_month(datetime.date(2025, 3, 17)), datetime.date(2025, 3, 1))


class TestEquivalences(unittest.TestCase):

    def test_amount_to_hours(self):
        # 30,000 EUR x 50 % / 32 EUR = 468.75 h
        self.assertEqual(hours.amount_to_hours(30000, 0.5, 32), 468.75)
        # 12,345 EUR x 70 % / 35 EUR = 246.9 h
        self.assertEqual(hours.amount_to_hours(12345, 0.7, 35), 246.9)
        # 1,000 EUR x 40 % / 30 EUR = 13.333 -> 13.33 h
        self.assertEqual(hours.amount_to_hours(1000, 0.4, 30), 13.33)

    def test_amount_must_be_positive_and_parameters_known(self):
        for amount in (0, -5, None):
            with self.assertRaises(hours.HourRuleError) as caught:
                hours.amount_to_hours(amount, 0.5, 32)
            self.assertEqual(caught.exception.key, 'amount')
        for share, cost in ((0, 32), (0.5, 0), (None, 32), (50, 32)):
            with self.assertRaises(hours.HourRuleError) as caught:
                hours.amount_to_hours(1000, share, cost)
            self.assertEqual(caught.exception.key, 'parameters')

    def test_monthly_cap(self):
        # 150 h already + 58 h = 208 h: at the cap, nothing in excess
        self.assertEqual(hours.cap_excess(150, 58), 0.0)
        # 150 + 60 = 210: 2 h in excess of 208
        self.assertEqual(hours.cap_excess(150, 60), 2.0)
        # a charter cap of 151.67 h (35 h a week)
        self.assertEqual(hours.cap_excess(0, 152, 151.67), 0.33)

    def test_duplicate_key(self):
        key = hours.duplicate_key(7, 42, datetime.date(2025, 3, 17), 'cdi')
        self.assertEqual(key, hours.duplicate_key(7, 42, datetime.date(2025, 3, 1), 'cdi'))
        self.assertNotEqual(key, hours.duplicate_key(7, 42, datetime.date(2025, 3, 1), 'cdd'))
        self.assertNotEqual(key, hours.duplicate_key(7, 43, datetime.date(2025, 3, 1), 'cdi'))
        # subcontracting: the subcontractor stands for the person
        sub = hours.duplicate_key(7, None, datetime.date(2025, 3, 1), 'subcontracting_ea', 9)
        self.assertEqual(sub, (7, ('employer', 9), datetime.date(2025, 3, 1),
                               'subcontracting_ea'))

    def test_projection_at_current_pace(self):
        start, end = datetime.date(2025, 3, 1), datetime.date(2026, 12, 31)  # 22 months
        # 300 h after 3 months started (March-May 2025) -> 100 h/month x 22 = 2,200 h
        self.assertEqual(hours.projection(300, start, end, datetime.date(2025, 5, 20)), 2200.0)
        # before the start or after the end: what is realised
        self.assertEqual(hours.projection(0, start, end, datetime.date(2025, 1, 1)), 0)
        self.assertEqual(hours.projection(500, start, end, datetime.date(2027, 2, 1)), 500)
        self.assertEqual(hours.projection(50, None, end, datetime.date(2025, 5, 1)), 50)

    def test_report_due_date_and_lateness(self):
        # report of March 2025 due on the 10th of April
        due = hours.report_due_date(datetime.date(2025, 3, 1), 10)
        self.assertEqual(due, datetime.date(2025, 4, 10))
        # due day 31 in a 30-day month -> 30 April; December -> January of the next year
        self.assertEqual(hours.report_due_date(datetime.date(2025, 3, 5), 31),
                         datetime.date(2025, 4, 30))
        self.assertEqual(hours.report_due_date(datetime.date(2025, 12, 1), 10),
                         datetime.date(2026, 1, 10))
        # received on 19 April: 9 days late; on time: 0; not received on 1 May: 21 days
        self.assertEqual(hours.days_late(due, datetime.date(2025, 4, 19), None), 9)
        self.assertEqual(hours.days_late(due, datetime.date(2025, 4, 2), None), 0)
        self.assertEqual(hours.days_late(due, None, datetime.date(2025, 5, 1)), 21)
