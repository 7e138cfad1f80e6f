"""Unit tests of the legal checks (CCP L2113-12 to L2113-16, L2152-7, loi Climat art. 35)."""
import datetime
import unittest
from decimal import Decimal

from ..rules.legal_checks import (LegalCheckError, Threshold, applicable_threshold,
                                  check_award_criterion_weight, check_ess_reservation,
                                  check_reservations, needs_social_condition_flag,
                                  years_before)

D = datetime.date

# European thresholds, EUR excl. VAT. 2024-2025 from the domain guide; 2026-2027 test values
# (supplies/services 216,000 local, 140,000 State; works 5,404,000).
THRESHOLDS = [
    Threshold('services', 'local', 221000, D(2024, 1, 1), D(2025, 12, 31)),
    Threshold('supplies', 'local', 221000, D(2024, 1, 1), D(2025, 12, 31)),
    Threshold('services', 'state', 143000, D(2024, 1, 1), D(2025, 12, 31)),
    Threshold('supplies', 'state', 143000, D(2024, 1, 1), D(2025, 12, 31)),
    Threshold('works', 'local', 5538000, D(2024, 1, 1), D(2025, 12, 31)),
    Threshold('works', 'state', 5538000, D(2024, 1, 1), D(2025, 12, 31)),
    Threshold('services', 'local', 216000, D(2026, 1, 1), D(2027, 12, 31)),
    Threshold('supplies', 'local', 216000, D(2026, 1, 1), D(2027, 12, 31)),
    Threshold('services', 'state', 140000, D(2026, 1, 1), D(2027, 12, 31)),
    Threshold('supplies', 'state', 140000, D(2026, 1, 1), D(2027, 12, 31)),
    Threshold('works', 'local', 5404000, D(2026, 1, 1), D(2027, 12, 31)),
    Threshold('works', 'state', 5404000, D(2026, 1, 1), D(2027, 12, 31)),
]


class TestLegalCheckError(unittest.TestCase):

    def test_error_carries_key_article_and_values(self):
        error = LegalCheckError('ess_duration', article='L2113-16', months=37)
        self.assertIsInstance(error, ValueError)
        self.assertEqual((error.key, error.article, error.values),
                         ('ess_duration', 'L2113-16', {'months': 37}))
        self.assertEqual(LegalCheckError('k', 'L2152-7').values, {})


class TestReservations(unittest.TestCase):

    def assertRefused(self, reservations, codes):
        with self.assertRaises(LegalCheckError) as ctx:
            check_reservations(reservations)
        self.assertEqual((ctx.exception.key, ctx.exception.article), ('double_reservation',
                                                                      'L2113-14'))
        self.assertEqual(ctx.exception.values, {'codes': codes})

    def test_single_reservation_accepted(self):
        for reservations in ([], ['reserved_esat_ea'], ['reserved_siae'], ['reserved_ess'],
                             ('reserved_siae', 'reserved_siae'),  # same kind twice: fine
                             ['reserved_ess', 'insertion_clause', 'award_criterion']):
            self.assertIsNone(check_reservations(reservations))

    def test_esat_ea_with_siae_refused(self):
        self.assertRefused(['reserved_siae', 'reserved_esat_ea'],
                           ['reserved_esat_ea', 'reserved_siae'])

    def test_ess_with_any_other_reservation_refused(self):
        self.assertRefused(['reserved_ess', 'reserved_siae'], ['reserved_ess', 'reserved_siae'])
        self.assertRefused(['reserved_esat_ea', 'reserved_ess'],
                           ['reserved_esat_ea', 'reserved_ess'])
        self.assertRefused(iter(['reserved_ess', 'reserved_siae', 'reserved_esat_ea']),
                           ['reserved_esat_ea', 'reserved_ess', 'reserved_siae'])

    def test_duplicates_reported_once(self):
        self.assertRefused(['reserved_siae', 'reserved_esat_ea', 'reserved_siae'],
                           ['reserved_esat_ea', 'reserved_siae'])


