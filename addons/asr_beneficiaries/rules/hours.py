"""Arithmetic of insertion hours (no Odoo import): equivalences, monthly cap, duplicates,
progress and projection of a clause."""
import calendar
import datetime

from odoo.addons.asr_charter.rules.dates import first_of_month, months_between
from odoo.addons.asr_charter.rules.equivalence import EquivalenceError, hours_from_amount
from odoo.addons.asr_charter.rules.errors import RuleError
from odoo.addons.asr_charter.rules.numbers import round_half_up

DEFAULT_MONTHLY_CAP = 208.0  # 48 h x 4.33 weeks, the legal monthly maximum (DOMAIN.md)

DIRECT_HIRE = ('cdi', 'cdd', 'professionalisation', 'apprenticeship')
PROVIDED = ('etti', 'ai', 'geiq', 'temp_agency')
SUBCONTRACTING = ('subcontracting_siae', 'subcontracting_esat', 'subcontracting_ea')
TRAINING = ('training',)
MODALITIES = DIRECT_HIRE + PROVIDED + SUBCONTRACTING + TRAINING


class HourRuleError(RuleError):
    """Raised with a message key and its values by the hour rules."""


def is_subcontracting(modality):
    """Subcontracting to (or purchase from) an SIAE, ESAT or EA counts by its amount."""
    return modality in SUBCONTRACTING


def amount_to_hours(amount, labour_share, hourly_cost):
    """Hours equivalent to a subcontracting amount excluding tax, to 2 decimals: the one
    hours formula (``hours_from_amount``) with the clause's own parameters.

    :param labour_share: a fraction (0.5 for 50 %), like every share in the rules

    30,000 EUR invoiced by an SIAE, labour share 0.5, 32 EUR an hour -> 468.75 h.
    ``HourRuleError('amount')`` without a positive amount, ``HourRuleError('parameters')``
    when the clause has no labour share or hourly cost.
    """
    try:
        return round_half_up(hours_from_amount(amount, labour_share, hourly_cost), 2)
    except EquivalenceError as err:
        raise HourRuleError('amount' if err.key == 'amount' else 'parameters', **err.values)


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
