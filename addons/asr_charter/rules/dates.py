"""Date helpers shared by the rules and the models (no Odoo import)."""
import datetime


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
