"""Unit tests of the examination guards, with hand-computed figures."""
import unittest

from ..rules.examination import lots_amount_gap, lots_amount_mismatch, opinion_needs_reason


class TestExaminationRules(unittest.TestCase):

    def test_reserved_or_unfavourable_opinion_needs_a_reason(self):
        self.assertTrue(opinion_needs_reason('reserved'))
        self.assertTrue(opinion_needs_reason('unfavourable'))
        self.assertFalse(opinion_needs_reason('favourable'))
        self.assertFalse(opinion_needs_reason(False))

    def test_gap_of_a_market_whose_lots_do_not_add_up(self):
        # 3,200,000 - (1,000,000 + 800,000) = 1,400,000 in no lot
        self.assertEqual(lots_amount_gap(3200000, [1000000, 800000]), (1800000, 1400000))
        # lots exceeding the market: 500,000 - (300,000 + 250,000.5) = -50,000.5
        self.assertEqual(lots_amount_gap(500000, [300000, 250000.5]), (550000.5, -50000.5))
        self.assertEqual(lots_amount_gap(None, [None, 10]), (10, -10))

    def test_mismatch_from_a_cent_and_only_with_lots(self):
        self.assertTrue(lots_amount_mismatch(3200000, [1000000, 800000]))
        # 0.1 + 0.2 is 0.30000000000000004 in floating point: still equal to the cent
        self.assertFalse(lots_amount_mismatch(0.3, [0.1, 0.2]))
        self.assertTrue(lots_amount_mismatch(1000.01, [1000]))
        self.assertFalse(lots_amount_mismatch(1000.004, [1000]))
        self.assertFalse(lots_amount_mismatch(3200000, []))
