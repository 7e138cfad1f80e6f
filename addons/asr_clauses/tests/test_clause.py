"""An insertion clause on a purchase order carries an hour objective."""
from odoo.exceptions import ValidationError

from .common import ClauseCase


class TestInsertionClause(ClauseCase):

    def test_clause_on_order_computes_hour_objective_from_order_amount(self):
        clause = self.env['asr.clause'].create({
            'clause_type': 'insertion', 'charter_id': self.charter.id,
            'purchase_order_id': self.order.id, 'labour_share': 50.0})
        # amount taken from the order (800,000), cost and rate from the charter (32 EUR, 5 %):
        # 800,000 x 50 % / 32 = 12,500 h worked; x 5 % = 625 h
        self.assertEqual(clause.amount, 800000.0)
        self.assertEqual(clause.hourly_cost, 32.0)
        self.assertEqual(clause.insertion_rate, 5.0)
        self.assertEqual(clause.hour_objective, 625)
        self.assertEqual(clause.legal_basis, 'L2112-2')
        self.assertEqual(self.order.asr_hour_objective, 625)
        self.assertIn(self.order.name, clause.display_name)

    def test_objective_follows_its_inputs(self):
        clause = self.env['asr.clause'].create({
            'clause_type': 'insertion', 'charter_id': self.charter.id,
            'purchase_order_id': self.order.id, 'labour_share': 50.0})
        # proximity management: 10 % -> 1,250 h
        clause.insertion_rate = 10.0
        self.assertEqual(clause.hour_objective, 1250)

    def test_bad_inputs_refused_in_french_and_nothing_written(self):
        clause = self.env['asr.clause'].create({
            'clause_type': 'insertion', 'charter_id': self.charter.id,
            'purchase_order_id': self.order.id, 'labour_share': 50.0})
        for vals, message in (({'amount': 0}, 'doit être positif'),
                              ({'amount': -5}, 'doit être positif'),
                              ({'labour_share': 120}, 'entre 0 et 100'),
                              ({'insertion_rate': 0}, 'entre 0 et 100'),
                              ({'hourly_cost': 0}, 'coût horaire')):
            with self.assertRaisesRegex(ValidationError, message):
                with self.env.cr.savepoint():
                    clause.write(vals)
            clause.invalidate_cache()
            self.assertEqual(clause.hour_objective, 625)

    def test_contract_end_before_start_refused(self):
        with self.assertRaisesRegex(ValidationError, "ne peut pas se terminer avant"):
            with self.env.cr.savepoint():
                self.env['asr.clause'].create({
                    'clause_type': 'insertion', 'charter_id': self.charter.id,
                    'purchase_order_id': self.order.id, 'labour_share': 50.0,
                    'date_start': '2025-06-01', 'date_end': '2025-05-31'})
