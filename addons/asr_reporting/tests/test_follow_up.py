"""The insertion hours follow-up (Reports): its list and form show the figures of each clause,
its filters find what they say, its totals add up; the curve of the hours against the
objective; the percentages of the indicators."""
import datetime
from unittest.mock import patch

from lxml import etree

from odoo import fields
from odoo.tools.safe_eval import safe_eval

from odoo.addons.asr_beneficiaries.rules.hours import projection
from odoo.addons.asr_beneficiaries.tests.common import BeneficiaryCase

FIGURES = ('hour_objective', 'hours_realised', 'hours_to_validate', 'hours_progress',
           'hours_missing', 'hours_projected', 'behind_objective')
SUMMED = ('hour_objective', 'hours_realised', 'hours_to_validate', 'hours_missing',
          'hours_projected')


class FollowUpCase(BeneficiaryCase):

    @classmethod
    def setUpClass(cls):
        super(FollowUpCase, cls).setUpClass()
        # a second insertion clause: lot 4 of 400,000 EUR awarded, contract of 2025
        Lot = cls.env['asr.market.lot']
        cls.lot_b = Lot.create({
            'market_id': cls.market.id, 'number': 4, 'name': 'Peinture',
            'trade_id': cls.env.ref('asr_clauses.trade_masonry').id,
            'amount_estimated': 400000.0})
        cls.award(cls.lot_b, 400000.0, start='2025-01-01', end='2025-12-31')
        cls.clause_b = cls.insertion_clause(lot=cls.lot_b, state='execution')

    def setUp(self):
        super(FollowUpCase, self).setUp()
        self.buyer = self.user('asr_follow_buyer', ['asr_charter.group_asr_buyer'])
        self.market.user_id = self.buyer
        self.action = self.env.ref('asr_reporting.asr_clause_hours_action')

    def hours(self):
        """clause: 250 h validated, 60 h waiting; clause B: 200 h validated, 10 h waiting"""
        self.entry(hours=151.67).action_validate()
        self.entry(month='2025-04-01', hours=98.33).action_validate()
        self.entry(month='2025-05-01', hours=60.0)
        other = {'clause_id': self.clause_b.id, 'beneficiary_id': self.other_person.id}
        self.entry(month='2025-03-01', hours=200.0, **other).action_validate()
        self.entry(month='2025-04-01', hours=10.0, **other)


