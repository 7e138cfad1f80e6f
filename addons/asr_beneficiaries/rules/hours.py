"""Arithmetic of insertion hours (no Odoo import): equivalences, monthly cap, duplicates,
progress and projection of a clause."""
import calendar
import datetime

DEFAULT_MONTHLY_CAP = 208.0  # 48 h x 4.33 weeks, the legal monthly maximum (DOMAIN.md)

DIRECT_HIRE = ('cdi', 'cdd', 'professionalisation', 'apprenticeship')
PROVIDED = ('etti', 'ai', 'geiq', 'temp_agency')
SUBCONTRACTING = ('subcontracting_siae', 'subcontracting_esat', 'subcontracting_ea')
TRAINING = ('training',)
MODALITIES = DIRECT_HIRE + PROVIDED + SUBCONTRACTING + TRAINING


class HourRuleError(ValueError):
    def __init__(self, key, **values):
        super(HourRuleError, self).__init__(key)
        self.key = key
        self.values = values


def fr_number(value):
    """151.67 -> '151,67', 208.0 -> '208': numbers as a French reader writes them."""
    text = ('%.2f' % (value or 0.0)).rstrip('0').rstrip('.')
    return text.replace('.', ',')


def month_text(value):
    """'03/2025' for a month given as a date or as 'YYYY-MM-DD'; '' for none."""
    if not value:
        return ''
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime('%m/%Y')
    return '%s/%s' % (value[5:7], value[:4])


def first_of_month(day):
    """The first day of ``day``'s month: hour entries are monthly."""
    return day.replace(day=1)


def is_subcontracting(modality):
    """Subcontracting to (or purchase from) an SIAE, ESAT or EA counts by its amount."""
    return modality in SUBCONTRACTING


def amount_to_hours(amount, labour_share, hourly_cost):
    """Hours equivalent to a subcontracting amount excluding tax:
    amount x labour share / hourly cost, with the clause's own parameters, to 2 decimals.

    30,000 EUR invoiced by an SIAE, labour share 50 %, 32 EUR an hour -> 468.75 h.
    """
    if amount is None or amount <= 0:
        raise HourRuleError('amount', value=amount)
    if not labour_share or labour_share <= 0 or not hourly_cost or hourly_cost <= 0:
        raise HourRuleError('parameters')
    return round(amount * labour_share / 100.0 / hourly_cost + 1e-9, 2)


def cap_excess(month_total, new_hours, cap=DEFAULT_MONTHLY_CAP):
    """Hours above the monthly cap once ``new_hours`` are added to the person's
    ``month_total`` (all their other entries that month); 0 when within the cap."""
    return max(0.0, round(month_total + new_hours - cap, 2))


def duplicate_key(clause_id, beneficiary_id, month, modality, employer_id=None):
    """What identifies an entry: a person, an operation, a month and a modality.
    Subcontracting entries have no person: the subcontractor takes their place."""
    person = beneficiary_id if beneficiary_id else ('employer', employer_id)
    return (clause_id, person, first_of_month(month), modality)


def progress(objective, realised):
    """(percentage of the objective reached, missing hours), both >= 0.

    A clause with no objective is complete (100 %) with nothing missing.
    """
    if objective <= 0:
        return 100.0, 0.0
    return realised * 100.0 / objective, max(0.0, objective - realised)


def months_between(start, end):
    """Number of calendar months from ``start``'s month to ``end``'s month, both included."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def projection(realised, start, end, today):
    """Hours expected at the end date if the pace since the start goes on.

    The pace is the hours realised per elapsed month (months started so far, the current
    one included); before the start or without dates nothing is projected beyond what is
    realised.
    """
    if not start or not end or today < start:
        return realised
    if today >= end:
        return realised
    elapsed = months_between(start, today)
    total = months_between(start, end)
    return round(realised * float(total) / elapsed, 2)


def report_due_date(month, due_day):
    """Due date of the monthly report for ``month``: ``due_day`` of the following month
    (clamped to that month's last day)."""
    first = first_of_month(month)
    year, number = (first.year + 1, 1) if first.month == 12 else (first.year, first.month + 1)
    last_day = calendar.monthrange(year, number)[1]
    return datetime.date(year, number, max(1, min(due_day, last_day)))


def days_late(due, received, today):
    """Days between the due date and the receipt (or today while nothing is received)."""
    return max(0, ((received or today) - due).days)
