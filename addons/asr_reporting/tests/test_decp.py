"""The essential data of the contracts (DECP, schema 2.0.3): every export (the wizard's file
and the method finance calls over XML-RPC) validates against the published schema; each
disposition gives one social consideration; a lot missing a mandatory item is refused in
French, naming it, and no file is written; the period; who may export and what they read;
the DECP fields of a lot, their defaults and their checks."""
import base64
import datetime
import json
import os

import jsonschema

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.asr_clauses.models.asr_clause import CLAUSE_TYPES
from odoo.addons.asr_clauses.tests.common import ClauseCase

SCHEMA_PATH = os.path.join(os.path.dirname(__file__), 'data', 'decp_schema_2.0.3.json')
with open(SCHEMA_PATH, encoding='utf-8') as _handle:
    SCHEMA = json.load(_handle)

BUYER_SIRET = '21940001700014'
CONTRACTOR_SIRET = '41234567000019'


def validate(data):
    """The export validates against the published schema (raises otherwise)."""
    jsonschema.Draft7Validator(SCHEMA).validate(data)
    return data['marches']['marche']


class DecpCase(ClauseCase):
    """The gymnasium's masonry lot (insertion clause) awarded 20/02/2025 for 800,000 EUR;
    its painting lot, without any disposition, awarded 10/06/2025 for 120,000 EUR."""

    @classmethod
    def setUpClass(cls):
        super(DecpCase, cls).setUpClass()
        cls.territory.write({'asr_siret': BUYER_SIRET, 'zip': '94000'})
        cls.contractor.asr_siret = CONTRACTOR_SIRET
        cls.market.write({'cpv_code': '45454000', 'procedure': 'open'})
        cls.award(cls.lot, 800000.0)
        cls.insertion_clause()
        cls.lot.write({'decp_offers': 5, 'decp_price_type': 'Définitif révisable',
                       'decp_price_form': 'Forfaitaire', 'decp_place_code': '94000',
                       'decp_ccag': 'Travaux'})
        cls.painting = cls.env['asr.market.lot'].create({
            'market_id': cls.market.id, 'number': 4, 'name': 'Peinture',
            'amount_estimated': 120000.0, 'decp_offers': 2,
            'decp_price_type': 'Définitif ferme', 'decp_price_form': 'Unitaire'})
        cls.painting.write({'partner_id': cls.contractor.id, 'amount_awarded': 120000.0,
                            'date_award': '2025-06-10'})
        cls.Lot = cls.env['asr.market.lot']

    def setUp(self):
        super(DecpCase, self).setUp()
        self.buyer = self.user('asr_decp_buyer', ['asr_charter.group_asr_buyer'])
        self.market.user_id = self.buyer
        self.manager = self.user('asr_decp_manager', ['asr_charter.group_asr_manager'])
        self.finance = self.user('asr_decp_finance', ['asr_charter.group_asr_finance'])

    def export(self, user, date_from='2025-01-01', date_to='2025-12-31', charters=None):
        return validate(self.Lot.sudo(user).asr_decp_export(
            date_from, date_to, charters.ids if charters else None))

    def wizard(self, user, date_from='2025-01-01', date_to='2025-12-31', charters=None):
        values = {'date_from': date_from, 'date_to': date_to}
        if charters:
            values['charter_ids'] = [(6, 0, charters.ids)]
        return self.env['asr.decp.export'].sudo(user).create(values)

    def by_lot(self, marches):
        return {marche['objet'].split(' : ')[-1]: marche for marche in marches}


