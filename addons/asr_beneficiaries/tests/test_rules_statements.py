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
        self.assertEqual(caught.exception.key, 'columns')
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
        with self.assertRaises(statements.StatementError) as caught:
            statements.parse_number('12h')
        self.assertEqual(caught.exception.key, 'number')


class TestTemplateVocabulary(unittest.TestCase):
    """The French column names and modality labels of the template are read back."""

    def test_template_columns_are_read_as_the_internal_columns(self):
        for columns, known in ((statements.HOUR_TEMPLATE_COLUMNS, statements.HOUR_COLUMNS),
                               (statements.BENEFICIARY_TEMPLATE_COLUMNS,
                                statements.BENEFICIARY_COLUMNS)):
            header = [title for _name, title in columns]
            self.assertEqual(statements.column_names(header, known),
                             [name for name, _title in columns])
            # as a spreadsheet may change them: capitals, no accents
            self.assertEqual(statements.column_names(
                [statements._plain(title).upper() for title in header], known),
                [name for name, _title in columns])

    def test_every_modality_has_one_french_label(self):
        self.assertEqual([code for code, _label in statements.MODALITY_LABELS],
                         list(statements.MODALITIES))
        labels = [label for _code, label in statements.MODALITY_LABELS]
        self.assertEqual(len(set(statements._label_key(label) for label in labels)),
                         len(labels))

    def test_french_labels_are_read_as_their_codes(self):
        for code, label in statements.MODALITY_LABELS:
            self.assertEqual(statements.parse_modality(label), code, label)
        # typed or changed by a spreadsheet: typographic apostrophe, no accents, a hyphen
        # for the dash, capitals, extra spaces
        for value, code in (("Sous-traitance ou achat auprès d’une SIAE", 'subcontracting_siae'),
                            ("sous traitance ou achat aupres d'un ESAT", 'subcontracting_esat'),
                            ('EMBAUCHE DIRECTE - CONTRAT A DUREE INDETERMINEE (CDI)', 'cdi'),
                            ('  Embauche directe —  apprentissage ', 'apprenticeship'),
                            ('Intérim classique (entreprise de travail temporaire)',
                             'temp_agency')):
            self.assertEqual(statements.parse_modality(value), code, value)

    def test_codes_and_abbreviations_are_still_read(self):
        for value, code in (('temp_agency', 'temp_agency'), ('professionalisation',
                                                             'professionalisation'),
                            ('Subcontracting_SIAE', 'subcontracting_siae'),
                            ('CDI', 'cdi'), ('Contrat pro', 'professionalisation'),
                            ('Intérim', 'temp_agency'), ('ETT', 'temp_agency'),
                            ('sous-traitance EA', 'subcontracting_ea'),
                            ('Formation', 'training')):
            self.assertEqual(statements.parse_modality(value), code, value)

    def test_an_unknown_modality_is_still_refused(self):
        for value in ('bénévolat', 'Embauche directe', 'CDI CDD', ''):
            with self.assertRaises(statements.StatementError) as caught:
                statements.parse_modality(value)
            self.assertEqual(caught.exception.key, 'modality', value)

    def test_the_template_with_its_example_row_reads_without_error(self):
        header = [title for _name, title in statements.HOUR_TEMPLATE_COLUMNS]
        good, rejected = statements.parse_hour_rows(header,
                                                    [list(statements.HOUR_TEMPLATE_EXAMPLE)])
        self.assertEqual(rejected, [])
        values = good[0][1]
        # the example's references are no record's: left in a file, the row is refused as
        # an unknown clause or person, never imported
        self.assertEqual((values['clause'], values['beneficiary']), ('CL-EXEMPLE', 'B-EXEMPLE'))
        self.assertEqual((values['modality'], values['hours'], values['month']),
                         ('cdi', 151.67, D(2025, 3, 1)))

    def test_rows_of_a_batch_keep_their_number_in_the_file(self):
        header = ['clause', 'beneficiary', 'month', 'modality', 'hours']
        good, rejected = statements.parse_hour_rows(header, [
            ['CL-1', 'B-1', '03/2025', 'cdi', '1'],
            ['CL-1', 'B-1', '03/2025', 'cdi', 'x']], first_number=5002)
        self.assertEqual([n for n, _v in good], [5002])
        self.assertEqual([n for n, _c, _k, _v in rejected], [5003])
        good, rejected = statements.parse_beneficiary_rows(
            ['nom', 'prenom', 'date de naissance'], [['A', 'B', '01/01/1990']],
            first_number=12)
        self.assertEqual([n for n, _v in good], [12])
