"""Imports of monthly statements: preview, every row imported or rejected with its row,
column and reason, rejected rows as an XLSX, idempotent, atomic, 10,000 rows in one go."""
import base64
import io
import json

import openpyxl
import xlsxwriter
from lxml import etree
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tools import html_escape

from ..rules import statements
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
        # the facilitator's staff imports the statements
        return self.env['asr.statement.import'].sudo(self.staff).create(values)

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
        for lines, filename, key in (
                ([['nom', 'heures'], ['x', '1']], 'a.csv', 'statement.columns'),
                ([['a']], 'releve.pdf', 'file.format')):
            with self.assertRefused(UserError, key):
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


class TestStatementImportAsLived(BeneficiaryCase):
    """What a user meets: the template, a CSV saved by French Excel, the preview of the
    decoded text, the help in French, no import button when there is nothing to import."""

    def wizard(self, content, filename='releve.csv', **vals):
        values = {'kind': 'hours', 'clause_id': self.clause.id, 'filename': filename,
                  'file': base64.b64encode(content)}
        values.update(vals)
        return self.env['asr.statement.import'].sudo(self.staff).create(values)

    def french_lines(self):
        return ['Référence bénéficiaire;Mois;Modalité;Heures',
                '%s;03/2025;Embauche directe — apprentissage;151,67' % self.person.code,
                '%s;03/2025;Intérim classique (entreprise de travail temporaire);35'
                % self.other_person.code]

    def test_csv_saved_by_french_excel_is_read_with_its_accents(self):
        content = '\r\n'.join(self.french_lines()).encode('cp1252')
        wizard = self.wizard(content)
        wizard.action_preview()
        self.assertEqual((wizard.encoding, wizard.row_total), ('cp1252', 2))
        self.assertEqual((wizard.new_count, wizard.rejected_count), (2, 0))
        # the decoded text is shown, with the encoding named, before anything is imported
        preview = wizard.file_preview_html
        self.assertIn('Windows-1252', preview)
        self.assertIn('point-virgule', preview)
        self.assertIn('Référence bénéficiaire;Mois;Modalité;Heures', preview)
        self.assertIn('Embauche directe — apprentissage', preview)
        self.assertFalse(self.env['asr.hour.entry'].search([('clause_id', '=',
                                                             self.clause.id)]))
        wizard.action_import()
        entries = self.env['asr.hour.entry'].search([('clause_id', '=', self.clause.id)])
        self.assertEqual(sorted(entries.mapped('modality')), ['apprenticeship', 'temp_agency'])
        self.assertEqual(sorted(entries.mapped('hours')), [35.0, 151.67])

    def test_utf8_with_and_without_bom_are_named(self):
        text = '\n'.join(self.french_lines())
        for content, encoding, label in (
                (text.encode('utf-8'), 'utf-8', 'UTF-8 —'),
                (b'\xef\xbb\xbf' + text.encode('utf-8'), 'utf-8-bom', 'UTF-8 avec')):
            wizard = self.wizard(content)
            wizard.action_preview()
            self.assertEqual((wizard.encoding, wizard.new_count), (encoding, 2))
            self.assertIn(label, wizard.file_preview_html)

    def test_xlsx_preview_shows_its_first_rows(self):
        wizard = self.env['asr.statement.import'].create({
            'kind': 'hours', 'clause_id': self.clause.id, 'filename': 'releve.xlsx',
            'file': xlsx_file([line.split(';') for line in self.french_lines()])})
        wizard.action_preview()
        self.assertEqual(wizard.encoding, 'xlsx')
        self.assertIn('Classeur XLSX', wizard.file_preview_html)
        self.assertIn('<td>Référence bénéficiaire</td>', wizard.file_preview_html)

    def test_files_in_no_accepted_encoding_are_refused(self):
        Entry = self.env['asr.hour.entry']
        before = Entry.search_count([])
        text = '\r\n'.join(self.french_lines())
        for content, key in (
                (text.encode('utf-16'), 'file.utf16'),
                (text.encode('cp1252') + b'\r\nMart\x81n;03/2025;cdi;1', 'file.encoding'),
                (b'nom;mois\r\n\x01\x02\x03', 'file.binary'),
                (b'PK\x03\x04 zip', 'file.workbook')):
            wizard = self.wizard(content)
            with self.assertRefused(UserError, key):
                wizard.action_preview()
            with self.assertRefused(UserError, key):
                wizard.action_import()
        self.assertEqual(Entry.search_count([]), before)

    def test_nothing_to_import_hides_the_button_and_says_so(self):
        content = '\r\n'.join(self.french_lines()).encode('cp1252')
        self.wizard(content).action_import()
        again = self.wizard(content)
        again.action_preview()
        self.assertEqual((again.new_count, again.existing_count), (0, 2))
        self.assertIn('Rien à importer', again.preview_html)
        self.assertIn('déjà importées', again.preview_html)
        wrong = self.wizard(('Référence bénéficiaire;Mois;Modalité;Heures\r\n'
                             '%s;13/2025;CDI;10' % self.person.code).encode('cp1252'))
        wrong.action_preview()
        self.assertEqual((wrong.new_count, wrong.rejected_count), (0, 1))
        self.assertIn('Corrigez les lignes refusées', wrong.preview_html)
        # the button is shown only for a checked file with new valid rows
        arch = self.env['asr.statement.import'].fields_view_get(view_type='form')['arch']
        buttons = [b for b in etree.fromstring(arch).iter('button')
                   if b.get('name') == 'action_import' and not b.get('string').endswith(
                       'arrière-plan')]
        self.assertEqual(len(buttons), 1)
        self.assertEqual(buttons[0].get('string'), 'Importer les lignes valides')
        modifiers = json.loads(buttons[0].get('modifiers'))
        self.assertIn(['new_count', '=', 0], modifiers['invisible'])
        self.assertIn(['state', '!=', 'preview'], modifiers['invisible'])
        # and for a long file, only when some rows passed the check of their format
        background = [b for b in etree.fromstring(arch).iter('button')
                      if b.get('string') == 'Importer en arrière-plan']
        self.assertIn(['queued_count', '=', 0],
                      json.loads(background[0].get('modifiers'))['invisible'])

    def test_choose_another_file_after_the_check(self):
        wizard = self.wizard('\r\n'.join(self.french_lines()).encode('utf-8'))
        wizard.action_preview()
        wizard.action_back()
        self.assertEqual((wizard.state, wizard.new_count, wizard.encoding), ('upload', 0, False))
        self.assertFalse(wizard.file)
        self.assertFalse(wizard.preview_html)
        self.assertFalse(wizard.file_preview_html)

    def test_help_names_the_modalities_by_their_french_labels(self):
        wizard = self.env['asr.statement.import'].create({'kind': 'hours'})
        help_html = wizard.help_html
        for _code, label in statements.MODALITY_LABELS:
            self.assertIn(html_escape(label), help_html)
        for code in ('professionalisation', 'temp_agency', 'subcontracting_siae',
                     'apprenticeship'):
            self.assertNotIn(code, help_html)
        for title in ('Code clause', 'Référence bénéficiaire', 'Modalité', 'Montant HT'):
            self.assertIn('<code>%s</code>' % title, help_html)
        self.assertIn('Une ligne par personne', help_html)
        people = self.env['asr.statement.import'].create({'kind': 'beneficiaries'}).help_html
        self.assertIn('<code>Date de naissance</code>', people)
        self.assertIn('rsa', people)

    def test_modality_labels_of_the_file_are_those_of_the_hour_entries(self):
        labels = dict(self.env['asr.hour.entry']._fields['modality']._description_selection(
            self.env(context={'lang': 'fr_FR'})))
        self.assertEqual(dict(statements.MODALITY_LABELS), labels)

    def test_unknown_modality_lists_the_french_labels(self):
        wizard = self.wizard(('Référence bénéficiaire;Mois;Modalité;Heures\r\n'
                              '%s;03/2025;bénévolat;10' % self.person.code).encode('utf-8'))
        wizard.action_preview()
        self.assertIn('modalité inconnue (bénévolat)', wizard.preview_html)
        self.assertIn('Embauche directe — contrat de professionnalisation', wizard.preview_html)
        self.assertNotIn('professionalisation', wizard.preview_html)

    def test_missing_columns_are_named_as_in_the_template(self):
        wizard = self.wizard('Nom,Heures\r\nDupont,1'.encode('utf-8'), clause_id=False)
        with self.assertRefused(UserError, 'statement.columns'):
            wizard.action_preview()
        # the sentence itself, in French: test_french_messages


