"""Guards of the market's form: the buyer's reason to validate against a reserved or
unfavourable opinion, the lots that do not add up to the market (a warning, not an error),
the charter proposed when only one is in force."""
from odoo.addons.asr_charter.exceptions import AsrAccessError, AsrUserError, AsrValidationError

from .common import ClauseCase


class TestReasonAgainstTheOpinion(ClauseCase):

    @classmethod
    def setUpClass(cls):
        super(TestReasonAgainstTheOpinion, cls).setUpClass()
        cls.buyer = cls.user(cls, 'asr_answer_buyer', [
            'asr_charter.group_asr_buyer', 'purchase.group_purchase_user'])
        cls.manager = cls.user(cls, 'asr_answer_manager', [
            'asr_charter.group_asr_manager', 'purchase.group_purchase_manager'])
        cls.market.user_id = cls.buyer
        cls.insertion_clause()

    def opinion(self, opinion):
        self.market.sudo(self.buyer).action_examined()
        self.market.sudo(self.manager).action_give_opinion(
            opinion, "Objectif trop faible pour un lot de maçonnerie.",
            "Clause d'insertion de 7 %.")

    def test_validation_after_a_reserved_opinion_is_refused_without_the_buyers_reason(self):
        self.opinion('reserved')
        with self.assertRefused(AsrUserError, 'market.reason_missing'):
            self.market.sudo(self.manager).action_validate()
        with self.assertRefused(AsrUserError, 'market.reason_missing'):
            self.market.sudo(self.manager).action_validate(reason='   ')
        with self.assertRefused(AsrUserError, 'market.reason_text'):
            self.market.sudo(self.manager).action_validate(reason=42)
        self.assertEqual(self.market.state, 'opinion')
        # the buyer answers the facilitator on the market's form, then the manager validates
        self.market.sudo(self.buyer).write({
            'opinion_answer': "Le lot est très mécanisé : 5 % retenus avec l'entreprise."})
        self.market.sudo(self.manager).action_validate()
        self.assertEqual(self.market.state, 'validated')
        self.assertEqual(self.market.opinion_answer,
                         "Le lot est très mécanisé : 5 % retenus avec l'entreprise.")

    def test_validation_after_an_unfavourable_opinion_through_the_dialog(self):
        self.opinion('unfavourable')
        market = self.market.sudo(self.manager)
        self.assertTrue(market.opinion_needs_answer)
        action = market.action_open_validation()
        self.assertEqual(action['res_model'], 'asr.market.validate')
        self.assertEqual(self.market.state, 'opinion')
        Wizard = self.env['asr.market.validate'].sudo(self.manager).with_context(
            action['context'])
        with self.assertRefused(AsrValidationError, 'input.blank'):
            with self.env.cr.savepoint():
                Wizard.create({'market_id': self.market.id, 'reason': '  '})
        wizard = Wizard.create({'market_id': self.market.id,
                                'reason': " Aucune SIAE du métier sur le territoire. "})
        wizard.action_validate()
        self.assertEqual(self.market.state, 'validated')
        self.assertEqual(self.market.opinion_answer, "Aucune SIAE du métier sur le territoire.")
        # a buyer may not validate through the dialog either
        self.market.sudo(self.manager).action_reset()
        self.assertFalse(self.market.opinion_answer)
        self.opinion('reserved')
        with self.assertRefused(AsrAccessError, 'market.manager_only'):
            self.env['asr.market.validate'].sudo(self.buyer).create({
                'market_id': self.market.id, 'reason': 'Je valide moi-même.'}).action_validate()
        self.assertEqual(self.market.state, 'opinion')

    def test_favourable_opinion_validates_at_once(self):
        self.opinion('favourable')
        self.assertFalse(self.market.opinion_needs_answer)
        self.assertIs(self.market.sudo(self.manager).action_open_validation(), True)
        self.assertEqual(self.market.state, 'validated')

    def test_reason_written_only_between_the_opinion_and_the_validation(self):
        with self.assertRefused(AsrUserError, 'market.opinion_answer_step'):
            self.market.sudo(self.buyer).write({'opinion_answer': 'Trop tôt.'})
        self.assertFalse(self.market.opinion_answer)
        self.opinion('reserved')
        self.market.sudo(self.buyer).write({'opinion_answer': 'Motif.'})
        self.market.sudo(self.manager).action_validate()
        with self.assertRefused(AsrUserError, 'market.opinion_answer_step'):
            self.market.sudo(self.buyer).write({'opinion_answer': 'Motif changé après coup.'})
        self.assertEqual(self.market.opinion_answer, 'Motif.')

    def test_reason_is_tracked(self):
        self.opinion('reserved')
        self.market.sudo(self.buyer).with_context(tracking_disable=False).write(
            {'opinion_answer': 'Motif suivi.'})
        values = self.market.message_ids.mapped('tracking_value_ids').filtered(
            lambda v: v.field == 'opinion_answer')
        self.assertIn('Motif suivi.', values.mapped('new_value_char')
                      + values.mapped('new_value_text'))
        self.assertEqual(values.mapped('mail_message_id.author_id'), self.buyer.partner_id)


