"""Unit tests of the percentages of the indicators (rules/indicators.py)."""
import unittest

from ..rules.indicators import IndicatorError, flag_percentage, percentage


class TestIndicatorRule(unittest.TestCase):

    def test_part_of_a_whole(self):
        self.assertEqual(percentage(3, 4), 75.0)
        self.assertEqual(percentage(4, 4), 100.0)
        self.assertAlmostEqual(percentage(1, 3), 33.3333, places=4)
        self.assertEqual(percentage(0, 7), 0.0)

    def test_nothing_to_count_is_zero_percent(self):
        self.assertEqual(percentage(0, 0), 0.0)

    def test_a_flag_weighs_100_or_0_and_averages_to_the_percentage(self):
        flags = [True, False, True, True, False]
        self.assertEqual(flag_percentage(True), 100.0)
        self.assertEqual(flag_percentage(0), 0.0)
        average = sum(flag_percentage(f) for f in flags) / len(flags)
        self.assertEqual(average, percentage(sum(flags), len(flags)))
        self.assertEqual(average, 60.0)

    def test_impossible_counts_raise(self):
        for part, whole, key in ((5, 4, 'part_above_whole'), (-1, 4, 'negative'),
                                 (1, -1, 'negative'), (None, 3, 'negative'),
                                 (1, None, 'negative')):
            with self.assertRaises(IndicatorError) as caught:
                percentage(part, whole)
            self.assertEqual(caught.exception.key, key)
