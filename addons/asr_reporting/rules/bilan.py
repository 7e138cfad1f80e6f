"""The rules of the bilans (no Odoo import): age bands, periods, publishable counts.

Age bands are those of the insertion statistics (under 26, 26-49, 50 and over), the age being
the one reached during the year of the figures (year - birth year), so that a person keeps one
band over a year's bilan and an anonymised person (birth year kept) still counts.

Publishable counts: small cells are masked.

A bilan is read by elected members, contracting authorities and the public; a count of 1 to 4
people in a cell (the women over 50 of one contract...) may identify someone. A cell of fewer
than ``threshold`` people (5 by default, a charter parameter) is shown as "< 5"; 0 stays 0 (it
identifies no one). When a distribution shows its total and exactly one cell is masked, the
masked count could be read back as the total minus the others: the smallest other non-zero
cell is masked too (secondary suppression, as statistical offices do).
"""
import datetime

from odoo.addons.asr_charter.rules.errors import RuleError

AGE_BANDS = [('under_26', 0, 25), ('26_49', 26, 49), ('50_over', 50, 200)]
UNKNOWN = 'unknown'


class BilanError(RuleError):
    """Keys: 'min_cell', 'period' (from after to), 'period_long' (more than MAX_YEARS)."""


MAX_YEARS = 10


def age_band(birth_year, year):
    """'under_26', '26_49', '50_over' for the age reached in ``year``; 'unknown' without a
    birth year (or one after ``year``)."""
    if not birth_year or not year or birth_year > year:
        return UNKNOWN
    age = year - birth_year
    for key, low, high in AGE_BANDS:
        if low <= age <= high:
            return key
    return UNKNOWN


def check_period(date_from, date_to):
    """A bilan's period: from <= to, at most MAX_YEARS years; the dates as given."""
    if date_from > date_to:
        raise BilanError('period', date_from=date_from, date_to=date_to)
    if (date_to - date_from).days > 366 * MAX_YEARS:
        raise BilanError('period_long', years=MAX_YEARS)
    return date_from, date_to


def year_period(year):
    """(1 January, 31 December) of ``year``."""
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


DEFAULT_MIN_CELL = 5
MIN_CELL_RANGE = (2, 50)


def check_min_cell(value):
    """The charter's threshold: an integer between 2 and 50."""
    if not isinstance(value, int) or isinstance(value, bool) or not (
            MIN_CELL_RANGE[0] <= value <= MIN_CELL_RANGE[1]):
        raise BilanError('min_cell', value=value, low=MIN_CELL_RANGE[0],
                         high=MIN_CELL_RANGE[1])
    return value


def is_small(count, threshold=DEFAULT_MIN_CELL):
    return 0 < (count or 0) < threshold


def masked_text(threshold=DEFAULT_MIN_CELL):
    return '< %d' % threshold


def mask_count(count, threshold=DEFAULT_MIN_CELL):
    """The count as published: the number itself, or the text '< 5'."""
    return masked_text(threshold) if is_small(count, threshold) else int(count or 0)


def mask_distribution(counts, threshold=DEFAULT_MIN_CELL, total_shown=True):
    """The cells of one distribution (a list of counts, in order) as published.

    Cells under the threshold become '< 5'; when the total is shown and only one cell is
    masked, the smallest other non-zero cell is masked with it."""
    counts = [int(c or 0) for c in counts]
    masked = {i for i, c in enumerate(counts) if is_small(c, threshold)}
    if total_shown and len(masked) == 1:
        others = sorted((c, i) for i, c in enumerate(counts) if i not in masked and c > 0)
        if others:
            masked.add(others[0][1])
    return [masked_text(threshold) if i in masked else c for i, c in enumerate(counts)]
