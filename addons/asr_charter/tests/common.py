"""Fixtures shared by the charter tests: a French environment and an adopted charter."""
from odoo.tests.common import SavepointCase


class AsrCase(SavepointCase):
    """French environment (users see French messages) and users of given groups."""

    @classmethod
    def setUpClass(cls):
        super(AsrCase, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='fr_FR', tracking_disable=True))

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
