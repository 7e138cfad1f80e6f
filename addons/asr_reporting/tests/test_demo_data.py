"""The French demo data of the four addons loads on a database without demo, and holds together.

Test databases are created without demo data (odoo.conf: without_demo = all); 'make demo' loads
it. This test loads the same demo files, in dependency order, inside the test transaction.
"""
import unittest

from odoo.modules.module import get_module_path, load_information_from_description_file
from odoo.tests.common import SavepointCase
from odoo.tools import convert_file

MODULES = ('asr_charter', 'asr_clauses', 'asr_beneficiaries', 'asr_reporting')


class TestDemoData(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestDemoData, cls).setUpClass()
        if cls.env.ref('asr_charter.charter_gpsea', raise_if_not_found=False):
            raise unittest.SkipTest('this database already holds the demo data')
        for module in MODULES:
            manifest = load_information_from_description_file(module)
            for filename in manifest.get('demo', []):
                convert_file(cls.env.cr, module, filename, {}, mode='init', noupdate=False,
                             kind='demo', pathname=get_module_path(module) + '/' + filename)
        cls.env = cls.env(context={'lang': 'fr_FR'})

    def test_gpsea_charter_in_force_with_pci_as_facilitator(self):
        charter = self.env.ref('asr_charter.charter_gpsea')
        self.assertEqual(charter.state, 'in_force')
        self.assertEqual(charter.act_number, 'CT2019.5/116-2')
        self.assertEqual(charter.act_date, '2019-12-11')
        self.assertEqual(charter.facilitator_partner_id,
                         self.env.ref('asr_charter.partner_pci'))
        towns = charter.member_ids.filtered(
            lambda m: m.role == 'public_buyer').mapped('partner_id.name')
        for town in ('Créteil', 'Alfortville', 'Limeil-Brévannes', 'Bonneuil-sur-Marne'):
            self.assertTrue(any(town in name for name in towns), town)
        self.assertIn('RIAE94', ' '.join(charter.member_ids.mapped('partner_id.name')))
        self.assertTrue(charter.next_committee_planned)
        self.assertFalse(charter.committee_warning)

    def test_demo_users_have_their_roles(self):
        facilitator = self.env.ref('asr_charter.user_facilitator')
        self.assertTrue(facilitator.has_group('base.group_portal'))
        self.assertFalse(facilitator.has_group('base.group_user'))
        charters = self.env['asr.charter'].sudo(facilitator).search([])
        self.assertEqual(charters, self.env.ref('asr_charter.charter_gpsea'))
        self.assertTrue(self.env.ref('asr_charter.user_buyer').has_group(
            'asr_charter.group_asr_buyer'))
        self.assertTrue(self.env.ref('asr_charter.user_finance').has_group(
            'asr_charter.group_asr_finance'))

    def test_demo_clause_has_the_worked_example_objective(self):
        clause = self.env.ref('asr_clauses.clause_rehabilitation')
        self.assertEqual(clause.hour_objective, 686)
        # two validated entries, 151.67 + 120 h; the third is a draft
        self.assertAlmostEqual(clause.hours_realised, 271.67)
