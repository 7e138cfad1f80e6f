"""Hours contained in an amount: the one formula of the hour objective and of the
subcontracting equivalence (DOMAIN.md, no Odoo import).

    hours = amount excluding tax x labour share / hourly cost

Unit convention, everywhere in the rules: shares and rates are **fractions** (0.40 for 40 %).
Forms and records store percents (40.0); the model layer divides by 100 once, with
:func:`fraction`, before calling a rule.
"""
from .errors import RuleError


class EquivalenceError(RuleError):
    """Raised with key 'amount', 'labour_share' or 'hourly_cost' and the value given."""


def fraction(percent):
    """40.0 (a percent, as stored) -> 0.4 (the fraction the rules take); None stays None."""
    return None if percent is None else percent / 100.0


def hours_from_amount(amount, labour_share, hourly_cost):
    """Hours of work contained in ``amount`` (EUR excluding tax), unrounded.

    :param labour_share: the share of labour in the amount, a fraction in ]0, 1]
    :param hourly_cost: the loaded cost of an hour of work, EUR > 0
    """
    if amount is None or amount <= 0:
        raise EquivalenceError('amount', value=amount)
    if labour_share is None or not 0 < labour_share <= 1:
        raise EquivalenceError('labour_share', value=labour_share)
    if hourly_cost is None or hourly_cost <= 0:
        raise EquivalenceError('hourly_cost', value=hourly_cost)
    return amount * labour_share / hourly_cost
