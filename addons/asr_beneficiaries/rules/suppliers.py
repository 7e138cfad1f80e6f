"""Inclusive suppliers: SIRET, structure kinds and the registry file (no Odoo import).

python-stdnum validates SIRET numbers (Luhn checksum over the 14 digits).
"""
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siret as stdnum_siret

from odoo.addons.asr_charter.rules.dates import DateError, parse_date
from odoo.addons.asr_charter.rules.errors import RuleError

SIAE_KINDS = ('aci', 'ai', 'ei', 'etti', 'eiti')
KINDS = SIAE_KINDS + ('geiq', 'esat', 'ea', 'ess', 'other')
REGISTRY_COLUMNS = ('siret', 'name', 'kind', 'street', 'zip', 'city', 'email', 'phone',
                    'convention_end')
REQUIRED_COLUMNS = ('siret', 'name', 'kind')
MAX_LENGTHS = {'name': 300, 'street': 300, 'zip': 10, 'city': 100, 'email': 200,
               'phone': 50}


class SupplierRuleError(RuleError):
    """Raised with a message key and its values by the supplier rules."""


def clean_siret(value):
    """The 14 digits of a valid SIRET (spaces and dots removed), or SupplierRuleError."""
    try:
        return stdnum_siret.validate(value or '')
    except StdnumError:
        raise SupplierRuleError('siret', value=value)


def parse_registry(header, rows):
    """Check a registry file row by row.

    :param header: the column names of the file's first row
    :param rows: iterables of cell values, one per line after the header
    :return: (good, rejected): good is a list of (row_number, values dict); rejected a list of
        (row_number, column, key, values) where key names the French message to show.
        Row numbers count the header as row 1, as a spreadsheet shows them.
    """
    names = [str(h or '').strip().lower() for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise SupplierRuleError('columns', missing=missing)
    good, rejected, seen = [], [], {}
    for number, row in enumerate(rows, start=2):
        cells = dict(zip(names, row))
        if not any(v not in (None, '') for v in cells.values()):
            continue  # blank line
        values = {c: cells.get(c) for c in REGISTRY_COLUMNS}
        try:
            values['siret'] = clean_siret(str(values['siret'] or '').strip())
        except SupplierRuleError:
            rejected.append((number, 'siret', 'siret', {'value': values['siret']}))
            continue
        if not str(values['name'] or '').strip():
            rejected.append((number, 'name', 'name', {}))
            continue
        kind = str(values['kind'] or '').strip().lower()
        if kind not in KINDS:
            rejected.append((number, 'kind', 'kind', {'value': values['kind']}))
            continue
        values['kind'] = kind
        try:
            values['convention_end'] = parse_date(values['convention_end'])
        except DateError:
            rejected.append((number, 'convention_end', 'date',
                             {'value': values['convention_end']}))
            continue
        if values['siret'] in seen:
            rejected.append((number, 'siret', 'duplicate', {'row': seen[values['siret']]}))
            continue
        too_long = None
        for column in ('name', 'street', 'zip', 'city', 'email', 'phone'):
            values[column] = str(values[column]).strip() if values[column] not in (
                None, '') else False
            if values[column] and len(values[column]) > MAX_LENGTHS[column]:
                too_long = (column, len(values[column]))
        if too_long:
            rejected.append((number, too_long[0], 'too_long',
                             {'length': too_long[1], 'max': MAX_LENGTHS[too_long[0]]}))
            continue
        seen[values['siret']] = number
        good.append((number, values))
    return good, rejected
