"""A French environment with a charter in force, a contractor and a purchase order."""
from odoo.tests.common import SavepointCase


class ClauseCase(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(ClauseCase, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='fr_FR', tracking_disable=True))
        Partner = cls.env['res.partner']
        territory = Partner.create({'name': 'EPT (test)', 'is_company': True})
        facilitator = Partner.create({'name': 'Facilitateur (test)', 'is_company': True})
        cls.charter = cls.env['asr.charter'].create({
            'name': 'Charte (test)', 'territory_id': territory.id,
            'act_number': 'CT2020.1', 'act_date': '2020-01-15',
            'hourly_cost': 32.0, 'insertion_rate': 5.0,
            'member_ids': [
                (0, 0, {'partner_id': territory.id, 'role': 'public_buyer',
                        'membership': 'signatory', 'date_join': '2020-01-15'}),
                (0, 0, {'partner_id': facilitator.id, 'role': 'facilitator',
                        'membership': 'signatory', 'date_join': '2020-01-15'})]})
        cls.contractor = Partner.create({'name': 'Entreprise Titulaire (test)',
                                         'is_company': True, 'supplier': True})
        product = cls.env['product.product'].create({
            'name': 'Travaux de maçonnerie', 'type': 'service', 'purchase_ok': True})
        cls.order = cls.env['purchase.order'].create({
            'partner_id': cls.contractor.id,
            'order_line': [(0, 0, {
                'product_id': product.id, 'name': 'Maçonnerie, lot 3',
                'product_qty': 1, 'price_unit': 800000.0,
                'product_uom': cls.env.ref('product.product_uom_unit').id,
                'date_planned': '2025-01-01 00:00:00', 'taxes_id': [(5, 0, 0)]})]})
