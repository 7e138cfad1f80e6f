"""Filling the clause library's model texts (no Odoo import).

Model texts hold placeholders in braces, e.g. ``{hour_objective}``; only the names of
``PLACEHOLDERS`` are allowed, so a typing error is caught when the model text is saved.
"""
import string

from odoo.addons.asr_charter.rules.errors import RuleError
from odoo.addons.asr_charter.rules.numbers import fr_amount

PLACEHOLDERS = (
    'market', 'lot', 'buyer', 'legal_basis', 'hour_objective', 'facilitator',
    'facilitator_contact', 'penalty_missing_hour', 'penalty_late_day', 'report_due_day',
    'penalty_cap', 'penalty_cap_sentence', 'actions', 'justificatifs', 'criterion_weight',
    'contract_months',
)


class ClauseTextError(RuleError):
    """Raised with a message key and its values."""


def placeholders_of(text):
    """Names of the placeholders used by ``text`` (raises on a malformed brace)."""
    try:
        return {name for _literal, name, _spec, _conv in string.Formatter().parse(text or '')
                if name is not None}
    except ValueError:
        raise ClauseTextError('malformed')


def check_template(text):
    """Raise ``ClauseTextError('unknown', names=...)`` for placeholders that do not exist."""
    unknown = sorted(placeholders_of(text) - set(PLACEHOLDERS))
    if unknown:
        raise ClauseTextError('unknown', names=unknown)


def render(text, values):
    """``text`` with its placeholders replaced; a placeholder without value stays readable."""
    check_template(text)
    filled = {name: ('' if values.get(name) is None else values[name]) for name in PLACEHOLDERS}
    return (text or '').format(**filled)


def penalty_cap_sentence(cap_percent):
    """The CCAP's sentence on the cap of the penalties, for a cap in % of the amount of the
    market; a cap of 0 means no cap (and the contract says so, without the form's hint)."""
    if not cap_percent:
        return "Le montant cumulé des pénalités n'est pas plafonné."
    return ("Le montant cumulé des pénalités est plafonné à %s %% du montant du marché."
            % fr_amount(cap_percent))