class TestFollowUpViews(FollowUpCase):

    def view(self, view_type):
        views = dict((mode, view_id) for view_id, mode in self.action.views)
        Clause = self.env['asr.clause'].sudo(self.buyer)
        if view_type == 'search':
            result = Clause.fields_view_get(self.action.search_view_id.id, 'search')
        else:
            result = Clause.fields_view_get(views[view_type], view_type)
        return result, etree.fromstring(result['arch'])

    def test_list_shows_the_figures_with_totals(self):
        result, arch = self.view('tree')
        columns = [node.get('name') for node in arch.iter('field')]
        for name in FIGURES + ('market_id', 'partner_id', 'state', 'code'):
            self.assertIn(name, columns)
            self.assertIn(name, result['fields'])
        for name in SUMMED:
            self.assertTrue(arch.xpath("//field[@name='%s']/@sum" % name), name)
        self.assertEqual(arch.xpath("//field[@name='hours_progress']/@widget"),
                         ['progressbar'])
        self.assertEqual(arch.get('decoration-danger'), 'behind_objective')

    def test_form_shows_the_figures_the_flag_and_the_curve(self):
        result, arch = self.view('form')
        for name in FIGURES:
            self.assertTrue(arch.xpath("//field[@name='%s']" % name), name)
        # shown beside the projection while the clause is in execution
        flag = arch.xpath("//field[@name='hours_projected']/following-sibling::field[1]")
        self.assertEqual(flag[0].get('name'), 'behind_objective')
        self.assertIn('"invisible": [["state", "!=", "execution"]]', flag[0].get('modifiers'))
        self.assertTrue(arch.xpath("//button[@name='action_open_hour_chart']"))

    def test_search_has_the_filters_of_the_follow_up(self):
        result, arch = self.view('search')
        filters = {node.get('name'): node for node in arch.iter('filter')}
        for name in ('behind', 'execution', 'missing', 'waiting', 'group_charter',
                     'group_partner'):
            self.assertIn(name, filters)
        for name in ('charter_id', 'partner_id', 'market_id', 'code'):
            self.assertTrue(arch.xpath("//field[@name='%s']" % name), name)

    def test_totals_add_up(self):
        self.hours()
        Clause = self.env['asr.clause'].sudo(self.buyer)
        domain = safe_eval(self.action.domain or '[]') + [('market_id', '=', self.market.id)]
        clauses = Clause.search(domain)
        self.assertEqual(clauses, self.clause | self.clause_b)
        groups = Clause.read_group(domain, list(SUMMED[:-1]) + ['charter_id'], ['charter_id'])
        self.assertEqual(len(groups), 1)
        total = groups[0]
        # objectives: 625 h (800,000 EUR) and 313 h (400,000 x 50 % / 32 x 5 % = 312.5)
        self.assertEqual(total['hour_objective'], 625 + 313)
        self.assertAlmostEqual(total['hours_realised'], 450.0)
        self.assertAlmostEqual(total['hours_to_validate'], 70.0)
        self.assertAlmostEqual(total['hours_missing'], 375.0 + 113.0)
        for name in SUMMED[:-1]:
            self.assertAlmostEqual(total[name], sum(clauses.mapped(name)), places=2)
        # what the list reads
        rows = Clause.search_read(domain, list(FIGURES))
        by_id = {row['id']: row for row in rows}
        self.assertAlmostEqual(by_id[self.clause.id]['hours_progress'], 40.0)
        self.assertAlmostEqual(by_id[self.clause_b.id]['hours_missing'], 113.0)

    def test_behind_filter_agrees_with_the_projection(self):
        self.hours()
        # and a third clause whose contract starts later
        lot = self.env['asr.market.lot'].create({
            'market_id': self.market.id, 'number': 5, 'name': 'Menuiserie',
            'trade_id': self.env.ref('asr_clauses.trade_masonry').id,
            'amount_estimated': 300000.0})
        self.award(lot, 300000.0, start='2027-01-01', end='2027-12-31')
        later = self.insertion_clause(lot=lot, state='execution')
        clauses = self.clause | self.clause_b | later
        Clause = self.env['asr.clause'].sudo(self.buyer)
        for today in ('2025-02-10', '2025-06-15', '2025-12-31', '2026-03-01', '2026-11-23',
                      '2027-06-30', '2028-01-01'):
            with patch('odoo.fields.Date.context_today', return_value=today):
                clauses.invalidate_cache()
                expected = clauses.filtered(lambda c: projection(
                    c.hours_realised, fields.Date.from_string(c.date_start),
                    fields.Date.from_string(c.date_end),
                    fields.Date.from_string(today)) < c.hour_objective)
                self.assertEqual(clauses.filtered('behind_objective'), expected, today)
                found = Clause.search([('id', 'in', clauses.ids),
                                       ('behind_objective', '=', True)])
                self.assertEqual(found, expected, today)
                self.assertEqual(Clause.search([('id', 'in', clauses.ids),
                                                ('behind_objective', '!=', True)]),
                                 clauses - expected, today)
        # a closed clause is never behind
        self.clause.action_close()
        with patch('odoo.fields.Date.context_today', return_value='2026-11-23'):
            self.assertNotIn(self.clause, Clause.search([('behind_objective', '=', True)]))


