"""The server enforces the workflow: states, opinions and validators are written by the
workflow methods only (each checking who acts), charter links do not move, every value is
checked; and every legal check runs again when a field it reads changes."""
from odoo.exceptions import AccessError

from odoo.addons.asr_charter.exceptions import (
    AsrAccessError, AsrUserError, AsrValidationError)

from .common import ClauseCase


class TestWorkflowOnTheServer(ClauseCase):

    @classmethod
    def setUpClass(cls):
        super(TestWorkflowOnTheServer, cls).setUpClass()
        cls.buyer = cls.user(cls, 'asr_guard_buyer', [
            'asr_charter.group_asr_buyer', 'purchase.group_purchase_user'])
        cls.other_buyer = cls.user(cls, 'asr_guard_other', ['asr_charter.group_asr_buyer'])
        cls.manager = cls.user(cls, 'asr_guard_manager', ['asr_charter.group_asr_manager'])
        cls.market.user_id = cls.buyer
        cls.clause = cls.insertion_clause()

    def as_buyer(self, record):
        return record.sudo(self.buyer)

    def test_buyer_cannot_write_the_examination_of_their_own_market(self):
        market = self.as_buyer(self.market)
        forged = ({'state': 'validated'}, {'opinion': 'favourable'},
                  {'opinion_text': 'Avis favorable (forgé)'},
                  {'opinion_recommendation': 'Rien'}, {'opinion_date': '2025-02-01'},
                  {'opinion_author_id': self.facilitator.id},
                  {'validation_user_id': self.buyer.id}, {'validation_date': '2025-02-02'},
                  {'reference': 'ASR-FORGE'}, {'examined_count': 1})
        for vals in forged:
            with self.assertRefused(AsrAccessError, 'guard.protected_field'):
                with self.env.cr.savepoint():
                    market.write(vals)
        self.market.invalidate_cache()
        self.assertEqual((self.market.state, self.market.opinion), ('to_examine', False))
        with self.assertRefused(AsrUserError, 'purchase_order.market_not_validated'):
            self.order.sudo(self.buyer).button_confirm()
        self.assertEqual(self.order.state, 'draft')

    def test_a_market_cannot_be_created_already_validated(self):
        Market = self.env['asr.market'].sudo(self.buyer)
        values = {'name': 'Marché forgé', 'charter_id': self.charter.id,
                  'buyer_entity_id': self.territory.id, 'amount_estimated': 1000.0,
                  'consultation_date': '2025-03-01'}
        before = Market.sudo().search_count([])
        with self.assertRefused(AsrAccessError, 'guard.protected_field'):
            with self.env.cr.savepoint():
                Market.create(dict(values, state='validated'))
        # nor through a default given in the context, nor through a user default
        with self.assertRefused(AsrAccessError, 'guard.protected_field'):
            with self.env.cr.savepoint():
                Market.with_context(default_state='validated').create(values)
        self.env['ir.default'].set('asr.market', 'state', 'validated', user_id=self.buyer.id)
        with self.assertRefused(AsrAccessError, 'guard.protected_field'):
            with self.env.cr.savepoint():
                Market.create(values)
        self.env['ir.default'].search([('field_id.model', '=', 'asr.market')]).unlink()
        self.assertEqual(Market.sudo().search_count([]), before)
        market = Market.create(values)
        self.assertEqual(market.state, 'to_examine')

    def test_each_step_checks_who_acts(self):
        market = self.market
        with self.assertRefused(AsrAccessError, 'market.buyer_in_charge'):
            market.sudo(self.other_buyer).action_examined()
        self.as_buyer(market).action_examined()
        self.assertEqual(market.state, 'examined')
        with self.assertRefused(AsrAccessError, 'market.manager_only'):
            self.as_buyer(market).action_give_opinion('favourable', 'Avis forgé')
        with self.assertRefused(AsrAccessError, 'market.facilitator_only'):
            market.sudo()._asr_give_opinion(self.buyer, 'favourable', 'Avis forgé')
        self.assertEqual(market.state, 'examined')
        market.sudo(self.manager).action_give_opinion('reserved', 'Objectif à revoir.')
        self.assertEqual(market.opinion_author_id, self.manager.partner_id)
        with self.assertRefused(AsrAccessError, 'market.manager_only'):
            self.as_buyer(market).action_validate()
        with self.assertRefused(AsrAccessError, 'market.manager_only'):
            self.as_buyer(market).action_reset()
        self.assertEqual(market.state, 'opinion')
        # a reserved opinion: the buyer says why it is not followed
        self.as_buyer(market).write({'opinion_answer': 'Objectif confirmé avec le titulaire.'})
        market.sudo(self.manager).action_validate()
        self.assertEqual((market.state, market.validation_user_id),
                         ('validated', self.manager))

    def test_clause_states_go_through_their_actions(self):
        clause = self.as_buyer(self.clause)
        with self.assertRefused(AsrAccessError, 'guard.protected_field'):
            clause.write({'state': 'execution'})
        with self.assertRefused(AsrUserError, 'clause.market_not_validated'):
            clause.action_start_execution()
        self.as_buyer(self.market).action_examined()
        self.market._asr_give_opinion(self.manager, 'favourable', 'Bien.')
        self.market.sudo(self.manager).action_validate()
        with self.assertRefused(AsrUserError, 'clause.lot_not_awarded'):
            clause.action_start_execution()
        self.award(self.lot, 800000.0)
        with self.assertRefused(AsrAccessError, 'market.buyer_in_charge'):
            self.clause.sudo(self.other_buyer).action_start_execution()
        self.assertEqual(self.clause.state, 'draft')
        clause.action_start_execution()
        self.assertEqual(self.clause.state, 'execution')
        clause.action_close()
        self.assertEqual(self.clause.state, 'closed')
        with self.assertRefused(AsrUserError, 'clause.not_in_execution'):
            clause.action_close()
        with self.assertRefused(AsrAccessError, 'market.manager_only'):
            clause.action_reopen()
        self.assertEqual(self.clause.state, 'closed')
        self.clause.sudo(self.manager).action_reopen()
        self.assertEqual(self.clause.state, 'execution')

    def test_links_to_the_charter_do_not_move(self):
        other_market = self.env['asr.market'].create({
            'name': 'Autre marché', 'charter_id': self.charter.id, 'user_id': self.buyer.id,
            'buyer_entity_id': self.territory.id, 'amount_estimated': 1000.0,
            'consultation_date': '2025-03-01'})
        other_lot = self.env['asr.market.lot'].create({
            'market_id': other_market.id, 'name': 'Lot', 'amount_estimated': 1000.0})
        for record, vals in ((self.lot, {'market_id': other_market.id}),
                             (self.clause, {'lot_id': other_lot.id})):
            with self.assertRefused(AsrAccessError, 'guard.frozen_field'):
                with self.env.cr.savepoint():
                    self.as_buyer(record).write(vals)
        self.assertEqual(self.clause.lot_id, self.lot)
        other_charter = self.charter.copy({'name': 'Autre charte'})
        self.as_buyer(self.market).action_examined()
        with self.assertRefused(AsrAccessError, 'market.charter_frozen'):
            self.as_buyer(self.market).write({'charter_id': other_charter.id})
        self.assertEqual(self.market.charter_id, self.charter)

    def test_a_buyer_cannot_hand_a_record_out_of_their_scope(self):
        with self.assertRefused(AccessError, 'record_rule'):
            with self.env.cr.savepoint():
                self.as_buyer(self.market).write({'user_id': self.other_buyer.id})
        self.assertEqual(self.market.user_id, self.buyer)

    def test_values_are_checked(self):
        market = self.as_buyer(self.market)
        for vals, check in (
                ({'name': 'Objet\x00'}, 'input.nul'),
                ({'name': 'x' * 501}, 'input.too_long'),
                ({'name': '   '}, 'input.blank'),
                ({'amount_estimated': float('nan')}, 'input.not_finite'),
                ({'amount_estimated': float('inf')}, 'input.not_finite'),
                ({'amount_estimated': 1e300}, 'input.too_high'),
                ({'amount_estimated': 'beaucoup'}, 'input.type_number'),
                ({'duration_months': 2 ** 40}, 'input.too_high'),
                ({'duration_months': 1.5}, 'input.integer'),
                ({'consultation_date': '0001-01-01'}, 'input.date_range'),
                ({'consultation_date': '9999-12-31'}, 'input.date_range'),
                ({'consultation_date': '2025-02-30'}, 'input.date_format'),
                ({'nature': 'bogus'}, 'input.selection'),
                ({'buyer_entity_id': 987654321}, 'input.record_missing')):
            with self.assertRefused(AsrValidationError, check):
                with self.env.cr.savepoint():
                    market.write(vals)
        with self.assertRefused(AsrValidationError, 'input.too_low'):
            with self.env.cr.savepoint():
                self.as_buyer(self.lot).write({'number': -3})
        self.market.invalidate_cache()
        self.assertEqual(self.market.name, 'Réhabilitation du gymnase (test)')


