"""A picker finds markets, lots, clauses and the clause library by what a buyer knows of them:
a name, a reference, a parent's name or reference, a contractor, a number."""
from odoo import SUPERUSER_ID
from odoo.exceptions import AccessError

from .common import ClauseCase


class TestNameSearch(ClauseCase):

    @classmethod
    def setUpClass(cls):
        super(TestNameSearch, cls).setUpClass()
        Users = cls.env['res.users'].with_context(no_reset_password=True)
        buyer_group = cls.env.ref('asr_charter.group_asr_buyer')
        # the buyer who links purchase orders to lots
        cls.buyer = Users.create({
            'name': 'Acheteuse (test)', 'login': 'asr_ns_buyer', 'lang': 'fr_FR',
            'groups_id': [(6, 0, (buyer_group | cls.env.ref(
                'purchase.group_purchase_user')).ids)]})
        # a buyer of another company reads none of these records
        company = cls.env['res.company'].create({'name': 'Autre collectivité (test)'})
        cls.elsewhere = Users.create({
            'name': 'Acheteur ailleurs (test)', 'login': 'asr_ns_elsewhere', 'lang': 'fr_FR',
            'company_id': company.id, 'company_ids': [(6, 0, company.ids)],
            'groups_id': [(6, 0, buyer_group.ids)]})
        cls.nobody = Users.create({'name': 'Sans groupe (test)', 'login': 'asr_ns_nobody',
                                   'groups_id': [(6, 0, [])]})
        cls.school = cls.env['asr.market'].create({
            'name': 'Rénovation du collège Jean Zay (test)', 'charter_id': cls.charter.id,
            'buyer_entity_id': cls.territory.id, 'nature': 'works',
            'amount_estimated': 2000000.0, 'consultation_date': '2025-02-03',
            'duration_months': 18})
        cls.painting = cls.env['asr.market.lot'].create({
            'market_id': cls.school.id, 'number': 7, 'name': 'Peinture des classes',
            'labour_share': 60.0, 'amount_estimated': 300000.0})
        cls.roofing = cls.env['asr.market.lot'].create({
            'market_id': cls.school.id, 'number': 8, 'name': 'Couverture',
            'labour_share': 40.0, 'amount_estimated': 500000.0})
        cls.painter = cls.env['res.partner'].create({'name': 'Peintures Quiroga (test)',
                                                     'is_company': True})
        cls.award(cls.painting, 280000.0, partner=cls.painter)
        cls.clause = cls.insertion_clause(lot=cls.painting)
        cls.roof_clause = cls.insertion_clause(lot=cls.roofing, name='Clause des couvreurs')
        cls.gym_clause = cls.insertion_clause()

    def names(self, model, name, user=None, operator='ilike', args=None):
        """The ids name_search gives ``user`` (the buyer by default)."""
        found = self.env[model].sudo(user or self.buyer).name_search(
            name, args=args, operator=operator, limit=None)
        return [record_id for record_id, _label in found]

    def test_purchase_order_lot_picker_finds_the_market_name_and_reference(self):
        domain = self.env['purchase.order']._fields['asr_lot_id'].domain
        domain = list(domain(self.order) if callable(domain) else domain or [])
        lots = (self.painting | self.roofing).ids
        self.assertEqual(sorted(self.names('asr.market.lot', 'Jean Zay', args=domain)), lots)
        self.assertEqual(sorted(self.names('asr.market.lot', self.school.reference,
                                           args=domain)), lots)
        self.assertEqual(self.names('asr.market.lot', 'jean zay', args=[('number', '=', 8)]),
                         self.roofing.ids)
        # its own title and number still work, and the label is the lot's usual name
        found = self.env['asr.market.lot'].sudo(self.buyer).name_search('Peinture des cl')
        self.assertEqual(found, self.painting.sudo(self.buyer).name_get())
        self.assertIn(self.roofing.id, self.names('asr.market.lot', '8'))
        self.assertEqual(self.names('asr.market.lot', 'Couverture'), self.roofing.ids)
        # a buyer of another company finds none of them, by no word
        for text in ('Jean Zay', self.school.reference, 'Peinture des classes'):
            self.assertFalse(self.names('asr.market.lot', text, user=self.elsewhere))

    def test_purchase_orders_filtered_by_the_lot_s_market(self):
        """A filter on the lot of purchase orders goes through the lot's name search."""
        order = self.order.copy({'asr_lot_id': self.painting.id})
        Order = self.env['purchase.order'].sudo(self.buyer)
        self.assertEqual(Order.search([('asr_lot_id', 'ilike', 'Jean Zay')]), order)
        self.assertEqual(Order.search([('asr_lot_id', 'ilike', self.market.reference)]),
                         self.order)

    def test_market_by_name_and_reference(self):
        self.assertEqual(self.names('asr.market', 'collège jean'), self.school.ids)
        self.assertEqual(self.names('asr.market', self.school.reference), self.school.ids)
        self.assertEqual(self.names('asr.market', self.school.reference, operator='='),
                         self.school.ids)
        self.assertFalse(self.names('asr.market', self.school.reference, user=self.elsewhere))

    def test_clause_by_market_lot_contractor_and_disposition(self):
        def clauses(text, **kw):
            return set(self.names('asr.clause', text, **kw))
        school = {self.clause.id, self.roof_clause.id}
        self.assertEqual(clauses('Jean Zay'), school)
        self.assertEqual(clauses(self.school.reference), school)
        self.assertEqual(clauses('Peinture des classes'), {self.clause.id})
        self.assertEqual(clauses('Quiroga'), {self.clause.id})
        self.assertEqual(clauses('couvreurs'), {self.roof_clause.id})
        # the disposition's label, in the user's language
        self.assertTrue({self.clause.id, self.gym_clause.id} <= clauses("clause d'insertion"))
        # the hour entries' picker keeps its own domain
        self.assertEqual(clauses('Jean Zay', args=[('state', '=', 'execution')]), set())
        self.assertFalse(clauses('Jean Zay', user=self.elsewhere))

    def test_negative_operators_find_what_no_field_matches(self):
        Lot = self.env['asr.market.lot'].sudo(self.buyer)
        every = set(Lot.search([]).ids)
        for text in ('Jean Zay', self.school.reference, 'Maçonnerie', '7'):
            found = set(self.names('asr.market.lot', text))
            others = set(self.names('asr.market.lot', text, operator='not ilike'))
            self.assertTrue(found, text)
            self.assertFalse(found & others, text)
            self.assertEqual(found | others, every, text)
        self.assertNotIn(self.painting.id, self.names('asr.market.lot', 'Jean Zay',
                                                      operator='not ilike'))
        self.assertIn(self.lot.id, self.names('asr.market.lot', 'Jean Zay',
                                              operator='not ilike'))
        # a clause without contractor nor title is not "matched" by them
        self.assertIn(self.gym_clause.id, self.names('asr.clause', 'Quiroga',
                                                     operator='not ilike'))
        self.assertNotIn(self.clause.id, self.names('asr.clause', 'Quiroga',
                                                    operator='not ilike'))
        markets = self.names('asr.market', self.school.reference, operator='!=')
        self.assertNotIn(self.school.id, markets)
        self.assertIn(self.market.id, markets)
        # through a many2one: clauses whose lot is not one of Jean Zay's
        Clause = self.env['asr.clause'].sudo(self.buyer)
        self.assertEqual(Clause.search([('lot_id', 'not ilike', 'Jean Zay'),
                                        ('id', 'in', [self.clause.id, self.gym_clause.id])]),
                         self.gym_clause)

    def test_name_get_uid_gives_the_access_rights(self):
        Lot = self.env['asr.market.lot'].sudo(self.nobody)
        with self.assertRefused(AccessError, 'acl'):
            Lot.name_search('Jean Zay')
        found = Lot._name_search('Jean Zay', name_get_uid=SUPERUSER_ID)
        self.assertEqual(sorted(pid for pid, _label in found),
                         sorted((self.painting | self.roofing).ids))

    def test_reference_data_by_name(self):
        masonry = self.env.ref('asr_clauses.trade_masonry')
        label = masonry.with_context(lang='fr_FR').name
        self.assertIn(masonry.id, self.names('asr.trade', label[:5]))
        template = self.env['asr.clause.template'].create({
            'name': 'Modèle insertion du collège (test)', 'clause_type': 'insertion',
            'body': "Le titulaire réalise {hour_objective} heures d'insertion."})
        self.assertEqual(self.names('asr.clause.template', 'insertion du collège'),
                         template.ids)
        self.assertIn(template.id, self.names('asr.clause.template', "clause d'insertion"))

    def test_social_action_by_action_and_market(self):
        clause = self.env['asr.clause'].create({
            'clause_type': 'social_action', 'lot_id': self.roofing.id,
            'action_ids': [(0, 0, {'action': 'company_visit', 'people_count': 8}),
                           (0, 0, {'action': 'immersion', 'people_count': 2})]})
        visit, immersion = clause.action_ids
        self.assertEqual(set(self.names('asr.clause.action', 'Jean Zay')),
                         {visit.id, immersion.id})
        self.assertEqual(self.names('asr.clause.action', 'visite',
                                    args=[('clause_id', '=', clause.id)]), visit.ids)
        self.assertFalse(self.names('asr.clause.action', 'Jean Zay', user=self.elsewhere))