class TestExport(DecpCase):

    def test_the_rpc_method_returns_the_essential_data_valid_against_the_schema(self):
        marches = self.by_lot(self.export(self.finance))
        self.assertEqual(sorted(marches), ['Maçonnerie', 'Peinture'])
        masonry = marches['Maçonnerie']
        self.assertEqual(masonry['id'], '%s-3' % self.market.reference)
        self.assertEqual(masonry['acheteur'], {'id': BUYER_SIRET})
        self.assertEqual((masonry['nature'], masonry['procedure'], masonry['ccag']),
                         ('Marché', "Appel d'offres ouvert", 'Travaux'))
        self.assertEqual(masonry['objet'], 'Réhabilitation du gymnase (test) — lot 3 : '
                                           'Maçonnerie')
        self.assertEqual((masonry['codeCPV'], masonry['montant'], masonry['dureeMois']),
                         ('45454000', 800000.0, 24))
        self.assertEqual(masonry['dateNotification'], '2025-02-20')
        self.assertEqual(masonry['titulaires'], [
            {'titulaire': {'typeIdentifiant': 'SIRET', 'id': CONTRACTOR_SIRET}}])
        self.assertEqual(masonry['typeGroupementOperateurs'], 'Pas de groupement')
        self.assertEqual(masonry['lieuExecution'], {'code': '94000', 'typeCode': 'Code postal'})

    def test_the_wizard_writes_the_french_named_file(self):
        wizard = self.wizard(self.buyer)
        wizard.action_export()
        self.assertEqual(wizard.filename, 'donnees_essentielles_2025-01-01_2025-12-31.json')
        self.assertEqual(wizard.count, 2)
        data = json.loads(base64.b64decode(wizard.file).decode('utf-8'))
        self.assertEqual(len(validate(data)), 2)
        # French, not escaped
        self.assertIn('Maçonnerie', base64.b64decode(wizard.file).decode('utf-8'))

    def test_a_lot_without_disposition_has_no_social_consideration(self):
        marches = self.by_lot(self.export(self.manager))
        self.assertEqual(marches['Peinture']['considerationsSociales'],
                         {'considerationSociale': ['Pas de considération sociale']})
        self.assertEqual(marches['Maçonnerie']['considerationsSociales'],
                         {'considerationSociale': ['Clause sociale']})
        self.assertEqual(marches['Peinture']['considerationsEnvironnementales'], {
            'considerationEnvironnementale': ['Pas de considération environnementale']})

    def test_each_disposition_maps_to_exactly_one_value(self):
        market = self.env['asr.market'].create({
            'name': 'Accompagnement social (test)', 'charter_id': self.charter.id,
            'buyer_entity_id': self.territory.id, 'nature': 'services',
            'service_category': 'social', 'amount_estimated': 700000.0,
            'consultation_date': '2025-01-15', 'duration_months': 24, 'cpv_code': '85320000',
            'user_id': self.buyer.id})
        expected = {'insertion': 'Clause sociale', 'social_action': 'Clause sociale',
                    'progress_plan': 'Clause sociale', 'award_criterion': 'Critère social',
                    'reserved_esat_ea': 'Marché réservé', 'reserved_siae': 'Marché réservé',
                    'reserved_ess': 'Marché réservé'}
        self.assertEqual(sorted(expected), sorted(code for code, _label in CLAUSE_TYPES))
        for number, code in enumerate(sorted(expected), 1):
            lot = self.Lot.create({
                'market_id': market.id, 'number': number, 'name': code,
                'amount_estimated': 100000.0, 'labour_share': 50.0, 'decp_offers': 3,
                'decp_price_type': 'Définitif ferme', 'decp_price_form': 'Forfaitaire'})
            values = {'clause_type': code, 'lot_id': lot.id}
            if code == 'award_criterion':
                values['criterion_weight'] = 15.0
            self.env['asr.clause'].create(values)
            lot.write({'partner_id': self.contractor.id, 'amount_awarded': 90000.0,
                       'date_award': '2025-03-01'})
        marches = self.Lot.sudo(self.buyer).asr_decp_export('2025-03-01', '2025-03-01')
        found = {m['objet'].split(' : ')[-1]: m['considerationsSociales']
                 ['considerationSociale'] for m in validate(marches)}
        self.assertEqual(found, {code: [value] for code, value in expected.items()})
        # services: the CCAG of supplies and services by default
        self.assertEqual({marche['ccag'] for marche in validate(marches)},
                         {'Fournitures courantes et services'})

    def test_several_dispositions_deduplicated_in_the_schemas_order(self):
        self.env['asr.clause'].create({'clause_type': 'award_criterion',
                                       'lot_id': self.lot.id, 'criterion_weight': 10.0})
        self.env['asr.clause'].create({'clause_type': 'social_action', 'lot_id': self.lot.id})
        masonry = self.by_lot(self.export(self.buyer))['Maçonnerie']
        self.assertEqual(masonry['considerationsSociales']['considerationSociale'],
                         ['Clause sociale', 'Critère social'])

    def test_a_grouping_an_advance_and_an_environmental_clause(self):
        partner = self.env['res.partner'].create({
            'name': 'Cotraitant (test)', 'is_company': True, 'asr_siret': '44567891500015'})
        self.lot.write({'co_contractor_ids': [(6, 0, partner.ids)], 'decp_grouping': 'Conjoint',
                        'decp_advance': True, 'decp_advance_rate': 20.0,
                        'decp_environmental': 'Critère environnemental'})
        masonry = self.by_lot(self.export(self.buyer))['Maçonnerie']
        self.assertEqual([t['titulaire']['id'] for t in masonry['titulaires']],
                         [CONTRACTOR_SIRET, '44567891500015'])
        self.assertEqual((masonry['attributionAvance'], masonry['tauxAvance']), (True, 0.2))
        self.assertEqual(masonry['considerationsEnvironnementales'],
                         {'considerationEnvironnementale': ['Critère environnemental']})

    def test_the_period_filters_on_the_award_date(self):
        self.assertEqual([m['dateNotification'] for m in self.export(
            self.buyer, '2025-01-01', '2025-03-31')], ['2025-02-20'])
        self.assertEqual([m['dateNotification'] for m in self.export(
            self.buyer, '2025-06-10', '2025-06-10')], ['2025-06-10'])
        self.assertEqual(self.export(self.buyer, '2024-01-01', '2024-12-31'), [])
        self.assertEqual(len(self.export(self.buyer, '2025-02-20', '2025-06-10')), 2)
        # under 40,000 EUR excl. VAT the essential data are not published
        self.painting.amount_awarded = 39999.99
        self.assertEqual(len(self.export(self.buyer, '2025-02-20', '2025-06-10')), 1)
        self.painting.amount_awarded = 40000.0
        self.assertEqual(len(self.export(self.buyer, '2025-02-20', '2025-06-10')), 2)
        with self.assertRefused(ValidationError, 'decp.period'):
            self.Lot.sudo(self.buyer).asr_decp_export('2025-12-31', '2025-01-01')
        with self.assertRefused(ValidationError, 'decp.period_date'):
            self.Lot.sudo(self.buyer).asr_decp_export('31/12/2025', '2025-12-31')
        with self.assertRefused(ValidationError, 'decp.period_date'):
            self.Lot.sudo(self.buyer).asr_decp_export(False, '2025-12-31')

    def test_the_charter_filter(self):
        other = self.env['asr.charter'].create({
            'name': 'Autre charte (test)', 'territory_id': self.territory.id,
            'act_number': 'CT2020.2', 'act_date': '2020-01-15'})
        self.assertEqual(len(self.export(self.finance, charters=self.charter)), 2)
        self.assertEqual(self.export(self.finance, charters=other), [])
        with self.assertRefused(ValidationError, 'decp.charter'):
            self.Lot.sudo(self.finance).asr_decp_export('2025-01-01', '2025-12-31',
                                                        ['1'])
        with self.assertRefused(ValidationError, 'decp.charter'):
            self.Lot.sudo(self.finance).asr_decp_export('2025-01-01', '2025-12-31',
                                                        [999999999])

    def test_an_empty_period_in_the_wizard_is_said_in_french(self):
        wizard = self.wizard(self.buyer, '2020-01-01', '2020-12-31')
        with self.assertRefused(UserError, 'decp.nothing'):
            wizard.action_export()
        self.assertFalse(wizard.file)

    def test_the_first_export_stores_the_identifier_and_the_publication_date(self):
        today = fields.Date.context_today(self.lot)
        self.assertFalse(self.lot.decp_identifier or self.lot.decp_publication_date)
        masonry = self.by_lot(self.export(self.finance))['Maçonnerie']
        self.assertEqual(masonry['datePublicationDonnees'], today)
        self.assertEqual((self.lot.decp_identifier, self.lot.decp_publication_date),
                         (masonry['id'], today))
        # published earlier: the date and the identifier never change
        self.lot._asr_trusted().write({'decp_publication_date': '2025-03-01'})
        self.lot.number = 7
        masonry = self.by_lot(self.export(self.finance))['Maçonnerie']
        self.assertEqual((masonry['id'], masonry['datePublicationDonnees']),
                         ('%s-3' % self.market.reference, '2025-03-01'))


