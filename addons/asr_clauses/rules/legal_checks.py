"""Legal checks of the social dispositions (code de la commande publique, ../shared/DOMAIN.md).

Plain Python, no Odoo import: each refusal raises ``LegalCheckError`` carrying a message key, the
article it enforces and the values to show; the model layer turns the key into a French message.
"""
import datetime
from collections import namedtuple

from odoo.addons.asr_charter.rules.errors import RuleError

RESERVED_ESAT_EA = 'reserved_esat_ea'  # L2113-12
RESERVED_SIAE = 'reserved_siae'  # L2113-13
RESERVED_ESS = 'reserved_ess'  # L2113-15
RESERVED_CODES = frozenset((RESERVED_ESAT_EA, RESERVED_SIAE, RESERVED_ESS))

ESS_SERVICE_CATEGORIES = frozenset(('health', 'social', 'cultural'))
ESS_MAX_MONTHS = 36
ESS_PREVIOUS_YEARS = 3

LAW_START = datetime.date(2026, 8, 22)

Threshold = namedtuple('Threshold', 'nature buyer_kind amount date_from date_to')


class LegalCheckError(RuleError):
    """Raised with a message key, the article enforced (``article``) and the values of the
    message."""

    def __init__(self, key, article, **values):
        super(LegalCheckError, self).__init__(key, **values)
        self.article = article


def years_before(day, years):
    """Same day and month ``years`` earlier; 29 February falls back to 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def check_reservations(reservations):
    """A lot is reserved to one category only (L2113-14).

    ESAT/EA (L2113-12), SIAE (L2113-13) and ESS (L2113-15) reservations exclude one another;
    other disposition codes and repeated codes of one kind are ignored.
    """
    codes = sorted(set(reservations or ()) & RESERVED_CODES)
    if len(codes) > 1:
        raise LegalCheckError('double_reservation', article='L2113-14', codes=codes)


def check_ess_reservation(nature, service_category, duration_months,
                          winner_previous_contracts, consultation_date):
    """Market reserved to ESS enterprises (L2113-15, L2113-16).

    Health, social or cultural services only (L2113-15); at most 3 years (L2113-16); the winner
    must not have held a contract of this buyer for the same services in the 3 years before the
    consultation (L2113-16). ``winner_previous_contracts``: iterable of (award_date, same_services).
    """
    if nature != 'services' or service_category not in ESS_SERVICE_CATEGORIES:
        raise LegalCheckError('ess_services_only', article='L2113-15', nature=nature,
                              service_category=service_category)
    if duration_months is None or not 0 < duration_months <= ESS_MAX_MONTHS:
        raise LegalCheckError('ess_duration', article='L2113-16', months=duration_months)
    limit = years_before(consultation_date, ESS_PREVIOUS_YEARS)
    for award_date, same_services in winner_previous_contracts or ():
        if same_services and limit < award_date <= consultation_date:
            raise LegalCheckError('ess_previous_contract', article='L2113-16', date=award_date)


def check_award_criterion_weight(weight):
    """Weight of a social award criterion (L2152-7), in percent: above 0, at most 100."""
    if weight is None or not 0 < weight <= 100:
        raise LegalCheckError('criterion_weight', article='L2152-7', weight=weight)


def applicable_threshold(thresholds, nature, buyer_kind, day):
    """European threshold in force on ``day`` (bounds inclusive, open end if date_to is None).

    Returns the matching ``Threshold`` (the latest date_from if several match) or None.
    """
    matching = [t for t in thresholds or ()
                if t.nature == nature and t.buyer_kind == buyer_kind
                and t.date_from <= day and (t.date_to is None or day <= t.date_to)]
    return max(matching, key=lambda t: t.date_from) if matching else None


def needs_social_condition_flag(amount, nature, buyer_kind, consultation_date, thresholds,
                                has_social_condition, justification, law_start=LAW_START):
    """True when a market must carry a social or employment execution condition and does not.

    Loi Climat et résilience art. 35 (CCP L2112-2-1): consultations launched from 22 August 2026,
    amount at or above the European threshold, unless the buyer justifies otherwise.
    Informational only: never raises.
    """
    if consultation_date is None or amount is None or consultation_date < law_start:
        return False
    if has_social_condition or (justification or '').strip():
        return False
    threshold = applicable_threshold(thresholds, nature, buyer_kind, consultation_date)
    return threshold is not None and amount >= threshold.amount
