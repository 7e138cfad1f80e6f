"""The rules of the essential data of the contracts (DECP schema 2.0.3; plain Python,
milliseconds), each "marche" built here validated against the published schema."""
import datetime
import json
import os
import unittest

import jsonschema

from odoo.addons.asr_clauses.models.asr_clause import CLAUSE_TYPES
from odoo.addons.asr_clauses.models.asr_market import NATURES, PROCEDURES
from odoo.addons.asr_clauses.rules.legal_checks import RESERVED_CODES

from ..rules import decp

SCHEMA_PATH = os.path.join(os.path.dirname(__file__), 'data', 'decp_schema_2.0.3.json')


def schema():
    with open(SCHEMA_PATH, encoding='utf-8') as handle:
        return json.load(handle)


def enum(*path):
    """The enumeration of the schema's "marche" at ``path``."""
    node = schema()['definitions']['marche']
    for key in path:
        node = node[key]
    return node.get('enum') or node['items']['enum']


def values(**changes):
    """A complete lot: school rehabilitation, lot 2, awarded 14/11/2023."""
    data = {
        'reference': 'ASR-2023-0012', 'lot_number': 2, 'buyer_siret': '21940001700014',
        'nature': 'works', 'procedure': 'open', 'market_name': 'Réhabilitation du groupe '
        'scolaire', 'lot_name': 'Gros œuvre', 'cpv_code': '45454000',
        'technique': 'Sans objet', 'modality': 'Sans objet', 'innovative': False,
        'ccag': 'Travaux', 'offers': 6, 'advance': True, 'advance_percent': 5.0,
        'grouping': 'Pas de groupement', 'subcontracting': True, 'place_code': '94000',
        'place_type': 'Code postal', 'duration_months': 36,
        'date_notification': datetime.date(2023, 11, 14),
        'date_publication': datetime.date(2024, 1, 10), 'amount': 1200000.0,
        'price_type': 'Définitif révisable', 'price_form': 'Forfaitaire',
        'contractor': {'siret': '41234567000019', 'vat': False}, 'co_contractors': [],
        'dispositions': ['insertion'], 'environmental': ['Pas de considération '
                                                         'environnementale'],
    }
    data.update(changes)
    return data


class TestSchemaValues(unittest.TestCase):
    """The constants are the schema's exact strings, in its order."""

    def test_enumerations_are_the_schemas(self):
        self.assertEqual(list(decp.SOCIAL_VALUES), enum('definitions',
                                                        'considerationSocialeArray'))
        self.assertEqual(list(decp.ENV_VALUES), enum('definitions',
                                                     'considerationEnvironnementaleArray'))
        self.assertEqual(list(decp.NATURES), enum('properties', 'nature'))
        self.assertEqual(list(decp.PROCEDURES), enum('properties', 'procedure'))
        self.assertEqual(list(decp.CCAGS), enum('properties', 'ccag'))
        self.assertEqual(list(decp.GROUPINGS), enum('properties', 'typeGroupementOperateurs'))
        self.assertEqual(list(decp.TECHNIQUES), enum('definitions', 'techniqueArray'))
        self.assertEqual(list(decp.MODALITIES), enum('definitions', 'modaliteExecutionArray'))
        self.assertEqual(list(decp.PRICE_TYPES), enum('definitions', 'typePrixArray'))
        self.assertEqual(list(decp.PRICE_FORMS), enum('properties', 'formePrix'))
        self.assertEqual(list(decp.PLACE_TYPES), enum('properties', 'lieuExecution',
                                                      'properties', 'typeCode'))

    def test_our_selections_map_to_the_schema(self):
        self.assertEqual(sorted(decp.NATURE_OF), sorted(code for code, _l in NATURES))
        self.assertEqual(set(decp.NATURE_OF.values()), {'Marché'})
        self.assertEqual(sorted(decp.PROCEDURE_OF), sorted(code for code, _l in PROCEDURES))
        self.assertEqual(set(decp.PROCEDURE_OF.values()), set(decp.PROCEDURES))
        self.assertEqual(decp.PROCEDURE_OF['adapted'], 'Procédure adaptée')
        self.assertEqual(decp.PROCEDURE_OF['no_competition'],
                         'Marché passé sans publicité ni mise en concurrence préalable')
        self.assertEqual(decp.CCAG_OF_NATURE, {
            'works': 'Travaux', 'supplies': 'Fournitures courantes et services',
            'services': 'Fournitures courantes et services'})


