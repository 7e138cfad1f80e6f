"""Dispositions of a lot: hour objective (estimated, awarded, overridden) and legal checks."""
from odoo.exceptions import AccessError

from odoo.addons.asr_charter.exceptions import AsrValidationError

from .common import ClauseCase


class TestHourObjective(ClauseCase):

    def test_estimated_objective_from_lot_trade_and_charter(self):
        clause = self.insertion_clause()
        # lot 800,000 x masonry 50 % / charter 32 EUR = 12,500 h; x charter 5 % = 625 h
        self.assertEqual(clause.labour_share, 50.0)
        self.assertEqual(clause.hourly_cost, 32.0)
        self.assertEqual(clause.insertion_rate, 5.0)
        self.assertEqual(clause.hour_objective_estimated, 625)
        self.assertEqual(clause.hour_objective_awarded, 0)
        self.assertEqual(clause.hour_objective, 625)
        self.assertEqual(clause.legal_basis, 'L2112-2')
        self.assertEqual(self.order.asr_hour_objective, 625)
        self.assertEqual(self.order.asr_clause_ids, clause)

    def test_penalty_parameters_default_from_charter(self):
        clause = self.insertion_clause()
        self.assertEqual(clause.penalty_rate_missing_hour, 18.0)
        self.assertEqual(clause.penalty_rate_late_day, 50.0)
        self.assertEqual(clause.report_due_day, 12)
        self.assertEqual(clause.penalty_cap_percent, 10.0)

    def test_objective_recomputed_at_award_both_stay_visible(self):
        clause = self.insertion_clause()
        self.award(self.lot, 736000.0)
        # 736,000 x 50 % / 32 = 11,500 h; x 5 % = 575 h
        self.assertEqual(clause.hour_objective_estimated, 625)
        self.assertEqual(clause.hour_objective_awarded, 575)
        self.assertEqual(clause.hour_objective, 575)

    def test_proximity_management_rate(self):
        clause = self.insertion_clause(insertion_rate=10.0)
        # 12,500 h x 10 % = 1,250 h
        self.assertEqual(clause.hour_objective, 1250)

    def test_proximity_management_market_proposes_the_charter_proximity_rate(self):
        self.market.proximity_management = True
        self.charter.insertion_rate_proximity = 8.0
        clause = self.insertion_clause()
        # 12,500 h x 8 % = 1,000 h
        self.assertEqual(clause.insertion_rate, 8.0)
        self.assertEqual(clause.hour_objective, 1000)

    def test_override_needs_a_reason_and_is_kept(self):
        # the buyer in charge of the market sets the objective by hand
        buyer = self.user('asr_override_buyer', ['asr_charter.group_asr_buyer'])
        self.market.user_id = buyer
        clause = self.insertion_clause().sudo(buyer)
        with self.assertRefused(AsrValidationError, 'clause.override_reason'):
            with self.env.cr.savepoint():
                clause.write({'hour_objective_override': 400})
        clause.invalidate_cache()
        self.assertEqual(clause.hour_objective, 625)
        clause.write({'hour_objective_override': 400,
                      'override_reason': 'Lot très mécanisé, validé avec le facilitateur.'})
        self.assertEqual(clause.hour_objective, 400)
        self.award(self.lot, 736000.0)
        self.assertEqual(clause.hour_objective_awarded, 575)
        self.assertEqual(clause.hour_objective, 400)

    def test_bad_inputs_refused_and_nothing_written(self):
        clause = self.insertion_clause()
        for vals, check in (({'labour_share': 120}, 'clause.labour_share'),
                            ({'labour_share': 0}, 'clause.labour_share'),
                            ({'insertion_rate': 0}, 'clause.insertion_rate'),
                            ({'insertion_rate': 101}, 'clause.insertion_rate'),
                            ({'hourly_cost': 0}, 'clause.hourly_cost'),
                            ({'hour_objective_override': -5, 'override_reason': 'x'},
                             'clause.override_negative'),
                            ({'report_due_day': 31}, 'clause.report_due_day'),
                            ({'penalty_cap_percent': 150}, 'clause.penalty_cap'),
                            ({'penalty_rate_late_day': -1}, 'clause.penalty_rate_negative')):
            with self.assertRefused(AsrValidationError, check):
                with self.env.cr.savepoint():
                    clause.write(vals)
            clause.invalidate_cache()
            self.assertEqual(clause.hour_objective, 625)

    def test_non_positive_lot_amounts_refused(self):
        for vals in ({'amount_estimated': 0}, {'amount_estimated': -100}):
            with self.assertRefused(AsrValidationError, 'lot.amount_estimated'):
                with self.env.cr.savepoint():
                    self.lot.write(vals)
        with self.assertRefused(AsrValidationError, 'lot.amount_awarded'):
            with self.env.cr.savepoint():
                self.award(self.lot, 0.0)
        self.lot.invalidate_cache()
        self.assertEqual((self.lot.amount_estimated, self.lot.partner_id),
                         (800000.0, self.env['res.partner']))