class TestIncomplete(DecpCase):

    def assertIncomplete(self, call, *labels):
        with self.assertRefused(UserError, 'decp.incomplete') as caught:
            call()
        message = caught.exception.name
        self.assertIn(self.lot.display_name, message)
        for label in labels:
            self.assertIn(label, message)
        return message

    def test_a_lot_without_the_buyers_siret_is_refused_naming_it(self):
        self.territory.asr_siret = False
        message = self.assertIncomplete(lambda: self.export(self.finance),
                                        "SIRET de l'acheteur")
        self.assertNotIn('code CPV', message)
        # nothing stamped
        self.assertFalse(self.lot.decp_publication_date or self.painting.decp_publication_date)

    def test_a_lot_without_cpv_code_gets_no_file(self):
        self.market.cpv_code = False
        wizard = self.wizard(self.buyer)
        self.assertIncomplete(wizard.action_export, 'code CPV')
        self.assertFalse(wizard.file or wizard.filename)
        self.assertFalse(self.lot.decp_identifier)

    def test_every_missing_item_of_every_lot_is_listed(self):
        self.market.cpv_code = '4545'        # not a CPV code: as missing as none
        self.lot.write({'decp_offers': 0, 'decp_price_form': False})
        self.contractor.asr_siret = False
        message = self.assertIncomplete(
            lambda: self.export(self.manager), 'code CPV', "nombre d'offres reçues",
            'forme du prix', 'SIRET du titulaire')
        self.assertIn(self.painting.display_name, message)


