"""The social examination of a market (charter art. 3-1) and its effect on purchase orders."""
from odoo.exceptions import AccessError

from odoo.addons.asr_charter.exceptions import (
    AsrAccessError, AsrUserError, AsrValidationError)

from .common import ClauseCase


class TestExamination(ClauseCase):

    def _todo(self, market):
        return market.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref('mail.mail_activity_data_todo'))

    def test_reference_and_quarter(self):
        self.assertTrue(self.market.reference.startswith('ASR-'))
        self.assertEqual(self.market.year, 2025)
        self.assertEqual(self.market.quarter, '2025-T1')

    def test_full_examination_then_order_confirmed(self):
        # each step by its role: the buyer in charge examines and orders, an ASR manager
        # records the facilitator's opinion and validates
        self.assertEqual(self._todo(self.market).user_id, self.market.user_id)
        buyer = self.user('asr_buyer_full', ['asr_charter.group_asr_buyer',
                                             'purchase.group_purchase_user'])
        manager = self.user('asr_mgr_exam', ['asr_charter.group_asr_manager',
                                             'purchase.group_purchase_manager'])
        self.market.user_id = buyer
        self.env['asr.clause'].sudo(buyer).create({'clause_type': 'insertion',
                                                   'lot_id': self.lot.id})
        self.market.sudo(buyer).action_examined()
        self.assertEqual(self.market.state, 'examined')
        # the buyer follows up the opinion; the facilitator is told (its wording in French:
        # test_french.py)
        self.assertEqual(self._todo(self.market).user_id, buyer)
        self.assertEqual(len(self._todo(self.market)), 1)
        self.assertTrue(self.market.message_ids.filtered(
            lambda m: self.facilitator in m.partner_ids))
        self.market.sudo(manager).action_give_opinion('favourable', 'Clause adaptée au lot.',
                                                      'Clause d\'insertion de 5 %.')
        self.assertEqual(self.market.state, 'opinion')
        self.assertEqual(self.market.opinion, 'favourable')
        self.assertEqual(self.market.opinion_author_id, manager.partner_id)
        self.market.sudo(manager).action_validate()
        self.assertEqual(self.market.state, 'validated')
        self.assertEqual(self.market.validation_user_id, manager)
        self.assertFalse(self._todo(self.market))
        self.order.sudo(buyer).button_confirm()
        self.assertEqual(self.order.state, 'purchase')

    def test_order_of_unvalidated_market_cannot_be_confirmed(self):
        with self.assertRefused(AsrUserError, 'purchase_order.market_not_validated'):
            self.order.button_confirm()
        self.assertEqual(self.order.state, 'draft')

    def test_lot_without_disposition_needs_a_reason(self):
        buyer = self.user('asr_buyer_nodisp', ['asr_charter.group_asr_buyer'])
        self.market.user_id = buyer
        lot = self.lot.sudo(buyer)
        with self.assertRefused(AsrValidationError, 'lot.no_disposition_reason'):
            with self.env.cr.savepoint():
                lot.write({'no_disposition': True})
        self.lot.invalidate_cache()
        self.assertFalse(self.lot.no_disposition)
        lot.write({'no_disposition': True,
                   'no_disposition_reason': 'Fourniture sur catalogue sans main-d\'œuvre.'})
        self.market.sudo(buyer).action_examined()
        self.assertEqual(self.market.state, 'examined')

    def test_examination_needs_a_decision_on_every_lot(self):
        with self.assertRefused(AsrValidationError, 'lot.not_examined'):
            self.market.action_examined()
        self.assertEqual(self.market.state, 'to_examine')

    def test_opinion_needs_text_and_the_examined_step(self):
        with self.assertRefused(AsrUserError, 'market.not_examined'):
            self.market.action_give_opinion('favourable', 'Bien.')
        self.insertion_clause()
        self.market.action_examined()
        with self.assertRefused(AsrUserError, 'market.opinion_text'):
            self.market.action_give_opinion('reserved', '   ')
        with self.assertRefused(AsrUserError, 'market.opinion_choice'):
            self.market.action_give_opinion('excellent', 'Bien.')
        self.assertEqual(self.market.state, 'examined')

    def test_only_a_manager_validates(self):
        self.insertion_clause()
        self.market.action_examined()
        self.market.action_give_opinion('reserved', 'Objectif ambitieux.')
        buyer = self.user('asr_buyer_exam', ['asr_charter.group_asr_buyer'])
        self.market.user_id = buyer
        with self.assertRefused(AsrAccessError, 'market.manager_only'):
            self.market.sudo(buyer).action_validate()
        self.assertEqual(self.market.state, 'opinion')