class TestLegalChecks(ClauseCase):

    def _clause(self, clause_type, lot=None, **vals):
        values = {'clause_type': clause_type, 'lot_id': (lot or self.lot).id}
        values.update(vals)
        return self.env['asr.clause'].create(values)

    def test_lot_reserved_to_esat_and_siae_refused_naming_l2113_14(self):
        self._clause('reserved_esat_ea')
        with self.assertRefused(AsrValidationError, 'legal.double_reservation'):
            with self.env.cr.savepoint():
                self._clause('reserved_siae')
        self.lot.invalidate_cache()
        self.assertEqual(self.lot.clause_ids.mapped('clause_type'), ['reserved_esat_ea'])

    def _services_market(self, category='social', months=24, cpv='85300000'):
        market = self.env['asr.market'].create({
            'name': 'Accompagnement social (test)', 'charter_id': self.charter.id,
            'buyer_entity_id': self.territory.id, 'nature': 'services',
            'service_category': category, 'amount_estimated': 90000.0,
            'consultation_date': '2025-06-01', 'duration_months': months, 'cpv_code': cpv})
        lot = self.env['asr.market.lot'].create({'market_id': market.id, 'name': 'Lot unique',
                                                 'amount_estimated': 90000.0})
        return market, lot

    def test_ess_reservation_rules(self):
        market, lot = self._services_market()
        self._clause('reserved_ess', lot)  # social services, 24 months: accepted
        self.assertEqual(lot.clause_ids.mapped('clause_type'), ['reserved_ess'])
        for category, months, check in (('other', 24, 'legal.ess_services_only'),
                                        ('social', 37, 'legal.ess_duration')):
            market2, lot2 = self._services_market(category, months)
            with self.assertRefused(AsrValidationError, check):
                with self.env.cr.savepoint():
                    self._clause('reserved_ess', lot2)
            lot2.invalidate_cache()
            self.assertFalse(lot2.clause_ids)
        works_lot = self.lot
        with self.assertRefused(AsrValidationError, 'legal.ess_services_only'):
            with self.env.cr.savepoint():
                self._clause('reserved_ess', works_lot)

    def test_ess_winner_with_recent_contract_for_same_services_refused(self):
        # the winner held a contract of this buyer for the same services (CPV 85300...)
        # awarded on 01/09/2023, less than 3 years before the consultation of 01/06/2025
        old_market, old_lot = self._services_market()
        old_market.consultation_date = '2023-06-01'
        old_lot.write({'partner_id': self.contractor.id, 'amount_awarded': 80000.0,
                       'date_award': '2023-09-01'})
        market, lot = self._services_market()
        self._clause('reserved_ess', lot)
        with self.assertRefused(AsrValidationError, 'legal.ess_previous_contract'):
            with self.env.cr.savepoint():
                lot.write({'partner_id': self.contractor.id, 'amount_awarded': 85000.0,
                           'date_award': '2025-07-01'})
        lot.invalidate_cache()
        self.assertFalse(lot.partner_id)
        # another winner is accepted
        other = self.env['res.partner'].create({'name': 'Autre ESS', 'is_company': True})
        lot.write({'partner_id': other.id, 'amount_awarded': 85000.0,
                   'date_award': '2025-07-01'})
        self.assertEqual(lot.partner_id, other)

    def test_award_criterion_weight_between_0_and_100(self):
        accepted = self._clause('award_criterion', criterion_weight=15.0)
        for weight in (0.0, 100.5, -3.0):
            with self.assertRefused(AsrValidationError, 'legal.criterion_weight'):
                with self.env.cr.savepoint():
                    self._clause('award_criterion', criterion_weight=weight)
        self.lot.invalidate_cache()
        self.assertEqual(self.lot.clause_ids, accepted)


class TestNames(ClauseCase):
    """Markets, lots and clauses are named in one query per call, as a user may read them."""

    def test_names_of_many_records_at_once(self):
        second = self.env['asr.market.lot'].create({
            'market_id': self.market.id, 'number': 4, 'name': 'Peinture',
            'trade_id': self.env.ref('asr_clauses.trade_masonry').id,
            'amount_estimated': 100000.0})
        first = self.insertion_clause()
        titled = self.insertion_clause(lot=second, name='Clause des peintres')
        market = self.market.reference
        self.assertTrue(market and market != '/')
        lots = self.lot | second
        self.assertEqual(lots.with_context(lang='fr_FR').name_get(), [
            (self.lot.id, '%s — Réhabilitation du gymnase (test) — lot 3 : Maçonnerie' % market),
            (second.id, '%s — Réhabilitation du gymnase (test) — lot 4 : Peinture' % market)])
        self.assertEqual((first | titled).with_context(lang='fr_FR').name_get(), [
            (first.id, "Clause d'insertion — %s — Réhabilitation du gymnase (test) — lot 3 : "
                       "Maçonnerie" % market),
            (titled.id, 'Clause des peintres')])
        self.assertEqual(self.market.name_get(),
                         [(self.market.id, '%s — Réhabilitation du gymnase (test)' % market)])
        # a user who may not read a clause gets no name for it
        other = self.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Sans accès', 'login': 'asr_names_none', 'groups_id': [(6, 0, [])]})
        with self.assertRefused(AccessError, 'acl'):
            first.sudo(other).name_get()

    def test_list_read_loads_only_the_shown_columns(self):
        """A list reads a market's buying entity by its name alone (asr.read.mixin): the
        same name as before, without loading the other columns of the partner."""
        market = self.market
        partner = market.buyer_entity_id
        self.assertTrue(partner)
        expected = (partner.id, partner.sudo().display_name)
        market.invalidate_cache()
        rows = market.read(['buyer_entity_id', 'name'])
        self.assertEqual(rows[0]['buyer_entity_id'], expected)
        email = partner._fields['email']
        cache = self.env.cache
        self.assertFalse(cache.contains(partner.sudo(), email))
        # the ORM's own loads keep their prefetching: every column at once
        market.invalidate_cache()
        self.assertTrue(market.buyer_entity_id.email or True)
        self.assertTrue(cache.contains(partner, email))
        self.assertTrue(cache.contains(market, market._fields['nature']))
