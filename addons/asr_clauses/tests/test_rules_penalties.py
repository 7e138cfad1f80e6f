"""Penalty arithmetic on hand-computed figures (plain Python, Decimal, cents half up)."""
import datetime
import unittest
from decimal import Decimal

from ..rules.penalties import (PenaltyError, check_answer_days, late_report_line,
                               missing_hours_line, money,
                               social_action_line, total)

D = datetime.date


class TestLines(unittest.TestCase):

    def test_missing_hours_of_the_issue(self):
        # 686 - 512.5 = 173.5 h x 17.82 = 3,091.77 EUR
        line = missing_hours_line(686, 512.5, 17.82)
        self.assertEqual((line.quantity, line.rate, line.amount),
                         (Decimal('173.5'), Decimal('17.82'), Decimal('3091.77')))

    def test_cents_round_half_up(self):
        # 0.5 h x 0.05 = 0.025 -> 0.03 (banker's rounding would give 0.02)
        self.assertEqual(missing_hours_line(10, 9.5, 0.05).amount, Decimal('0.03'))
        self.assertEqual(money(2.675), Decimal('2.68'))

    def test_nothing_missing_gives_no_line(self):
        self.assertIsNone(missing_hours_line(686, 686, 17.82))
        self.assertIsNone(missing_hours_line(686, 700.25, 17.82))

    def test_late_report_counts_days_after_the_due_day(self):
        # due 10/03/2026, received 17/03/2026: 7 days x 50 = 350
        self.assertEqual(late_report_line(D(2026, 3, 10), D(2026, 3, 17), D(2026, 11, 23),
                                          50).amount, Decimal('350.00'))
        # still missing on 23/11/2026: 30 days after 24/10/2026
        line = late_report_line(D(2026, 10, 24), None, D(2026, 11, 23), 12.5)
        self.assertEqual((line.quantity, line.amount), (Decimal(30), Decimal('375.00')))
        self.assertIsNone(late_report_line(D(2026, 3, 10), D(2026, 3, 10), D(2026, 11, 23), 50))

    def test_social_action_per_action_and_per_person(self):
        self.assertEqual(social_action_line(1, 0, 500).amount, Decimal('500.00'))
        self.assertIsNone(social_action_line(1, 1, 500))
        # 10 people expected, 6 reached, 120 EUR a missing person = 480
        self.assertEqual(social_action_line(10, 6, 120, per_person=True).amount,
                         Decimal('480.00'))

    def test_bad_inputs_raise_a_key(self):
        for call, key in ((lambda: missing_hours_line(686, 0, -1), 'negative_rate'),
                          (lambda: missing_hours_line(0, 0, 10), 'no_objective'),
                          (lambda: social_action_line(0, 0, 10), 'no_objective'),
                          (lambda: total([], cap_percent=120, awarded_amount=10), 'cap')):
            with self.assertRaises(PenaltyError) as caught:
                call()
            self.assertEqual(caught.exception.key, key)


class TestTotal(unittest.TestCase):

    def test_cap_and_reduction(self):
        lines = [missing_hours_line(686, 512.5, 17.82),
                 late_report_line(D(2026, 3, 10), D(2026, 3, 17), D(2026, 11, 23), 50), None]
        # gross 3,441.77; cap 5 % of 60,000 = 3,000; capped part 441.77; reduction 500
        result = total(lines, cap_percent=5, awarded_amount=60000, reduction=500)
        self.assertEqual((result.gross, result.cap, result.capped_part, result.reduction,
                          result.total),
                         (Decimal('3441.77'), Decimal('3000.00'), Decimal('441.77'),
                          Decimal('500.00'), Decimal('2500.00')))
        self.assertEqual(len(result.lines), 2)

    def test_the_cap_counts_the_earlier_penalties(self):
        # cap 1 % of 100,000 = 1,000; 700 charged before: 300 left of a 450 gross
        result = total([missing_hours_line(100, 77.5, 20)], cap_percent=1,
                       awarded_amount=100000, already=700)
        self.assertEqual((result.gross, result.already, result.capped_part, result.total),
                         (Decimal('450.00'), Decimal('700.00'), Decimal('150.00'),
                          Decimal('300.00')))
        # the cap already reached: nothing more is due
        self.assertEqual(total([missing_hours_line(100, 90, 20)], cap_percent=1,
                               awarded_amount=100000, already=1200).total, Decimal(0))

    def test_answer_days(self):
        check_answer_days(15)
        for days in (0, 91, None):
            with self.assertRaises(PenaltyError) as caught:
                check_answer_days(days)
            self.assertEqual(caught.exception.key, 'answer_days')

    def test_no_cap_and_no_line(self):
        result = total([missing_hours_line(100, 90, 20)])
        self.assertEqual((result.cap, result.capped_part, result.total),
                         (None, Decimal(0), Decimal('200.00')))
        self.assertEqual(total([]).total, Decimal(0))

    def test_a_reduction_above_the_total_is_refused(self):
        with self.assertRaises(PenaltyError) as caught:
            total([missing_hours_line(100, 90, 20)], reduction=200.01)
        self.assertEqual((caught.exception.key, caught.exception.values['total']),
                         ('reduction', Decimal('200.00')))
