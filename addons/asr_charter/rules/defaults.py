"""Defaults proposed to a user (no Odoo import)."""


def single_choice(candidates):
    """The only candidate when there is exactly one, else None: a default is proposed only
    when the choice is obvious (one charter in force: it; none or several: the user
    chooses)."""
    candidates = list(candidates)
    return candidates[0] if len(candidates) == 1 else None
