import datetime
import unittest

from ..rules import controls, eligibility
from ..rules.hours import duplicate_key

D = datetime.date


class TestEligibilityRules(unittest.TestCase):

    def test_validity_end(self):
        # 24 months from 15 March 2025 -> until 14 March 2027 included
        self.assertEqual(eligibility.validity_end(D(2025, 3, 15)), D(2027, 3, 14))
        # 1 month from 31 January 2024 -> 29 February 2024 is the last day... minus one
        self.assertEqual(eligibility.validity_end(D(2024, 1, 31), 1), D(2024, 2, 28))
        # 12 months from 29 February 2024 -> 28 February 2025 (clamped) minus one day
        self.assertEqual(eligibility.validity_end(D(2024, 2, 29), 12), D(2025, 2, 27))
        self.assertIsNone(eligibility.validity_end(None))

    def test_eligible_in_month_when_validity_overlaps_it(self):
        validated, until = D(2025, 4, 15), D(2027, 4, 14)
        self.assertFalse(eligibility.eligible_in_month(validated, until, D(2025, 3, 1)))
        self.assertTrue(eligibility.eligible_in_month(validated, until, D(2025, 4, 1)))
        self.assertTrue(eligibility.eligible_in_month(validated, until, D(2027, 4, 30)))
        self.assertFalse(eligibility.eligible_in_month(validated, until, D(2027, 5, 1)))
        self.assertFalse(eligibility.eligible_in_month(None, None, D(2025, 5, 1)))

    def test_criteria_levels(self):
        self.assertTrue(eligibility.criteria_met([1]))  # RSA alone
        self.assertTrue(eligibility.criteria_met([2]))  # one level-2 criterion (default)
        self.assertFalse(eligibility.criteria_met([]))
        # a charter requiring two level-2 criteria
        self.assertFalse(eligibility.criteria_met([2], 2))
        self.assertTrue(eligibility.criteria_met([2, 2], 2))
        self.assertTrue(eligibility.criteria_met([1], 3))

    def test_age(self):
        self.assertEqual(eligibility.age_at(D(1990, 6, 15), D(2025, 6, 14)), 34)
        self.assertEqual(eligibility.age_at(D(1990, 6, 15), D(2025, 6, 15)), 35)


class TestControls(unittest.TestCase):
    clause = {'clause_type': 'insertion', 'state': 'execution', 'date_start': D(2025, 3, 1),
              'date_end': D(2026, 12, 31)}
    person = {'validated_on': D(2025, 2, 1), 'valid_until': D(2027, 1, 31)}

    def errors(self, month=D(2025, 3, 1), modality='cdi', hours=100.0, amount=None,
               clause=None, person='default', total=0.0, cap=208.0, taken=()):
        key = duplicate_key(1, 2, month, modality)
        return [e[1] for e in controls.entry_errors(
            {'month': month, 'modality': modality, 'hours': hours, 'amount': amount},
            clause or self.clause, self.person if person == 'default' else person, total, cap,
            set(taken), key)]

    def test_good_entry(self):
        self.assertEqual(self.errors(), [])

    def test_each_control(self):
        self.assertEqual(self.errors(hours=0), ['hours'])
        self.assertEqual(self.errors(total=108.5), ['cap'])
        self.assertEqual(self.errors(total=108.0), [])  # exactly 208 h
        self.assertEqual(self.errors(month=D(2025, 2, 1)), ['month_outside'])
        self.assertEqual(self.errors(month=D(2027, 1, 1)), ['month_outside'])
        self.assertEqual(self.errors(person={'validated_on': None, 'valid_until': None}),
                         ['not_eligible'])
        self.assertEqual(self.errors(person=None), ['person_missing'])
        self.assertEqual(self.errors(taken={duplicate_key(1, 2, D(2025, 3, 1), 'cdi')}),
                         ['duplicate'])
        self.assertEqual(self.errors(modality='subcontracting_ea', amount=0, person=None),
                         ['amount'])
        self.assertEqual(self.errors(modality='subcontracting_ea', amount=1000, person=None),
                         [])
        closed = dict(self.clause, state='closed')
        self.assertEqual(self.errors(clause=closed), ['clause_state'])
        no_dates = dict(self.clause, date_start=None)
        self.assertEqual(self.errors(clause=no_dates), ['clause_dates'])
        self.assertEqual(self.errors(modality='bogus'), ['modality'])
