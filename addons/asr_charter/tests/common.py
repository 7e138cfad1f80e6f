"""Fixtures shared by the charter tests: a French environment and an adopted charter, and the
assertions every addon's tests use to say which check refused a request."""
import contextlib
import os

from odoo.tests.common import SavepointCase

from odoo.addons.asr_charter.exceptions import AsrKeyedError

# Odoo's own checks, recognised by the function that raised (innermost frame first), so that a
# test says which one fired without reading a translated message.
ORM_CHECKS = (
    ('ir_model.py', 'check', 'acl'),                                  # ir.model.access
    ('models.py', 'check_field_access_rights', 'field_groups'),       # a field's groups
    ('models.py', '_check_record_rules_result_count', 'record_rule'),  # write, unlink
    ('models.py', 'check_access_rule', 'record_rule'),
    ('fields.py', 'get', 'record_rule'),       # a read refused by a rule, raised on access
    ('api.py', 'getter', 'record_rule'),       # the same, from the cache (Odoo 11 set_failed)
)


def refusal_check(exception):
    """The check that raised ``exception``: its key for an ASR error (asr_charter.exceptions),
    'acl', 'field_groups' or 'record_rule' for Odoo's own checks, None when unknown."""
    key = getattr(exception, 'key', None)
    if key:
        return key
    frames, tb = [], exception.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        frames.append((os.path.basename(code.co_filename), code.co_name))
        tb = tb.tb_next
    for filename, function in reversed(frames):
        for check_file, check_function, check in ORM_CHECKS:
            if (filename, function) == (check_file, check_function):
                return check
    return None


class AsrCase(SavepointCase):
    """French environment (users see French messages) and users of given groups."""

    @classmethod
    def setUpClass(cls):
        super(AsrCase, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='fr_FR', tracking_disable=True))

    @contextlib.contextmanager
    def assertRefused(self, exception_class, check):
        """The block raises exactly ``exception_class`` (not a subclass of a sibling, not a
        parent), from ``check``: an ASR error key ('clause.labour_share') or one of Odoo's
        checks ('acl', 'field_groups', 'record_rule')."""
        fired = []
        with self.assertRaises(exception_class) as caught:
            try:
                yield caught
            except Exception as exc:
                # read the check now: assertRaises keeps the exception without its traceback
                fired.append(refusal_check(exc))
                raise
        found = type(caught.exception)
        # exactly the class named, or the keyed ASR class of that Odoo exception
        # (AsrAccessError for AccessError): never a parent such as except_orm
        keyed = issubclass(found, AsrKeyedError) and found.__bases__[-1] is exception_class
        self.assertTrue(found is exception_class or keyed,
                        '%s raised, %s expected' % (found.__name__, exception_class.__name__))
        self.assertEqual(fired[0], check, str(caught.exception))

    def user(self, login, groups, partner=None):
        # a real user has an e-mail address: the chatter signs their messages with it
        values = {'name': login.title(), 'login': login, 'lang': 'fr_FR',
                  'email': '%s@example.org' % login,
                  'groups_id': [(6, 0, [self.env.ref(g).id for g in groups])]}
        if partner:
            values['partner_id'] = partner.id
        return self.env['res.users'].with_context(no_reset_password=True).create(values)


class CharterCase(AsrCase):

    @classmethod
    def setUpClass(cls):
        super(CharterCase, cls).setUpClass()
        Partner = cls.env['res.partner']
        cls.territory = Partner.create({'name': 'EPT Sud (test)', 'is_company': True})
        cls.town = Partner.create({'name': 'Ville de Test-sur-Marne', 'is_company': True})
        cls.pci = Partner.create({'name': 'Facilitateur A (test)', 'is_company': True})
        cls.other_facilitator = Partner.create({'name': 'Facilitateur B (test)',
                                                'is_company': True})
        cls.charter = cls.env['asr.charter'].create({
            'name': 'Charte de test',
            'territory_id': cls.territory.id,
            'act_number': 'CT2021.1/007',
            'act_date': '2021-03-15',
        })
        Member = cls.env['asr.charter.member']
        cls.m_territory = Member.create({
            'charter_id': cls.charter.id, 'partner_id': cls.territory.id,
            'role': 'public_buyer', 'membership': 'signatory', 'date_join': '2021-03-15'})
        cls.m_facilitator = Member.create({
            'charter_id': cls.charter.id, 'partner_id': cls.pci.id,
            'role': 'facilitator', 'membership': 'signatory', 'date_join': '2021-03-15'})
