"""When a charter's annual evaluation is late (charter art. 6: one evaluation a year).

The evaluation of a year is written once the year is over, for the technical committee that
follows: it is late from ``EVALUATION_DUE`` (month, day) of the next year. The year checked is
the last one whose evaluation is due; a charter is concerned when it was in force during that
year (from its entry into force, or its adoption when that date is unknown).
"""
import datetime

EVALUATION_DUE = (3, 31)  # the evaluation of year N is due by 31 March of N + 1


def evaluation_year_due(today, due=EVALUATION_DUE):
    """The last year whose evaluation is due on ``today``."""
    deadline = datetime.date(today.year, *due)
    return today.year - 1 if today > deadline else today.year - 2


def evaluation_late_year(in_force_since, evaluated_years, today, due=EVALUATION_DUE):
    """The year whose evaluation is late, or None.

    :param in_force_since: date the charter came into force (None when it never did)
    :param evaluated_years: years that have an evaluation
    """
    if not in_force_since:
        return None
    year = evaluation_year_due(today, due)
    if in_force_since.year > year or year in set(evaluated_years or ()):
        return None
    return year
