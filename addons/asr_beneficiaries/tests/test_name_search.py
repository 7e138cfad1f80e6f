"""People are found by their reference (B-00042) by whoever meets it, by their name only by
those who may read them, and every such search is in the access log; clauses are found by
their code (CL-00012), criteria by their code, committed actions by their clause's code."""
from odoo.exceptions import AccessError

from .common import BeneficiaryCase


class TestNameSearch(BeneficiaryCase):

    @classmethod
    def setUpClass(cls):
        super(TestNameSearch, cls).setUpClass()
        Users = cls.env['res.users'].with_context(no_reset_password=True)

        def user(login, *groups):
            return Users.create({'name': login, 'login': login, 'lang': 'fr_FR',
                                 'groups_id': [(6, 0, [cls.env.ref(g).id for g in groups])]})
        # the facilitator's follow-up staff (ASR / Personal data) of the charter
        cls.staff = user('asr_ns_staff', 'asr_beneficiaries.group_asr_personal_data')
        cls.staff.partner_id.parent_id = cls.facilitator
        cls.buyer = user('asr_ns_benef_buyer', 'asr_charter.group_asr_buyer')
        cls.manager = user('asr_ns_benef_manager', 'asr_charter.group_asr_manager')
        cls.finance = user('asr_ns_benef_finance', 'asr_charter.group_asr_finance')
        cls.employee = user('asr_ns_employee', 'base.group_user')
        # a person of another charter, followed by another structure
        other_facilitator = cls.env['res.partner'].create({'name': 'Autre structure (test)',
                                                           'is_company': True})
        cls.other_charter = cls.env['asr.charter'].create({
            'name': 'Charte voisine (test)', 'territory_id': cls.territory.id,
            'member_ids': [(0, 0, {'partner_id': other_facilitator.id, 'role': 'facilitator',
                                   'membership': 'signatory', 'date_join': '2020-01-15'})]})
        cls.stranger = cls.env['asr.beneficiary'].create({
            'charter_id': cls.other_charter.id, 'last_name': 'Exemplaire',
            'first_name': 'Lou', 'birth_date': '1991-01-01'})

    def search_logs(self, person, user):
        return self.env['asr.access.log'].search([
            ('beneficiary_id', '=', person.id), ('operation', '=', 'search'),
            ('user_id', '=', user.id)])

    def test_staff_find_their_people_by_reference_and_name(self):
        People = self.env['asr.beneficiary'].sudo(self.staff)
        label = [(self.person.id, 'EXEMPLE Camille')]
        self.assertEqual(People.name_search(self.person.code), label)
        self.assertEqual(People.name_search('B-%s' % self.person.id), label)
        for text in ('exemple', 'Camille', 'EXEMPLE Cam'):
            self.assertEqual(People.name_search(text), label, text)
        others = [pid for pid, _name in People.name_search('Exemple', operator='not ilike')]
        self.assertIn(self.other_person.id, others)
        self.assertNotIn(self.person.id, others)
        # a search is a read of the names it returns: in the access log, without a value
        logs = self.search_logs(self.person, self.staff)
        self.assertTrue(logs)
        self.assertEqual(set(logs.mapped('field_names')), {'name'})

    def test_people_of_another_charter_are_not_found(self):
        People = self.env['asr.beneficiary'].sudo(self.staff)
        for text in (self.stranger.code, 'Exemplaire', 'Lou'):
            self.assertNotIn(self.stranger.id, [pid for pid, _n in People.name_search(text)],
                             text)

    def test_roles_without_people_may_not_search_them_even_by_reference(self):
        code = self.person.code
        for user in (self.buyer, self.manager, self.finance, self.employee):
            with self.assertRefused(AccessError, 'acl'):
                self.env['asr.beneficiary'].sudo(user).name_search(code)

    def test_manager_searches_the_access_log_by_reference(self):
        self.person.sudo(self.staff).read(['last_name'])
        Log = self.env['asr.access.log'].sudo(self.manager)
        found = Log.search([('beneficiary_id', 'ilike', self.person.code)])
        self.assertTrue(found)
        self.assertEqual(found, Log.search([('beneficiary_id', '=', self.person.id)]))
        self.assertFalse(Log.search([('beneficiary_id', 'ilike', 'B-99999999')]))

    def test_hour_entry_clause_picker_finds_the_code_and_the_market(self):
        domain = self.env['asr.hour.entry']._fields['clause_id'].domain
        code = 'CL-%05d' % self.clause.id
        for user in (self.staff, self.buyer):
            Clause = self.env['asr.clause'].sudo(user)
            for text in (code, code.lower(), self.market.name, self.market.reference):
                found = [cid for cid, _n in Clause.name_search(text, args=domain)]
                self.assertIn(self.clause.id, found, text)
            self.assertNotIn(self.clause.id, [cid for cid, _n in Clause.name_search(
                code, args=domain, operator='not ilike')])
        entries = self.env['asr.hour.entry'].sudo(self.buyer)
        entry = self.entry()
        self.assertEqual(entries.search([('clause_id', 'ilike', code)]), entry)

    def test_criterion_and_committed_action_by_code(self):
        Criterion = self.env['asr.eligibility.criterion'].sudo(self.buyer)
        self.assertIn(self.rsa.id, [cid for cid, _n in Criterion.name_search('rsa')])
        self.assertIn(self.qpv.id, [cid for cid, _n in Criterion.name_search(
            self.qpv.with_context(lang='fr_FR').name)])
        clause = self.env['asr.clause'].create({
            'clause_type': 'social_action', 'lot_id': self.lot.id,
            'action_ids': [(0, 0, {'action': 'company_visit', 'people_count': 8})]})
        Action = self.env['asr.clause.action'].sudo(self.buyer)
        self.assertEqual([aid for aid, _n in Action.name_search(clause.code)],
                         clause.action_ids.ids)
