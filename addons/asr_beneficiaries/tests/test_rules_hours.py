import datetime
import unittest

from ..rules.hours import first_of_month, progress


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
