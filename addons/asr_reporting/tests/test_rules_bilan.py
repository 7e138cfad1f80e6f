"""The rules of the bilans and their charts (plain Python, milliseconds)."""
import datetime
import unittest
import xml.etree.ElementTree as ET

from ..rules.bilan import (BilanError, age_band, check_min_cell, check_period, mask_count,
                           mask_distribution, year_period)
from ..rules.charts import bar_line_chart, hbar_chart, nice_step

D = datetime.date
SVG = '{http://www.w3.org/2000/svg}'


class TestBands(unittest.TestCase):

    def test_age_reached_in_the_year(self):
        self.assertEqual(age_band(2000, 2025), 'under_26')     # 25
        self.assertEqual(age_band(1999, 2025), '26_49')        # 26
        self.assertEqual(age_band(1976, 2025), '26_49')        # 49
        self.assertEqual(age_band(1975, 2025), '50_over')      # 50
        self.assertEqual(age_band(None, 2025), 'unknown')
        self.assertEqual(age_band(2030, 2025), 'unknown')

    def test_periods(self):
        self.assertEqual(year_period(2025), (D(2025, 1, 1), D(2025, 12, 31)))
        self.assertEqual(check_period(D(2025, 3, 1), D(2025, 3, 1)),
                         (D(2025, 3, 1), D(2025, 3, 1)))
        with self.assertRaises(BilanError) as caught:
            check_period(D(2025, 3, 2), D(2025, 3, 1))
        self.assertEqual(caught.exception.key, 'period')
        with self.assertRaises(BilanError) as caught:
            check_period(D(2010, 1, 1), D(2025, 1, 1))
        self.assertEqual(caught.exception.key, 'period_long')


class TestMasking(unittest.TestCase):

    def test_small_counts_are_masked_zero_is_not(self):
        self.assertEqual([mask_count(n) for n in (0, 1, 4, 5, 120)],
                         [0, '< 5', '< 5', 5, 120])
        self.assertEqual(mask_count(7, threshold=10), '< 10')

    def test_one_masked_cell_drags_the_smallest_other(self):
        # 3 women, 40 men, 12 unknown: 3 could be read back from the total -> 12 masked too
        self.assertEqual(mask_distribution([3, 40, 12]), ['< 5', 40, '< 5'])
        # two masked cells already protect each other
        self.assertEqual(mask_distribution([3, 2, 40]), ['< 5', '< 5', 40])
        self.assertEqual(mask_distribution([0, 40, 12]), [0, 40, 12])
        # without a total, nothing more is masked
        self.assertEqual(mask_distribution([3, 40, 12], total_shown=False), ['< 5', 40, 12])
        self.assertEqual(mask_distribution([3]), ['< 5'])

    def test_threshold_of_the_charter(self):
        self.assertEqual(check_min_cell(5), 5)
        for bad in (1, 51, 5.5, True, None, '5'):
            with self.assertRaises(BilanError):
                check_min_cell(bad)


class TestCharts(unittest.TestCase):

    def test_bars_and_lines_are_well_formed_svg(self):
        svg = bar_line_chart(['01/2025', '02/2025', '03/2025'], [10.0, 0.0, 25.5],
                             [('Objectif', [12.0, 12.0, 12.0])], bar_name='Heures <validées>')
        root = ET.fromstring(svg)
        self.assertEqual(root.tag, SVG + 'svg')
        self.assertEqual(len(root.findall(SVG + 'polyline')), 1)
        texts = [t.text for t in root.iter(SVG + 'text')]
        self.assertIn('Heures <validées>', texts)
        self.assertIn('03/2025', texts)
        # an empty series still draws an axis
        ET.fromstring(bar_line_chart([], [], []))
        ET.fromstring(bar_line_chart(['a'], [float('nan')], [('x', [float('inf')])]))

    def test_masked_counts_have_a_grey_stub_whatever_they_hide(self):
        svg = hbar_chart([('Femmes', None, '< 5'), ('Hommes', 40, '40'), ('Autre', None, '< 5')])
        root = ET.fromstring(svg)
        stubs = [r for r in root.findall(SVG + 'rect') if r.get('fill') == '#d0d0d0']
        self.assertEqual([r.get('width') for r in stubs], ['6', '6'])
        self.assertIn('< 5', [t.text for t in root.iter(SVG + 'text')])

    def test_round_steps(self):
        self.assertEqual(nice_step(100), 20)
        self.assertEqual(nice_step(11), 2.5)
        self.assertEqual(nice_step(0), 1.0)
