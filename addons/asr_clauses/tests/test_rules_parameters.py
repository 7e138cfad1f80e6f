"""The ranges of the clause parameters, one source for the charter's defaults and the clauses
(plain Python, no ORM)."""
import unittest

from ..rules.parameters import KEYS, ParameterError, check_parameters


class TestParameterRanges(unittest.TestCase):

    def test_values_inside_the_ranges_pass(self):
        check_parameters({'hourly_cost': 0.01, 'labour_share': 100, 'insertion_rate': 0.5,
                          'insertion_rate_proximity': 10, 'report_due_day': 28,
                          'penalty_cap_percent': 0, 'penalty_rate_missing_hour': 0,
                          'penalty_rate_late_day': 150})
        check_parameters({'report_due_day': 1, 'penalty_cap_percent': 100})
        check_parameters({})  # only the parameters given are checked

    def test_each_bound_is_refused_with_the_parameter_as_key(self):
        for name, value in (('hourly_cost', 0), ('hourly_cost', -30), ('hourly_cost', None),
                            ('labour_share', 0), ('labour_share', 100.01),
                            ('insertion_rate', 0), ('insertion_rate', 101),
                            ('insertion_rate_proximity', -1), ('report_due_day', 0),
                            ('report_due_day', 29), ('report_due_day', 31),
                            ('penalty_cap_percent', -0.01), ('penalty_cap_percent', 100.5),
                            ('penalty_rate_missing_hour', -1), ('penalty_rate_late_day', -5)):
            with self.assertRaises(ParameterError) as caught:
                check_parameters({name: value})
            self.assertEqual((caught.exception.key, caught.exception.values),
                             (name, {'value': value}))
            self.assertIn(name, KEYS)

    def test_the_first_parameter_out_of_range_is_reported(self):
        with self.assertRaises(ParameterError) as caught:
            check_parameters({'report_due_day': 40, 'hourly_cost': 0})
        self.assertEqual(caught.exception.key, 'hourly_cost')
