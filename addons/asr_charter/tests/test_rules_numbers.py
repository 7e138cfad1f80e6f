"""Plain-Python rules shared by the addons: French numbers, rounding, the hours formula and
the error every rule raises (no ORM)."""
import unittest

from ..rules.equivalence import EquivalenceError, fraction, hours_from_amount
from ..rules.errors import RuleError
from ..rules.numbers import fr_amount, fr_number, round_half_up


class TestFrenchNumbers(unittest.TestCase):

    def test_numbers_have_a_decimal_comma_and_no_trailing_zero(self):
        for value, text in ((151.67, '151,67'), (208.0, '208'), (1234.5, '1234,5'),
                            (0, '0'), (None, '0'), (-0.001, '0'), (100, '100'),
                            (0.125, '0,12'), (-3.5, '-3,5')):
            self.assertEqual(fr_number(value), text, value)
        self.assertEqual(fr_number(0.123456, digits=6), '0,123456')

    def test_amounts_group_thousands_and_keep_cents(self):
        for value, text in ((1234.5, '1 234,50'), (686, '686'), (17.82, '17,82'),
                            (1200000, '1 200 000'), (0, '0'), (None, '0')):
            self.assertEqual(fr_amount(value), text, value)


class TestRounding(unittest.TestCase):

    def test_halves_go_away_from_zero(self):
        self.assertEqual(round_half_up(2.5), 3)
        self.assertEqual(round_half_up(685.5), 686)
        self.assertEqual(round_half_up(685.4999), 685)
        self.assertEqual(round_half_up(-2.5), -3)
        self.assertEqual(round_half_up(0.125, 2), 0.13)
        self.assertEqual(round_half_up(13.333333, 2), 13.33)
        self.assertIsInstance(round_half_up(2.5), int)


class TestHoursFromAmount(unittest.TestCase):
    """The one hours formula: amount x labour share (a fraction) / hourly cost."""

    def test_hand_computed_figures(self):
        # 1,200,000 x 0.40 / 35 = 13,714.2857 h (DOMAIN.md's worked example)
        self.assertAlmostEqual(hours_from_amount(1200000, 0.40, 35), 13714.2857, places=3)
        # 30,000 x 0.5 / 32 = 468.75 h (a subcontracting invoice)
        self.assertEqual(hours_from_amount(30000, 0.5, 32), 468.75)
        self.assertEqual(hours_from_amount(100, 1, 25), 4)

    def test_percents_become_fractions_once(self):
        self.assertEqual(fraction(40.0), 0.4)
        self.assertIsNone(fraction(None))
        self.assertEqual(hours_from_amount(30000, fraction(50), 32), 468.75)

    def test_out_of_range_inputs_raise_a_key_and_the_value(self):
        for args, key, value in (((0, 0.4, 35), 'amount', 0), ((None, 0.4, 35), 'amount', None),
                                 ((1000, 0, 35), 'labour_share', 0),
                                 ((1000, 40, 35), 'labour_share', 40),
                                 ((1000, 0.4, 0), 'hourly_cost', 0),
                                 ((1000, 0.4, None), 'hourly_cost', None)):
            with self.assertRaises(EquivalenceError) as caught:
                hours_from_amount(*args)
            self.assertEqual((caught.exception.key, caught.exception.values),
                             (key, {'value': value}))


class TestRuleError(unittest.TestCase):

    def test_key_and_values(self):
        error = RuleError('too_high', value=12, high=10)
        self.assertIsInstance(error, ValueError)
        self.assertEqual((error.key, error.values, str(error)),
                         ('too_high', {'value': 12, 'high': 10}, 'too_high'))
        self.assertEqual(repr(error), "RuleError('too_high', high=10, value=12)")
