"""A buyer creates a market, its lots and their clauses in one form and one save, as the web
client sends them (nested (0, virtual id, values) commands, the parent not saved yet); every
nested record passes its own guard as the buyer. The embedded forms set the parent by the
relation, never ask for it."""
from odoo.exceptions import AccessError

from odoo.addons.asr_charter.exceptions import AsrAccessError
from odoo.addons.asr_charter.tests.embedded_views import (
    embedded_one2many, field_nodes, inverse_problems, modifiers)

from .common import ClauseCase


class TestOneFormOneSave(ClauseCase):

    @classmethod
    def setUpClass(cls):
        super(TestOneFormOneSave, cls).setUpClass()
        cls.buyer = cls.user(cls, 'asr_nested_buyer', [
            'asr_charter.group_asr_buyer', 'purchase.group_purchase_user'])
        cls.market.user_id = cls.buyer
        cls.masonry = cls.env.ref('asr_clauses.trade_masonry')
        cls.painting = cls.env.ref('asr_clauses.trade_interior_painting')

    def market_values(self, **vals):
        values = {'name': 'Groupe scolaire Jean Zay (test)', 'charter_id': self.charter.id,
                  'buyer_entity_id': self.territory.id, 'nature': 'works',
                  'amount_estimated': 1200000.0, 'consultation_date': '2026-09-15',
                  'duration_months': 18}
        values.update(vals)
        return values

    def test_buyer_creates_a_market_two_lots_and_their_clauses_in_one_save(self):
        # as the web client sends it: virtual ids; the parent field, invisible in the
        # embedded forms, sent empty
        market = self.env['asr.market'].sudo(self.buyer).create(self.market_values(lot_ids=[
            (0, 'virtual_1', {
                'number': 1, 'name': 'Maçonnerie', 'trade_id': self.masonry.id,
                'amount_estimated': 800000.0, 'market_id': False,
                'clause_ids': [(0, 'virtual_2', {'clause_type': 'insertion',
                                                 'lot_id': False})]}),
            (0, 'virtual_3', {
                'number': 2, 'name': 'Peinture intérieure', 'trade_id': self.painting.id,
                'amount_estimated': 400000.0,
                'clause_ids': [(0, 'virtual_4', {'clause_type': 'insertion'})]})]))
        lots = market.lot_ids.sorted('number')
        self.assertEqual(lots.mapped('name'), ['Maçonnerie', 'Peinture intérieure'])
        self.assertEqual(lots.mapped('market_id'), market)
        self.assertEqual(lots.mapped('charter_id'), self.charter)
        self.assertEqual(lots.mapped('company_id'), market.company_id)
        clauses = lots.mapped('clause_ids')
        self.assertEqual(len(clauses), 2)
        self.assertEqual(clauses.mapped('market_id'), market)
        self.assertEqual(clauses.mapped('charter_id'), self.charter)
        self.assertEqual(set(clauses.mapped('state')), {'draft'})
        self.assertEqual(clauses.mapped('create_uid'), self.buyer)
        # the clause takes the lot's trade and the charter's defaults:
        # 800,000 x 50 % / 32 EUR = 12,500 h worked; x 5 % = 625 h
        self.assertEqual(lots[0].clause_ids.hour_objective, 625)
        # 400,000 x 70 % / 32 EUR = 8,750 h worked; x 5 % = 437.5 -> 438 h
        self.assertEqual(lots[1].clause_ids.hour_objective, 438)
        self.assertEqual(lots[1].clause_ids.penalty_rate_missing_hour, 18.0)
        self.assertTrue(market.reference.startswith('ASR-'))
        self.assertEqual(market.disposition_count, 1)

    def test_buyer_adds_a_lot_with_several_clauses_in_one_save(self):
        market = self.market.sudo(self.buyer)
        market.write({'lot_ids': [(0, 'virtual_1', {
            'number': 4, 'name': 'Nettoyage du chantier', 'labour_share': 80.0,
            'amount_estimated': 150000.0, 'market_id': False,
            'clause_ids': [
                (0, 'virtual_2', {'clause_type': 'insertion', 'lot_id': False}),
                (0, 'virtual_3', {'clause_type': 'social_action', 'action_ids': [
                    (0, 'virtual_4', {'action': 'company_visit', 'people_count': 6})]}),
                (0, 'virtual_5', {'clause_type': 'award_criterion',
                                  'criterion_weight': 10.0})]})]})
        lot = market.lot_ids.filtered(lambda l: l.number == 4)
        self.assertEqual(sorted(lot.clause_ids.mapped('clause_type')),
                         ['award_criterion', 'insertion', 'social_action'])
        # 150,000 x 80 % / 32 EUR = 3,750 h worked; x 5 % = 187.5 -> 188 h
        self.assertEqual(lot.clause_ids.filtered(
            lambda c: c.clause_type == 'insertion').hour_objective, 188)
        self.assertEqual(lot.clause_ids.mapped('action_ids').people_count, 6)
        # a new lot from its own form (its market chosen there) with several clauses
        other = self.env['asr.market.lot'].sudo(self.buyer).create({
            'market_id': market.id, 'number': 5, 'name': 'Espaces verts',
            'trade_id': self.env.ref('asr_clauses.trade_green_spaces').id,
            'amount_estimated': 90000.0,
            'clause_ids': [(0, 0, {'clause_type': 'insertion'}),
                           (0, 0, {'clause_type': 'progress_plan', 'progress_line_ids': [
                               (0, 0, {'objective': 'Former les salariés recrutés'})]})]})
        self.assertEqual(len(other.clause_ids), 2)
        self.assertEqual(other.clause_ids.mapped('market_id'), self.market)

    def test_nested_records_pass_their_own_guard(self):
        """The market is created by a workflow method (its reference): its trust does not
        cover the lots and clauses nested in the buyer's values."""
        Market = self.env['asr.market'].sudo(self.buyer)
        count = self.env['asr.clause'].search_count([])
        forged = self.market_values(lot_ids=[(0, 0, {
            'number': 1, 'name': 'Gros œuvre', 'labour_share': 40.0,
            'amount_estimated': 800000.0,
            'clause_ids': [(0, 0, {'clause_type': 'insertion', 'state': 'execution'})]})])
        with self.assertRefused(AsrAccessError, 'guard.protected_field'):
            with self.env.cr.savepoint():
                Market.create(forged)
        self.assertEqual(self.env['asr.clause'].search_count([]), count)
        clause = self.insertion_clause()
        with self.assertRefused(AsrAccessError, 'guard.protected_field'):
            with self.env.cr.savepoint():
                self.market.sudo(self.buyer).write({'lot_ids': [(1, self.lot.id, {
                    'clause_ids': [(1, clause.id, {'state': 'closed'})]})]})
        self.assertEqual(clause.state, 'draft')

    def test_other_buyers_cannot_nest_lots_in_a_market_they_do_not_handle(self):
        other = self.user('asr_nested_other', ['asr_charter.group_asr_buyer'])
        with self.assertRefused(AccessError, 'record_rule'):
            with self.env.cr.savepoint():
                self.market.sudo(other).write({'lot_ids': [(0, 0, {
                    'number': 9, 'name': 'Intrus', 'amount_estimated': 1000.0})]})
        self.assertFalse(self.market.lot_ids.filtered(lambda l: l.number == 9))


