"""The essential data of a public contract (DECP, "données essentielles de la commande
publique"), format 2.0.3 of the published JSON schema (139bercy/format-commande-publique,
contracts notified from 1 January 2024); no Odoo import.

One DECP "marché" is one contract, that is one awarded lot. Its social considerations come
from the lot's dispositions, each mapped to exactly one value of the schema:

    insertion clause, social-action clause, progress plan   -> "Clause sociale"
    social award criterion (L2152-7)                         -> "Critère social"
    reserved to ESAT/EA, SIAE, ESS (L2113-12, 13, 15)         -> "Marché réservé"
    no disposition                                           -> "Pas de considération sociale"

The values of the schema are French and are written as they are: they are data, not
sentences. So are the names of the mandatory items a lot may lack (``MISSING_LABELS``): the
model lists them in its French refusal, and never writes a file the schema would refuse.
"""
import re
from collections import OrderedDict

from odoo.addons.asr_charter.rules.dates import to_date
from odoo.addons.asr_charter.rules.errors import RuleError
from odoo.addons.asr_clauses.rules.legal_checks import (RESERVED_ESAT_EA, RESERVED_ESS,
                                                        RESERVED_SIAE)

SCHEMA_VERSION = '2.0.3'
# contracts notified from 1 January 2024 publish their essential data from 40,000 EUR excl. VAT
# (Code de la commande publique, R2196-1 and its arrêté); below, publishing is not required
PUBLICATION_THRESHOLD = 40000.0

# -- enumerations of the schema, in its order ------------------------------------------------
SOCIAL_CLAUSE = 'Clause sociale'
SOCIAL_CRITERION = 'Critère social'
RESERVED_MARKET = 'Marché réservé'
NO_SOCIAL = 'Pas de considération sociale'
SOCIAL_VALUES = (SOCIAL_CLAUSE, SOCIAL_CRITERION, RESERVED_MARKET, NO_SOCIAL)

ENV_CLAUSE = 'Clause environnementale'
ENV_CRITERION = 'Critère environnemental'
NO_ENV = 'Pas de considération environnementale'
ENV_VALUES = (ENV_CLAUSE, ENV_CRITERION, NO_ENV)

MARKET = 'Marché'
NATURES = (MARKET, 'Marché de partenariat', 'Marché de défense ou de sécurité')
PROCEDURES = ('Procédure adaptée', "Appel d'offres ouvert", "Appel d'offres restreint",
              'Procédure avec négociation',
              'Marché passé sans publicité ni mise en concurrence préalable',
              'Dialogue compétitif')
CCAG_WORKS = 'Travaux'
CCAG_SUPPLIES_SERVICES = 'Fournitures courantes et services'
CCAGS = (CCAG_WORKS, "Maitrise d'œuvre", CCAG_SUPPLIES_SERVICES, 'Marchés industriels',
         'Prestations intellectuelles', "Techniques de l'information et de la communication",
         'Pas de CCAG')
NO_GROUPING = 'Pas de groupement'
GROUPINGS = ('Conjoint', 'Solidaire', NO_GROUPING)
NOT_APPLICABLE = 'Sans objet'
TECHNIQUES = ('Accord-cadre', 'Concours', 'Système de qualification',
              "Système d'acquisition dynamique", 'Catalogue électronique',
              'Enchère électronique', NOT_APPLICABLE)
MODALITIES = ('Tranches', 'Bons de commande', 'Marchés subséquents', NOT_APPLICABLE)
POSTAL_CODE = 'Code postal'
PLACE_TYPES = (POSTAL_CODE, 'Code commune', 'Code arrondissement', 'Code canton',
               'Code département', 'Code région', 'Code pays')
PRICE_TYPES = ('Définitif ferme', 'Définitif actualisable', 'Définitif révisable',
               'Provisoire')
PRICE_FORMS = ('Unitaire', 'Forfaitaire', 'Mixte')
HOLDER_SIRET = 'SIRET'
HOLDER_VAT = 'TVA'