class TestConsiderations(unittest.TestCase):

    def test_each_disposition_gives_exactly_one_value(self):
        self.assertEqual(sorted(decp.SOCIAL_OF_DISPOSITION),
                         sorted(code for code, _label in CLAUSE_TYPES))
        for code, _label in CLAUSE_TYPES:
            found = decp.social_considerations([code])
            self.assertEqual(len(found), 1, code)
            self.assertIn(found[0], decp.SOCIAL_VALUES[:3], code)
        self.assertEqual(decp.social_considerations(['insertion']), ['Clause sociale'])
        self.assertEqual(decp.social_considerations(['social_action']), ['Clause sociale'])
        self.assertEqual(decp.social_considerations(['award_criterion']), ['Critère social'])
        for code in RESERVED_CODES:  # L2113-12, 13, 15
            self.assertEqual(decp.social_considerations([code]), ['Marché réservé'])

    def test_a_lot_without_disposition(self):
        self.assertEqual(decp.social_considerations([]), ['Pas de considération sociale'])
        self.assertEqual(decp.social_considerations(None), ['Pas de considération sociale'])

    def test_values_deduplicated_in_the_schemas_order(self):
        self.assertEqual(decp.social_considerations(
            ['reserved_siae', 'social_action', 'award_criterion', 'insertion']),
            ['Clause sociale', 'Critère social', 'Marché réservé'])

    def test_unknown_disposition_refused(self):
        with self.assertRaises(decp.DecpError) as caught:
            decp.social_considerations(['green'])
        self.assertEqual(caught.exception.key, 'unknown_disposition')

    def test_environmental(self):
        self.assertEqual(decp.environmental_considerations([]),
                         ['Pas de considération environnementale'])
        self.assertEqual(decp.environmental_considerations(
            ['Critère environnemental', 'Clause environnementale', 'Clause environnementale']),
            ['Clause environnementale', 'Critère environnemental'])
        # "none" only when there is nothing else
        self.assertEqual(decp.environmental_considerations(
            ['Pas de considération environnementale', 'Critère environnemental']),
            ['Critère environnemental'])
        with self.assertRaises(decp.DecpError) as caught:
            decp.environmental_considerations(['Clause verte'])
        self.assertEqual(caught.exception.key, 'unknown_environmental')


class TestCodes(unittest.TestCase):

    def test_identifier_from_the_reference_and_the_lot(self):
        self.assertEqual(decp.decp_identifier('ASR-2026-0008', 2), 'ASR-2026-0008-2')   # 15
        self.assertEqual(decp.decp_identifier('ASR-2026-0008', 12), 'ASR-2026-0008-12')  # 16
        # 17 characters: without the reference's dashes
        self.assertEqual(decp.decp_identifier('ASR-2026-0008', 123), 'ASR20260008-123')
        # spaces and the characters the schema advises against are dropped, then the last
        # characters of a long reference are kept (the sequence's)
        self.assertEqual(decp.decp_identifier('MARCHÉ 2026/0042; voirie', 1),
                         'MARCH20260042voirie-1'[-16:])
        self.assertEqual(len(decp.decp_identifier('A' * 40, 9999)), 16)
        self.assertIsNone(decp.decp_identifier('/', 1))
        self.assertIsNone(decp.decp_identifier(False, 1))
        self.assertIsNone(decp.decp_identifier('ASR-2026-0008', 0))

    def test_a_stored_identifier_is_kept(self):
        self.assertEqual(decp.identifier(values(identifier='ASR-2023-0012-2',
                                                lot_number=7)), 'ASR-2023-0012-2')
        self.assertEqual(decp.identifier(values(lot_number=7)), 'ASR-2023-0012-7')

    def test_cpv_siret_place(self):
        self.assertEqual(decp.cpv_code(' 45454000 '), '45454000')
        self.assertEqual(decp.cpv_code('45454000-1'), '45454000-1')
        self.assertIsNone(decp.cpv_code('4545400'))
        self.assertIsNone(decp.cpv_code(False))
        self.assertEqual(decp.siret('219 400 017 00014'), '21940001700014')
        self.assertIsNone(decp.siret('2194000170001'))
        self.assertTrue(decp.place_code_valid('94000', 'Code postal'))
        self.assertFalse(decp.place_code_valid('940', 'Code postal'))
        self.assertTrue(decp.place_code_valid('2B002', 'Code commune'))
        self.assertTrue(decp.place_code_valid('94', 'Code département'))
        self.assertFalse(decp.place_code_valid('94 000', 'Code commune'))
        self.assertFalse(decp.place_code_valid('', 'Code commune'))

    def test_holders_and_advance(self):
        self.assertEqual(decp.holder({'siret': '41234567000019', 'vat': 'FR00412345670'}),
                         {'typeIdentifiant': 'SIRET', 'id': '41234567000019'})
        self.assertEqual(decp.holder({'siret': False, 'vat': 'BE 0123456789'}),
                         {'typeIdentifiant': 'TVA', 'id': 'BE0123456789'})
        self.assertIsNone(decp.holder({'siret': False, 'vat': False}))
        self.assertEqual(decp.advance_rate(5), 0.05)     # 5 % -> 0.05
        self.assertEqual(decp.advance_rate(12.5), 0.125)
        self.assertEqual(decp.advance_rate(0), 0.0)      # granted, rate unknown

    def test_object(self):
        self.assertEqual(decp.object_text('Réhabilitation', 2, 'Gros œuvre'),
                         'Réhabilitation — lot 2 : Gros œuvre')
        self.assertEqual(len(decp.object_text('x' * 2000, 1, 'y')), 1000)