class TestMarketInputs(ClauseCase):

    def test_bad_market_inputs_refused(self):
        Market = self.env['asr.market']
        base = {'name': 'X', 'charter_id': self.charter.id, 'buyer_entity_id': self.territory.id,
                'nature': 'works', 'amount_estimated': 1000.0,
                'consultation_date': '2025-01-01', 'duration_months': 12}
        count = Market.search_count([])
        for vals, check in (({'amount_estimated': 0}, 'market.amount_estimated'),
                            ({'amount_estimated': -1}, 'market.amount_estimated'),
                            ({'duration_months': 0}, 'market.duration'),
                            ({'nature': 'services'}, 'market.service_category')):
            with self.assertRefused(AsrValidationError, check):
                with self.env.cr.savepoint():
                    Market.create(dict(base, **vals))
        self.assertEqual(Market.search_count([]), count)

    def test_award_before_consultation_or_end_before_start_refused(self):
        with self.assertRefused(AsrValidationError, 'lot.award_before_consultation'):
            with self.env.cr.savepoint():
                self.lot.write({'partner_id': self.contractor.id, 'amount_awarded': 1.0,
                                'date_award': '2025-01-10'})
        with self.assertRefused(AsrValidationError, 'lot.end_before_start'):
            with self.env.cr.savepoint():
                self.award(self.lot, 700000.0, start='2025-06-01', end='2025-05-31')
        self.lot.invalidate_cache()
        self.assertFalse(self.lot.partner_id)

    def test_trade_labour_share_bounds(self):
        with self.assertRefused(AsrValidationError, 'trade.labour_share'):
            with self.env.cr.savepoint():
                self.env['asr.trade'].create({'name': 'Métier (test)', 'labour_share': 110})
        self.assertFalse(self.env['asr.trade'].search([('name', '=', 'Métier (test)')]))


class TestMarketAccess(ClauseCase):

    def test_buyers_change_only_their_markets_finance_reads(self):
        alice = self.user('asr_alice', ['asr_charter.group_asr_buyer'])
        bob = self.user('asr_bob', ['asr_charter.group_asr_buyer'])
        finance = self.user('asr_fin_m', ['asr_charter.group_asr_finance'])
        self.market.user_id = alice
        self.market.sudo(alice).write({'duration_months': 30})
        self.env['asr.clause'].sudo(alice).create({'clause_type': 'insertion',
                                                   'lot_id': self.lot.id})
        self.assertEqual(self.market.sudo(bob).name, self.market.name)
        with self.assertRefused(AccessError, 'record_rule'):
            with self.env.cr.savepoint():
                self.market.sudo(bob).write({'duration_months': 6})
        with self.assertRefused(AccessError, 'record_rule'):
            with self.env.cr.savepoint():
                self.env['asr.clause'].sudo(bob).create({'clause_type': 'social_action',
                                                         'lot_id': self.lot.id})
        self.assertEqual(self.market.sudo(finance).amount_estimated, 1500000.0)
        with self.assertRefused(AccessError, 'acl'):
            self.market.sudo(finance).write({'name': 'X'})
        self.market.invalidate_cache()
        self.assertEqual((self.market.name, self.market.duration_months),
                         ('Réhabilitation du gymnase (test)', 30))
        self.assertEqual(self.lot.clause_ids.mapped('clause_type'), ['insertion'])

    def test_facilitator_sees_only_markets_of_their_charter(self):
        contact = self.env['res.partner'].create({'name': 'Nina',
                                                  'parent_id': self.facilitator.id})
        nina = self.user('asr_nina_m', ['asr_charter.group_asr_facilitator'], contact)
        other_fac = self.env['res.partner'].create({'name': 'Autre fac', 'is_company': True})
        other_charter = self.env['asr.charter'].create({
            'name': 'Autre', 'territory_id': self.territory.id, 'act_date': '2020-01-01',
            'member_ids': [(0, 0, {'partner_id': other_fac.id, 'role': 'facilitator',
                                   'date_join': '2020-01-01'})]})
        other = self.env['asr.market'].create({
            'name': 'Autre marché', 'charter_id': other_charter.id,
            'buyer_entity_id': self.territory.id, 'nature': 'works',
            'amount_estimated': 1000.0, 'consultation_date': '2025-01-01'})
        visible = self.env['asr.market'].sudo(nina).search([])
        self.assertIn(self.market, visible)
        self.assertNotIn(other, visible)


