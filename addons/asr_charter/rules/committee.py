"""When the charter's next technical committee is due (charter art. 6: one to two a year).

Rule:
- a committee already planned on or after today is the next one;
- otherwise the next one is due at the latest ``max_interval_months`` after the last committee
  held (or after the charter's adoption when none was held), and never later than the end of the
  current year when no committee took place or is planned in it;
- the charter warns when no committee is held or planned in the current year, and when more
  committees than ``max_per_year`` are planned in one year.
"""
import datetime
from collections import namedtuple

from .dates import add_months

CommitteeStatus = namedtuple('CommitteeStatus', [
    'next_due',          # date: when the next committee is due (planned or at the latest)
    'planned',           # bool: next_due is the date of a committee already planned
    'overdue',           # bool: nothing planned and the due date is past
    'count_this_year',   # int: committees held or planned in today's year
    'none_this_year',    # bool: no committee held or planned in today's year
    'too_many_this_year',  # bool: more than max_per_year in today's year
])


DEFAULT_INTERVAL_MONTHS = 12   # art. 6: a committee at least once a year
DEFAULT_MAX_PER_YEAR = 2       # art. 6: at most twice a year


def committee_status(adoption_date, held_dates, planned_dates, today,
                     max_interval_months=DEFAULT_INTERVAL_MONTHS,
                     max_per_year=DEFAULT_MAX_PER_YEAR):
    """Return a :class:`CommitteeStatus`.

    :param adoption_date: date the charter was adopted (``None`` when not yet adopted)
    :param held_dates: dates of committees that took place
    :param planned_dates: dates of committees planned (not cancelled, not yet held)
    :param today: the reference date
    """
    held = sorted(d for d in held_dates if d)
    planned = sorted(d for d in planned_dates if d)
    this_year = [d for d in held + planned if d.year == today.year]
    count = len(this_year)
    upcoming = [d for d in planned if d >= today]
    if upcoming:
        next_due, is_planned = upcoming[0], True
    else:
        base = held[-1] if held else adoption_date
        if base is None:
            return CommitteeStatus(None, False, False, count, count == 0, count > max_per_year)
        next_due, is_planned = add_months(base, max_interval_months), False
        if count == 0:
            next_due = min(next_due, datetime.date(today.year, 12, 31))
        next_due = max(next_due, base)
    overdue = not is_planned and next_due < today
    return CommitteeStatus(next_due, is_planned, overdue, count, count == 0,
                           count > max_per_year)
