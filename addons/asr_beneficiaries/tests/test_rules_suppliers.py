import datetime
import unittest

from odoo.addons.asr_charter.rules import dates

from ..rules.suppliers import SupplierRuleError, clean_siret, parse_date, parse_registry

HEADER = ['SIRET', 'name', 'kind', 'street', 'zip', 'city', 'email', 'phone',
          'convention_end']


class TestSupplierRules(unittest.TestCase):

    def test_siret_checksum(self):
        # 912345675 00017: Luhn over the 14 digits is a multiple of 10
        self.assertEqual(clean_siret('912 345 675 00017'), '91234567500017')
        for value in ('91234567500018', '1234'):
            with self.assertRaises(SupplierRuleError) as caught:
                clean_siret(value)
            self.assertEqual(caught.exception.key, 'siret', value)

    def test_dates_are_the_shared_rule(self):
        # the registry reads its dates with the one date parser (asr_charter/rules/dates.py)
        self.assertIs(parse_date, dates.parse_date)
        self.assertEqual(parse_date('31/12/2026'), datetime.date(2026, 12, 31))

    def test_registry_rows_good_and_rejected_with_row_numbers(self):
        rows = [
            ['91234567500017', 'ACI du Val', 'ACI', '', '94000', 'Créteil', '', '', '31/12/2027'],
            ['91234567500018', 'Mauvais SIRET', 'EI', '', '', '', '', '', ''],
            ['', '', '', '', '', '', '', '', ''],
            ['82345678500018', 'ESAT des Bords', 'esat', '', '', '', '', '', ''],
            ['73456789400013', 'Sans type', 'coop', '', '', '', '', '', ''],
            ['64567890500011', 'Date fausse', 'ea', '', '', '', '', '', '32/01/2026'],
            ['82345678500018', 'Doublon', 'esat', '', '', '', '', '', ''],
            ['55678901400017', '', 'ai', '', '', '', '', '', ''],
        ]
        good, rejected = parse_registry(HEADER, rows)
        self.assertEqual([n for n, _v in good], [2, 5])
        self.assertEqual(good[0][1]['kind'], 'aci')
        self.assertEqual(good[0][1]['convention_end'], datetime.date(2027, 12, 31))
        self.assertEqual([(n, col, key) for n, col, key, _v in rejected], [
            (3, 'siret', 'siret'), (6, 'kind', 'kind'), (7, 'convention_end', 'date'),
            (8, 'siret', 'duplicate'), (9, 'name', 'name')])

    def test_missing_columns(self):
        with self.assertRaises(SupplierRuleError) as ctx:
            parse_registry(['siret', 'nom'], [])
        self.assertEqual(ctx.exception.key, 'columns')
        self.assertEqual(ctx.exception.values['missing'], ['name', 'kind'])