class TestLotsAmountWarning(ClauseCase):
    """The market of the issue: 3.2 M EUR whose lots add up to 1.8 M EUR."""

    def new_lot(self, number, amount, market=None):
        return self.env['asr.market.lot'].create({
            'market_id': (market or self.market).id, 'number': number,
            'name': 'Lot %s' % number, 'labour_share': 40.0, 'amount_estimated': amount})

    def test_gap_between_the_market_and_its_lots_is_computed(self):
        self.market.amount_estimated = 3200000.0
        self.lot.amount_estimated = 1000000.0
        self.new_lot(4, 800000.0)
        # 3,200,000 - (1,000,000 + 800,000) = 1,400,000
        self.assertEqual(self.market.lots_amount_total, 1800000.0)
        self.assertEqual(self.market.lots_amount_gap, 1400000.0)
        self.assertIn('1 800 000', self.market.lots_amount_warning)
        self.assertIn('3 200 000', self.market.lots_amount_warning)
        self.assertIn('écart : 1 400 000', self.market.lots_amount_warning)
        # a warning, not an error: the market is saved and examined all the same
        self.insertion_clause()
        self.insertion_clause(lot=self.env['asr.market.lot'].search([
            ('market_id', '=', self.market.id), ('number', '=', 4)]))
        self.new_lot(5, 500000.0).write({
            'no_disposition': True, 'no_disposition_reason': 'Fournitures sur catalogue.'})
        self.assertEqual(self.market.lots_amount_gap, 900000.0)
        buyer = self.user('asr_gap_buyer', ['asr_charter.group_asr_buyer'])
        self.market.user_id = buyer
        self.market.sudo(buyer).action_examined()
        self.assertEqual(self.market.state, 'examined')
        self.market.with_context(tracking_disable=True).write({'amount_estimated': 2300000.0})
        self.assertEqual(self.market.lots_amount_gap, 0.0)
        self.assertFalse(self.market.lots_amount_warning)

    def test_no_warning_without_lots(self):
        market = self.env['asr.market'].create({
            'name': 'Sans lot (test)', 'charter_id': self.charter.id,
            'buyer_entity_id': self.territory.id, 'amount_estimated': 75000.0,
            'consultation_date': '2026-10-01'})
        self.assertEqual(market.lots_amount_gap, market.amount_estimated)
        self.assertFalse(market.lots_amount_warning)

    def test_onchange_warns_as_the_form_does(self):
        Market = self.env['asr.market']
        spec = Market._onchange_spec()
        values = dict(Market.default_get(list(Market._fields)), **{
            'name': 'Groupe scolaire (test)', 'charter_id': self.charter.id,
            'buyer_entity_id': self.territory.id, 'consultation_date': '2026-09-15',
            'amount_estimated': 3200000.0,
            'lot_ids': [(0, 0, {'number': 1, 'name': 'A', 'amount_estimated': 1000000.0}),
                        (0, 0, {'number': 2, 'name': 'B', 'amount_estimated': 800000.0})]})
        values = {name: values.get(name, False) for name in spec if '.' not in name}
        result = Market.onchange(values, 'amount_estimated', spec)
        self.assertIn('écart : 1 400 000', result['warning']['message'])
        self.assertIn('écart : 1 400 000', result['value']['lots_amount_warning'])
        # lots still below the market while they are typed: no pop-up, the banner only
        result = Market.onchange(values, 'lot_ids', spec)
        self.assertFalse(result.get('warning'))
        # lots above the market: a pop-up at once
        values['lot_ids'].append((0, 0, {'number': 3, 'name': 'C',
                                         'amount_estimated': 2000000.0}))
        result = Market.onchange(values, 'lot_ids', spec)
        self.assertIn('écart : -600 000', result['warning']['message'])
        values['amount_estimated'] = 3800000.0
        result = Market.onchange(values, 'amount_estimated', spec)
        self.assertFalse(result.get('warning'))


class TestCharterProposed(ClauseCase):
    """A new market proposes the charter in force of the user's company when it is the only
    one."""

    @classmethod
    def setUpClass(cls):
        super(TestCharterProposed, cls).setUpClass()
        cls.company = cls.env['res.company'].create({'name': 'Territoire isolé (test)'})
        cls.buyer = cls.user(cls, 'asr_default_buyer', ['asr_charter.group_asr_buyer'])
        cls.buyer.write({'company_ids': [(4, cls.company.id)], 'company_id': cls.company.id})

    def charter_in_force(self, name):
        charter = self.env['asr.charter'].create({
            'name': name, 'territory_id': self.territory.id, 'company_id': self.company.id,
            'act_number': 'CT2024.1', 'act_date': '2024-01-15',
            'member_ids': [
                (0, 0, {'partner_id': self.territory.id, 'role': 'public_buyer',
                        'membership': 'signatory', 'date_join': '2024-01-15'}),
                (0, 0, {'partner_id': self.facilitator.id, 'role': 'facilitator',
                        'membership': 'signatory', 'date_join': '2024-01-15'})]})
        charter.action_adopt()
        charter.action_put_in_force()
        return charter

    def proposed(self):
        return self.env['asr.market'].sudo(self.buyer).default_get(['charter_id']).get(
            'charter_id')

    def test_the_only_charter_in_force_is_proposed(self):
        self.assertFalse(self.proposed())
        draft = self.env['asr.charter'].create({
            'name': 'Charte en préparation (test)', 'territory_id': self.territory.id,
            'company_id': self.company.id})
        first = self.charter_in_force('Charte du territoire isolé (test)')
        self.assertEqual(self.proposed(), first.id)
        # the form's default saves: the buyer gives no charter
        market = self.env['asr.market'].sudo(self.buyer).create({
            'name': 'Voirie (test)', 'buyer_entity_id': self.territory.id,
            'amount_estimated': 50000.0, 'consultation_date': '2026-10-01'})
        self.assertEqual(market.charter_id, first)
        self.assertNotEqual(draft, first)

    def test_no_charter_proposed_when_two_are_in_force(self):
        self.charter_in_force('Charte A (test)')
        self.charter_in_force('Charte B (test)')
        self.assertFalse(self.proposed())
