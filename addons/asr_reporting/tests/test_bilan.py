"""Bilans: the figures against SQL sums computed here, the PDF read back (pdftotext), the
workbook read back (openpyxl), small counts of people masked, no name anywhere, the annual
evaluation's snapshot, access as the real users, and bad input refused in French."""
import io
import json
import subprocess
import tempfile
from unittest import mock

import openpyxl

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import config

from odoo.addons.asr_beneficiaries.tests.common import BeneficiaryCase
from odoo.addons.asr_charter.rules.numbers import fr_number

from ..rules.bilan import year_period


def kpis(values):
    return {kpi[2]: kpi[1] for kpi in values['kpis']}


def section(values, key):
    return next(s for s in values['sections'] if s['key'] == key)


class BilanCase(BeneficiaryCase):
    """The clause of BeneficiaryCase (625 h, 03/2025-12/2026) with, in 2025, 2 women born in
    1990 (Camille Exemple, Yanis Fictif) and 7 men born in 1995, of whom 2 live in a QPV;
    hours validated in March to June 2025, one entry of 2026 and one waiting."""

    @classmethod
    def setUpClass(cls):
        super(BilanCase, cls).setUpClass()
        cls.men = cls.env['asr.beneficiary']
        for number in range(7):
            cls.men |= cls.person_validated(
                'Homme%s' % number, 'Prénom%s' % number, '2025-02-01', gender='male',
                birth_date='1995-03-0%s' % (number + 1), qpv_resident=number < 2)
        entries = cls.env['asr.hour.entry']
        for number, person in enumerate(cls.person | cls.other_person | cls.men):
            for month in ('2025-03-01', '2025-04-01', '2025-05-01', '2025-06-01'):
                entries |= cls.env['asr.hour.entry'].create({
                    'clause_id': cls.clause.id, 'beneficiary_id': person.id, 'month': month,
                    'modality': 'cdi' if number % 2 else 'etti',
                    'hours': 10.0 + number + (0.5 if month == '2025-04-01' else 0.0)})
        entries |= cls.env['asr.hour.entry'].create({
            'clause_id': cls.clause.id, 'beneficiary_id': cls.person.id,
            'month': '2026-01-01', 'modality': 'cdi', 'hours': 40.0})
        entries.action_validate()
        cls.env['asr.hour.entry'].create({
            'clause_id': cls.clause.id, 'beneficiary_id': cls.other_person.id,
            'month': '2025-07-01', 'modality': 'cdi', 'hours': 99.0})

    def setUp(self):
        super(BilanCase, self).setUp()
        self.buyer = self.user('asr_bilan_buyer', ['asr_charter.group_asr_buyer'])
        self.market.user_id = self.buyer
        self.other_buyer = self.user('asr_bilan_other', ['asr_charter.group_asr_buyer'])
        self.manager = self.user('asr_bilan_manager', ['asr_charter.group_asr_manager'])
        self.finance = self.user('asr_bilan_finance', ['asr_charter.group_asr_finance'])

    def sql(self, query, *params):
        self.env.cr.execute(query, params)
        return self.env.cr.fetchone()[0]

    def bilan(self, user=None, **vals):
        values = {'kind': 'operation', 'clause_id': self.clause.id,
                  'date_from': '2025-01-01', 'date_to': '2025-12-31'}
        values.update(vals)
        return self.env['asr.bilan'].sudo(user or self.buyer).create(values)

    def pdf_text(self, report, records, user):
        with tempfile.TemporaryDirectory() as outdir, \
                mock.patch.dict(config.options, {'test_report_directory': outdir}):
            pdf, kind = self.env.ref(report).sudo(user).render_qweb_pdf(records.ids)
        self.assertEqual(kind, 'pdf')
        with tempfile.NamedTemporaryFile(suffix='.pdf') as handle:
            handle.write(pdf)
            handle.flush()
            text = subprocess.check_output(['pdftotext', handle.name, '-']).decode()
        return ' '.join(text.split())

    def workbook(self, records, user, model='asr.bilan'):
        content, kind = self.env['report.asr_reporting.bilan_xlsx'].sudo(user).with_context(
            active_model=model).create_xlsx_report(records.ids, {})
        self.assertEqual(kind, 'xlsx')
        return openpyxl.load_workbook(io.BytesIO(content))