class TestLegalChecksRunAgain(ClauseCase):
    """A market reserved to ESS enterprises (L2113-15/16): every field the checks read is
    checked again when it changes, on the market, the lot or a past lot."""

    @classmethod
    def setUpClass(cls):
        super(TestLegalChecksRunAgain, cls).setUpClass()
        cls.ess_market = cls.env['asr.market'].create({
            'name': 'Accompagnement social (ESS)', 'charter_id': cls.charter.id,
            'buyer_entity_id': cls.territory.id, 'nature': 'services',
            'service_category': 'social', 'amount_estimated': 90000.0,
            'consultation_date': '2025-06-01', 'duration_months': 36, 'cpv_code': '85300000'})
        cls.ess_lot = cls.env['asr.market.lot'].create({
            'market_id': cls.ess_market.id, 'name': 'Lot unique',
            'amount_estimated': 90000.0})
        cls.env['asr.clause'].create({'clause_type': 'reserved_ess',
                                      'lot_id': cls.ess_lot.id})
        cls.other_buyer = cls.env['res.partner'].create({'name': 'Ville voisine',
                                                         'is_company': True})
        # a past contract of the contractor, for other services, with another buyer
        cls.past_market = cls.env['asr.market'].create({
            'name': 'Médiation culturelle (passé)', 'charter_id': cls.charter.id,
            'buyer_entity_id': cls.other_buyer.id, 'nature': 'services',
            'service_category': 'cultural', 'amount_estimated': 50000.0,
            'consultation_date': '2023-01-10', 'duration_months': 12, 'cpv_code': '92300000'})
        cls.past_lot = cls.env['asr.market.lot'].create({
            'market_id': cls.past_market.id, 'name': 'Lot passé', 'amount_estimated': 50000.0,
            'partner_id': cls.contractor.id, 'amount_awarded': 48000.0,
            'date_award': '2023-03-01'})
        cls.ess_lot.write({'partner_id': cls.contractor.id, 'amount_awarded': 88000.0,
                           'date_award': '2025-07-01'})

    def assertWriteRefused(self, record, vals, check):
        with self.assertRefused(AsrValidationError, check):
            with self.env.cr.savepoint():
                record.write(vals)
        record.invalidate_cache()

    def test_market_nature(self):
        self.assertWriteRefused(self.ess_market, {'nature': 'works'}, 'legal.ess_services_only')
        self.assertEqual(self.ess_market.nature, 'services')

    def test_market_category_of_services(self):
        self.assertWriteRefused(self.ess_market, {'service_category': 'other'},
                                'legal.ess_services_only')
        self.assertEqual(self.ess_market.service_category, 'social')

    def test_market_duration(self):
        self.assertWriteRefused(self.ess_market, {'duration_months': 48}, 'legal.ess_duration')
        self.assertEqual(self.ess_market.duration_months, 36)

    def _past_contract(self, buyer, cpv, category, award, partner=None):
        """A contract of ``partner`` (the ESS winner by default) awarded on ``award``."""
        market = self.env['asr.market'].create({
            'name': 'Contrat passé (test)', 'charter_id': self.charter.id,
            'buyer_entity_id': buyer.id, 'nature': 'services', 'service_category': category,
            'amount_estimated': 10000.0, 'consultation_date': '2020-09-01',
            'duration_months': 12, 'cpv_code': cpv})
        return self.env['asr.market.lot'].create({
            'market_id': market.id, 'name': 'Lot passé', 'amount_estimated': 10000.0,
            'partner_id': (partner or self.contractor).id, 'amount_awarded': 9000.0,
            'date_award': award})

    def test_market_buyer_entity(self):
        # the winner held a contract of the neighbouring town for the same services in 2024
        self._past_contract(self.other_buyer, '85300000', 'social', '2024-01-15')
        self.assertWriteRefused(self.ess_market, {'buyer_entity_id': self.other_buyer.id},
                                'legal.ess_previous_contract')
        self.assertEqual(self.ess_market.buyer_entity_id, self.territory)

    def test_market_cpv_code(self):
        # a contract of this buyer in 2024 for other services (CPV 92300...: culture)
        self._past_contract(self.territory, '92300000', 'cultural', '2024-01-15')
        self.assertWriteRefused(self.ess_market, {'cpv_code': '92300000'},
                                'legal.ess_previous_contract')
        self.assertEqual(self.ess_market.cpv_code, '85300000')

    def test_market_consultation_date(self):
        # awarded on 01/07/2025: the consultation cannot move after the award
        self.assertWriteRefused(self.ess_market, {'consultation_date': '2025-08-01'},
                                'lot.award_before_consultation')
        self.assertEqual(self.ess_market.consultation_date, '2025-06-01')

    def test_lot_contractor(self):
        other = self.env['res.partner'].create({'name': 'Titulaire passé', 'is_company': True})
        self._past_contract(self.territory, '85300000', 'social', '2024-02-01', partner=other)
        self.assertWriteRefused(self.ess_lot, {'partner_id': other.id},
                                'legal.ess_previous_contract')
        self.assertEqual(self.ess_lot.partner_id, self.contractor)

    def test_past_lot_award(self):
        # awarded on 15/01/2021, more than 3 years before the consultation of 01/06/2025
        past = self._past_contract(self.territory, '85300000', 'social', '2021-01-15')
        self.assertWriteRefused(past, {'date_award': '2023-01-15'},
                                'legal.ess_previous_contract')
        self.assertEqual(past.date_award, '2021-01-15')
