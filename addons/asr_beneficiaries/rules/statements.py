"""Reading the monthly statements that contractors and SIAE send (no Odoo import).

Two kinds of file, CSV or XLSX, first row = column names (case and accents ignored):

* hours: ``clause`` (the clause's code, optional when the statement is imported from a
  clause), ``beneficiary`` (the person's reference) or ``last_name`` + ``first_name`` +
  ``birth_date``, ``month``, ``modality``, ``hours``, ``amount`` (subcontracting),
  ``employer_siret`` (optional: the contractor by default);
* beneficiaries: ``last_name``, ``first_name``, ``birth_date``, ``gender``, ``zip``,
  ``qpv``, ``qpv_name``, ``criteria`` (codes separated by commas).

The template that the import offers names the columns in French (HOUR_TEMPLATE_COLUMNS,
BENEFICIARY_TEMPLATE_COLUMNS) and the modalities by their French labels (MODALITY_LABELS, the
labels the hour entries show in French); both are the vocabulary of the file, read whatever
the user's language, next to the codes and the usual abbreviations (MODALITY_ALIASES).

Parsing checks the format of each cell; the model layer then resolves references and runs
the controls of ``rules.controls``.
"""
import math
import re
import unicodedata

from odoo.addons.asr_charter.rules.dates import parse_date, parse_month  # noqa: F401
from odoo.addons.asr_charter.rules.errors import RuleError
from odoo.addons.asr_charter.rules.cells import cell_text

from .hours import MODALITIES

HOUR_COLUMNS = ('clause', 'beneficiary', 'last_name', 'first_name', 'birth_date', 'month',
                'modality', 'hours', 'amount', 'employer_siret')
BENEFICIARY_COLUMNS = ('last_name', 'first_name', 'birth_date', 'gender', 'zip', 'qpv',
                       'qpv_name', 'criteria')
# French headers accepted next to the English codes
ALIASES = {
    'clause': 'clause', 'code clause': 'clause', 'beneficiaire': 'beneficiary',
    'reference': 'beneficiary', 'nom': 'last_name', 'prenom': 'first_name',
    'reference beneficiaire': 'beneficiary',
    'date de naissance': 'birth_date', 'naissance': 'birth_date', 'mois': 'month',
    'modalite': 'modality', 'heures': 'hours', 'montant': 'amount', 'montant ht': 'amount',
    'siret employeur': 'employer_siret', 'siret': 'employer_siret', 'sexe': 'gender',
    'genre': 'gender', 'code postal': 'zip', 'cp': 'zip', 'qpv': 'qpv', 'nom du qpv': 'qpv_name',
    'criteres': 'criteria',
}
MODALITY_ALIASES = {
    'cdi': 'cdi', 'cdd': 'cdd', 'contrat pro': 'professionalisation',
    'contrat de professionnalisation': 'professionalisation',
    'professionnalisation': 'professionalisation', 'apprentissage': 'apprenticeship',
    'ai': 'ai', 'etti': 'etti', 'geiq': 'geiq', 'interim': 'temp_agency', 'ett': 'temp_agency',
    'sous-traitance siae': 'subcontracting_siae', 'sous-traitance esat':
    'subcontracting_esat', 'sous-traitance ea': 'subcontracting_ea',
    'formation': 'training',
}
# the modalities as the template, the help of the import and the hour entries (in French)
# name them
MODALITY_LABELS = (
    ('cdi', 'Embauche directe — contrat à durée indéterminée (CDI)'),
    ('cdd', 'Embauche directe — contrat à durée déterminée (CDD)'),
    ('professionalisation', 'Embauche directe — contrat de professionnalisation'),
    ('apprenticeship', 'Embauche directe — apprentissage'),
    ('etti', 'Travail temporaire par une ETTI'),
    ('ai', 'Mise à disposition par une AI'),
    ('geiq', 'Mise à disposition par un GEIQ'),
    ('temp_agency', 'Intérim classique (entreprise de travail temporaire)'),
    ('subcontracting_siae', "Sous-traitance ou achat auprès d'une SIAE"),
    ('subcontracting_esat', "Sous-traitance ou achat auprès d'un ESAT"),
    ('subcontracting_ea', "Sous-traitance ou achat auprès d'une EA"),
    ('training', 'Formation'),
)
# (internal name, column name of the template), in the template's order
HOUR_TEMPLATE_COLUMNS = (
    ('clause', 'Code clause'), ('beneficiary', 'Référence bénéficiaire'), ('last_name', 'Nom'),
    ('first_name', 'Prénom'), ('birth_date', 'Date de naissance'), ('month', 'Mois'),
    ('modality', 'Modalité'), ('hours', 'Heures'), ('amount', 'Montant HT'),
    ('employer_siret', 'SIRET employeur'))