# -- our selections mapped to the schema ------------------------------------------------------
SOCIAL_OF_DISPOSITION = {
    'insertion': SOCIAL_CLAUSE,
    'social_action': SOCIAL_CLAUSE,
    'progress_plan': SOCIAL_CLAUSE,      # a contractual commitment of the contractor
    'award_criterion': SOCIAL_CRITERION,
    RESERVED_ESAT_EA: RESERVED_MARKET,   # L2113-12
    RESERVED_SIAE: RESERVED_MARKET,      # L2113-13
    RESERVED_ESS: RESERVED_MARKET,       # L2113-15
}
# works, supplies and services are all ordinary public contracts ("Marché")
NATURE_OF = {'works': MARKET, 'supplies': MARKET, 'services': MARKET}
PROCEDURE_OF = {
    'adapted': 'Procédure adaptée',
    'open': "Appel d'offres ouvert",
    'restricted': "Appel d'offres restreint",
    'negotiated': 'Procédure avec négociation',
    'dialogue': 'Dialogue compétitif',
    'no_competition': 'Marché passé sans publicité ni mise en concurrence préalable',
}
CCAG_OF_NATURE = {'works': CCAG_WORKS, 'supplies': CCAG_SUPPLIES_SERVICES,
                  'services': CCAG_SUPPLIES_SERVICES}

ID_MAX = 16            # characters of a contract's identifier
OBJECT_MAX = 1000      # characters of its object
PLACE_CODE_MAX = 10    # an INSEE code (2B002, 94, 11), a postal code, a country code
_ID_UNSAFE = re.compile(r'[^0-9A-Za-z_-]')
_SIRET = re.compile(r'^[0-9]{14}$')
_CPV = re.compile(r'^[0-9]{8}(-[0-9])?$')
_POSTAL_CODE = re.compile(r'^[0-9]{5}$')
_PLACE_CODE = re.compile(r'^[0-9A-Za-z]{1,%s}$' % PLACE_CODE_MAX)

# the mandatory items a lot may lack, in the order of the schema, as a French buyer names them
MISSING_LABELS = OrderedDict([
    ('identifier', 'référence du marché'),
    ('buyer_siret', "SIRET de l'acheteur"),
    ('nature', 'nature du marché'),
    ('object', 'objet'),
    ('cpv_code', 'code CPV'),
    ('technique', "technique d'achat"),
    ('modality', "modalité d'exécution"),
    ('ccag', 'CCAG'),
    ('offers', "nombre d'offres reçues"),
    ('grouping', "type de groupement d'opérateurs"),
    ('procedure', 'procédure de passation'),
    ('place', "lieu d'exécution"),
    ('duration', 'durée en mois'),
    ('date_notification', 'date de notification'),
    ('date_publication', 'date de publication des données'),
    ('amount', 'montant attribué'),
    ('price_type', 'type de prix'),
    ('price_form', 'forme du prix'),
    ('contractor', 'titulaire'),
    ('contractor_id', 'SIRET du titulaire'),
    ('co_contractors', 'cotraitants du groupement'),
    ('co_contractor_id', 'SIRET des cotraitants'),
    ('environmental', 'considération environnementale'),
])


class DecpError(RuleError):
    """Keys: 'unknown_disposition' (disposition), 'unknown_environmental' (value),
    'incomplete' (items: the keys of MISSING_LABELS a lot lacks)."""


# -- considerations -----------------------------------------------------------------------------
def _in_order(values, order):
    return sorted(set(values), key=order.index)


def social_considerations(dispositions):
    """The ``considerationSociale`` values of a lot's dispositions (clause types): each
    disposition gives exactly one value; deduplicated, in the schema's order; a lot without
    any disposition: ["Pas de considération sociale"]."""
    values = []
    for disposition in dispositions or ():
        if disposition not in SOCIAL_OF_DISPOSITION:
            raise DecpError('unknown_disposition', disposition=disposition)
        values.append(SOCIAL_OF_DISPOSITION[disposition])
    return _in_order(values, SOCIAL_VALUES) or [NO_SOCIAL]


def environmental_considerations(values):
    """The ``considerationEnvironnementale`` values: deduplicated, in the schema's order;
    "Pas de considération environnementale" only when there is no other (and when none is
    given)."""
    found = []
    for value in values or ():
        if value not in ENV_VALUES:
            raise DecpError('unknown_environmental', value=value)
        found.append(value)
    found = _in_order(found, ENV_VALUES)
    if len(found) > 1 and NO_ENV in found:
        found.remove(NO_ENV)
    return found or [NO_ENV]


