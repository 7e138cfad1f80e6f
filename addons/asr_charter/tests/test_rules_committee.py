"""Unit tests of the plain-Python committee rule (no database)."""
import datetime
import unittest

from ..rules.committee import committee_status
from ..rules.dates import add_months

D = datetime.date


class TestCommitteeRule(unittest.TestCase):

    def test_add_months_clamps_to_month_end(self):
        # 31 January + 1 month -> 28 February (2019 is not a leap year)
        self.assertEqual(add_months(D(2019, 1, 31), 1), D(2019, 2, 28))
        # 11 December 2019 + 12 months -> 11 December 2020
        self.assertEqual(add_months(D(2019, 12, 11), 12), D(2020, 12, 11))
        # 30 November + 3 months crosses the year: 29 February 2024 (leap year)
        self.assertEqual(add_months(D(2023, 11, 30), 3), D(2024, 2, 29))

    def test_planned_committee_is_the_next_one(self):
        st = committee_status(D(2019, 12, 11), [D(2020, 6, 1)], [D(2020, 11, 15)],
                              today=D(2020, 9, 1))
        self.assertEqual(st.next_due, D(2020, 11, 15))
        self.assertTrue(st.planned)
        self.assertFalse(st.overdue)
        self.assertEqual(st.count_this_year, 2)
        self.assertFalse(st.none_this_year)

    def test_nothing_planned_due_one_year_after_last_held(self):
        # held 10 March 2021, today 1 May 2021: due 10 March 2022 but no later than 31/12/2021?
        # A committee was held this year, so the 12-month rule alone applies: 10/03/2022.
        st = committee_status(D(2019, 12, 11), [D(2021, 3, 10)], [], today=D(2021, 5, 1))
        self.assertEqual(st.next_due, D(2022, 3, 10))
        self.assertFalse(st.planned)
        self.assertFalse(st.overdue)
        self.assertFalse(st.none_this_year)

    def test_none_this_year_due_by_year_end_and_warns(self):
        # last held 10 March 2021; today 1 February 2022: 12 months -> 10/03/2022, before the
        # end of 2022, so due 10/03/2022; none held or planned in 2022 -> warning.
        st = committee_status(D(2019, 12, 11), [D(2021, 3, 10)], [], today=D(2022, 2, 1))
        self.assertEqual(st.next_due, D(2022, 3, 10))
        self.assertTrue(st.none_this_year)
        self.assertFalse(st.overdue)

    def test_overdue_when_last_held_long_ago(self):
        # last held 5 May 2020; today 1 September 2022: due 05/05/2021, past -> overdue
        st = committee_status(D(2019, 12, 11), [D(2020, 5, 5)], [], today=D(2022, 9, 1))
        self.assertEqual(st.next_due, D(2021, 5, 5))
        self.assertTrue(st.overdue)
        self.assertTrue(st.none_this_year)

    def test_first_committee_due_within_a_year_of_adoption_capped_at_year_end(self):
        # adopted 11/12/2019, today 15/01/2020, nothing held: adoption + 12 months is
        # 11/12/2020, already before 31/12/2020 -> 11/12/2020
        st = committee_status(D(2019, 12, 11), [], [], today=D(2020, 1, 15))
        self.assertEqual(st.next_due, D(2020, 12, 11))
        # adopted 01/03/2020, today 01/06/2021, nothing since: 01/03/2021 -> overdue
        st = committee_status(D(2020, 3, 1), [], [], today=D(2021, 6, 1))
        self.assertEqual(st.next_due, D(2021, 3, 1))
        self.assertTrue(st.overdue)

    def test_year_end_cap_when_interval_is_longer(self):
        # with an 18-month interval: held 01/02/2021, today 10/01/2022 -> 01/08/2022, capped
        # at 31/12/2022? 01/08/2022 is earlier, so 01/08/2022. Today 10/01/2023 with the
        # same history: 01/08/2022 is past -> overdue.
        st = committee_status(None, [D(2021, 2, 1)], [], today=D(2022, 1, 10),
                              max_interval_months=18)
        self.assertEqual(st.next_due, D(2022, 8, 1))
        # 30-month interval from 01/02/2021 = 01/08/2023 > 31/12/2022 -> capped at year end
        st = committee_status(None, [D(2021, 2, 1)], [], today=D(2022, 1, 10),
                              max_interval_months=30)
        self.assertEqual(st.next_due, D(2022, 12, 31))

    def test_not_adopted_has_no_due_date(self):
        st = committee_status(None, [], [], today=D(2020, 1, 1))
        self.assertIsNone(st.next_due)
        self.assertTrue(st.none_this_year)

    def test_more_than_two_a_year_flagged(self):
        st = committee_status(D(2019, 12, 11), [D(2020, 2, 1), D(2020, 5, 1)],
                              [D(2020, 10, 1)], today=D(2020, 6, 1))
        self.assertEqual(st.count_this_year, 3)
        self.assertTrue(st.too_many_this_year)