BENEFICIARY_TEMPLATE_COLUMNS = (
    ('last_name', 'Nom'), ('first_name', 'Prénom'), ('birth_date', 'Date de naissance'),
    ('gender', 'Sexe'), ('zip', 'Code postal'), ('qpv', 'QPV'), ('qpv_name', 'Nom du QPV'),
    ('criteria', 'Critères'))
# the example row of the hours template: references that no record has, so that an example
# left in the file is refused (unknown clause or person), never imported
HOUR_TEMPLATE_EXAMPLE = ('CL-EXEMPLE', 'B-EXEMPLE', '', '', '', '03/2025',
                         MODALITY_LABELS[0][1], '151,67', '', '')
GENDERS = {'f': 'female', 'femme': 'female', 'female': 'female', 'h': 'male', 'm': 'male',
           'homme': 'male', 'male': 'male', 'autre': 'other', 'other': 'other'}
YES = ('1', 'oui', 'o', 'yes', 'y', 'true', 'vrai', 'x')
NO = ('', '0', 'non', 'n', 'no', 'false', 'faux')
NAME_MAX_LENGTH = 100     # characters of a first or last name
QPV_NAME_MAX_LENGTH = 200
REFERENCE_MAX_LENGTH = 40  # a clause or person reference, a SIRET
NUMBER_MAX = 1e9          # hours or amount of one row


class StatementError(RuleError):
    """Raised with a message key and its values by the reading of a statement (dates and
    months raise ``DateError``, from the shared date rules)."""


def _plain(text):
    text = unicodedata.normalize('NFKD', str(text or '')).encode('ascii', 'ignore').decode()
    return ' '.join(text.replace('_', ' ').strip().lower().split())


def column_names(header, known):
    """The internal name of each column of ``header`` (None for unknown columns)."""
    names = []
    for cell in header:
        plain = _plain(cell)
        name = plain.replace(' ', '_') if plain.replace(' ', '_') in known else ALIASES.get(
            plain)
        names.append(name if name in known else None)
    return names


def parse_number(value):
    """A float from 151.67, '151,67' or '1 234,5'; None when empty."""
    if value in (None, ''):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    else:
        text = str(value).strip().replace('\u00a0', '').replace(' ', '').replace(',', '.')
        if not text:
            return None
        if not re.match(r'^[+-]?(\d+\.?\d*|\.\d+)$', text):
            raise StatementError('number', value=value)
        number = float(text)
    if not math.isfinite(number) or abs(number) > NUMBER_MAX:
        raise StatementError('number', value=value)
    return number


def _label_key(text):
    """A label reduced to its letters and digits: accents, case, dashes, apostrophes (' or
    ’), brackets and spacing as a spreadsheet or a keyboard changes them do not count."""
    spaced = re.sub(r'[\W_]+', ' ', str(text or ''))
    return ' '.join(re.sub(r'[^a-z0-9]+', ' ', _plain(spaced)).split())


def _modality_keys():
    keys = {}
    for code in MODALITIES:
        keys[_label_key(code)] = code
    for alias, code in MODALITY_ALIASES.items():
        keys[_label_key(alias)] = code
    for code, label in MODALITY_LABELS:
        keys[_label_key(label)] = code
    return keys


MODALITY_KEYS = _modality_keys()


def modality_label(code):
    """The French label of a modality code ('' for an unknown code)."""
    return dict(MODALITY_LABELS).get(code, '')


def parse_modality(value):
    """The code of a modality given by its code (cdi, temp_agency), its French label
    (MODALITY_LABELS) or a usual abbreviation (MODALITY_ALIASES)."""
    plain = _plain(value)
    code = plain.replace(' ', '_')
    if code in MODALITIES:
        return code
    if plain in MODALITY_ALIASES:
        return MODALITY_ALIASES[plain]
    key = _label_key(value)
    if key in MODALITY_KEYS:
        return MODALITY_KEYS[key]
    raise StatementError('modality', value=value)


def check_length(text, max_length):
    """A text cell within ``max_length`` characters."""
    if len(text) > max_length:
        raise StatementError('too_long', length=len(text), max=max_length)


def check_zip(text):
    """A French postal code: five digits (or nothing)."""
    if text and not re.match(r'^\d{5}$', text):
        raise StatementError('zip', value=text)


