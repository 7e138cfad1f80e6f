import unittest

from odoo.addons.asr_charter.rules.numbers import fr_amount

from ..rules.clause_text import (ClauseTextError, check_template,
                                 penalty_cap_sentence, placeholders_of, render)


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

    def test_penalty_cap_sentence_without_the_forms_hint(self):
        # 10 % -> "plafonné à 10 %"; 7.5 % -> "7,5 %"; 0 -> no cap, and no "(0 : sans plafond)"
        self.assertEqual(penalty_cap_sentence(10.0),
                         "Le montant cumulé des pénalités est plafonné à 10 % du montant du "
                         "marché.")
        self.assertIn('plafonné à 7,50 %', penalty_cap_sentence(7.5))
        self.assertEqual(penalty_cap_sentence(0.0),
                         "Le montant cumulé des pénalités n'est pas plafonné.")
        for cap in (0.0, 10.0):
            self.assertNotIn('sans plafond', penalty_cap_sentence(cap))
            self.assertNotIn('(0', penalty_cap_sentence(cap))