class TestHourChart(FollowUpCase):

    def test_curve_of_the_hours_against_the_objective(self):
        self.hours()
        action = self.clause.sudo(self.buyer).action_open_hour_chart()
        self.assertEqual(action['res_model'], 'asr.clause.hour.chart')
        self.assertEqual(action['domain'], [('clause_id', '=', self.clause.id)])
        self.assertTrue(action['view_mode'].startswith('graph'))
        Chart = self.env['asr.clause.hour.chart'].sudo(self.buyer)
        groups = Chart.read_group(action['domain'], ['hours', 'month', 'series'],
                                  ['month:month', 'series'], lazy=False)
        objective = [g['hours'] for g in groups if g['series'] == 'objective']
        realised = [g['hours'] for g in groups if g['series'] == 'realised']
        # 22 months from March 2025: an even pace of 625 / 22 h a month
        self.assertEqual(len(objective), 22)
        self.assertAlmostEqual(objective[0], 625 / 22.0)
        self.assertAlmostEqual(objective[-1], 625.0)
        # validated hours added up, up to the current month (the waiting 60 h left out)
        today = datetime.date.today()
        elapsed = (today.year - 2025) * 12 + today.month - 3 + 1
        self.assertEqual(len(realised), min(22, elapsed))
        self.assertAlmostEqual(realised[0], 151.67)
        self.assertAlmostEqual(realised[1], 250.0)
        self.assertAlmostEqual(realised[-1], 250.0)
        # the view's graph: a line per series over the months
        graph = etree.fromstring(Chart.fields_view_get(
            self.env.ref('asr_reporting.asr_clause_hour_chart_view_graph').id,
            'graph')['arch'])
        self.assertEqual(graph.get('type'), 'line')


class TestIndicatorPercentages(FollowUpCase):

    def test_percentages_beside_the_counts(self):
        today = fields.Date.context_today(self.env['asr.market'])
        Market = self.env['asr.market']
        values = {'charter_id': self.charter.id, 'buyer_entity_id': self.territory.id,
                  'amount_estimated': 50000.0, 'consultation_date': today}
        examined = Market.create(dict(values, name='Examiné (test)', lot_ids=[(0, 0, {
            'number': 1, 'name': 'Lot unique', 'amount_estimated': 50000.0,
            'clause_ids': [(0, 0, {'clause_type': 'reserved_siae'})]})]))
        examined.action_examined()
        Market.create(dict(values, name='À examiner (test)'))
        Market.create(dict(values, name='À examiner 2 (test)'))
        Market.create(dict(values, name='À examiner 3 (test)'))
        self.assertEqual((examined.examined_rate, examined.disposition_rate,
                          examined.reserved_rate), (100.0, 100.0, 100.0))
        self.charter.invalidate_cache()
        self.assertEqual(self.charter.market_count, 4)
        self.assertEqual(self.charter.market_examined_count, 1)
        self.assertEqual(self.charter.market_examined_rate, 25.0)
        self.assertEqual(self.charter.market_disposition_rate, 25.0)
        self.assertEqual(self.charter.market_reserved_rate, 25.0)
        # the pivot's averages are the same percentages
        year = fields.Date.from_string(today).year
        groups = Market.read_group(
            [('charter_id', '=', self.charter.id), ('year', '=', year)],
            ['charter_id', 'examined_count', 'examined_rate', 'reserved_rate'],
            ['charter_id'])
        self.assertEqual(groups[0]['examined_count'], 1)
        self.assertEqual(groups[0]['examined_rate'], 25.0)
        self.assertEqual(groups[0]['reserved_rate'], 25.0)
        pivot = etree.fromstring(Market.fields_view_get(
            self.env.ref('asr_clauses.asr_market_view_pivot').id, 'pivot')['arch'])
        measures = pivot.xpath("//field[@type='measure']/@name")
        for name in ('examined_count', 'examined_rate', 'disposition_count',
                     'disposition_rate', 'reserved_count', 'reserved_rate'):
            self.assertIn(name, measures)
