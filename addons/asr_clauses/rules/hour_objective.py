"""Hour objective of an insertion clause (default method, ../shared/DOMAIN.md).

    hours_worked_estimate = amount_ht x labour_share / hourly_cost
    objective_hours       = round_half_up(hours_worked_estimate x insertion_rate)

Shares and rates are fractions (0.40 for 40 %).
"""
from decimal import ROUND_HALF_UP, Decimal


class HourObjectiveError(ValueError):
    """Raised with a message key and its values when an input is out of range."""

    def __init__(self, key, **values):
        super(HourObjectiveError, self).__init__(key)
        self.key = key
        self.values = values


def round_half_up(value):
    """Round to the nearest integer, halves away from zero (685.5 -> 686, not banker's 686/685)."""
    return int(Decimal(repr(value)).quantize(Decimal('1'), rounding=ROUND_HALF_UP))


def hours_worked_estimate(amount, labour_share, hourly_cost):
    """Hours of work contained in ``amount`` (EUR excl. VAT)."""
    if amount is None or amount <= 0:
        raise HourObjectiveError('amount', amount=amount)
    if labour_share is None or not 0 < labour_share <= 1:
        raise HourObjectiveError('labour_share', labour_share=labour_share)
    if hourly_cost is None or hourly_cost <= 0:
        raise HourObjectiveError('hourly_cost', hourly_cost=hourly_cost)
    return amount * labour_share / hourly_cost


def hour_objective(amount, labour_share, hourly_cost, insertion_rate):
    """Insertion hours to reach, rounded half up to the hour."""
    if insertion_rate is None or not 0 < insertion_rate <= 1:
        raise HourObjectiveError('insertion_rate', insertion_rate=insertion_rate)
    return round_half_up(hours_worked_estimate(amount, labour_share, hourly_cost)
                         * insertion_rate)
