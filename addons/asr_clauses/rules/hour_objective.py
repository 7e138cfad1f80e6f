"""Hour objective of an insertion clause (default method, ../shared/DOMAIN.md).

    objective_hours = round_half_up(hours_from_amount(amount_ht, labour_share, hourly_cost)
                                    x insertion_rate)

``hours_from_amount`` is the one hours formula (asr_charter/rules/equivalence.py), shared with
the subcontracting equivalence. Shares and rates are fractions (0.40 for 40 %).
"""
from odoo.addons.asr_charter.rules.equivalence import EquivalenceError, hours_from_amount
from odoo.addons.asr_charter.rules.numbers import round_half_up


def hour_objective(amount, labour_share, hourly_cost, insertion_rate):
    """Insertion hours to reach, rounded half up to the hour; ``EquivalenceError`` with key
    'amount', 'labour_share', 'hourly_cost' or 'insertion_rate' for a value out of range."""
    if insertion_rate is None or not 0 < insertion_rate <= 1:
        raise EquivalenceError('insertion_rate', value=insertion_rate)
    return round_half_up(hours_from_amount(amount, labour_share, hourly_cost) * insertion_rate)