class TestTemplates(BeneficiaryCase):

    def test_xlsx_template_of_a_statement(self):
        filename, content, mimetype = self.env['asr.statement.import']._asr_template(
            'hours', 'xlsx')
        self.assertEqual(filename, 'modele-releve-heures.xlsx')
        self.assertIn('spreadsheetml', mimetype)
        book = openpyxl.load_workbook(io.BytesIO(content))
        self.assertEqual(book.sheetnames, ['Relevé', 'Modalités', 'Aide'])
        rows = list(book['Relevé'].iter_rows(values_only=True))
        self.assertEqual(list(rows[0]), [t for _n, t in statements.HOUR_TEMPLATE_COLUMNS])
        self.assertEqual(list(rows[1]), list(statements.HOUR_TEMPLATE_EXAMPLE))
        labels = [row[0] for row in book['Modalités'].iter_rows(min_row=2, values_only=True)]
        self.assertEqual(labels, [label for _c, label in statements.MODALITY_LABELS])
        # the modality column offers the list of the second sheet
        validations = book['Relevé'].data_validations.dataValidation
        self.assertEqual([(v.type, v.formula1, str(v.sqref)) for v in validations],
                         [('list', "'Modalités'!$A$2:$A$13", 'G2:G10001')])
        help_rows = list(book['Aide'].iter_rows(min_row=2, values_only=True))
        self.assertEqual([r[0] for r in help_rows],
                         [t for _n, t in statements.HOUR_TEMPLATE_COLUMNS])
        self.assertFalse([c for s in book.worksheets for r in s.iter_rows() for c in r
                          if c.data_type == 'f'])

    def test_csv_template_of_a_statement(self):
        filename, content, mimetype = self.env['asr.statement.import']._asr_template(
            'hours', 'csv')
        self.assertEqual((filename, mimetype), ('modele-releve-heures.csv',
                                                'text/csv; charset=utf-8'))
        self.assertTrue(content.startswith(b'\xef\xbb\xbf'))
        lines = content[3:].decode('utf-8').split('\r\n')
        self.assertEqual(lines[0], 'Code clause;Référence bénéficiaire;Nom;Prénom;Date de '
                                   'naissance;Mois;Modalité;Heures;Montant HT;SIRET employeur')
        self.assertEqual(lines[1], 'CL-EXEMPLE;B-EXEMPLE;;;;03/2025;Embauche directe — '
                                   'contrat à durée indéterminée (CDI);151,67;;')

    def test_template_filled_in_is_imported_and_its_example_row_is_not(self):
        _name, content, _mime = self.env['asr.statement.import']._asr_template('hours', 'csv')
        text = content.decode('utf-8-sig').rstrip('\r\n') + '\r\n' + ';'.join([
            self.clause.code, self.person.code, '', '', '', '04/2025',
            'Sous-traitance ou achat auprès d’une SIAE', '', '', '']) + '\r\n' + ';'.join([
                self.clause.code, '', 'Fictif', 'Yanis', '15/06/1990', '04/2025',
                'Mise à disposition par un GEIQ', '20', '', ''])
        wizard = self.env['asr.statement.import'].create({
            'kind': 'hours', 'filename': 'modele-releve-heures.csv',
            'file': base64.b64encode(text.encode('utf-8-sig'))})
        wizard.action_import()
        self.assertEqual((wizard.new_count, wizard.rejected_count), (1, 2))
        self.assertIn('clause CL-EXEMPLE inconnue', wizard.preview_html)
        entry = self.env['asr.hour.entry'].search([('clause_id', '=', self.clause.id)])
        self.assertEqual((entry.beneficiary_id, entry.modality, entry.hours),
                         (self.other_person, 'geiq', 20.0))
        # the subcontracting row without its amount is refused, not the label
        self.assertNotIn('modalité inconnue', wizard.preview_html)

    def test_people_template(self):
        Import = self.env['asr.statement.import']
        filename, content, _mime = Import._asr_template('beneficiaries', 'xlsx')
        self.assertEqual(filename, 'modele-liste-beneficiaires.xlsx')
        book = openpyxl.load_workbook(io.BytesIO(content))
        self.assertEqual(book.sheetnames, ['Personnes', 'Critères', 'Aide'])
        self.assertEqual([c.value for c in book['Personnes'][1]],
                         [t for _n, t in statements.BENEFICIARY_TEMPLATE_COLUMNS])
        codes = [row[0] for row in book['Critères'].iter_rows(min_row=2, values_only=True)]
        self.assertIn('rsa', codes)
        filename, content, _mime = Import._asr_template('beneficiaries', 'csv')
        self.assertEqual(content[3:].decode('utf-8').split('\r\n')[0],
                         'Nom;Prénom;Date de naissance;Sexe;Code postal;QPV;Nom du QPV;'
                         'Critères')

    def test_templates_only_for_those_who_may_import(self):
        personal = self.user('asr_tpl_staff', ['asr_beneficiaries.group_asr_personal_data'])
        buyer = self.user('asr_tpl_buyer', ['asr_charter.group_asr_buyer'])
        portal = self.user('asr_tpl_portal', ['base.group_portal'])
        Import = self.env['asr.statement.import']
        self.assertTrue(Import.sudo(personal)._asr_template('hours', 'csv')[1])
        # a buyer records neither hours nor people; a portal user has the portal pages
        for user, check in ((buyer, 'acl'), (portal, 'guard.portal_user')):
            for kind in ('hours', 'beneficiaries'):
                with self.assertRefused(AccessError, check):
                    Import.sudo(user)._asr_template(kind, 'xlsx')
        with self.assertRefused(UserError, 'statement.template'):
            Import.sudo(personal)._asr_template('hours', 'pdf')