class TestFigures(BilanCase):

    def test_the_operation_figures_are_the_sql_sums(self):
        values = self.bilan()._asr_bilan_values()
        realised = self.sql("""SELECT sum(hours) FROM asr_hour_entry WHERE clause_id = %s
                               AND state = 'validated' AND month BETWEEN %s AND %s""",
                            self.clause.id, '2025-01-01', '2025-12-01')
        to_date = self.sql("""SELECT sum(hours) FROM asr_hour_entry WHERE clause_id = %s
                              AND state = 'validated' AND month <= %s""",
                           self.clause.id, '2025-12-01')
        people = self.sql("""SELECT count(DISTINCT beneficiary_id) FROM asr_hour_entry
                             WHERE clause_id = %s AND state = 'validated'
                               AND month BETWEEN %s AND %s""",
                          self.clause.id, '2025-01-01', '2025-12-01')
        # 9 people x 4 months, 10..18 h, +0.5 in April: 4 x 126 + 4.5 = 508.5 h
        self.assertEqual((realised, to_date, people), (508.5, 508.5, 9))
        figures = kpis(values)
        self.assertEqual(figures['realised'], '508,5 h')
        self.assertEqual(figures['objective'], '625 h')
        self.assertEqual(figures['people'], '9')
        months = {row[0]: row[1] for row in values['sections'][0]['table']['rows']}
        self.assertEqual(months['04/2025'], self.sql(
            """SELECT sum(hours) FROM asr_hour_entry WHERE clause_id = %s
               AND state = 'validated' AND month = %s""", self.clause.id, '2025-04-01'))
        self.assertEqual(sum(months.values()), realised)
        # the objective's pace: 625 h over the 22 months of the contract
        self.assertAlmostEqual(values['sections'][0]['table']['rows'][5][2], 625 / 22.0)
        modalities = section(values, 'modalities')['table']['rows']
        self.assertEqual(modalities[-1][1], realised)
        self.assertEqual(sum(row[1] for row in modalities[:-1]), realised)

    def test_a_small_cell_is_masked_and_no_name_is_written(self):
        values = self.bilan()._asr_bilan_values()
        people = section(values, 'people')
        cells = {tuple(key): row[2]
                 for key, row in zip(people['row_keys'], people['table']['rows'])}
        # 2 women: masked; 7 men would give the women back from the total: masked too
        self.assertEqual(cells[('gender', 'female')], '< 5')
        self.assertEqual(cells[('gender', 'male')], '< 5')
        self.assertEqual(cells[('age_band', '26_49')], 9)
        self.assertEqual(cells[('qpv', 'yes')], '< 5')
        self.assertEqual(cells[('total', 'total')], 9)
        text = json.dumps(values, ensure_ascii=False)
        for person in self.person | self.other_person | self.men:
            self.assertNotIn(person.last_name, text)
            self.assertNotIn(person.first_name, text)
        # a charter that publishes from 10 people masks the 9 of the total too
        self.charter.bilan_min_cell = 10
        kpis_ = kpis(self.bilan()._asr_bilan_values())
        self.assertEqual(kpis_['people'], '< 10')

    def test_the_pdf_reads_back_with_its_figures_and_charts(self):
        bilan = self.bilan()
        text = self.pdf_text('asr_reporting.action_report_asr_bilan', bilan, self.buyer)
        for expected in ('508,5', '625', '< 5', '04/2025', self.market.reference):
            self.assertIn(expected, text)
        for person in self.person | self.men:
            self.assertNotIn(person.last_name, text)
        html = self.env.ref('asr_reporting.action_report_asr_bilan').sudo(
            self.buyer).render_qweb_html(bilan.ids)[0].decode()
        self.assertGreaterEqual(html.count('<svg'), 3)
        self.assertEqual(bilan._asr_file_stem(), 'bilan_operation_20250101_20251231')

    def test_the_workbook_has_numbers_and_never_a_formula(self):
        self.market.name = '=HYPERLINK("http://example.org")'
        book = self.workbook(self.bilan(), self.buyer)
        self.assertGreaterEqual(len(book.sheetnames), 4)
        months = book.worksheets[1]
        self.assertEqual(months.freeze_panes, 'A2')
        self.assertTrue(months.auto_filter.ref)
        april = [row for row in months.iter_rows(min_row=2, values_only=True)
                 if row[0] == '04/2025'][0]
        self.assertIsInstance(april[1], float)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    self.assertNotEqual(cell.data_type, 'f', (sheet.title, cell.coordinate))

    def test_the_charter_bilan_covers_markets_and_indicators(self):
        values = self.bilan(user=self.finance, kind='charter', charter_id=self.charter.id,
                            year=2025)._asr_bilan_values()
        markets = self.sql("SELECT count(*) FROM asr_market WHERE charter_id = %s AND "
                           "year = 2025", self.charter.id)
        indicators = section(values, 'indicators')
        self.assertEqual(indicators['table']['rows'][0][2], markets)
        self.assertTrue(section(values, 'markets')['chart'])
        self.assertEqual(kpis(values)['realised'], fr_number(508.5) + ' h')

    def test_the_bilan_of_a_whole_market(self):
        # a second lot of the market with its insertion clause and 20 validated hours
        lot = self.env['asr.market.lot'].create({
            'market_id': self.market.id, 'number': 7, 'name': 'Menuiseries',
            'trade_id': self.lot.trade_id.id, 'amount_estimated': 300000.0})
        self.award(lot, 300000.0)
        clause = self.insertion_clause(lot=lot, state='execution')
        self.env['asr.hour.entry'].create({
            'clause_id': clause.id, 'beneficiary_id': self.men[0].id, 'month': '2025-09-01',
            'modality': 'cdi', 'hours': 20.0}).action_validate()
        values = self.bilan(clause_id=False, market_id=self.market.id)._asr_bilan_values()
        realised = self.sql("""SELECT sum(e.hours) FROM asr_hour_entry e
                               JOIN asr_clause c ON c.id = e.clause_id
                               WHERE c.market_id = %s AND e.state = 'validated'
                                 AND e.month BETWEEN %s AND %s""",
                            self.market.id, '2025-01-01', '2025-12-01')
        self.assertEqual(realised, 528.5)
        self.assertEqual(kpis(values)['realised'], '528,5 h')
        self.assertEqual(kpis(values)['clauses'], 2)
        self.assertEqual(len(section(values, 'clauses')['table']['rows']), 2)
        # another buyer's market: refused
        with self.assertRefused(AccessError, 'bilan.access'):
            self.bilan(user=self.other_buyer, clause_id=False,
                       market_id=self.market.id)._asr_bilan_values()

    def test_the_contractor_and_buyer_bilans(self):
        contractor = self.bilan(kind='contractor', partner_id=self.contractor.id)
        self.assertEqual(kpis(contractor._asr_bilan_values())['realised'], '508,5 h')
        buyer = self.bilan(kind='buyer', charter_id=self.charter.id, year=2026,
                           buyer_entity_id=self.market.buyer_entity_id.id)
        self.assertEqual(kpis(buyer._asr_bilan_values())['realised'], '40 h')
        self.assertEqual(buyer._asr_file_stem(), 'bilan_donneur_ordre_2026')


