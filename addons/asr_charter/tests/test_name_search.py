"""A picker finds charters, committees, members and articles by their name, reference,
territory, date or charter, among the records its user may read."""
from .common import CharterCase


class TestNameSearch(CharterCase):

    @classmethod
    def setUpClass(cls):
        super(TestNameSearch, cls).setUpClass()
        cls.charter.action_adopt()
        cls.other = cls.env['asr.charter'].create({
            'name': 'Charte du Val Lointain', 'territory_id': cls.town.id,
            'act_number': 'DEL-2022-044', 'act_date': '2022-06-01',
            'member_ids': [(0, 0, {'partner_id': cls.other_facilitator.id,
                                   'role': 'facilitator', 'membership': 'signatory',
                                   'date_join': '2022-06-01'})]})
        Committee = cls.env['asr.charter.committee']
        cls.spring = Committee.create({'charter_id': cls.charter.id, 'date': '2025-04-23',
                                       'location': 'Salle Voltaire, Créteil'})
        cls.autumn = Committee.create({'charter_id': cls.charter.id, 'date': '2025-11-05'})
        cls.article = cls.env['asr.charter.article'].create({
            'charter_id': cls.charter.id, 'code': '3-1', 'name': 'Communiquer les marchés'})

    def setUp(self):
        super(TestNameSearch, self).setUp()
        self.buyer = self.user('asr_ns_charter_buyer', ['asr_charter.group_asr_buyer'])
        contact = self.env['res.partner'].create({'name': 'Nina (test)',
                                                  'parent_id': self.pci.id})
        self.facilitator = self.user('asr_ns_charter_fac', ['asr_charter.group_asr_facilitator'],
                                     contact)

    def names(self, model, name, user=None, operator='ilike', args=None):
        found = self.env[model].sudo(user or self.buyer).name_search(
            name, args=args, operator=operator, limit=None)
        return [record_id for record_id, _label in found]

    def test_charter_by_title_act_number_and_territory(self):
        for text in ('charte de test', 'CT2021.1', 'EPT Sud'):
            self.assertEqual(self.names('asr.charter', text), self.charter.ids, text)
        self.assertEqual(self.names('asr.charter', 'Val Lointain'), self.other.ids)
        # the facilitator of the first charter does not find the other one, by no word
        # (a portal user reads no territory: they find their charter by its title)
        self.assertEqual(self.names('asr.charter', 'charte de test', user=self.facilitator),
                         self.charter.ids)
        for text in ('Val Lointain', 'DEL-2022', 'Ville de Test'):
            self.assertFalse(self.names('asr.charter', text, user=self.facilitator), text)
        # none of the fields matches
        others = self.names('asr.charter', 'EPT Sud', operator='not ilike')
        self.assertIn(self.other.id, others)
        self.assertNotIn(self.charter.id, others)

    def test_committee_by_date_place_and_charter(self):
        """A committee is named after its date: found by the day, month or year written in
        French, by its place or its charter."""
        def committees(text, **kw):
            return set(self.names('asr.charter.committee', text, **kw))
        both = {self.spring.id, self.autumn.id}
        self.assertEqual(committees('23/04/2025'), {self.spring.id})
        self.assertEqual(committees('11/2025'), {self.autumn.id})
        self.assertEqual(committees('2025'), both)
        self.assertEqual(committees('voltaire'), {self.spring.id})
        self.assertEqual(committees('Charte de test'), both)
        self.assertFalse(committees('31/02/2025'))
        self.assertEqual(committees('voltaire', operator='not ilike') & both, {self.autumn.id})
        self.assertEqual(committees('2025', user=self.facilitator), both)
        self.assertFalse(committees('Charte de test', user=self.user(
            'asr_ns_charter_other', ['asr_charter.group_asr_facilitator'],
            self.env['res.partner'].create({'name': 'Omar (test)',
                                            'parent_id': self.other_facilitator.id}))))

    def test_member_and_article_by_organisation_number_and_charter(self):
        members = self.names('asr.charter.member', 'Facilitateur A',
                             args=[('charter_id', '=', self.charter.id)])
        self.assertEqual(members, self.m_facilitator.ids)
        self.assertEqual(self.names('asr.charter.member', 'Val Lointain'),
                         self.other.member_ids.ids)
        self.assertIn(self.m_territory.id, self.names('asr.charter.member', 'acheteur public'))
        mine = [('charter_id', '=', self.charter.id)]
        self.assertEqual(self.names('asr.charter.article', '3-1', args=mine), self.article.ids)
        self.assertEqual(self.names('asr.charter.article', 'communiquer les'),
                         self.article.ids)
        self.assertEqual(self.names('asr.charter.article', 'Charte de test'), self.article.ids)
