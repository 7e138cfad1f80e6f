"""The hours spreadsheet, written by xlsxwriter through OCA report_xlsx, read back cell by cell."""
import io

import openpyxl

from odoo.addons.asr_beneficiaries.tests.common import BeneficiaryCase


class TestClauseHoursXlsx(BeneficiaryCase):

    def test_xlsx_export_of_insertion_hours(self):
        # contract from March 2025 to December 2026, a person validated in February 2025
        clause, person = self.clause, self.person
        Entry = self.env['asr.hour.entry']
        Entry.create({'clause_id': clause.id, 'beneficiary_id': person.id,
                      'month': '2025-03-01', 'hours': 151.67}).action_validate()
        Entry.create({'clause_id': clause.id, 'beneficiary_id': person.id,
                      'month': '2025-04-01', 'hours': 98.33}).action_validate()
        Entry.create({'clause_id': clause.id, 'beneficiary_id': person.id,
                      'month': '2025-05-01', 'hours': 50.0})  # draft: not counted
        # finance reads the spreadsheet
        finance = self.user('asr_xlsx_finance', ['asr_charter.group_asr_finance'])
        report = self.env.ref('asr_reporting.asr_clause_hours_xlsx').sudo(finance)
        content, kind = report.render_xlsx(clause.ids, {})
        self.assertEqual(kind, 'xlsx')
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet.title, "Heures d'insertion")
        self.assertEqual([c.value for c in sheet[1]], [
            'Clause', 'Marché', 'Lot', 'Titulaire', 'Début du contrat', 'Fin du contrat',
            "Objectif d'heures", 'Heures réalisées', 'Objectif atteint', 'Heures manquantes'])
        row = [c.value for c in sheet[2]]
        self.assertEqual(row[1], self.market.display_name)
        self.assertEqual(row[2], '3 — Maçonnerie')
        self.assertEqual(row[3], 'Entreprise Titulaire (test)')
        self.assertEqual(row[4], '01/03/2025')
        self.assertEqual(row[5], '31/12/2026')
        # 800,000 x 50 % / 32 x 5 % = 625 h; realised 151.67 + 98.33 = 250 h = 40 %; 375 missing
        self.assertEqual(row[6], 625)
        self.assertAlmostEqual(row[7], 250.0)
        self.assertAlmostEqual(row[8], 0.40)
        self.assertAlmostEqual(row[9], 375.0)
        self.assertEqual(sheet.max_row, 2)
