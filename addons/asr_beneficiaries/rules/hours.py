"""Arithmetic of hours realised against an objective (no Odoo import)."""


def first_of_month(day):
    """The first day of ``day``'s month: hour entries are monthly."""
    return day.replace(day=1)


def progress(objective, realised):
    """(percentage of the objective reached, missing hours), both >= 0.

    A clause with no objective is complete (100 %) with nothing missing.
    """
    if objective <= 0:
        return 100.0, 0.0
    return realised * 100.0 / objective, max(0.0, objective - realised)