class TestEssReservation(unittest.TestCase):

    def check(self, nature='services', category='social', months=36, previous=(),
              day=D(2026, 3, 15)):
        return check_ess_reservation(nature, category, months, previous, day)

    def assertRefused(self, key, article, values=None, **kwargs):
        with self.assertRaises(LegalCheckError) as ctx:
            self.check(**kwargs)
        self.assertEqual((ctx.exception.key, ctx.exception.article), (key, article))
        if values is not None:
            self.assertEqual(ctx.exception.values, values)

    def test_health_social_cultural_services_accepted(self):
        for category in ('health', 'social', 'cultural'):
            self.assertIsNone(self.check(category=category))

    def test_other_natures_and_categories_refused(self):
        self.assertRefused('ess_services_only', 'L2113-15',
                           {'nature': 'works', 'service_category': 'social'}, nature='works')
        self.assertRefused('ess_services_only', 'L2113-15', nature='supplies')
        self.assertRefused('ess_services_only', 'L2113-15', category='cleaning')
        self.assertRefused('ess_services_only', 'L2113-15', category=None)

    def test_duration_36_months_accepted_37_refused(self):
        # 3 years = 36 months: the maximum of L2113-16
        self.assertIsNone(self.check(months=36))
        self.assertIsNone(self.check(months=1))
        self.assertRefused('ess_duration', 'L2113-16', {'months': 37}, months=37)
        self.assertRefused('ess_duration', 'L2113-16', {'months': 0}, months=0)
        self.assertRefused('ess_duration', 'L2113-16', {'months': -12}, months=-12)
        self.assertRefused('ess_duration', 'L2113-16', {'months': None}, months=None)

    def test_previous_contract_exactly_three_years_before_accepted(self):
        # consultation 15/03/2026 -> limit 15/03/2023; 15/03/2023 is not after the limit
        self.assertIsNone(self.check(previous=[(D(2023, 3, 15), True)]))
        # 3 years + 1 day before: 14/03/2023, older still
        self.assertIsNone(self.check(previous=[(D(2023, 3, 14), True)]))

    def test_previous_contract_within_three_years_refused(self):
        # 3 years - 1 day before: 16/03/2023 > 15/03/2023 -> within the 3 years
        self.assertRefused('ess_previous_contract', 'L2113-16', {'date': D(2023, 3, 16)},
                           previous=[(D(2020, 1, 1), True), (D(2023, 3, 16), True)])
        # awarded on the consultation day itself
        self.assertRefused('ess_previous_contract', 'L2113-16', {'date': D(2026, 3, 15)},
                           previous=iter([(D(2026, 3, 15), True)]))

    def test_previous_contract_other_services_or_later_ignored(self):
        # other services on 01/01/2025, and a same-services award after the consultation
        self.assertIsNone(self.check(previous=[(D(2025, 1, 1), False),
                                               (D(2026, 3, 16), True)]))
        self.assertIsNone(self.check(previous=None))

    def test_29_february_consultation(self):
        # consultation 29/02/2028 -> limit 28/02/2025 (no 29/02/2025)
        self.assertEqual(years_before(D(2028, 2, 29), 3), D(2025, 2, 28))
        self.assertEqual(years_before(D(2028, 2, 29), 4), D(2024, 2, 29))
        day = D(2028, 2, 29)
        self.assertIsNone(self.check(day=day, previous=[(D(2025, 2, 28), True)]))
        self.assertRefused('ess_previous_contract', 'L2113-16', {'date': D(2025, 3, 1)},
                           day=day, previous=[(D(2025, 3, 1), True)])

    def test_29_february_award(self):
        # consultation 28/02/2027 -> limit 28/02/2024; an award on 29/02/2024 is one day inside
        self.assertRefused('ess_previous_contract', 'L2113-16', {'date': D(2024, 2, 29)},
                           day=D(2027, 2, 28), previous=[(D(2024, 2, 29), True)])
        self.assertIsNone(self.check(day=D(2027, 2, 28), previous=[(D(2024, 2, 28), True)]))


class TestAwardCriterionWeight(unittest.TestCase):

    def test_weights_in_range_accepted(self):
        for weight in (0.5, 1, 30, 100, Decimal('100.00')):
            self.assertIsNone(check_award_criterion_weight(weight))

    def test_weights_out_of_range_refused(self):
        for weight in (0, -5, 100.01, None):
            with self.assertRaises(LegalCheckError) as ctx:
                check_award_criterion_weight(weight)
            self.assertEqual((ctx.exception.key, ctx.exception.article, ctx.exception.values),
                             ('criterion_weight', 'L2152-7', {'weight': weight}))