class TestAccess(DecpCase):

    def test_buyers_managers_and_finance_export(self):
        for user in (self.buyer, self.manager, self.finance):
            self.assertEqual(len(self.export(user)), 2, user.login)

    def test_a_buyer_exports_only_the_lots_he_may_read(self):
        other_company = self.env['res.company'].create({'name': 'Autre acheteur (test)'})
        market = self.env['asr.market'].create({
            'name': 'Marché d\'une autre société (test)', 'charter_id': self.charter.id,
            'buyer_entity_id': self.territory.id, 'nature': 'works', 'cpv_code': '45000000',
            'amount_estimated': 300000.0, 'consultation_date': '2025-01-15',
            'duration_months': 12, 'company_id': other_company.id})
        lot = self.Lot.create({
            'market_id': market.id, 'name': 'Lot caché', 'amount_estimated': 300000.0,
            'decp_offers': 2, 'decp_price_type': 'Définitif ferme',
            'decp_price_form': 'Forfaitaire'})
        lot.write({'partner_id': self.contractor.id, 'amount_awarded': 290000.0,
                   'date_award': '2025-04-01'})
        with self.assertRefused(AccessError, 'record_rule'):
            lot.sudo(self.buyer).read(['name'])
        self.assertEqual(sorted(self.by_lot(self.export(self.buyer))),
                         ['Maçonnerie', 'Peinture'])
        wizard = self.wizard(self.buyer)
        wizard.action_export()
        self.assertNotIn('Lot caché', base64.b64decode(wizard.file).decode('utf-8'))
        # the server, which reads everything, sees it
        self.assertIn('Lot caché', self.by_lot(validate(self.Lot.asr_decp_export(
            '2025-01-01', '2025-12-31'))))

    def test_portal_users_and_other_employees_are_refused(self):
        portal = self.user('asr_decp_portal', ['base.group_portal'])
        facilitator = self.user('asr_decp_facilitator', ['asr_charter.group_asr_facilitator'])
        facilitator.partner_id.parent_id = self.facilitator
        employee = self.user('asr_decp_employee', ['base.group_user'])
        for user in (portal, facilitator, employee):
            with self.assertRefused(AccessError, 'decp.access'):
                self.Lot.sudo(user).asr_decp_export('2025-01-01', '2025-12-31')
            with self.assertRefused(AccessError, 'decp.access'):
                self.wizard(user).action_export()
        self.assertFalse(self.lot.decp_publication_date)