def _rows(header, rows, known, first_number=2):
    names = column_names(header, known)
    for number, row in enumerate(rows, start=first_number):
        cells = {}
        for name, value in zip(names, row):
            if name:
                cells[name] = value
        if all(v in (None, '') for v in row):
            continue  # blank line
        yield number, cells


def parse_hour_rows(header, rows, clause_given=False, first_number=2):
    """Check the format of an hours statement.

    :param first_number: the row number of ``rows[0]`` (a batch of a longer file).
    :return: (good, rejected): good is a list of (row_number, values); rejected a list of
        (row_number, column, key, values). Row 1 is the header, as a spreadsheet shows it.
    """
    names = column_names(header, HOUR_COLUMNS)
    missing = [c for c in ('month', 'modality') if c not in names]
    if not clause_given and 'clause' not in names:
        missing.insert(0, 'clause')
    if 'beneficiary' not in names and not {'last_name', 'first_name'} <= set(names):
        missing.append('beneficiary')
    if 'hours' not in names and 'amount' not in names:
        missing.append('hours')
    if missing:
        raise StatementError('columns', missing=missing)
    good, rejected = [], []
    for number, cells in _rows(header, rows, HOUR_COLUMNS, first_number):
        values = {'clause': cell_text(cells.get('clause')),
                  'beneficiary': cell_text(cells.get('beneficiary')),
                  'last_name': cell_text(cells.get('last_name')),
                  'first_name': cell_text(cells.get('first_name')),
                  'employer_siret': cell_text(cells.get('employer_siret')).replace(' ', '')}
        column = None
        try:
            for column in ('clause', 'beneficiary', 'employer_siret'):
                check_length(values[column], REFERENCE_MAX_LENGTH)
            for column in ('last_name', 'first_name'):
                check_length(values[column], NAME_MAX_LENGTH)
            column = 'month'
            values['month'] = parse_month(cells.get('month'))
            if not values['month']:
                raise StatementError('required')
            column = 'modality'
            values['modality'] = parse_modality(cells.get('modality'))
            column = 'hours'
            values['hours'] = parse_number(cells.get('hours'))
            column = 'amount'
            values['amount'] = parse_number(cells.get('amount'))
            column = 'birth_date'
            values['birth_date'] = parse_date(cells.get('birth_date'))
        except RuleError as err:
            rejected.append((number, column, err.key, dict(err.values, column=column)))
            continue
        if not clause_given and not values['clause']:
            rejected.append((number, 'clause', 'required', {'column': 'clause'}))
            continue
        good.append((number, values))
    return good, rejected


def parse_beneficiary_rows(header, rows, first_number=2):
    """Check the format of a list of beneficiaries; same parameters and return as
    parse_hour_rows."""
    names = column_names(header, BENEFICIARY_COLUMNS)
    missing = [c for c in ('last_name', 'first_name', 'birth_date') if c not in names]
    if missing:
        raise StatementError('columns', missing=missing)
    good, rejected = [], []
    for number, cells in _rows(header, rows, BENEFICIARY_COLUMNS, first_number):
        values = {c: cell_text(cells.get(c))
                  for c in ('last_name', 'first_name', 'zip', 'qpv_name')}
        column = None
        try:
            for column in ('last_name', 'first_name'):
                if not values[column]:
                    raise StatementError('required')
                check_length(values[column], NAME_MAX_LENGTH)
            column = 'zip'
            check_zip(values['zip'])
            column = 'qpv_name'
            check_length(values['qpv_name'], QPV_NAME_MAX_LENGTH)
            column = 'birth_date'
            values['birth_date'] = parse_date(cells.get('birth_date'))
            if not values['birth_date']:
                raise StatementError('required')
            column = 'gender'
            gender = _plain(cells.get('gender'))
            if gender and gender not in GENDERS:
                raise StatementError('gender', value=cells.get('gender'))
            values['gender'] = GENDERS.get(gender)
            column = 'qpv'
            qpv = _plain(cells.get('qpv'))
            if qpv not in YES + NO:
                raise StatementError('yes_no', value=cells.get('qpv'))
            values['qpv'] = qpv in YES
        except RuleError as err:
            rejected.append((number, column, err.key, dict(err.values, column=column)))
            continue
        criteria = cell_text(cells.get('criteria'))
        values['criteria'] = [c.strip().lower() for c in criteria.replace(
            ';', ',').split(',') if c.strip()]
        good.append((number, values))
    return good, rejected
