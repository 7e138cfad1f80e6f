"""Eligibility of a person in insertion at a given month (no Odoo import).

A person counts once the facilitator has validated their eligibility, and only while that
validation is valid: by default 24 months, the length of a PASS IAE (DOMAIN.md).
"""
import datetime

from odoo.addons.asr_charter.rules.dates import add_months, month_bounds

DEFAULT_VALIDITY_MONTHS = 24
DEFAULT_LEVEL2_REQUIRED = 1


def validity_end(validated_on, months=DEFAULT_VALIDITY_MONTHS):
    """Last day on which a validation made on ``validated_on`` is valid.

    24 months from 15 March 2025 run until 14 March 2027 included.
    """
    if not validated_on:
        return None
    if months <= 0:
        raise ValueError('months')
    return add_months(validated_on, months) - datetime.timedelta(days=1)


def eligible_in_month(validated_on, valid_until, month):
    """Whether a person validated on ``validated_on`` and valid until ``valid_until``
    counts for hours worked in ``month``: the validity must overlap that month."""
    if not validated_on or not valid_until:
        return False
    first, last = month_bounds(month)
    return validated_on <= last and valid_until >= first


def criteria_met(levels, level2_required=DEFAULT_LEVEL2_REQUIRED):
    """Whether a set of criteria makes a person eligible under the default clause rule.

    :param levels: the level (1 or 2) of each criterion the person meets
    :param level2_required: how many level-2 criteria replace one level-1 criterion
    """
    levels = list(levels)
    return 1 in levels or (level2_required > 0 and levels.count(2) >= level2_required)


def age_at(birth_date, day):
    """Age in whole years on ``day``."""
    if not birth_date:
        return None
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month,
                                                                 birth_date.day))