class TestEmbeddedForms(ClauseCase):
    """The forms the web client shows for a market's lots and a lot's clauses."""

    def embedded(self, model, name, view_id=None):
        for embedded in embedded_one2many(self.env, model, view_id=view_id):
            if embedded['name'] == name:
                return embedded
        self.fail('%s has no one2many %s in its form' % (model, name))

    def assertParentSetByTheRelation(self, embedded, parent):
        tree_nodes = field_nodes(embedded['tree']['arch'], parent)
        self.assertTrue(all(modifiers(n).get('column_invisible') for n in tree_nodes))
        nodes = field_nodes(embedded['form']['arch'], parent)
        self.assertEqual(len(nodes), 1)
        self.assertIs(modifiers(nodes[0]).get('invisible'), True)
        self.assertFalse(modifiers(nodes[0]).get('required'))
        self.assertEqual(inverse_problems(embedded), [])

    def test_market_form_lots_form_has_the_market_invisible_and_not_required(self):
        lots = self.embedded('asr.market', 'lot_ids')
        self.assertEqual(lots['inverse'], 'market_id')
        self.assertEqual(lots['form_view_ref'], 'asr_clauses.asr_market_lot_view_form_embedded')
        self.assertParentSetByTheRelation(lots, 'market_id')
        # the lot's own form (from its market's field, or alone) still asks for its market
        own = field_nodes(self.env['asr.market.lot'].fields_view_get(
            view_type='form')['arch'], 'market_id')
        self.assertTrue(modifiers(own[0]).get('required'))

    def test_lot_forms_clauses_form_has_the_lot_invisible_and_not_required(self):
        embedded_lot = self.env.ref('asr_clauses.asr_market_lot_view_form_embedded')
        for view_id in (None, embedded_lot.id):
            clauses = self.embedded('asr.market.lot', 'clause_ids', view_id=view_id)
            self.assertEqual(clauses['inverse'], 'lot_id')
            self.assertParentSetByTheRelation(clauses, 'lot_id')
        for name in ('labour_share', 'hourly_cost', 'insertion_rate',
                     'hour_objective_estimated'):
            self.assertTrue(field_nodes(clauses['form']['arch'], name), name)

    def test_default_forms_would_ask_for_the_parent(self):
        """The check can fail: the default forms of lots and clauses show their parent
        required, which the web client refuses to save empty."""
        for model, parent in (('asr.market.lot', 'market_id'), ('asr.clause', 'lot_id')):
            view = self.env[model].fields_view_get(view_type='form')
            problems = inverse_problems({
                'name': parent, 'inverse': parent, 'modifiers': {},
                'tree': self.env[model].fields_view_get(view_type='tree'), 'form': view})
            self.assertTrue(problems, model)
