"""The tests' own tool: refusal_check names the check that refused (an ASR key, Odoo's ACL,
a record rule), and assertRefused fails when another check or another class fires. Then the
guard mixin's checks, each by its key, on the charter's models."""
from odoo.exceptions import AccessError, UserError, ValidationError, except_orm

from odoo.addons.asr_charter.exceptions import AsrAccessError, AsrUserError, AsrValidationError

from .common import CharterCase, refusal_check


class TestRefusalCheck(CharterCase):

    def setUp(self):
        super(TestRefusalCheck, self).setUp()
        self.manager = self.user('asr_rc_manager', ['asr_charter.group_asr_manager'])
        self.buyer = self.user('asr_rc_buyer', ['asr_charter.group_asr_buyer'])
        contact = self.env['res.partner'].create({'name': 'Nina', 'parent_id': self.pci.id})
        self.facilitator = self.user('asr_rc_facilitator',
                                     ['asr_charter.group_asr_facilitator'], contact)
        self.other = self.env['asr.charter'].create({'name': 'Autre',
                                                     'territory_id': self.town.id})

    def caught(self, func, *args):
        """The exception ``func(*args)`` raises, with its traceback."""
        try:
            with self.env.cr.savepoint():
                func(*args)
        except Exception as exc:
            return exc
        self.fail('%s raised nothing' % func)

    def test_asr_key(self):
        exc = self.caught(self.charter.action_close)
        self.assertIs(type(exc), AsrUserError)
        self.assertIsInstance(exc, UserError)
        self.assertEqual(refusal_check(exc), 'charter.not_in_force')

    def test_acl(self):
        exc = self.caught(self.charter.sudo(self.buyer).write, {'name': 'X'})
        self.assertIs(type(exc), AccessError)
        self.assertEqual(refusal_check(exc), 'acl')

    def test_record_rule_on_read(self):
        exc = self.caught(self.other.sudo(self.facilitator).read, ['name'])
        self.assertIs(type(exc), AccessError)
        self.assertEqual(refusal_check(exc), 'record_rule')

    def test_unknown_check(self):
        def refuse():
            raise ValidationError('no key')
        self.assertIsNone(refusal_check(self.caught(refuse)))

    def test_assert_refused_names_the_check_and_the_exact_class(self):
        with self.assertRefused(AccessError, 'acl'):
            self.charter.sudo(self.buyer).write({'name': 'X'})
        # another check than the one expected
        with self.assertRaises(self.failureException):
            with self.assertRefused(AccessError, 'record_rule'):
                self.charter.sudo(self.buyer).write({'name': 'X'})
        # another class: the refusal is not taken for the one expected
        with self.assertRaises(AsrUserError):
            with self.assertRefused(AsrValidationError, 'charter.not_in_force'):
                self.charter.action_close()
        with self.assertRaises(AccessError):
            with self.assertRefused(AsrAccessError, 'acl'):
                self.charter.sudo(self.buyer).write({'name': 'X'})
        # a parent of the exception raised is not the exact class
        with self.assertRaises(self.failureException):
            with self.assertRefused(except_orm, 'acl'):
                self.charter.sudo(self.buyer).write({'name': 'X'})
        # a block that raises nothing
        with self.assertRaises(self.failureException):
            with self.assertRefused(AsrUserError, 'charter.not_in_force'):
                self.charter.name
        self.assertEqual(self.charter.name, 'Charte de test')


class TestGuardKeys(CharterCase):
    """The guard mixin's checks (keys 'guard.*' and 'input.*'), as the manager."""

    def setUp(self):
        super(TestGuardKeys, self).setUp()
        self.manager = self.user('asr_gk_manager', ['asr_charter.group_asr_manager'])
        self.charter_m = self.charter.sudo(self.manager)

    def test_workflow_field_written_only_by_the_workflow(self):
        with self.assertRefused(AsrAccessError, 'guard.protected_field'):
            self.charter_m.write({'state': 'in_force'})
        with self.assertRefused(AsrAccessError, 'guard.protected_field'):
            self.env['asr.charter'].sudo(self.manager).create({
                'name': 'Forcée', 'territory_id': self.territory.id, 'state': 'closed'})
        self.assertEqual(self.charter.state, 'draft')
        self.assertFalse(self.env['asr.charter'].search([('name', '=', 'Forcée')]))
        # the workflow method writes it
        self.charter_m.action_adopt()
        self.assertEqual(self.charter.state, 'adopted')

    def test_frozen_field(self):
        other = self.env['asr.charter'].create({'name': 'Autre', 'territory_id': self.town.id})
        with self.assertRefused(AsrAccessError, 'guard.frozen_field'):
            self.m_territory.sudo(self.manager).write({'charter_id': other.id})
        self.assertEqual(self.m_territory.charter_id, self.charter)

    def test_input_checks(self):
        Evaluation = self.env['asr.charter.evaluation'].sudo(self.manager)
        with self.assertRefused(AsrValidationError, 'input.too_high'):
            Evaluation.create({'charter_id': self.charter.id, 'year': 2500})
        with self.assertRefused(AsrValidationError, 'input.too_low'):
            Evaluation.create({'charter_id': self.charter.id, 'year': 1800})
        with self.assertRefused(AsrValidationError, 'input.blank'):
            self.charter_m.write({'name': '   '})
        with self.assertRefused(AsrValidationError, 'input.nul'):
            self.charter_m.write({'name': 'a\x00b'})
        with self.assertRefused(AsrValidationError, 'input.too_long'):
            self.charter_m.write({'name': 'x' * 501})
        with self.assertRefused(AsrValidationError, 'input.record_missing'):
            self.charter_m.write({'territory_id': 2 ** 30})
        with self.assertRefused(AsrValidationError, 'input.date_format'):
            self.charter_m.write({'act_date': '2021-02-30'})
        self.assertFalse(self.charter.evaluation_ids)
        self.assertEqual((self.charter.name, self.charter.territory_id, self.charter.act_date),
                         ('Charte de test', self.territory, '2021-03-15'))

    def test_portal_user_acts_through_the_portal(self):
        contact = self.env['res.partner'].create({'name': 'Nina', 'parent_id': self.pci.id})
        facilitator = self.user('asr_gk_facilitator', ['asr_charter.group_asr_facilitator'],
                                contact)
        with self.assertRefused(AsrAccessError, 'guard.portal_user'):
            self.charter.sudo(facilitator)._asr_check_backend_user()
        # a back-office user passes
        self.assertIsNone(self.charter_m._asr_check_backend_user())