class TestLotFields(DecpCase):

    def test_defaults_from_the_market(self):
        # works: CCAG Travaux; the buying entity's postal code; no grouping; "Sans objet"
        lot = self.Lot.create({'market_id': self.market.id, 'number': 8, 'name': 'Serrurerie',
                               'amount_estimated': 50000.0})
        self.assertEqual((lot.decp_ccag, lot.decp_place_code, lot.decp_place_type),
                         ('Travaux', '94000', 'Code postal'))
        self.assertEqual((lot.decp_grouping, lot.decp_technique, lot.decp_modality,
                          lot.decp_environmental, lot.decp_offers),
                         ('Pas de groupement', 'Sans objet', 'Sans objet',
                          'Pas de considération environnementale', 0))
        self.market.nature = 'supplies'
        lot = self.Lot.create({'market_id': self.market.id, 'number': 9, 'name': 'Mobilier',
                               'amount_estimated': 50000.0, 'decp_ccag': 'Pas de CCAG'})
        self.assertEqual(lot.decp_ccag, 'Pas de CCAG')
        lot = self.Lot.create({'market_id': self.market.id, 'number': 10, 'name': 'Stores',
                               'amount_estimated': 50000.0})
        self.assertEqual(lot.decp_ccag, 'Fournitures courantes et services')

    def test_the_form_proposes_the_defaults(self):
        lot = self.Lot.new({'name': 'Nouveau', 'market_id': self.market.id})
        lot._onchange_market_id_decp()
        self.assertEqual((lot.decp_ccag, lot.decp_place_code), ('Travaux', '94000'))
        lot.decp_grouping = 'Solidaire'
        lot._onchange_co_contractor_ids_decp()
        self.assertEqual(lot.decp_grouping, 'Pas de groupement')

    def test_the_export_fields_are_written_by_the_export_only(self):
        for name, value in (('decp_publication_date', '2025-01-01'),
                            ('decp_identifier', 'X-1')):
            with self.assertRefused(AccessError, 'guard.protected_field'):
                self.lot.sudo(self.buyer).write({name: value})
        self.assertFalse(self.lot.decp_identifier or self.lot.decp_publication_date)
        # finance reads the lots and exports them, never edits them
        with self.assertRefused(AccessError, 'acl'):
            self.lot.sudo(self.finance).write({'decp_offers': 9})

    def refused(self, key, vals):
        """The buyer's write is refused by ``key`` and nothing of it stays (the request's
        transaction is rolled back: here its savepoint)."""
        before = self.lot.read(list(vals))[0]
        with self.assertRefused(ValidationError, key) as caught:
            with self.env.cr.savepoint():
                self.lot.sudo(self.buyer).write(vals)
        self.lot.invalidate_cache()
        self.assertEqual(self.lot.read(list(vals))[0], before)
        return caught.exception.name

    def test_ranges_are_refused_in_french(self):
        self.refused('input.too_high', {'decp_advance': True, 'decp_advance_rate': 150.0})
        self.refused('input.too_low', {'decp_advance': True, 'decp_advance_rate': -5.0})
        self.refused('input.too_low', {'decp_offers': -1})
        self.refused('input.selection', {'decp_ccag': 'Works'})
        self.refused('input.too_long', {'decp_place_type': 'Code commune',
                                        'decp_place_code': 'X' * 11})
        self.refused('lot.decp_advance_rate', {'decp_advance': False,
                                               'decp_advance_rate': 5.0})
        self.refused('lot.decp_grouping', {'decp_grouping': 'Solidaire'})
        self.assertIn('940', self.refused('lot.decp_place_code', {'decp_place_code': '940'}))
        self.refused('lot.decp_place_code', {'decp_place_type': 'Code commune',
                                             'decp_place_code': '94 028'})
        writer = self.lot.sudo(self.buyer)
        writer.write({'decp_advance': True, 'decp_advance_rate': 0.0,
                      'decp_place_type': 'Code commune', 'decp_place_code': '94028'})
        masonry = self.by_lot(self.export(self.buyer))['Maçonnerie']
        # an advance of unknown rate: 0 (schema)
        self.assertEqual((masonry['tauxAvance'], masonry['lieuExecution']),
                         (0.0, {'code': '94028', 'typeCode': 'Code commune'}))

    def test_social_considerations_shown_on_the_lot(self):
        self.assertEqual(self.lot.decp_social, 'Clause sociale')
        self.assertEqual(self.painting.decp_social, 'Pas de considération sociale')

    def test_a_copied_market_starts_unpublished(self):
        self.export(self.finance)
        self.assertTrue(self.lot.decp_publication_date)
        copy = self.lot.copy({'market_id': self.market.id, 'number': 11})
        self.assertFalse(copy.decp_identifier or copy.decp_publication_date)
        self.assertEqual(copy.decp_offers, 0)

    def test_dates_in_the_file_are_iso(self):
        marche = self.export(self.finance)[0]
        datetime.datetime.strptime(marche['dateNotification'], '%Y-%m-%d')
        datetime.datetime.strptime(marche['datePublicationDonnees'], '%Y-%m-%d')
