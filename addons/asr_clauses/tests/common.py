"""A French environment with a charter in force, a market, a lot and its purchase order."""
from odoo.addons.asr_charter.tests.common import AsrCase


class ClauseCase(AsrCase):

    @classmethod
    def setUpClass(cls):
        super(ClauseCase, cls).setUpClass()
        Partner = cls.env['res.partner']
        cls.territory = Partner.create({'name': 'EPT (test)', 'is_company': True})
        cls.facilitator = Partner.create({'name': 'Facilitateur (test)', 'is_company': True})
        cls.charter = cls.env['asr.charter'].create({
            'name': 'Charte (test)', 'territory_id': cls.territory.id,
            'act_number': 'CT2020.1', 'act_date': '2020-01-15',
            'hourly_cost': 32.0, 'insertion_rate': 5.0, 'report_due_day': 12,
            'penalty_rate_missing_hour': 18.0, 'penalty_rate_late_day': 50.0,
            'penalty_cap_percent': 10.0,
            'member_ids': [
                (0, 0, {'partner_id': cls.territory.id, 'role': 'public_buyer',
                        'membership': 'signatory', 'date_join': '2020-01-15'}),
                (0, 0, {'partner_id': cls.facilitator.id, 'role': 'facilitator',
                        'membership': 'signatory', 'date_join': '2020-01-15'})]})
        cls.contractor = Partner.create({'name': 'Entreprise Titulaire (test)',
                                         'is_company': True, 'supplier': True})
        cls.market = cls.env['asr.market'].create({
            'name': 'Réhabilitation du gymnase (test)', 'charter_id': cls.charter.id,
            'buyer_entity_id': cls.territory.id, 'nature': 'works',
            'amount_estimated': 1500000.0, 'consultation_date': '2025-01-15',
            'duration_months': 24})
        # masonry: default labour share 50 %
        cls.lot = cls.env['asr.market.lot'].create({
            'market_id': cls.market.id, 'number': 3, 'name': 'Maçonnerie',
            'trade_id': cls.env.ref('asr_clauses.trade_masonry').id,
            'amount_estimated': 800000.0})
        product = cls.env['product.product'].create({
            'name': 'Travaux de maçonnerie', 'type': 'service', 'purchase_ok': True})
        cls.order = cls.env['purchase.order'].create({
            'partner_id': cls.contractor.id, 'asr_lot_id': cls.lot.id,
            'order_line': [(0, 0, {
                'product_id': product.id, 'name': 'Maçonnerie, lot 3',
                'product_qty': 1, 'price_unit': 800000.0,
                'product_uom': cls.env.ref('product.product_uom_unit').id,
                'date_planned': '2025-01-01 00:00:00', 'taxes_id': [(5, 0, 0)]})]})

    @classmethod
    def award(cls, lot, amount, start='2025-03-01', end='2026-12-31', partner=None):
        lot.write({'partner_id': (partner or cls.contractor).id, 'amount_awarded': amount,
                   'date_award': '2025-02-20', 'date_start': start, 'date_end': end})

    @classmethod
    def insertion_clause(cls, lot=None, **vals):
        values = {'clause_type': 'insertion', 'lot_id': (lot or cls.lot).id}
        values.update(vals)
        return cls.env['asr.clause'].create(values)
