"""Imports of monthly statements: preview, every row imported or rejected with its row,
column and reason, rejected rows as an XLSX, idempotent, atomic, 10,000 rows in one go."""
import base64
import io

import openpyxl
import xlsxwriter
from unittest.mock import patch

from odoo.exceptions import UserError

from .common import BeneficiaryCase


def csv_file(lines):
    return base64.b64encode('\n'.join(';'.join(map(str, line)) for line in lines)
                            .encode('utf-8'))


def xlsx_file(lines):
    stream = io.BytesIO()
    book = xlsxwriter.Workbook(stream, {'in_memory': True})
    sheet = book.add_worksheet()
    for r, line in enumerate(lines):
        for c, value in enumerate(line):
            sheet.write(r, c, value)
    book.close()
    return base64.b64encode(stream.getvalue())


class TestStatementImport(BeneficiaryCase):

    def wizard(self, lines, filename='releve.csv', **vals):
        values = {'kind': 'hours', 'file': (xlsx_file if filename.endswith('.xlsx')
                                            else csv_file)(lines), 'filename': filename}
        values.update(vals)
        return self.env['asr.statement.import'].create(values)

    def statement(self):
        code, person, other = self.clause.code, self.person.code, self.other_person.code
        return [
            ['clause', 'beneficiary', 'month', 'modality', 'hours'],
            [code, person, '03/2025', 'cdi', '120'],                 # row 2: good
            [code, other, '03/2025', 'ETTI', '35,5'],                # row 3: good
            [code, person, '02/2025', 'cdi', '10'],                  # row 4: before the start
            [code, 'B-99999', '03/2025', 'cdi', '10'],               # row 5: unknown person
            [code, person, '03/2025', 'formation', '100'],           # row 6: over 208 h
            [code, person, '04/2025', 'cdi', '-3'],                  # row 7: negative
            ['CL-99999', person, '04/2025', 'cdi', '10'],            # row 8: unknown clause
            [code, person, '04/2025', 'cdi', 'abc'],                 # row 9: not a number
        ]

    def test_preview_writes_nothing_then_import_keeps_good_rows(self):
        Entry = self.env['asr.hour.entry']
        wizard = self.wizard(self.statement())
        wizard.action_preview()
        self.assertEqual(wizard.state, 'preview')
        self.assertEqual((wizard.new_count, wizard.rejected_count), (2, 6))
        self.assertFalse(Entry.search([('clause_id', '=', self.clause.id)]))
        self.assertIn('en dehors des dates du contrat', wizard.preview_html)
        wizard.action_import()
        entries = Entry.search([('clause_id', '=', self.clause.id)])
        self.assertEqual(sorted(entries.mapped('hours')), [35.5, 120.0])
        self.assertEqual(set(entries.mapped('state')), {'submitted'})
        self.assertEqual(set(entries.mapped('source')), {'import'})
        self.assertEqual(entries.mapped('partner_id'), self.contractor)
        self.assertEqual(entries.mapped('charter_id'), self.charter)
        # the rejected rows come back as a spreadsheet, with row, column and reason
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.rejected_file)))
        rows = list(book.active.iter_rows(values_only=True))
        self.assertEqual(rows[0][-3:], ('Ligne', 'Colonne', 'Motif'))
        reasons = {row[-3]: (row[-2], row[-1]) for row in rows[1:]}
        self.assertEqual(sorted(reasons), [4, 5, 6, 7, 8, 9])
        self.assertEqual(rows[1][:5], (self.clause.code, self.person.code, '02/2025', 'cdi',
                                       '10'))
        self.assertEqual(reasons[4][0], 'month')
        self.assertIn('en dehors des dates du contrat', reasons[4][1])
        self.assertIn('B-99999', reasons[5][1])
        self.assertIn('maximum mensuel de 208 heures', reasons[6][1])
        self.assertIn('doivent être positives', reasons[7][1])
        self.assertIn('CL-99999', reasons[8][1])
        self.assertEqual(reasons[9][0], 'hours')
        self.assertIn('nombre illisible', reasons[9][1])

    def test_same_file_twice_creates_nothing_new(self):
        self.wizard(self.statement()).action_import()
        Entry = self.env['asr.hour.entry']
        count = Entry.search_count([])
        again = self.wizard(self.statement())
        again.action_import()
        self.assertEqual(Entry.search_count([]), count)
        self.assertEqual((again.new_count, again.existing_count), (0, 2))
        # a corrected figure for an existing person-month is a duplicate, not a second entry
        changed = self.statement()[:2]
        changed[1][4] = '121'
        third = self.wizard(changed)
        third.action_import()
        self.assertEqual(third.rejected_count, 1)
        self.assertIn('existe déjà', third.preview_html)

    def test_xlsx_by_name_on_a_clause_with_subcontracting(self):
        siae = self.env['res.partner'].create({
            'name': 'EA (test)', 'is_company': True, 'asr_siret': '64567890500011',
            'asr_structure_kind': 'ea'})
        lines = [
            ['Nom', 'Prénom', 'Mois', 'Modalité', 'Heures', 'Montant', 'SIRET employeur'],
            ['Exemple', 'Camille', '2025-05', 'Apprentissage', 80, '', ''],
            ['', '', '05/2025', 'subcontracting_ea', '', 30000, '645 678 905 00011'],
            ['Inconnu', 'Personne', '05/2025', 'cdi', 10, '', ''],
        ]
        wizard = self.wizard(lines, filename='releve.xlsx', clause_id=self.clause.id)
        wizard.action_import()
        self.assertEqual((wizard.new_count, wizard.rejected_count), (2, 1))
        entries = self.env['asr.hour.entry'].search([('clause_id', '=', self.clause.id)])
        sub = entries.filtered(lambda e: e.modality == 'subcontracting_ea')
        self.assertEqual((sub.hours, sub.amount, sub.employer_id), (468.75, 30000.0, siae))
        self.assertFalse(sub.beneficiary_id)
        self.assertIn('personne ne s\'appelle', wizard.preview_html.lower())

    def test_bad_files(self):
        for lines, filename, message in (
                ([['nom', 'heures'], ['x', '1']], 'a.csv', 'Colonnes absentes'),
                ([['a']], 'releve.pdf', 'CSV ou XLSX')):
            with self.assertRaisesRegex(UserError, message):
                self.wizard(lines, filename=filename).action_preview()

    def test_failure_in_the_middle_leaves_nothing(self):
        Entry = self.env['asr.hour.entry']
        before = Entry.search_count([])
        wizard = self.wizard(self.statement())
        calls = []

        def fail_on_second_page(cr, query, rows, template=None, page_size=100, fetch=False):
            calls.append(len(rows))
            cr.execute(query.replace('VALUES %s', 'VALUES ' + ','.join(
                [cr.mogrify(template, row).decode() for row in rows[:1]])))
            raise RuntimeError('connexion perdue')
        # the bulk path of the imports is the hour entry model's own
        with patch('odoo.addons.asr_beneficiaries.models.asr_hour_entry.execute_values',
                   fail_on_second_page):
            with self.assertRaises(RuntimeError):
                wizard.action_import()
        self.assertEqual(calls, [2])
        self.assertEqual(Entry.search_count([]), before)

    def test_ten_thousand_rows_in_one_go(self):
        people = [self.person_validated('Masse%04d' % i, 'Test', '2025-01-01')
                  for i in range(200)]
        modalities = ['cdi', 'etti', 'training']
        lines = [['clause', 'beneficiary', 'month', 'modality', 'hours']]
        months = ['%02d/%d' % (m, y) for y in (2025, 2026) for m in range(1, 13)
                  if (y, m) >= (2025, 3)]  # 22 months
        for person in people:
            for month in months[:17]:
                for modality in modalities:
                    lines.append([self.clause.code, person.code, month, modality, '20'])
        lines = lines[:10001]
        wizard = self.wizard(lines)
        wizard.action_import()
        self.assertEqual((wizard.new_count, wizard.rejected_count), (10000, 0))
        self.assertEqual(self.env['asr.hour.entry'].search_count(
            [('clause_id', '=', self.clause.id)]), 10000)

    def test_beneficiaries_import(self):
        lines = [
            ['Nom', 'Prénom', 'Date de naissance', 'Sexe', 'CP', 'QPV', 'Critères'],
            ['Nouvelle', 'Alix', '15/06/1990', 'F', '94000', 'oui', 'rsa, qpv'],
            ['Exemple', 'Camille', '15/06/1990', 'F', '94000', 'non', 'rsa'],   # known
            ['Inconnue', 'Ines', '01/02/1985', 'F', '94000', 'non', 'rsa, lune'],
            ['Jeune', 'Tom', '01/02/2020', 'H', '94000', 'non', 'jeune'],      # 6 years old
        ]
        wizard = self.wizard(lines, kind='beneficiaries', charter_id=self.charter.id)
        wizard.action_import()
        self.assertEqual((wizard.new_count, wizard.existing_count, wizard.rejected_count),
                         (1, 1, 2))
        alix = self.env['asr.beneficiary'].search([('last_name', '=', 'Nouvelle')])
        self.assertEqual(alix.state, 'draft')
        self.assertEqual(alix.criterion_ids, self.rsa | self.qpv)
        self.assertTrue(alix.qpv_resident)
        self.assertIn('lune', wizard.preview_html)
        self.assertIn('âge de 6 ans', wizard.preview_html)
        again = self.wizard(lines, kind='beneficiaries', charter_id=self.charter.id)
        again.action_import()
        self.assertEqual(again.new_count, 0)
