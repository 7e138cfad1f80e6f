import unittest

from ..rules.clause_text import (ClauseTextError, check_template, fr_amount, placeholders_of,
                                 render)


class TestClauseText(unittest.TestCase):

    def test_render_fills_placeholders(self):
        text = "Le titulaire réalise {hour_objective} heures ; pénalité : {penalty_missing_hour} €."
        self.assertEqual(render(text, {'hour_objective': 686, 'penalty_missing_hour': '17,82'}),
                         "Le titulaire réalise 686 heures ; pénalité : 17,82 €.")

    def test_missing_value_renders_empty(self):
        self.assertEqual(render("[{facilitator}]", {}), "[]")

    def test_unknown_placeholder_refused(self):
        with self.assertRaises(ClauseTextError) as ctx:
            check_template("{hour_objective} et {heures}")
        self.assertEqual(ctx.exception.key, 'unknown')
        self.assertEqual(ctx.exception.values['names'], ['heures'])

    def test_malformed_brace_refused(self):
        with self.assertRaises(ClauseTextError) as ctx:
            placeholders_of("objectif {hour_objective")
        self.assertEqual(ctx.exception.key, 'malformed')

    def test_french_amounts(self):
        # 1234.5 -> '1 234,50'; 686 -> '686'; 17.82 -> '17,82'
        self.assertEqual(fr_amount(1234.5), '1 234,50')
        self.assertEqual(fr_amount(686), '686')
        self.assertEqual(fr_amount(17.82), '17,82')
