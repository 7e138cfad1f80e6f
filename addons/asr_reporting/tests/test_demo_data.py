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

    def test_demo_users_land_on_their_work(self):
        dashboard = self.env.ref('asr_reporting.asr_dashboard_action')
        for xml_id in ('asr_charter.user_buyer', 'asr_charter.user_manager',
                       'asr_charter.user_finance', 'asr_beneficiaries.user_personal_data'):
            self.assertEqual(self.env.ref(xml_id).action_id.id, dashboard.id, xml_id)

    def test_demo_clause_has_the_worked_example_objective(self):
        clause = self.env.ref('asr_clauses.clause_rehabilitation')
        self.assertEqual(clause.hour_objective, 686)
        # fixed contract dates (2024-2026) and more validated hours than the objective
        self.assertEqual((clause.date_start, clause.date_end), ('2024-01-01', '2026-12-31'))
        self.assertGreater(clause.hours_realised, clause.hour_objective)
        self.assertFalse(clause.behind_objective)

    def test_beneficiaries_demo(self):
        charter = self.env.ref('asr_charter.charter_gpsea')
        people = self.env['asr.beneficiary'].search([('charter_id', '=', charter.id)])
        self.assertTrue(25 <= len(people) <= 35, len(people))
        self.assertEqual(set(people.mapped('state')), {'validated', 'draft'})
        self.assertTrue(all(p.validator_id and p.validation_date and p.criterion_ids
                            for p in people if p.state == 'validated'))
        self.assertTrue(people.filtered('qpv_resident'))
        self.assertTrue(all((p.zip or '').startswith('94') for p in people))

        clauses = (self.env.ref('asr_clauses.clause_rehabilitation')
                   | self.env.ref('asr_beneficiaries.clause_npnru_roads')
                   | self.env.ref('asr_beneficiaries.clause_gup_cleaning'))
        entries = self.env['asr.hour.entry'].search([('clause_id', 'in', clauses.ids)])
        self.assertTrue(150 <= len(entries) <= 300, len(entries))
        modalities = dict(self.env['asr.hour.entry']._fields['modality'].selection)
        self.assertEqual(set(entries.mapped('modality')), set(modalities))
        months = sorted(entries.mapped('month'))
        self.assertEqual((months[0][:4], months[-1][:4]), ('2024', '2026'))
        self.assertEqual(set(entries.mapped('state')),
                         {'draft', 'submitted', 'validated', 'rejected'})
        rejected = entries.filtered(lambda e: e.state == 'rejected')
        self.assertEqual(len(rejected), 1)
        self.assertTrue(rejected.reject_reason)
        subcontracted = entries.filtered(lambda e: e.modality.startswith('subcontracting'))
        self.assertTrue(all(e.amount > 0 and e.hours > 0 and e.employer_id.asr_inclusive
                            and not e.beneficiary_id for e in subcontracted))

        behind = clauses.filtered('behind_objective')
        self.assertEqual(behind, self.env.ref('asr_beneficiaries.clause_npnru_roads'))
        for clause in clauses - behind:
            self.assertGreaterEqual(clause.hours_projected, clause.hour_objective)
        self.assertTrue(all(c.beneficiary_count for c in clauses))

        reports = self.env['asr.monthly.report'].search([('clause_id', 'in', clauses.ids)])
        received_late = reports.filtered(lambda r: r.received_date and r.days_late > 0)
        self.assertEqual(len(received_late), 1)
        self.assertEqual(received_late.days_late, 9)
        self.assertEqual(len(reports.filtered(lambda r: not r.received_date)), 1)

        records = self.env.ref('asr_clauses.clause_cleaning_social_action').social_record_ids
        self.assertEqual(sorted(records.mapped('state')), ['draft', 'validated'])
        self.assertTrue(all(r.attachment_ids for r in records))