class TestMarche(unittest.TestCase):

    def setUp(self):
        self.validator = jsonschema.Draft7Validator(schema())

    def test_a_complete_lot_validates(self):
        marche = decp.marche(values())
        self.validator.validate(decp.envelope([marche]))
        self.assertEqual(list(marche)[:4], ['id', 'acheteur', 'nature', 'objet'])
        self.assertEqual(marche['id'], 'ASR-2023-0012-2')
        self.assertEqual(marche['acheteur'], {'id': '21940001700014'})
        self.assertEqual(marche['nature'], 'Marché')
        self.assertEqual(marche['procedure'], "Appel d'offres ouvert")
        self.assertEqual(marche['dateNotification'], '2023-11-14')
        self.assertEqual(marche['datePublicationDonnees'], '2024-01-10')
        self.assertEqual((marche['attributionAvance'], marche['tauxAvance']), (True, 0.05))
        self.assertEqual(marche['titulaires'], [
            {'titulaire': {'typeIdentifiant': 'SIRET', 'id': '41234567000019'}}])
        self.assertEqual(marche['considerationsSociales'],
                         {'considerationSociale': ['Clause sociale']})
        self.assertEqual(marche['considerationsEnvironnementales'],
                         {'considerationEnvironnementale': [
                             'Pas de considération environnementale']})
        self.assertEqual((marche['montant'], marche['dureeMois'], marche['offresRecues']),
                         (1200000.0, 36, 6))

    def test_every_nature_procedure_and_disposition_validates(self):
        marches = []
        for number, (nature, procedure) in enumerate(zip(
                ['works', 'supplies', 'services'] * 2, sorted(decp.PROCEDURE_OF)), 1):
            marches.append(decp.marche(values(nature=nature, procedure=procedure,
                                              lot_number=number)))
        for number, (code, _label) in enumerate(CLAUSE_TYPES, 10):
            marches.append(decp.marche(values(dispositions=[code], lot_number=number)))
        marches.append(decp.marche(values(dispositions=[], lot_number=30, advance=False)))
        self.validator.validate(decp.envelope(marches))
        self.assertEqual(marches[-1]['considerationsSociales'],
                         {'considerationSociale': ['Pas de considération sociale']})
        self.assertNotIn('tauxAvance', marches[-1])

    def test_a_grouping_lists_its_co_contractors_as_holders(self):
        marche = decp.marche(values(grouping='Solidaire', co_contractors=[
            {'siret': '44567891500015', 'vat': False},
            {'siret': '41234567000019', 'vat': False}]))   # the contractor again: once
        self.validator.validate(decp.envelope([marche]))
        self.assertEqual([t['titulaire']['id'] for t in marche['titulaires']],
                         ['41234567000019', '44567891500015'])
        # without a grouping, the co-contractors (subcontractors) are not holders
        marche = decp.marche(values(co_contractors=[{'siret': '44567891500015', 'vat': 0}]))
        self.assertEqual(len(marche['titulaires']), 1)

    def test_missing_items_listed_in_the_schemas_order(self):
        lacking = values(buyer_siret=False, cpv_code='', date_notification=None, offers=0,
                         price_type=False, contractor={'siret': False, 'vat': False},
                         place_code='940')
        self.assertEqual(decp.missing_items(lacking), [
            'buyer_siret', 'cpv_code', 'offers', 'place', 'date_notification', 'price_type',
            'contractor_id'])
        self.assertEqual([decp.MISSING_LABELS[key] for key in decp.missing_items(lacking)][:3],
                         ["SIRET de l'acheteur", 'code CPV', "nombre d'offres reçues"])
        with self.assertRaises(decp.DecpError) as caught:
            decp.marche(lacking)
        self.assertEqual(caught.exception.key, 'incomplete')
        self.assertEqual(caught.exception.values['items'][:2], ['buyer_siret', 'cpv_code'])

    def test_values_outside_the_schema_are_missing_never_written(self):
        self.assertEqual(decp.missing_items(values(
            ccag='Works', procedure='unknown', reference='/', amount=0.5, duration_months=0,
            grouping='Conjoint', co_contractors=[], environmental=[])), [
            'identifier', 'ccag', 'procedure', 'duration', 'amount', 'co_contractors',
            'environmental'])
        self.assertEqual(decp.missing_items(values(contractor=None)), ['contractor'])
        self.assertEqual(decp.missing_items(values(
            grouping='Conjoint', co_contractors=[{'siret': '', 'vat': ''}])),
            ['co_contractor_id'])

    def test_an_empty_export_validates(self):
        self.validator.validate(decp.envelope([]))