class TestSocialConditionFlag(ClauseCase):

    def _market(self, amount, day, **vals):
        values = {'name': 'Prestations (test)', 'charter_id': self.charter.id,
                  'buyer_entity_id': self.territory.id, 'nature': 'services',
                  'service_category': 'other', 'amount_estimated': amount,
                  'consultation_date': day, 'duration_months': 12,
                  'lot_ids': [(0, 0, {'name': 'Lot unique', 'amount_estimated': amount})]}
        values.update(vals)
        return self.env['asr.market'].create(values)

    def test_flag_at_or_above_threshold_from_22_august_2026(self):
        # 2026-2027 threshold for services of a local authority: 216,000 EUR excl. VAT
        self.assertTrue(self._market(216000.0, '2026-09-01').social_condition_flag)
        self.assertFalse(self._market(215999.99, '2026-09-01').social_condition_flag)
        self.assertFalse(self._market(500000.0, '2026-08-21').social_condition_flag)
        # the State's threshold is lower: 140,000
        self.assertTrue(self._market(150000.0, '2026-09-01',
                                     buyer_kind='state').social_condition_flag)

    def test_execution_condition_or_justification_silences_the_flag(self):
        market = self._market(300000.0, '2026-10-05')
        self.assertTrue(market.social_condition_flag)
        self.env['asr.clause'].create({'clause_type': 'insertion',
                                       'lot_id': market.lot_ids.id, 'labour_share': 60.0})
        self.assertFalse(market.social_condition_flag)
        other = self._market(300000.0, '2026-10-05')
        other.social_condition_justification = 'Prestation intellectuelle sans exécution sur site.'
        self.assertFalse(other.social_condition_flag)


class TestIndicators(ClauseCase):

    def test_examination_indicators_per_year_and_on_the_charter(self):
        from odoo import fields
        this_year = fields.Date.context_today(self.charter)[:4]
        Market = self.env['asr.market']

        def market(name, amount, clause_type=None, examine=False):
            rec = Market.create({
                'name': name, 'charter_id': self.charter.id,
                'buyer_entity_id': self.territory.id, 'nature': 'works',
                'amount_estimated': amount, 'consultation_date': this_year + '-03-01',
                'lot_ids': [(0, 0, {'name': 'Lot', 'amount_estimated': amount,
                                    'labour_share': 40.0})]})
            if clause_type:
                self.env['asr.clause'].create({'clause_type': clause_type,
                                               'lot_id': rec.lot_ids.id})
            else:
                rec.lot_ids.write({'no_disposition': True, 'no_disposition_reason': 'Aucune'})
            if examine:
                rec.action_examined()
            return rec

        market('A', 100000.0, 'insertion', examine=True)
        market('B', 200000.0, 'reserved_siae', examine=True)
        market('C', 300000.0, None, examine=True)
        market('D', 400000.0, 'insertion')
        # 4 markets this year: 3 examined (75 %), 3 with a disposition, 1 reserved
        self.assertEqual(self.charter.market_count, 4)
        self.assertEqual(self.charter.market_examined_count, 3)
        self.assertAlmostEqual(self.charter.market_examined_rate, 75.0)
        self.assertEqual(self.charter.market_disposition_count, 3)
        self.assertEqual(self.charter.market_reserved_count, 1)
        groups = self.env['asr.disposition.report'].read_group(
            [('charter_id', '=', self.charter.id), ('year', '=', int(this_year))],
            ['disposition', 'amount_estimated'], ['disposition'])
        by_type = {g['disposition']: (g['disposition_count'], g['amount_estimated'])
                   for g in groups}
        self.assertEqual(by_type['insertion'], (2, 500000.0))
        self.assertEqual(by_type['reserved_siae'], (1, 200000.0))
        self.assertEqual(by_type['none'], (1, 300000.0))
