"""Percentages of the charter's indicators (art. 3): how many markets of a year were examined,
carry a social disposition, are reserved, out of the markets planned.

A market counts 1 or 0 in each indicator; its own percentage is then 100 or 0, so that the
average over any group of markets (a pivot by year, buyer or charter) is the group's
percentage: ``average(percentage(flag, 1)) == percentage(sum(flags), count)``.
"""
from odoo.addons.asr_charter.rules.errors import RuleError


class IndicatorError(RuleError):
    """A count that cannot be turned into a percentage."""


def percentage(part, whole):
    """``part`` out of ``whole`` in percent (0.0 when there is nothing to count).

    >>> percentage(3, 4)
    75.0
    """
    if part is None or whole is None or part < 0 or whole < 0:
        raise IndicatorError('negative', part=part, whole=whole)
    if part > whole:
        raise IndicatorError('part_above_whole', part=part, whole=whole)
    if not whole:
        return 0.0
    return part * 100.0 / whole


def flag_percentage(flag):
    """What one market weighs in an averaged percentage: 100.0 when it counts, else 0.0."""
    return percentage(1 if flag else 0, 1)
