"""Penalties of a clause whose execution condition is not met (DOMAIN.md, Penalties; no Odoo
import). Every figure is a ``Decimal`` rounded to the cent half up; each line keeps its inputs
so the notice can show the arithmetic.

    missing hours       max(0, objective - eligible validated hours) x rate per missing hour
    late report         days late after the due day x rate per day
    social action       each action not carried out x its rate (per action, or per missing
                        person)
    cap                 the clause's penalties together capped at cap % x awarded amount
                        (0 % = no cap): a penalty takes what the earlier ones left
    reduction           a reduction approved by a responsable, never above the capped total

e.g. 686 h objective, 512.5 h realised, 17.82 EUR an hour -> 173.5 h x 17.82 = 3,091.77 EUR.
"""
from collections import namedtuple
from decimal import ROUND_HALF_UP, Decimal

from odoo.addons.asr_charter.rules.errors import RuleError

CENT = Decimal('0.01')

Line = namedtuple('Line', ['cause', 'quantity', 'rate', 'amount'])
Total = namedtuple('Total', ['lines', 'gross', 'cap', 'already', 'capped_part', 'reduction',
                             'total'])

DEFAULT_ANSWER_DAYS = 15     # days the contractor has to answer (contradictory procedure)
ANSWER_DAYS = (1, 90)


class PenaltyError(RuleError):
    """Raised with a message key and the values given."""


def money(value):
    """A Decimal rounded to the cent, half up (floats through their shortest repr)."""
    if isinstance(value, float):
        value = repr(value)
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def _rate(value):
    rate = money(value if value is not None else 0)
    if rate < 0:
        raise PenaltyError('negative_rate', value=value)
    return rate


def missing_hours_line(objective, realised, rate):
    """The line of the hours missing at the end of the contract (None when none is missing)."""
    if objective is None or objective <= 0:
        raise PenaltyError('no_objective', value=objective)
    rate = _rate(rate)
    missing = max(Decimal(0), Decimal(repr(float(objective))) - Decimal(repr(float(realised or 0))))
    if not missing:
        return None
    return Line('missing_hours', missing, rate, money(missing * rate))


def late_report_line(due, received, today, rate):
    """The line of a monthly report received after its due day, or still missing on
    ``today`` (None when on time)."""
    rate = _rate(rate)
    days = ((received or today) - due).days
    if days <= 0:
        return None
    return Line('late_report', Decimal(days), rate, money(days * rate))


def social_action_line(expected, done, rate, per_person=False):
    """The line of a social action not (fully) carried out: per action, one rate when nothing
    was carried out; per person, the missing people x the rate."""
    rate = _rate(rate)
    if expected is None or expected <= 0:
        raise PenaltyError('no_objective', value=expected)
    missing = max(0, expected - (done or 0)) if per_person else (0 if done else 1)
    if not missing:
        return None
    return Line('social_action', Decimal(missing), rate, money(missing * rate))


def total(lines, cap_percent=0, awarded_amount=0, reduction=0, already=0):
    """The penalty of ``lines`` (None lines skipped): gross, cap, the capped part, the
    reduction and what is due. ``already`` is what the clause's earlier penalties charged
    (before their reductions): together they never pass the cap. A reduction above the
    capped total is refused."""
    lines = [line for line in lines if line]
    gross = sum((line.amount for line in lines), Decimal(0))
    cap = None
    already = money(already or 0)
    capped = gross
    if cap_percent:
        if not 0 < cap_percent <= 100:
            raise PenaltyError('cap', value=cap_percent)
        cap = money(Decimal(repr(float(cap_percent))) * money(awarded_amount or 0) / 100)
        capped = min(gross, max(Decimal(0), cap - already))
    reduction = money(reduction or 0)
    if reduction < 0 or reduction > capped:
        raise PenaltyError('reduction', value=reduction, total=capped)
    return Total(lines, gross, cap, already, gross - capped, reduction, capped - reduction)


def check_answer_days(days):
    """The days given to the contractor to answer: between 1 and 90."""
    if days is None or not ANSWER_DAYS[0] <= days <= ANSWER_DAYS[1]:
        raise PenaltyError('answer_days', value=days)