# -- identifiers and codes ----------------------------------------------------------------------
def decp_identifier(reference, number):
    """The contract's identifier (1 to 16 characters): the market's reference and the lot's
    number, 'ASR-2026-0008' and 2 -> 'ASR-2026-0008-2'; longer, without the reference's dashes
    ('ASR20260008-123'), then its last characters (the sequence's). None without a reference.
    The schema advises against spaces and &, ", \\, <, commas and semicolons: only letters,
    digits, '-' and '_' are kept."""
    reference = _ID_UNSAFE.sub('', reference or '')
    if not reference or number is None or number < 1:
        return None
    suffix = '-%d' % number
    if len(reference) + len(suffix) > ID_MAX:
        reference = reference.replace('-', '')
    room = ID_MAX - len(suffix)
    if room < 1:
        return None
    return reference[-room:] + suffix


def identifier(values):
    """The identifier of the contract: the one stored at its first publication
    (``identifier``) when it has one, otherwise derived from its market's reference and its
    number (see :func:`decp_identifier`); None when neither gives a valid one."""
    stored = values.get('identifier')
    if stored:
        return stored if len(stored) <= ID_MAX and not _ID_UNSAFE.search(stored) else None
    return decp_identifier(values.get('reference'), values.get('lot_number'))


def cpv_code(value):
    """The CPV code as the schema writes it (8 digits, optionally '-' and the check digit),
    spaces dropped; None when it is not one."""
    code = re.sub(r'\s', '', value or '')
    return code if _CPV.match(code) else None


def siret(value):
    """The 14 digits of a SIRET (spaces dropped); None when it is not one."""
    digits = re.sub(r'\s', '', value or '')
    return digits if _SIRET.match(digits) else None


def place_code_valid(code, kind):
    """A postal code has five digits; the INSEE codes (commune 2B002, department 94, region
    11...) and a country code, 1 to 10 letters or digits."""
    if not code:
        return False
    if kind == POSTAL_CODE:
        return bool(_POSTAL_CODE.match(code))
    return bool(_PLACE_CODE.match(code))


def holder(partner):
    """{'typeIdentifiant', 'id'} of a contractor given as {'siret', 'vat'}: the SIRET, or the
    VAT number of a contractor without one; None when it has neither."""
    number = siret(partner.get('siret'))
    if number:
        return {'typeIdentifiant': HOLDER_SIRET, 'id': number}
    vat = re.sub(r'\s', '', partner.get('vat') or '')
    if vat:
        return {'typeIdentifiant': HOLDER_VAT, 'id': vat}
    return None


def object_text(market_name, lot_number, lot_name):
    """'<market> — lot <n> : <lot>', at most 1,000 characters."""
    text = '%s — lot %s : %s' % ((market_name or '').strip(), lot_number,
                                 (lot_name or '').strip())
    return text[:OBJECT_MAX]


def advance_rate(percent):
    """The rate of the advance as the schema writes it (0.1 = 10 %), from a percentage;
    0 when it is not known."""
    return round((percent or 0) / 100.0, 4)


# -- one contract -------------------------------------------------------------------------------
def _iso(value):
    day = to_date(value)
    return day.isoformat() if day else None


def missing_items(values):
    """The keys of ``MISSING_LABELS`` that the lot's ``values`` (see :func:`marche`) lack or
    give in a form the schema refuses, in the schema's order."""
    v = values
    missing = []

    def lacks(key, ok):
        if not ok:
            missing.append(key)

    lacks('identifier', identifier(v))
    lacks('buyer_siret', siret(v.get('buyer_siret')))
    lacks('nature', v.get('nature') in NATURE_OF)
    lacks('object', (v.get('market_name') or '').strip())
    lacks('cpv_code', cpv_code(v.get('cpv_code')))
    lacks('technique', v.get('technique') in TECHNIQUES)
    lacks('modality', v.get('modality') in MODALITIES)
    lacks('ccag', v.get('ccag') in CCAGS)
    lacks('offers', _whole(v.get('offers')) >= 1)
    lacks('grouping', v.get('grouping') in GROUPINGS)
    lacks('procedure', v.get('procedure') in PROCEDURE_OF)
    lacks('place', v.get('place_type') in PLACE_TYPES
          and place_code_valid(v.get('place_code'), v.get('place_type')))
    lacks('duration', _whole(v.get('duration_months')) >= 1)
    lacks('date_notification', _iso(v.get('date_notification')))
    lacks('date_publication', _iso(v.get('date_publication')))
    lacks('amount', (v.get('amount') or 0) >= 1)
    lacks('price_type', v.get('price_type') in PRICE_TYPES)
    lacks('price_form', v.get('price_form') in PRICE_FORMS)
    contractor = v.get('contractor')
    lacks('contractor', contractor)
    if contractor:
        lacks('contractor_id', holder(contractor))
    if v.get('grouping') in GROUPINGS and v['grouping'] != NO_GROUPING:
        co_contractors = v.get('co_contractors') or []
        lacks('co_contractors', co_contractors)
        if co_contractors:
            lacks('co_contractor_id', all(holder(p) for p in co_contractors))
    lacks('environmental', all(value in ENV_VALUES for value in v.get('environmental') or ())
          and v.get('environmental'))
    return missing