class TestEvaluation(BilanCase):

    def evaluation(self):
        return self.env['asr.charter.evaluation'].sudo(self.manager).create({
            'charter_id': self.charter.id, 'year': 2025,
            'qualitative': '<p>Une année de démarrage.</p>'})

    def test_the_evaluation_keeps_a_snapshot_and_prints_as_the_annual_bilan(self):
        evaluation = self.evaluation()
        with self.assertRefused(UserError, 'evaluation.no_figures'):
            evaluation._asr_bilan_values()
        evaluation.action_compute_figures()
        self.assertTrue(evaluation.figures_date)
        snapshot = json.loads(evaluation.figures_json)
        self.assertEqual(kpis(snapshot)['realised'], '508,5 h')
        self.assertIn('508,5', evaluation.figures_summary)
        # hours validated afterwards do not change what the committee examined
        self.entry(month='2025-09-01', hours=30.0).action_validate()
        self.assertEqual(json.loads(evaluation.figures_json), snapshot)
        text = self.pdf_text('asr_reporting.action_report_asr_evaluation_bilan', evaluation,
                             self.manager)
        for expected in ('508,5', 'Une année de démarrage'):
            self.assertIn(expected, text)
        book = self.workbook(evaluation, self.finance, model='asr.charter.evaluation')
        self.assertGreaterEqual(len(book.sheetnames), 4)
        self.assertEqual(evaluation._asr_file_stem(), 'bilan_charte_2025')

    def test_the_snapshot_cannot_be_forged_and_the_committee_is_the_charters(self):
        evaluation = self.evaluation()
        with self.assertRefused(AccessError, 'guard.protected_field'):
            evaluation.write({'figures_json': '{"kpis": [["Heures", "1 000 000 h"]]}'})
        with self.assertRefused(AccessError, 'acl'):
            evaluation.sudo(self.buyer).action_compute_figures()
        other = self.env['asr.charter'].create({'name': 'Autre charte',
                                                'territory_id': self.territory.id,
                                                'act_date': '2024-01-10'})
        committee = self.env['asr.charter.committee'].create({
            'charter_id': other.id, 'date': '2026-03-10'})
        with self.assertRefused(ValidationError, 'evaluation.committee'):
            evaluation.write({'committee_id': committee.id})


