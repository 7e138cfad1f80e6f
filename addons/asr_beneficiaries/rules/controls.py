"""The controls every hour entry passes, by hand or by import (no Odoo import).

Each failure is returned as (column, key, values): the column of the import file it
concerns, a key naming the French message, and the values to put in it. The model layer and
the import wizard share these checks, so a row refused in a file is refused by hand too.
"""
from odoo.addons.asr_charter.rules.dates import first_of_month, month_bounds

from . import eligibility
from .hours import cap_excess, is_subcontracting, MODALITIES


def contract_error(month, start, end):
    """(key, values) when ``month`` is not inside the contract dates, else None."""
    if not start or not end:
        return 'clause_dates', {}
    first, last = month_bounds(month)
    if last < start or first > end:
        return 'month_outside', {'start': start, 'end': end}
    return None


def entry_errors(entry, clause, person, month_total, cap, taken_keys, key):
    """Everything wrong with one hour entry.

    :param entry: dict with month (date), modality, hours, amount
    :param clause: dict with clause_type, state, date_start, date_end (dates or None), or
        None when the clause is unknown
    :param person: dict with validated_on, valid_until (dates or None) and charter_id, or
        None when the entry has no person (subcontracting)
    :param month_total: hours of the same person that month in their other entries
    :param cap: monthly maximum of hours for one person
    :param taken_keys: duplicate keys already used by other entries
    :param key: this entry's duplicate key (rules.hours.duplicate_key)
    """
    errors = []
    modality = entry.get('modality')
    if modality not in MODALITIES:
        return [('modality', 'modality', {'value': modality})]
    if clause is None:
        return [('clause', 'clause_unknown', {})]
    if clause['clause_type'] != 'insertion' or clause['state'] != 'execution':
        errors.append(('clause', 'clause_state', {}))
    if person is not None and person.get('charter_id') != clause.get('charter_id'):
        # a person is followed under one charter: their hours count on its clauses only (and
        # nothing more is said about someone of another charter)
        return errors + [('beneficiary', 'person_charter', {})]
    month = entry.get('month')
    if not month:
        return errors + [('month', 'month_missing', {})]
    if key in taken_keys:
        # a second figure for the same person, clause, month and modality: say so first
        return errors + [('month', 'duplicate', {'month': first_of_month(month)})]
    first = month_bounds(month)[0]
    outside = contract_error(month, clause.get('date_start'), clause.get('date_end'))
    if outside:
        errors.append(('month',) + outside)
    if is_subcontracting(modality):
        if not entry.get('amount') or entry['amount'] <= 0:
            errors.append(('amount', 'amount', {'value': entry.get('amount')}))
    else:
        hours = entry.get('hours') or 0.0
        if hours <= 0:
            errors.append(('hours', 'hours', {'value': hours}))
        if person is None:
            errors.append(('beneficiary', 'person_missing', {}))
        else:
            if not eligibility.eligible_in_month(person.get('validated_on'),
                                                 person.get('valid_until'), first):
                errors.append(('beneficiary', 'not_eligible', {'month': first}))
            excess = cap_excess(month_total, hours, cap)
            if hours > 0 and excess > 0:
                errors.append(('hours', 'cap', {'total': month_total + hours, 'cap': cap,
                                                'month': first}))
    return errors
