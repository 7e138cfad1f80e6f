"""GDPR: export of one person's data (art. 15), anonymisation (art. 17) keeping the hours,
nightly anonymisation after the retention period."""
import base64
import io

import openpyxl
from unittest.mock import patch

from odoo.exceptions import UserError, ValidationError

from .common import BeneficiaryCase


class TestGdpr(BeneficiaryCase):

    def test_export_of_one_person(self):
        self.entry().action_validate()
        # the facilitator's staff answers the person's request
        wizard = self.env['asr.beneficiary.export'].sudo(self.staff).create(
            {'beneficiary_id': self.person.id})
        wizard.action_export()
        self.assertTrue(wizard.filename.endswith('%s.xlsx' % self.person.code))
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file)))
        self.assertEqual(book.sheetnames, ['Identité', 'Heures', "Journal d'accès"])
        identity = {row[0]: row[1] for row in book['Identité'].iter_rows(values_only=True)}
        self.assertEqual(identity['Nom'], 'Exemple')
        self.assertEqual(identity['Critères d\'éligibilité'], self.rsa.name)
        hours = list(book['Heures'].iter_rows(values_only=True))
        self.assertEqual(len(hours), 2)
        self.assertIn(100, hours[1])
        log = list(book["Journal d'accès"].iter_rows(values_only=True))
        self.assertIn('Création', [row[2] for row in log])

    def test_anonymisation_keeps_hours(self):
        self.entry().action_validate()
        self.person.message_post(body='Rendez-vous avec Camille Exemple')
        wizard = self.env['asr.beneficiary.anonymise'].sudo(self.staff).create({
            'beneficiary_ids': [(6, 0, self.person.ids)], 'reason': 'Demande du 3 mars 2026'})
        wizard.action_anonymise()
        person = self.person
        self.assertEqual(person.state, 'anonymised')
        self.assertNotIn('Exemple', person.name)
        self.assertFalse(person.birth_date)
        self.assertEqual(person.birth_year, 1990)
        self.assertEqual(person.gender, 'female')
        self.assertFalse(person.message_ids.filtered(lambda m: 'Camille' in (m.body or '')))
        # the access log keeps every operation on the person (it never held a value) and
        # the anonymisation itself, with its reason
        logs = self.env['asr.access.log'].search([('beneficiary_id', '=', person.id)])
        self.assertIn('create', logs.mapped('operation'))
        anonymise = logs.filtered(lambda l: l.operation == 'anonymise')
        self.assertEqual((anonymise.note, anonymise.user_id),
                         ('Demande du 3 mars 2026', self.staff))
        self.env.cr.execute("SELECT * FROM asr_access_log WHERE %s = ANY(res_ids)",
                            (person.id,))
        self.assertNotIn('Exemple', repr(self.env.cr.fetchall()))
        self.clause.invalidate_cache()
        self.assertEqual(self.clause.hours_realised, 100.0)
        self.assertEqual(self.clause.beneficiary_count, 1)
        with self.assertRefused(UserError, 'person.anonymised_identity'):
            person.write({'last_name': 'Exemple'})

    def test_anonymisation_needs_a_reason(self):
        with self.assertRefused(ValidationError, 'input.blank'):
            with self.env.cr.savepoint():
                self.env['asr.beneficiary.anonymise'].create({
                    'beneficiary_ids': [(6, 0, self.person.ids)], 'reason': ' '})
        wizard = self.env['asr.beneficiary.anonymise'].create({
            'beneficiary_ids': [(6, 0, self.person.ids)], 'reason': 'Demande'})
        with self.assertRefused(ValidationError, 'input.blank'):
            with self.env.cr.savepoint():
                wizard.reason = ''
        self.assertEqual(self.person.state, 'validated')

    def test_nightly_anonymisation_after_retention(self):
        self.entry(month='2025-03-01').action_validate()
        Person = self.env['asr.beneficiary']
        # five years after March 2025, the person with hours then goes; the other person
        # (created today, no hours) stays
        with patch('odoo.fields.Date.context_today', return_value='2030-03-02'):
            Person._cron_anonymise_expired()
        self.assertEqual(self.person.state, 'anonymised')
        self.assertEqual(self.other_person.state, 'validated')
        # without any hour, the creation date counts: 3 years after it, the other person goes
        created = self.other_person.create_date[:10]
        self.charter.retention_years = 3
        with patch('odoo.fields.Date.context_today',
                   return_value='%s%s' % (int(created[:4]) + 3, created[4:])):
            Person._cron_anonymise_expired()
        self.assertEqual(self.other_person.state, 'validated')
        with patch('odoo.fields.Date.context_today',
                   return_value='%s-12-31' % (int(created[:4]) + 3)):
            Person._cron_anonymise_expired()
        self.assertEqual(self.other_person.state, 'anonymised')
