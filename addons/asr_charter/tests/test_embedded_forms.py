"""A manager creates a charter with its signatories, articles, committees (and their
decisions) and evaluations in one form and one save; the embedded forms set the charter by
the relation. The charter in force of the user's company is proposed to a new committee or
evaluation when it is the only one."""
from odoo.addons.asr_charter.tests.embedded_views import (
    embedded_one2many, field_nodes, inverse_problems, modifiers)

from .common import AsrCase


class TestCharterInOneSave(AsrCase):

    @classmethod
    def setUpClass(cls):
        super(TestCharterInOneSave, cls).setUpClass()
        Partner = cls.env['res.partner']
        cls.territory = Partner.create({'name': 'EPT Est (test)', 'is_company': True})
        cls.pci = Partner.create({'name': 'Facilitateur Est (test)', 'is_company': True})
        cls.manager = cls.user(cls, 'asr_embedded_manager', ['asr_charter.group_asr_manager'])

    def test_manager_creates_a_charter_and_its_lines_in_one_save(self):
        # as the web client sends it: virtual ids, the charter field invisible and empty
        charter = self.env['asr.charter'].sudo(self.manager).create({
            'name': 'Charte ASR du territoire Est (test)', 'territory_id': self.territory.id,
            'act_number': 'CT2025.2/014', 'act_date': '2025-02-10',
            'member_ids': [
                (0, 'virtual_1', {'charter_id': False, 'partner_id': self.territory.id,
                                  'role': 'public_buyer', 'membership': 'signatory',
                                  'date_join': '2025-02-10'}),
                (0, 'virtual_2', {'partner_id': self.pci.id, 'role': 'facilitator',
                                  'membership': 'signatory', 'date_join': '2025-02-10'})],
            'article_ids': [(0, 'virtual_3', {'code': 'Art. 3', 'name': 'Engagements'})],
            'committee_ids': [(0, 'virtual_4', {
                'charter_id': False, 'date': '2025-06-12', 'location': 'Créteil',
                'decision_ids': [(0, 'virtual_5', {'name': 'Former les acheteurs',
                                                   'deadline': '2025-09-30'})]})],
            'evaluation_ids': [(0, 'virtual_6', {'charter_id': False, 'year': 2025})]})
        self.assertEqual(len(charter.member_ids), 2)
        self.assertEqual(charter.facilitator_partner_id, self.pci)
        self.assertEqual(charter.committee_ids.charter_id, charter)
        self.assertEqual(charter.committee_ids.decision_ids.charter_id, charter)
        self.assertEqual(charter.committee_ids.state, 'planned')
        self.assertEqual(charter.evaluation_ids.charter_id, charter)
        self.assertEqual(charter.article_ids.charter_id, charter)

    def test_charter_form_lines_never_ask_for_the_charter(self):
        embedded = {e['name']: e for e in embedded_one2many(self.env, 'asr.charter')}
        self.assertLessEqual({'member_ids', 'article_ids', 'committee_ids', 'evaluation_ids'},
                             set(embedded))
        for name, lines in embedded.items():
            self.assertEqual(inverse_problems(lines), [], name)
        for name in ('committee_ids', 'evaluation_ids'):
            nodes = field_nodes(embedded[name]['form']['arch'], 'charter_id')
            self.assertIs(modifiers(nodes[0]).get('invisible'), True, name)
            self.assertFalse(modifiers(nodes[0]).get('required'), name)
        # the committees' and evaluations' own forms still ask for their charter
        for model in ('asr.charter.committee', 'asr.charter.evaluation'):
            nodes = field_nodes(self.env[model].fields_view_get(view_type='form')['arch'],
                                'charter_id')
            self.assertTrue(modifiers(nodes[0]).get('required'), model)


class TestCharterProposed(AsrCase):

    @classmethod
    def setUpClass(cls):
        super(TestCharterProposed, cls).setUpClass()
        cls.company = cls.env['res.company'].create({'name': 'Territoire à part (test)'})
        cls.territory = cls.env['res.partner'].create({'name': 'EPT à part (test)',
                                                       'is_company': True})
        cls.pci = cls.env['res.partner'].create({'name': 'PLIE à part (test)',
                                                 'is_company': True})
        cls.manager = cls.user(cls, 'asr_default_manager', ['asr_charter.group_asr_manager'])
        cls.manager.write({'company_ids': [(4, cls.company.id)],
                           'company_id': cls.company.id})

    def charter_in_force(self, name):
        charter = self.env['asr.charter'].create({
            'name': name, 'territory_id': self.territory.id, 'company_id': self.company.id,
            'act_number': 'CT2024.9', 'act_date': '2024-03-01',
            'member_ids': [
                (0, 0, {'partner_id': self.territory.id, 'role': 'public_buyer',
                        'membership': 'signatory', 'date_join': '2024-03-01'}),
                (0, 0, {'partner_id': self.pci.id, 'role': 'facilitator',
                        'membership': 'signatory', 'date_join': '2024-03-01'})]})
        charter.action_adopt()
        charter.action_put_in_force()
        return charter

    def proposed(self, model):
        return self.env[model].sudo(self.manager).default_get(['charter_id']).get('charter_id')

    def test_committee_and_evaluation_propose_the_only_charter_in_force(self):
        models = ('asr.charter.committee', 'asr.charter.evaluation')
        for model in models:
            self.assertFalse(self.proposed(model), model)
        charter = self.charter_in_force('Charte à part (test)')
        for model in models:
            self.assertEqual(self.proposed(model), charter.id, model)
        self.charter_in_force('Seconde charte à part (test)')
        for model in models:
            self.assertFalse(self.proposed(model), model)
