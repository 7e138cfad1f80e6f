"""Eligibility validated by the facilitator; identities readable only by the facilitator of
the person's charter and the "Personal data" group; every access logged."""
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import BeneficiaryCase


class TestBeneficiaries(BeneficiaryCase):

    @classmethod
    def setUpClass(cls):
        super(TestBeneficiaries, cls).setUpClass()
        cls.facilitator_user = cls.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Facilitatrice (test)', 'login': 'asr_facilitator_benef', 'lang': 'fr_FR',
            'parent_id': False, 'groups_id': [(6, 0, [
                cls.env.ref('asr_charter.group_asr_facilitator').id])]})
        cls.facilitator_user.partner_id.parent_id = cls.facilitator
        other = cls.env['res.partner'].create({'name': 'Autre facilitateur', 'is_company': True})
        cls.other_facilitator_user = cls.env['res.users'].with_context(
            no_reset_password=True).create({
                'name': 'Autre (test)', 'login': 'asr_other_facilitator_benef', 'lang': 'fr_FR',
                'groups_id': [(6, 0, [cls.env.ref('asr_charter.group_asr_facilitator').id])]})
        cls.other_facilitator_user.partner_id.parent_id = other
        # back-office staff of the facilitator structure (ASR / Personal data)
        cls.staff_user = cls.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Chargée de suivi (test)', 'login': 'asr_staff_benef', 'lang': 'fr_FR',
            'groups_id': [(6, 0, [
                cls.env.ref('asr_beneficiaries.group_asr_personal_data').id])]})
        cls.staff_user.partner_id.parent_id = cls.facilitator

    def new_person(self, env=None, **vals):
        values = {'charter_id': self.charter.id, 'last_name': 'Nouveau', 'first_name': 'Sam',
                  'birth_date': '1999-01-20'}
        values.update(vals)
        return (env or self.env)['asr.beneficiary'].create(values)

    def test_validation_by_the_facilitator(self):
        person = self.new_person(env=self.env(user=self.staff_user))
        self.assertEqual(person.state, 'draft')
        self.assertEqual(person.eligibility_status, 'pending')
        self.assertEqual(person.validity_months, 24)
        with self.assertRefused(UserError, 'eligibility.proof_missing'):
            person.action_validate_eligibility()
        person.proof_kind = 'france_travail'
        with self.assertRefused(UserError, 'eligibility.criteria'):
            person.action_validate_eligibility()
        person.criterion_ids = self.qpv
        person.with_context(validation_date='2025-05-15').action_validate_eligibility()
        self.assertEqual(person.state, 'validated')
        self.assertEqual(person.validator_id, self.staff_user)
        self.assertEqual(person.validity_end, '2027-05-14')
        with patch('odoo.fields.Date.context_today', return_value='2027-05-14'):
            person.invalidate_cache()
            self.assertEqual(person.eligibility_status, 'valid')
            self.assertIn(person, self.env['asr.beneficiary'].search(
                [('eligibility_status', '=', 'valid')]))
        with patch('odoo.fields.Date.context_today', return_value='2027-05-15'):
            person.invalidate_cache()
            self.assertEqual(person.eligibility_status, 'expired')
            self.assertIn(person, self.env['asr.beneficiary'].search(
                [('eligibility_status', '=', 'expired')]))

    def test_charter_can_require_two_level_two_criteria(self):
        self.charter.eligibility_level2_required = 2
        # the facilitator's staff records and validates the person
        person = self.new_person(env=self.env(user=self.staff_user), proof_kind='address',
                                 criterion_ids=[(6, 0, self.qpv.ids)])
        with self.assertRefused(UserError, 'eligibility.criteria'):
            person.action_validate_eligibility()
        self.assertEqual(person.state, 'draft')
        person.criterion_ids = self.qpv | self.rqth
        person.action_validate_eligibility()
        self.assertEqual((person.state, person.validator_id), ('validated', self.staff_user))

    def test_validity_is_configurable_on_the_charter(self):
        self.charter.eligibility_validity_months = 12
        person = self.new_person(env=self.env(user=self.staff_user), proof_kind='caf',
                                 criterion_ids=[(6, 0, self.rsa.ids)])
        self.assertEqual(person.validity_months, 12)
        person.with_context(validation_date='2025-01-10').action_validate_eligibility()
        self.assertEqual(person.validity_end, '2026-01-09')
        with self.assertRefused(ValidationError, 'charter.validity_months'):
            with self.env.cr.savepoint():
                self.charter.eligibility_validity_months = 0

    def test_bad_identity_refused(self):
        Person = self.env['asr.beneficiary']
        before = Person.search_count([])
        with self.assertRefused(ValidationError, 'person.age'):
            with self.env.cr.savepoint():
                self.new_person(birth_date='2020-01-01')
        with self.assertRefused(ValidationError, 'person.qpv_name'):
            with self.env.cr.savepoint():
                self.new_person(qpv_name='Mont-Mesly')
        self.assertEqual(Person.search_count([]), before)

    def test_buyer_cannot_validate(self):
        buyer = self.user('asr_buyer_benef', ['asr_charter.group_asr_buyer'])
        person = self.new_person(proof_kind='caf', criterion_ids=[(6, 0, self.rsa.ids)])
        # a buyer cannot even read the person: refused before anything is written
        with self.assertRefused(AccessError, 'acl'):
            person.sudo(buyer).action_validate_eligibility()
        self.assertEqual(person.state, 'draft')
        # the facilitator's portal user acts through the portal pages, not the buttons
        with self.assertRefused(AccessError, 'guard.portal_user'):
            person.sudo(self.facilitator_user).action_validate_eligibility()
        self.assertEqual(person.state, 'draft')

    def test_who_reads_identities(self):
        person = self.new_person()
        for login, group in (('asr_buyer_read', 'asr_charter.group_asr_buyer'),
                             ('asr_manager_read', 'asr_charter.group_asr_manager'),
                             ('asr_finance_read', 'asr_charter.group_asr_finance')):
            user = self.user(login, [group])
            with self.assertRefused(AccessError, 'acl'):
                person.sudo(user).read(['last_name'])
        self.assertEqual(person.sudo(self.staff_user).read(['last_name'])[0]['last_name'],
                         'Nouveau')
        # personal-data staff of another structure do not see this charter's people
        stranger = self.user('asr_staff_read', ['asr_beneficiaries.group_asr_personal_data'])
        with self.assertRefused(AccessError, 'record_rule'):
            person.sudo(stranger).read(['last_name'])
        self.assertNotIn(person, self.env['asr.beneficiary'].sudo(stranger).search([]))
        as_facilitator = self.env['asr.beneficiary'].sudo(self.facilitator_user)
        self.assertIn(person, as_facilitator.search([]))
        as_other = self.env['asr.beneficiary'].sudo(self.other_facilitator_user)
        self.assertNotIn(person, as_other.search([]))
        with self.assertRefused(AccessError, 'record_rule'):
            person.sudo(self.other_facilitator_user).read(['last_name'])

    def test_every_access_is_logged(self):
        Log = self.env['asr.access.log']
        person = self.new_person(env=self.env(user=self.staff_user))
        logs = Log.search([('beneficiary_id', '=', person.id)])
        self.assertEqual(logs.mapped('operation'), ['create'])
        self.assertEqual(logs.user_id, self.staff_user)
        self.assertEqual(logs.channel, 'server')  # no HTTP request in this test
        self.assertIn('last_name', logs.field_names)
        person.sudo(self.staff_user).read(['last_name', 'birth_date'])
        person.sudo(self.staff_user).write({'zip': '94000'})
        logs = Log.search([('beneficiary_id', '=', person.id)])
        self.assertEqual(logs.mapped('operation'), ['write', 'read', 'create'])
        self.assertEqual(logs[0].field_names, 'zip')
        self.assertEqual(logs[1].field_names, 'birth_date, last_name')
        # one row for a list of people, holding no identity
        other = self.new_person(env=self.env(user=self.staff_user))
        count = Log.search_count([])
        self.env['asr.beneficiary'].sudo(self.staff_user).search_read(
            [('id', 'in', (person | other).ids)], ['last_name', 'first_name'])
        self.assertEqual(Log.search_count([]), count + 1)
        row = Log.search([], limit=1)
        self.assertEqual(row.record_count, 2)
        self.assertIn(person.code, row.references)
        self.assertNotIn(person.last_name, row.references)
        # nobody changes or deletes the log through Odoo
        with self.assertRefused(UserError, 'access_log.write'):
            row.write({'note': 'x'})
        with self.assertRefused(UserError, 'access_log.unlink'):
            row.unlink()
