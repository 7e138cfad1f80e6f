"""Unit tests of the hour objective rule, with hand-computed figures."""
import unittest

from odoo.addons.asr_charter.rules.equivalence import EquivalenceError, hours_from_amount
from odoo.addons.asr_charter.rules.numbers import round_half_up

from ..rules.hour_objective import hour_objective


class TestHourObjectiveRule(unittest.TestCase):

    def test_domain_worked_example_gives_686_hours(self):
        # 1,200,000 x 0.40 / 35 = 13,714.2857 h worked; x 0.05 = 685.714 -> 686 h
        self.assertAlmostEqual(hours_from_amount(1200000, 0.40, 35), 13714.2857, places=3)
        self.assertEqual(hour_objective(1200000, 0.40, 35, 0.05), 686)

    def test_second_published_example_gives_833_hours(self):
        # 1,000,000 x 0.50 / 30 = 16,666.67 h; x 0.05 = 833.33 -> 833 h
        self.assertEqual(hour_objective(1000000, 0.50, 30, 0.05), 833)

    def test_proximity_management_rate(self):
        # 250,000 x 0.70 / 28 = 6,250 h; x 0.10 = 625 h exactly
        self.assertEqual(hour_objective(250000, 0.70, 28, 0.10), 625)

    def test_half_rounds_up(self):
        # 21,000 x 0.5 / 30 = 350 h; x 0.05 = 17.5 -> 18 (banker's rounding would give 18 too);
        # 19,000 x 0.5 / 25 = 380 h; x 0.05 = 19.0 -> 19; 2.5 -> 3 where round() gives 2
        self.assertEqual(hour_objective(21000, 0.5, 30, 0.05), 18)
        self.assertEqual(round_half_up(2.5), 3)
        self.assertEqual(round_half_up(685.4999), 685)

    def test_out_of_range_inputs_raise(self):
        for args, key in (((0, 0.4, 35, 0.05), 'amount'),
                          ((-10, 0.4, 35, 0.05), 'amount'),
                          ((1000, 0, 35, 0.05), 'labour_share'),
                          ((1000, 1.2, 35, 0.05), 'labour_share'),
                          ((1000, 0.4, 0, 0.05), 'hourly_cost'),
                          ((1000, 0.4, 35, 0), 'insertion_rate'),
                          ((1000, 0.4, 35, 1.5), 'insertion_rate')):
            with self.assertRaises(EquivalenceError) as ctx:
                hour_objective(*args)
            self.assertEqual(ctx.exception.key, key)