class TestApplicableThreshold(unittest.TestCase):

    def test_bounds_are_inclusive(self):
        self.assertEqual(applicable_threshold(THRESHOLDS, 'services', 'local', D(2024, 1, 1)),
                         THRESHOLDS[0])
        self.assertEqual(applicable_threshold(THRESHOLDS, 'services', 'local', D(2025, 12, 31)),
                         THRESHOLDS[0])
        self.assertEqual(applicable_threshold(THRESHOLDS, 'services', 'local', D(2026, 1, 1)),
                         THRESHOLDS[6])

    def test_nature_and_buyer_kind_select_the_entry(self):
        supplies = applicable_threshold(THRESHOLDS, 'supplies', 'state', D(2025, 6, 1))
        self.assertEqual((supplies.nature, supplies.buyer_kind, supplies.amount),
                         ('supplies', 'state', 143000))
        works = applicable_threshold(THRESHOLDS, 'works', 'local', D(2027, 12, 31))
        self.assertEqual(works.amount, 5404000)

    def test_no_threshold(self):
        self.assertIsNone(applicable_threshold(THRESHOLDS, 'services', 'local', D(2023, 12, 31)))
        self.assertIsNone(applicable_threshold(THRESHOLDS, 'services', 'local', D(2028, 1, 1)))
        self.assertIsNone(applicable_threshold(THRESHOLDS, 'concession', 'local', D(2025, 1, 1)))
        self.assertIsNone(applicable_threshold([], 'works', 'state', D(2025, 1, 1)))

    def test_open_ended_threshold(self):
        open_ended = Threshold('works', 'state', 5404000, D(2026, 1, 1), None)
        self.assertEqual(applicable_threshold([open_ended], 'works', 'state', D(2031, 5, 1)),
                         open_ended)


class TestSocialConditionFlag(unittest.TestCase):

    def flag(self, amount, day=D(2026, 9, 1), nature='services', buyer_kind='local',
             has_social_condition=False, justification=None, **kwargs):
        return needs_social_condition_flag(amount, nature, buyer_kind, day, THRESHOLDS,
                                           has_social_condition, justification, **kwargs)

    def test_amount_at_threshold_flagged_one_cent_below_not(self):
        # services, local buyer, 2026-2027: threshold 216,000
        self.assertTrue(self.flag(216000))
        self.assertFalse(self.flag(216000 - 0.01))  # 215,999.99
        # works, State, 2026-2027: threshold 5,404,000
        self.assertTrue(self.flag(5404000, nature='works', buyer_kind='state'))
        self.assertFalse(self.flag(5403999.99, nature='works', buyer_kind='state'))
        # supplies, State: 140,000
        self.assertTrue(self.flag(140000, nature='supplies', buyer_kind='state'))

    def test_law_start_22_august_2026(self):
        self.assertFalse(self.flag(1000000, day=D(2026, 8, 21)))
        self.assertTrue(self.flag(216000, day=D(2026, 8, 22)))

    def test_law_start_parameter_uses_dated_threshold(self):
        # law_start moved to 01/01/2025: 2024-2025 threshold 221,000 applies on 01/06/2025
        start = D(2025, 1, 1)
        self.assertTrue(self.flag(221000, day=D(2025, 6, 1), law_start=start))
        self.assertFalse(self.flag(220999.99, day=D(2025, 6, 1), law_start=start))
        # State: 143,000
        self.assertTrue(self.flag(143000, day=D(2025, 6, 1), buyer_kind='state',
                                  law_start=start))

    def test_social_condition_or_justification_clears_flag(self):
        self.assertFalse(self.flag(500000, has_social_condition=True))
        self.assertTrue(self.flag(500000, justification='   '))  # blank: still flagged
        self.assertTrue(self.flag(500000, justification=''))
        self.assertFalse(self.flag(500000, justification="Prestation intellectuelle sans "
                                                         "main-d'oeuvre d'exécution"))

    def test_never_raises_without_data(self):
        self.assertFalse(self.flag(500000, day=D(2028, 1, 1)))  # no threshold in the data
        self.assertFalse(self.flag(None))
        self.assertFalse(self.flag(500000, day=None))
        self.assertFalse(needs_social_condition_flag(500000, 'services', 'local',
                                                     D(2026, 9, 1), None, False, None))
