"""The parameters of an insertion clause and their ranges, for the charter's defaults and for
each clause alike (no Odoo import): one source for the forms, the constraints and the CCAP.

Percents are stored as the user types them (40.0 for 40 %): the rules that compute take
fractions (asr_charter/rules/equivalence.py).
"""
from odoo.addons.asr_charter.rules.errors import RuleError

DEFAULT_HOURLY_COST = 30.0           # EUR; published examples range from 25 to 35
DEFAULT_INSERTION_RATE = 5.0         # % of the hours worked
DEFAULT_INSERTION_RATE_PROXIMITY = 10.0  # % for urban proximity management (GUP) markets
DEFAULT_REPORT_DUE_DAY = 10          # day of the following month
REPORT_DUE_DAYS = (1, 28)            # a day every month has
PERCENT = (0.0, 100.0)


# the error key of each parameter (both rates share one, both penalty rates another)
KEYS = {'hourly_cost': 'hourly_cost', 'labour_share': 'labour_share',
        'insertion_rate': 'insertion_rate', 'insertion_rate_proximity': 'insertion_rate',
        'report_due_day': 'report_due_day', 'penalty_cap_percent': 'penalty_cap',
        'penalty_rate_missing_hour': 'penalty_rate_negative',
        'penalty_rate_late_day': 'penalty_rate_negative',
        'penalty_rate_action': 'penalty_rate_negative'}


class ParameterError(RuleError):
    """Raised with the parameter's name as key and the value given."""


def check_parameters(values):
    """Check the clause parameters present in ``values`` (a dict: hourly_cost,
    insertion_rate, insertion_rate_proximity, labour_share, report_due_day,
    penalty_cap_percent, penalty_rate_missing_hour, penalty_rate_late_day,
    penalty_rate_action); raise
    ``ParameterError(name, value=...)`` for the first one out of its range.

    Rates and shares are in ]0, 100] %, the cap in [0, 100] % (0: no cap), the hourly cost
    above 0, the penalty rates not negative, the due day between 1 and 28.
    """
    low, high = PERCENT
    checks = (
        ('hourly_cost', lambda v: v > 0),
        ('labour_share', lambda v: low < v <= high),
        ('insertion_rate', lambda v: low < v <= high),
        ('insertion_rate_proximity', lambda v: low < v <= high),
        ('report_due_day', lambda v: REPORT_DUE_DAYS[0] <= v <= REPORT_DUE_DAYS[1]),
        ('penalty_cap_percent', lambda v: low <= v <= high),
        ('penalty_rate_missing_hour', lambda v: v >= 0),
        ('penalty_rate_late_day', lambda v: v >= 0),
        ('penalty_rate_action', lambda v: v >= 0),
    )
    for name, valid in checks:
        if name in values and not valid(values[name] or 0):
            raise ParameterError(name, value=values[name])
