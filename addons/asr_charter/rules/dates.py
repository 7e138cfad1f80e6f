"""Dates, months and their French spelling: the one copy the addons share (no Odoo import).

Months are dates on their first day (``2026-11-01`` stands for 11/2026).
"""
import calendar
import datetime
import re

from dateutil.relativedelta import relativedelta

from .errors import RuleError
from .cells import cell_text

DATE_MIN = datetime.date(1900, 1, 1)    # the dates any ASR record accepts
DATE_MAX = datetime.date(2100, 12, 31)
_DAY = re.compile(r'^(\d{1,2})/(\d{1,2})/(\d{4})$')
_ISO_DAY = re.compile(r'^(\d{4})-(\d{1,2})-(\d{1,2})$')
_MONTH = re.compile(r'^(\d{1,2})/(\d{4})$')
_YEAR = re.compile(r'^(\d{4})$')


def to_date(value):
    """A ``datetime.date`` from a date, a datetime or an ISO string ('2019-12-11'); None stays."""
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if len(value) >= 10 and value[4] == '-' and value[7] == '-' and value[:4].isdigit() \
            and value[5:7].isdigit() and value[8:10].isdigit():
        # the cursor's dates, thousands per bilan: sliced rather than parsed by strptime
        return datetime.date(int(value[:4]), int(value[5:7]), int(value[8:10]))
    return datetime.datetime.strptime(value[:10], '%Y-%m-%d').date()


class DateError(RuleError):
    """Raised with key 'date' or 'month' and the value given."""


def fr_date(value):
    """'11/12/2019' for 2019-12-11, as French users read dates; '' for no date."""
    day = to_date(value)
    return day.strftime('%d/%m/%Y') if day else ''


def fr_month(value):
    """'03/2025' for any day of March 2025 (a date or 'YYYY-MM-DD'); '' for none."""
    day = to_date(value)
    return day.strftime('%m/%Y') if day else ''


def first_of_month(day):
    """The first day of ``day``'s month: the date that stands for a month."""
    return day.replace(day=1)


def month_bounds(month):
    """(first day, last day) of ``month``'s month."""
    first = first_of_month(month)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def add_months(day, months):
    """``day`` moved by ``months`` calendar months, clamped to the end of shorter months
    (31/01/2026 + 1 -> 28/02/2026)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def months_between(start, end):
    """Number of calendar months from ``start``'s month to ``end``'s month, both included."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _in_range(day, value):
    if not DATE_MIN <= day <= DATE_MAX:
        raise DateError('date', value=value)
    return day


def parse_date(value):
    """A date from what a person or a spreadsheet writes: '31/12/2026', '2026-12-31',
    '31-12-2026', a spreadsheet date or datetime; between 1900 and 2100; None when empty;
    ``DateError('date')`` otherwise."""
    if value in (None, ''):
        return None
    if isinstance(value, datetime.datetime):
        return _in_range(value.date(), value)
    if isinstance(value, datetime.date):
        return _in_range(value, value)
    text = cell_text(value)
    for fmt in ('%d/%m/%Y', '%Y-%m-%d', '%d-%m-%Y', '%Y-%m-%d %H:%M:%S'):
        try:
            return _in_range(datetime.datetime.strptime(text, fmt).date(), value)
        except ValueError:
            continue
    raise DateError('date', value=value)


def parse_month(value):
    """The first day of a month written '03/2025', '2025-03', '03-2025', as a day or a date;
    None when empty; ``DateError('month')`` otherwise."""
    if value in (None, ''):
        return None
    if isinstance(value, (datetime.date, datetime.datetime)):
        return first_of_month(parse_date(value))
    text = cell_text(value)
    for fmt in ('%m/%Y', '%Y-%m', '%m-%Y'):
        try:
            return _in_range(datetime.datetime.strptime(text, fmt).date(), value)
        except (ValueError, DateError):
            continue
    try:
        return first_of_month(parse_date(text))
    except DateError:
        raise DateError('month', value=value)


def period_of(text):
    """(first day, day after the last) of the day, month or year a user typed: '23/11/2026',
    '2026-11-23', '11/2026', '2026'; None for anything else (31/02/2026, a year before 1900,
    a word)."""
    text = (text or '').strip()
    try:
        match = _DAY.match(text)
        if match:
            start = datetime.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
            return start, start + relativedelta(days=1)
        match = _ISO_DAY.match(text)
        if match:
            start = datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            return start, start + relativedelta(days=1)
        match = _MONTH.match(text)
        if match:
            start = datetime.date(int(match.group(2)), int(match.group(1)), 1)
            return start, start + relativedelta(months=1)
        match = _YEAR.match(text)
        if match and int(match.group(1)) >= 1900:
            start = datetime.date(int(match.group(1)), 1, 1)
            return start, start + relativedelta(years=1)
    except ValueError:
        return None
    return None
