import datetime
import unittest

from ..rules import statements

D = datetime.date


class TestStatementParsing(unittest.TestCase):

    def test_french_headers_and_values(self):
        header = ['Code clause', 'Bénéficiaire', 'Mois', 'Modalité', 'Heures']
        good, rejected = statements.parse_hour_rows(header, [
            ['CL-00003', 'B-00042', '03/2025', 'Contrat pro', '151,67'],
            ['CL-00003', 'B-00042', datetime.datetime(2025, 4, 30), 'CDI', 35],
            ['', '', '', '', ''],  # blank line: ignored
            ['CL-00003', 'B-00042', '13/2025', 'CDI', '10'],
            ['CL-00003', 'B-00042', '05/2025', 'bénévolat', '10'],
            ['CL-00003', 'B-00042', '05/2025', 'CDD', 'dix'],
        ])
        self.assertEqual([n for n, _v in good], [2, 3])
        self.assertEqual(good[0][1]['modality'], 'professionalisation')
        self.assertEqual(good[0][1]['hours'], 151.67)
        self.assertEqual(good[0][1]['month'], D(2025, 3, 1))
        self.assertEqual(good[1][1]['month'], D(2025, 4, 1))
        self.assertEqual([(n, c, k) for n, c, k, _v in rejected],
                         [(5, 'month', 'month'), (6, 'modality', 'modality'),
                          (7, 'hours', 'number')])

    def test_missing_columns(self):
        with self.assertRaises(statements.StatementError) as caught:
            statements.parse_hour_rows(['beneficiary', 'hours'], [])
        self.assertEqual(caught.exception.values['missing'], ['clause', 'month', 'modality'])
        # the clause column is not needed when the statement is imported on a clause
        good, rejected = statements.parse_hour_rows(
            ['nom', 'prénom', 'mois', 'modalité', 'heures'],
            [['Exemple', 'Camille', '2025-03', 'etti', '20']], clause_given=True)
        self.assertEqual(len(good), 1)

    def test_beneficiaries(self):
        header = ['Nom', 'Prénom', 'Date de naissance', 'Sexe', 'CP', 'QPV', 'Critères']
        good, rejected = statements.parse_beneficiary_rows(header, [
            ['Exemple', 'Camille', '15/06/1990', 'F', '94000', 'oui', 'rsa, qpv'],
            ['Fictif', 'Yanis', '1988-01-02', 'H', '94140', 'non', ''],
            ['Sansdate', 'Lou', '', 'F', '', '', ''],
            ['Genre', 'Eden', '01/01/1990', 'X', '', '', ''],
            ['Qpv', 'Noa', '01/01/1990', 'F', '', 'peut-être', ''],
        ])
        self.assertEqual(good[0][1]['criteria'], ['rsa', 'qpv'])
        self.assertTrue(good[0][1]['qpv'])
        self.assertEqual(good[1][1]['gender'], 'male')
        self.assertEqual([(n, c, k) for n, c, k, _v in rejected],
                         [(4, 'birth_date', 'required'), (5, 'gender', 'gender'),
                          (6, 'qpv', 'yes_no')])

    def test_numbers(self):
        self.assertEqual(statements.parse_number('1 234,5'), 1234.5)
        self.assertIsNone(statements.parse_number(''))
        with self.assertRaises(statements.StatementError):
            statements.parse_number('12h')
