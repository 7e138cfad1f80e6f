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
        # the NPNRU contractor only: 06/2026 (9 days late), and the reports the demo's
        # penalties charge (asr_reporting/demo/asr_penalty_demo.xml)
        self.assertEqual(received_late.mapped('clause_id'),
                         self.env.ref('asr_beneficiaries.clause_npnru_roads'))
        self.assertEqual(sorted(received_late.mapped('days_late')), [3, 3, 4, 4, 5, 7, 9])
        self.assertEqual(len(reports.filtered(lambda r: not r.received_date)), 1)

        records = self.env.ref('asr_clauses.clause_cleaning_social_action').social_record_ids
        self.assertEqual(sorted(records.mapped('state')), ['draft', 'validated'])
        self.assertTrue(all(r.attachment_ids for r in records))

    def test_npnru_clause_has_a_penalty_in_each_state(self):
        """One penalty per state, a reduced one, a capped one (the cap of the clause shared by
        its penalties), the applied one deducted by a credit note on account 7711; finance
        reads them all."""
        clause = self.env.ref('asr_beneficiaries.clause_npnru_roads')
        penalties = self.env['asr.penalty'].search([('clause_id', '=', clause.id)])
        by_state = {penalty.state: penalty for penalty in penalties}
        self.assertEqual(len(penalties), 6)
        self.assertEqual(set(by_state), {'draft', 'proposed', 'approved', 'notified', 'applied',
                                         'cancelled'})
        # (period, late reports, earlier penalties' share of the cap, capped part, reduction,
        # due) at 50 EUR a day; cap 0.01 % of 13,650,000 = 1,365 EUR
        expected = {
            'applied': ('2025-01-01', '2025-03-31', 250.0, 0.0, 0.0, 0.0, 250.0),
            'notified': ('2025-04-01', '2025-06-30', 500.0, 250.0, 0.0, 200.0, 300.0),
            'approved': ('2025-07-01', '2025-09-30', 200.0, 750.0, 0.0, 0.0, 200.0),
            'cancelled': ('2025-10-01', '2025-12-31', 200.0, 950.0, 0.0, 0.0, 200.0),
            'proposed': ('2026-01-01', '2026-03-31', 150.0, 950.0, 0.0, 0.0, 150.0),
            'draft': ('2026-07-01', '2026-09-30', 450.0, 1100.0, 185.0, 0.0, 265.0),
        }
        for state, figures in expected.items():
            penalty = by_state[state]
            self.assertEqual((penalty.date_from, penalty.date_to, penalty.amount_late_reports,
                              penalty.cap_already, penalty.capped_part,
                              penalty.reduction_amount, penalty.amount_total), figures, state)
            self.assertEqual(penalty.cap_amount, 1365.0, state)
            # the contract runs until 31/03/2027: the missing hours are shown, never billed
            self.assertFalse(penalty.final, state)
            self.assertEqual(penalty.amount_missing_hours, 0.0, state)
            missing = penalty.line_ids.filtered(lambda l: l.cause == 'missing_hours')
            self.assertTrue(missing.provisional and missing.amount > 0, state)
            self.assertEqual(penalty.amount_provisional, missing.amount, state)
        # the reduction proposed by the facilitator (portal), granted by a responsable
        reduced = by_state['notified']
        self.assertEqual((reduced.reduction_state, reduced.reduction_amount),
                         ('approved', 200.0))
        self.assertEqual(reduced.reduction_proposed_by_id,
                         self.env.ref('asr_charter.user_facilitator'))
        self.assertEqual(reduced.reduction_letter_date, '2025-03-28')
        # the contradictory procedure: answered on the day of the proposal, approved after it
        for state in ('applied', 'notified', 'approved', 'cancelled'):
            penalty = by_state[state]
            self.assertEqual(penalty.answer_date, penalty.proposed_date, state)
            self.assertTrue(penalty.answer_text, state)
        self.assertFalse(by_state['proposed'].answer_date)
        self.assertGreater(by_state['proposed'].answer_deadline,
                           by_state['proposed'].proposed_date)
        self.assertFalse(by_state['draft'].proposed_date)
        self.assertIn('courriel du 07/11/2025', by_state['cancelled'].cancel_reason)
        # 2024 is left without a late report nor a penalty (a year to compute from scratch)
        self.assertFalse(self.env['asr.monthly.report'].search_count([
            ('clause_id', '=', clause.id), ('due_date', '<=', '2024-12-31'),
            ('days_late', '>', 0)]))
        self.assertTrue(all(penalty.date_from >= '2025-01-01' for penalty in penalties))
        # the credit note of the applied penalty, on the penalty account 7711
        applied = by_state['applied']
        account = self.env.ref('base.main_company').asr_penalty_account_id
        self.assertTrue(account.code.startswith('7711'))
        refund = applied.invoice_id
        self.assertEqual((refund.type, refund.amount_total, refund.partner_id),
                         ('in_refund', 250.0, applied.partner_id.commercial_partner_id))
        self.assertEqual(refund.invoice_line_ids.mapped('account_id'), account)
        self.assertTrue(applied.applied_date)
        self.assertTrue(all(line.applied_key for line in applied.line_ids
                            if not line.provisional))
        # the notices: the draft once proposed, the decision once notified
        for state, count in (('applied', 2), ('notified', 2), ('approved', 1), ('proposed', 1),
                             ('cancelled', 1), ('draft', 0)):
            notices = self.env['ir.attachment'].search([
                ('res_model', '=', 'asr.penalty'), ('res_id', '=', by_state[state].id),
                ('mimetype', '=', 'application/pdf')])
            self.assertEqual(len(notices), count, state)
        # the finance login reads them (lines included) and has the notified one to apply
        finance = self.env.ref('asr_charter.user_finance')
        rows = self.env['asr.penalty'].sudo(finance).search_read(
            [('clause_id', '=', clause.id)], ['state', 'amount_total', 'line_ids'])
        self.assertEqual(sorted(row['state'] for row in rows), sorted(expected))
        self.assertTrue(all(row['line_ids'] for row in rows))
        self.assertEqual(self.env['asr.penalty.line'].sudo(finance).search_count(
            [('clause_id', '=', clause.id)]), len(penalties.mapped('line_ids')))
        self.assertEqual(by_state['notified'].activity_ids.mapped('user_id'), finance)
        # the chatter of the workflow reads in French (to-dos closed, states tracked)
        bodies = ' '.join(penalties.mapped('message_ids.body'))
        for english in ('done by', 'Step done', 'Todo', 'Penalty'):
            self.assertNotIn(english, bodies)

    def test_each_bilan_prints_on_the_demo_with_charts(self):
        charter = self.env.ref('asr_charter.charter_gpsea')
        clause = self.env.ref('asr_clauses.clause_rehabilitation')
        year = max(self.env['asr.hour.entry'].search([('state', '=', 'validated')]).mapped(
            'month'))[:4]
        bilans = {
            'operation': {'clause_id': clause.id, 'date_from': clause.date_start,
                          'date_to': clause.date_end},
            'contractor': {'partner_id': clause.partner_id.id, 'date_from': '%s-01-01' % year,
                           'date_to': '%s-12-31' % year},
            'buyer': {'charter_id': charter.id, 'year': int(year),
                      'buyer_entity_id': clause.market_id.buyer_entity_id.id},
            'charter': {'charter_id': charter.id, 'year': int(year)},
        }
        manager = self.env.ref('asr_charter.user_manager')
        for kind, vals in bilans.items():
            bilan = self.env['asr.bilan'].sudo(manager).create(dict(vals, kind=kind))
            values = bilan._asr_bilan_values()
            sections = {section['key']: section for section in values['sections']}
            for key in ('months', 'modalities', 'people'):
                self.assertIn('<rect', sections[key]['chart'], (kind, key))
            self.assertTrue(any(row[1] for row in sections['months']['table']['rows']), kind)
            html = self.env.ref('asr_reporting.action_report_asr_bilan').sudo(
                manager).render_qweb_html(bilan.ids)[0].decode()
            self.assertIn('Heures par modalité', html)
        # the 2024 evaluation holds its figures, examined by the last committee
        evaluation = self.env.ref('asr_charter.evaluation_2024')
        self.assertTrue(evaluation.figures_date)
        self.assertEqual(evaluation.committee_id, self.env.ref('asr_charter.committee_last'))
        self.assertIn('Heures validées sur la période', evaluation.figures_json)

    def test_demo_export_of_the_essential_data_validates(self):
        """The essential data (DECP) of the demo's contracts, awarded from 11/2023 to 02/2024,
        export as finance pulls them and validate against the published schema 2.0.3."""
        import json
        import os

        import jsonschema
        path = os.path.join(os.path.dirname(__file__), 'data', 'decp_schema_2.0.3.json')
        with open(path, encoding='utf-8') as handle:
            schema = json.load(handle)
        finance = self.env.ref('asr_charter.user_finance')
        data = self.env['asr.market.lot'].sudo(finance).asr_decp_export(
            '2023-01-01', '2024-12-31')
        jsonschema.Draft7Validator(schema).validate(data)
        marches = {m['objet'].split(' : ')[-1]: m for m in data['marches']['marche']}
        self.assertLessEqual({'Gros œuvre', 'Voirie, réseaux et espaces publics',
                              'Propreté des abords et des espaces extérieurs'}, set(marches))
        roads = marches['Voirie, réseaux et espaces publics']
        self.assertEqual(roads['typeGroupementOperateurs'], 'Solidaire')
        self.assertEqual(len(roads['titulaires']), 2)
        self.assertEqual(roads['considerationsSociales'],
                         {'considerationSociale': ['Clause sociale']})