class TestAccessAndInput(BilanCase):

    def test_who_reads_which_bilan(self):
        self.assertTrue(self.bilan()._asr_bilan_values())
        with self.assertRefused(AccessError, 'bilan.access'):
            self.bilan(user=self.other_buyer)._asr_bilan_values()
        with self.assertRefused(AccessError, 'bilan.access'):
            self.bilan(kind='charter', charter_id=self.charter.id, year=2025)._asr_bilan_values()
        with self.assertRefused(AccessError, 'bilan.access'):
            self.bilan(user=self.other_buyer, kind='buyer', charter_id=self.charter.id,
                       year=2025, buyer_entity_id=self.market.buyer_entity_id.id
                       )._asr_bilan_values()
        for user in (self.manager, self.finance):
            self.assertTrue(self.bilan(user=user, kind='charter', charter_id=self.charter.id,
                                       year=2025)._asr_bilan_values())
        # a contractor's bilan for a buyer covers only the markets they are in charge of
        values = self.bilan(user=self.other_buyer, kind='contractor',
                            partner_id=self.contractor.id)._asr_bilan_values()
        self.assertEqual(kpis(values)['realised'], '0 h')
        facilitator = self.user('asr_bilan_fac', ['asr_charter.group_asr_facilitator'])
        facilitator.partner_id.parent_id = self.facilitator
        with self.assertRefused(AccessError, 'bilan.access'):
            self.bilan(user=facilitator)._asr_bilan_values()

    def test_bad_input_is_refused_in_french(self):
        with self.assertRefused(ValidationError, 'bilan.period'):
            self.bilan(date_from='2025-12-31', date_to='2025-01-01')._asr_bilan_values()
        with self.assertRefused(ValidationError, 'bilan.period_long'):
            self.bilan(date_from='2000-01-01', date_to='2025-01-01')._asr_bilan_values()
        with self.assertRefused(UserError, 'bilan.no_charter'):
            self.bilan(user=self.manager, kind='charter', year=2025)._asr_bilan_values()
        with self.assertRefused(UserError, 'bilan.no_contractor'):
            self.bilan(kind='contractor')._asr_bilan_values()
        for bad in (1, 51):
            with self.assertRefused(ValidationError, 'charter.bilan_min_cell'), \
                    self.env.cr.savepoint():
                self.charter.bilan_min_cell = bad
            self.charter.invalidate_cache()
        self.assertEqual(self.charter.bilan_min_cell, 5)


class TestDashboard(BilanCase):

    def test_the_people_pivot_gives_the_numbers_of_the_bilan(self):
        figures = self.env['asr.figures']
        scope = figures._asr_scope(self.charter.ids, *year_period(2025))
        people = figures._asr_people(scope)
        groups = self.env['asr.people.report'].sudo(self.manager).read_group(
            [('charter_id', '=', self.charter.id), ('year', '=', 2025)],
            ['gender', 'hours'], ['gender'])
        self.assertEqual({g['gender']: g['gender_count'] for g in groups}, people['gender'])
        groups = self.env['asr.people.report'].sudo(self.finance).read_group(
            [('charter_id', '=', self.charter.id), ('year', '=', 2025)],
            ['age_band'], ['age_band'])
        self.assertEqual({g['age_band']: g['age_band_count'] for g in groups},
                         people['age_band'])
        # no identity in the report; buyers have no access to it
        self.assertNotIn('beneficiary_id', self.env['asr.people.report']._fields)
        with self.assertRefused(AccessError, 'acl'):
            self.env['asr.people.report'].sudo(self.buyer).search([])
