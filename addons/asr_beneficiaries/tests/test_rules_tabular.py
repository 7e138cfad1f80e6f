"""Reading the bytes of an imported CSV: the encodings it may come in (UTF-8 with or without
a byte order mark, Windows-1252 as French Excel saves it), what is refused, and what the
preview shows of it; the rows kept between the batches of a background import."""
import codecs
import datetime
import unittest

from ..rules import statements, tabular

# a statement as a French user types it: accents in the header and in a modality
LINES = ['Référence bénéficiaire;Mois;Modalité;Heures',
         'B-00042;03/2025;Embauche directe — apprentissage;151,67',
         'B-00043;03/2025;Intérim classique (entreprise de travail temporaire);35']
TEXT = '\r\n'.join(LINES) + '\r\n'


def tabular_error(content, filename='releve.csv'):
    with unittest.TestCase().assertRaises(tabular.TabularError) as caught:
        tabular.read_table(content, filename)
    return caught.exception


class TestEncodings(unittest.TestCase):

    def read(self, content):
        return tabular.read_table(content, 'releve.csv', details=True)

    def test_utf8_without_bom(self):
        header, rows, info = self.read(TEXT.encode('utf-8'))
        self.assertEqual(info['encoding'], 'utf-8')
        self.assertEqual(header[0], 'Référence bénéficiaire')
        self.assertEqual(rows[0][2], 'Embauche directe — apprentissage')

    def test_utf8_with_bom_is_named_and_the_mark_is_not_in_the_first_column(self):
        header, rows, info = self.read(codecs.BOM_UTF8 + TEXT.encode('utf-8'))
        self.assertEqual(info['encoding'], 'utf-8-bom')
        self.assertEqual(header[0], 'Référence bénéficiaire')  # no '\ufeff' in front

    def test_windows_1252_as_french_excel_saves_it(self):
        # French Excel, "CSV (séparateur : point-virgule)": Windows-1252, ';', CRLF; the
        # em dash of a modality is byte 0x97 there, 'é' is 0xE9
        content = TEXT.encode('cp1252')
        self.assertIn(b'\xe9', content)
        self.assertIn(b'\x97', content)
        header, rows, info = self.read(content)
        self.assertEqual(info['encoding'], 'cp1252')
        self.assertEqual(info['delimiter'], ';')
        self.assertEqual(header, ['Référence bénéficiaire', 'Mois', 'Modalité', 'Heures'])
        self.assertEqual([row[2] for row in rows], [
            'Embauche directe — apprentissage',
            'Intérim classique (entreprise de travail temporaire)'])
        # and the parser reads the French labels it decoded
        good, rejected = statements.parse_hour_rows(header, rows, clause_given=True)
        self.assertEqual([v['modality'] for _n, v in good], ['apprenticeship', 'temp_agency'])
        self.assertEqual(rejected, [])

    def test_plain_ascii_reads_as_utf8(self):
        _header, _rows, info = self.read(b'beneficiary;month;modality;hours\nB-1;03/2025;cdi;1\n')
        self.assertEqual(info['encoding'], 'utf-8')

    def test_utf16_is_refused_whole(self):
        for content in (TEXT.encode('utf-16'),                 # with its byte order mark
                        TEXT.encode('utf-16-le'),              # without
                        TEXT.encode('utf-32')):
            self.assertEqual(tabular_error(content).key, 'utf16')

    def test_bytes_that_no_accepted_encoding_reads_are_refused_with_their_line(self):
        # 0x81 is defined neither in UTF-8 (alone) nor in Windows-1252
        content = 'Nom;Mois\r\nDupont;03/2025\r\n'.encode('cp1252') + b'Mart\x81n;03/2025\r\n'
        err = tabular_error(content)
        self.assertEqual(err.key, 'encoding')
        self.assertEqual((err.values['line'], err.values['byte']), (3, '0x81'))

    def test_control_characters_of_a_binary_file_are_refused_with_their_line(self):
        err = tabular_error(b'nom;mois\nDupont;03/2025\n\x89PNG\x1a\x0b\x02')
        self.assertEqual(err.key, 'binary')
        self.assertEqual((err.values['line'], err.values['char']), (3, '0x1A'))

    def test_a_workbook_named_csv_is_recognised(self):
        err = tabular_error(b'PK\x03\x04\x14\x00\x06\x00 a workbook renamed')
        self.assertEqual((err.key, err.values['kind']), ('workbook', 'xlsx'))
        err = tabular_error(b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00 an old .xls')
        self.assertEqual((err.key, err.values['kind']), ('workbook', 'xls'))

    def test_nul_bytes_keep_their_own_refusal(self):
        self.assertEqual(tabular_error(b'beneficiary;month\x00;hours\n').key, 'nul')

    def test_old_mac_line_breaks_and_a_final_ctrl_z_are_read(self):
        header, rows = tabular.read_table(b'nom;mois\rDupont;03/2025\rMartin;04/2025\x1a',
                                          'releve.csv')
        self.assertEqual(header, ['nom', 'mois'])
        self.assertEqual(rows, [['Dupont', '03/2025'], ['Martin', '04/2025']])

    def test_tab_separated_text(self):
        header, rows, info = self.read(b'nom\tmois\theures\nDupont\t03/2025\t1,5\n')
        self.assertEqual(info['delimiter'], '\t')
        self.assertEqual(rows, [['Dupont', '03/2025', '1,5']])

    def test_comma_separated_text_as_before(self):
        header, rows, info = self.read(b'nom,mois\nDupont,03/2025\n')
        self.assertEqual((info['delimiter'], rows), (',', [['Dupont', '03/2025']]))


class TestPreview(unittest.TestCase):

    def test_first_lines_of_the_decoded_text(self):
        lines = ['nom;mois'] + ['Personne%d;03/2025' % i for i in range(10)]
        _h, _r, info = tabular.read_table(('\r\n'.join(lines) + '\r\n').encode('cp1252'),
                                          'releve.csv', details=True)
        # 5 lines, header included, without the line breaks
        self.assertEqual(info['lines'], lines[:5])

    def test_a_long_line_is_cut(self):
        long_line = 'nom;' + 'x' * 500
        _h, _r, info = tabular.read_table(long_line.encode(), 'releve.csv', details=True)
        self.assertEqual(len(info['lines'][0]), tabular.PREVIEW_WIDTH + 1)
        self.assertTrue(info['lines'][0].endswith('…'))

    def test_short_file_has_no_empty_last_line(self):
        _h, _r, info = tabular.read_table(b'nom;mois\nA;03/2025\n', 'releve.csv',
                                          details=True)
        self.assertEqual(info['lines'], ['nom;mois', 'A;03/2025'])

    def test_without_details_the_result_is_unchanged(self):
        self.assertEqual(tabular.read_table(b'nom;mois\nA;03/2025\n', 'releve.csv'),
                         (['nom', 'mois'], [['A', '03/2025']]))


class TestTemplateAndBatches(unittest.TestCase):

    def test_csv_bytes_open_in_french_excel_and_read_back(self):
        content = tabular.csv_bytes([['Nom', 'Modalité'], ['Élodie', '=1+1']])
        self.assertTrue(content.startswith(codecs.BOM_UTF8))
        self.assertIn(b'\r\n', content)
        header, rows, info = tabular.read_table(content, 'modele.csv', details=True)
        self.assertEqual((info['encoding'], info['delimiter']), ('utf-8-bom', ';'))
        self.assertEqual(header, ['Nom', 'Modalité'])
        self.assertEqual(rows, [['Élodie', "'=1+1"]])  # never a formula

    def test_rows_come_back_unchanged_between_batches(self):
        header = ['Nom', 'Mois', 'Heures', 'Date de naissance']
        rows = [['Élodie', datetime.datetime(2025, 3, 1, 0, 0), 151.67,
                 datetime.date(1990, 6, 15)],
                ['', None, 35, True], []]
        data = tabular.dump_rows(header, rows)
        self.assertIsInstance(data, bytes)
        self.assertEqual(tabular.load_rows(data), (header, rows))