def _whole(value):
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def marche(values):
    """One "marche" of the schema, its keys in the schema's order, from plain values:

    reference, lot_number    the market's reference and the lot's number (the identifier)
    identifier               the identifier stored at the first publication, if any
    buyer_siret              SIRET of the buying entity
    nature, procedure        our selections (works/supplies/services; adapted, open...)
    market_name, lot_name    the object
    cpv_code                 '45454000' or '45454000-1'
    technique, modality      one value each of the schema ('Sans objet'...)
    innovative, subcontracting, advance   booleans
    advance_percent          rate of the advance in percent (0-100), when one is granted
    ccag, grouping, price_type, price_form, place_code, place_type   values of the schema
    offers, duration_months  whole numbers, at least 1
    date_notification, date_publication   dates
    amount                   awarded amount excl. VAT
    contractor, co_contractors   {'siret', 'vat'}; the co-contractors are holders of the
                             contract in a grouping only (otherwise subcontractors)
    dispositions             clause types of the lot
    environmental            values of the schema (see environmental_considerations)

    Raises DecpError('incomplete', items=[...]) when a mandatory item is missing.
    """
    missing = missing_items(values)
    if missing:
        raise DecpError('incomplete', items=missing)
    v = values
    holders = [v['contractor']]
    if v['grouping'] != NO_GROUPING:
        holders += list(v['co_contractors'])
    data = {}  # the schema's order: dicts keep it (and XML-RPC sends them)
    data['id'] = identifier(v)
    data['acheteur'] = {'id': siret(v['buyer_siret'])}
    data['nature'] = NATURE_OF[v['nature']]
    data['objet'] = object_text(v['market_name'], v['lot_number'], v.get('lot_name'))
    data['codeCPV'] = cpv_code(v['cpv_code'])
    data['techniques'] = {'technique': [v['technique']]}
    data['modalitesExecution'] = {'modaliteExecution': [v['modality']]}
    data['marcheInnovant'] = bool(v.get('innovative'))
    data['ccag'] = v['ccag']
    data['offresRecues'] = v['offers']
    data['attributionAvance'] = bool(v.get('advance'))
    if v.get('advance'):
        data['tauxAvance'] = advance_rate(v.get('advance_percent'))
    data['typeGroupementOperateurs'] = v['grouping']
    data['sousTraitanceDeclaree'] = bool(v.get('subcontracting'))
    data['procedure'] = PROCEDURE_OF[v['procedure']]
    data['lieuExecution'] = {'code': v['place_code'], 'typeCode': v['place_type']}
    data['dureeMois'] = v['duration_months']
    data['dateNotification'] = _iso(v['date_notification'])
    data['datePublicationDonnees'] = _iso(v['date_publication'])
    data['montant'] = round(float(v['amount']), 2)
    data['typesPrix'] = {'typePrix': [v['price_type']]}
    data['formePrix'] = v['price_form']
    titulaires, seen = [], set()
    for partner in holders:
        entry = holder(partner)
        if entry['id'] not in seen:  # the schema wants each holder once
            seen.add(entry['id'])
            titulaires.append({'titulaire': entry})
    data['titulaires'] = titulaires
    data['considerationsSociales'] = {
        'considerationSociale': social_considerations(v.get('dispositions'))}
    data['considerationsEnvironnementales'] = {
        'considerationEnvironnementale': environmental_considerations(v['environmental'])}
    return data


def envelope(marches):
    """The file: {"marches": {"marche": [...]}}."""
    return {'marches': {'marche': list(marches)}}
