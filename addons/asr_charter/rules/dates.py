"""Date helpers shared by the rules and the models (no Odoo import)."""
import datetime
import re

from dateutil.relativedelta import relativedelta

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
    return datetime.datetime.strptime(value[:10], '%Y-%m-%d').date()


def fr_date(value):
    """'11/12/2019' for 2019-12-11, as French users read dates; '' for no date."""
    day = to_date(value)
    return day.strftime('%d/%m/%Y') if day else ''


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
