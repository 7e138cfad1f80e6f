"""One source per reference list: the rules' lists of codes and the models' selections name
the same codes, and the defaults of the forms are the rules' constants (no copy to drift)."""
from odoo.tests.common import TransactionCase

from odoo.addons.asr_charter.rules import committee
from odoo.addons.asr_clauses.models.asr_clause import CLAUSE_TYPES
from odoo.addons.asr_clauses.rules import legal_checks, parameters

from ..models.asr_hour_entry import MODALITIES
from ..models.res_partner import STRUCTURE_KINDS
from ..rules import eligibility, hours, statements, suppliers


class TestOneSourcePerList(TransactionCase):

    def test_reserved_market_codes_are_clause_types(self):
        self.assertLessEqual(legal_checks.RESERVED_CODES, {code for code, _l in CLAUSE_TYPES})
        self.assertEqual(len(legal_checks.RESERVED_CODES), 3)

    def test_modality_families_cover_the_selection_exactly_once(self):
        codes = [code for code, _label in MODALITIES]
        self.assertEqual(sorted(hours.MODALITIES), sorted(codes))
        self.assertEqual(len(set(hours.MODALITIES)), len(hours.MODALITIES))
        self.assertEqual([code for code, _label in statements.MODALITY_LABELS], codes)

    def test_structure_kinds(self):
        self.assertEqual(list(suppliers.KINDS), [code for code, _label in STRUCTURE_KINDS])

    def test_defaults_are_the_rules_constants(self):
        defaults = self.env['asr.charter'].default_get([
            'monthly_hour_cap', 'eligibility_validity_months', 'eligibility_level2_required',
            'committee_interval_months', 'committee_max_per_year', 'hourly_cost',
            'insertion_rate', 'insertion_rate_proximity', 'report_due_day'])
        self.assertEqual(defaults, {
            'monthly_hour_cap': hours.DEFAULT_MONTHLY_CAP,
            'eligibility_validity_months': eligibility.DEFAULT_VALIDITY_MONTHS,
            'eligibility_level2_required': eligibility.DEFAULT_LEVEL2_REQUIRED,
            'committee_interval_months': committee.DEFAULT_INTERVAL_MONTHS,
            'committee_max_per_year': committee.DEFAULT_MAX_PER_YEAR,
            'hourly_cost': parameters.DEFAULT_HOURLY_COST,
            'insertion_rate': parameters.DEFAULT_INSERTION_RATE,
            'insertion_rate_proximity': parameters.DEFAULT_INSERTION_RATE_PROXIMITY,
            'report_due_day': parameters.DEFAULT_REPORT_DUE_DAY})
        self.assertEqual(self.env['asr.clause'].default_get(['report_due_day']),
                         {'report_due_day': parameters.DEFAULT_REPORT_DUE_DAY})

    def test_settings_that_rules_read_are_required(self):
        for model, names in (('asr.charter', ('monthly_hour_cap', 'eligibility_validity_months',
                                              'eligibility_level2_required',
                                              'committee_interval_months',
                                              'committee_max_per_year', 'report_due_day',
                                              'hourly_cost', 'insertion_rate')),
                             ('asr.clause', ('report_due_day',))):
            for name in names:
                self.assertTrue(self.env[model]._fields[name].required, (model, name))
