"""Long statements imported in the background: the wizard hands the checked file to a job,
the cron imports it in batches (one transaction each, committed), as the importing user,
with the checks and messages of the small files, and tells the user when it is done.

The thresholds are lowered through their parameters so that a file of a few rows takes the
background path in several batches; the cron method runs in the test with the cursor's
commit replaced by a counter (the test's transaction is rolled back at the end)."""
import base64
import io
from unittest.mock import patch

import openpyxl
import psycopg2.extras

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import BeneficiaryCase
from .test_statement_import import csv_file

INSERT_PATH = 'odoo.addons.asr_beneficiaries.models.asr_hour_entry.execute_values'


class TestBackgroundImport(BeneficiaryCase):

    @classmethod
    def setUpClass(cls):
        super(TestBackgroundImport, cls).setUpClass()
        cls.staff = cls.facilitator_staff('asr_job_staff')
        cls.other_staff = cls.facilitator_staff('asr_job_other')
        Param = cls.env['ir.config_parameter'].sudo()
        Param.set_param('asr_beneficiaries.background_rows_hours', '3')
        Param.set_param('asr_beneficiaries.batch_rows_hours', '3')
        Param.set_param('asr_beneficiaries.background_rows_beneficiaries', '1')
        Param.set_param('asr_beneficiaries.batch_rows_beneficiaries', '2')
        cls.cron = cls.env.ref('asr_beneficiaries.ir_cron_statement_import_jobs')

    def good_statement(self):
        """Six good rows: three per batch of three."""
        lines = [['clause', 'beneficiary', 'month', 'modality', 'hours']]
        for month in ('03', '04', '05', '06', '07', '08'):
            lines.append([self.clause.code, self.person.code, '%s/2025' % month, 'cdi', '10'])
        return lines

    def wizard(self, lines, user=None, **vals):
        values = {'kind': 'hours', 'file': csv_file(lines), 'filename': 'releve-long.csv'}
        values.update(vals)
        return self.env['asr.statement.import'].sudo(user or self.staff).create(values)

    def entries(self):
        return self.env['asr.hour.entry'].search([('clause_id', '=', self.clause.id)])

    def run_cron(self):
        """The cron's method, as the cron runs it; the number of commits."""
        with patch.object(self.env.cr, 'commit') as commit:
            self.env['asr.import.job'].sudo()._cron_run()
        return commit.call_count

    def test_long_file_is_imported_in_batches_and_the_user_told(self):
        self.cron.sudo().write({'nextcall': '2099-01-01 00:00:00'})
        wizard = self.wizard(self.statement())
        wizard.action_preview()
        # the check of a long file: its format only, and what will happen
        self.assertTrue(wizard.background)
        self.assertEqual((wizard.row_total, wizard.queued_count, wizard.new_count,
                          wizard.rejected_count), (8, 7, 0, 1))
        self.assertIn('arrière-plan', wizard.preview_html)
        self.assertIn('nombre illisible', wizard.preview_html)
        wizard.action_import()
        self.assertEqual(wizard.state, 'queued')
        job = wizard.job_id
        self.assertEqual((job.state, job.total_rows, job.done_rows, job.progress,
                          job.user_id), ('queued', 8, 0, 0.0, self.staff))
        self.assertFalse(self.entries())
        # the cron is asked to run at once
        self.cron.invalidate_cache()
        self.assertLessEqual(self.cron.nextcall, fields.Datetime.now())

        commits = self.run_cron()
        job.invalidate_cache()
        # rows 2-4, 5-7, 8-9: three batches, each committed
        self.assertEqual(commits, 3)
        self.assertEqual((job.state, job.done_rows, job.progress), ('done', 8, 100.0))
        self.assertEqual((job.new_count, job.existing_count, job.rejected_count), (2, 0, 6))
        entries = self.entries()
        self.assertEqual(sorted(entries.mapped('hours')), [35.5, 120.0])
        self.assertEqual(set(entries.mapped('state')), {'submitted'})
        self.assertEqual(set(entries.mapped('source')), {'import'})
        self.assertEqual(set(entries.mapped('create_uid')), {self.staff})
        # the same rejections and messages as the small-file path
        reasons = {line.number: (line.column_name, line.message) for line in job.line_ids}
        self.assertEqual(sorted(reasons), [4, 5, 6, 7, 8, 9])
        self.assertIn('en dehors des dates du contrat', reasons[4][1])
        self.assertIn('B-99999', reasons[5][1])
        self.assertIn('maximum mensuel de 208 heures', reasons[6][1])
        self.assertIn('doivent être positives', reasons[7][1])
        self.assertIn('CL-99999', reasons[8][1])
        self.assertEqual(reasons[9][0], 'hours')
        self.assertIn('nombre illisible', reasons[9][1])
        # the rejected rows as a spreadsheet, as they were in the file
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(job.rejected_file)))
        rows = list(book.active.iter_rows(values_only=True))
        self.assertEqual([row[-3] for row in rows[1:]], [4, 5, 6, 7, 8, 9])
        self.assertEqual(rows[1][:5], (self.clause.code, self.person.code, '02/2025', 'cdi',
                                       '10'))
        # the rows of the file are not kept once imported (they may hold names)
        self.assertFalse(job.sudo().rows_data)
        # the user is told: in their inbox, in French, with the counts and refused rows
        message = job.message_ids.filtered(lambda m: self.staff.partner_id
                                           in m.needaction_partner_ids)
        self.assertEqual(len(message), 1)
        self.assertIn('terminé : 2 lignes importées, 0 déjà importées, 6 refusées',
                      message.body)
        self.assertIn('ligne 5 (beneficiary)', message.body)
        self.assertIn('B-99999', message.body)
        self.assertEqual(message.attachment_ids.mapped('name'),
                         ['lignes-rejetees-releve-long.xlsx'])
        self.assertEqual(message.author_id, self.staff.company_id.partner_id)

    def test_only_its_user_sees_a_job(self):
        wizard = self.wizard(self.statement())
        wizard.action_import()
        Job = self.env['asr.import.job']
        self.assertEqual(Job.sudo(self.staff).search([]), wizard.job_id)
        self.assertFalse(Job.sudo(self.other_staff).search([]))
        with self.assertRefused(AccessError, 'record_rule'):
            wizard.job_id.sudo(self.other_staff).read(['name'])
        # its state is the cron's; another user does not even reach it
        for user, check in ((self.staff, 'guard.protected_field'),
                            (self.other_staff, 'record_rule')):
            with self.assertRefused(AccessError, check):
                wizard.job_id.sudo(user).write({'state': 'done'})
            with self.assertRefused(AccessError, 'guard.protected_field'):
                Job.sudo(user).create({'name': 'x', 'kind': 'hours', 'user_id': user.id})

    def test_a_failed_batch_leaves_nothing_and_is_done_again_without_doubles(self):
        wizard = self.wizard(self.good_statement(), clause_id=self.clause.id)
        wizard.action_import()
        job = wizard.job_id
        real = psycopg2.extras.execute_values
        calls = []

        def fail_second_batch(cr, query, *args, **kwargs):
            if 'INSERT INTO asr_hour_entry' in query:
                calls.append(1)
                if len(calls) == 2:
                    raise psycopg2.OperationalError('connexion perdue')
            return real(cr, query, *args, **kwargs)
        with patch(INSERT_PATH, fail_second_batch):
            commits = self.run_cron()
        job.invalidate_cache()
        # batch 1 committed; batch 2 undone whole, its failure committed; tried again later
        self.assertEqual(commits, 2)
        self.assertEqual((job.state, job.done_rows, job.attempts, job.new_count),
                         ('running', 3, 1, 3))
        self.assertEqual(len(self.entries()), 3)
        self.assertFalse(job.line_ids)
        self.run_cron()
        job.invalidate_cache()
        self.assertEqual((job.state, job.done_rows, job.attempts, job.new_count,
                          job.existing_count), ('done', 6, 0, 6, 0))
        entries = self.entries()
        self.assertEqual(len(entries), 6)
        self.assertEqual(len(set(entries.mapped('month'))), 6)

    def test_a_batch_done_twice_finds_its_rows_already_imported(self):
        wizard = self.wizard(self.good_statement(), clause_id=self.clause.id)
        wizard.action_import()
        job = wizard.job_id
        with patch.object(self.env.cr, 'commit'):
            self.assertTrue(job.sudo()._asr_run_batch({}))  # the first batch only
        self.assertEqual(len(self.entries()), 3)
        # as if its progress had been lost: the batch runs again
        job.sudo()._asr_trusted().write({'done_rows': 0, 'new_count': 0})
        self.run_cron()
        job.invalidate_cache()
        self.assertEqual((job.state, job.new_count, job.existing_count), ('done', 3, 3))
        self.assertEqual(len(self.entries()), 6)

    def test_a_concurrent_update_is_not_counted_as_a_failure(self):
        wizard = self.wizard(self.good_statement(), clause_id=self.clause.id)
        wizard.action_import()
        job = wizard.job_id
        real = psycopg2.extras.execute_values

        class SerializationFailure(psycopg2.OperationalError):
            pgcode = '40001'

        def conflict(cr, query, *args, **kwargs):
            if 'INSERT INTO asr_hour_entry' in query:
                raise SerializationFailure('could not serialize access')
            return real(cr, query, *args, **kwargs)
        with patch(INSERT_PATH, conflict):
            for _attempt in range(4):
                self.run_cron()
        job.invalidate_cache()
        self.assertEqual((job.state, job.attempts, job.done_rows), ('queued', 0, 0))
        self.run_cron()
        job.invalidate_cache()
        self.assertEqual((job.state, job.new_count), ('done', 6))

    def test_a_job_failing_again_and_again_stops_and_says_why(self):
        wizard = self.wizard(self.good_statement(), clause_id=self.clause.id)
        wizard.action_import()
        job = wizard.job_id
        real = psycopg2.extras.execute_values

        def always_fail(cr, query, *args, **kwargs):
            if 'INSERT INTO asr_hour_entry' in query:
                raise psycopg2.OperationalError('disque plein')
            return real(cr, query, *args, **kwargs)
        with patch(INSERT_PATH, always_fail):
            for _attempt in range(3):
                self.run_cron()
        job.invalidate_cache()
        self.assertEqual((job.state, job.attempts, job.done_rows), ('failed', 3, 0))
        self.assertIn('erreur inattendue', job.error)
        message = job.message_ids.filtered(lambda m: self.staff.partner_id
                                           in m.needaction_partner_ids)
        self.assertIn('arrêté à la ligne 2 sur 7', message.body)
        self.assertFalse(self.entries())
        # only its user resumes it (another user does not even see it); then it goes on
        with self.assertRefused(AccessError, 'record_rule'):
            job.sudo(self.other_staff).action_retry()
        job.sudo(self.staff).action_retry()
        self.assertEqual((job.state, job.attempts), ('queued', 0))
        with self.assertRefused(UserError, 'import_job.not_stopped'):
            job.sudo(self.staff).action_retry()
        self.run_cron()
        job.invalidate_cache()
        self.assertEqual((job.state, job.new_count), ('done', 6))

    def test_rights_lost_meanwhile_stop_the_job_at_once(self):
        wizard = self.wizard(self.good_statement(), clause_id=self.clause.id)
        wizard.action_import()
        job = wizard.job_id
        self.staff.partner_id.parent_id = self.contractor  # no longer the facilitator's staff
        self.run_cron()
        job.invalidate_cache()
        self.assertEqual((job.state, job.attempts), ('failed', 1))
        self.assertIn('charte', job.error)
        self.assertFalse(self.entries())

    def test_a_long_list_of_people_in_the_background(self):
        lines = [['Nom', 'Prénom', 'Date de naissance', 'Sexe', 'Critères'],
                 ['Longue', 'Alix', '15/06/1990', 'F', 'rsa'],
                 ['Longue', 'Bea', '15/06/1991', 'F', 'rsa, lune'],
                 ['Longue', 'Cloé', '15/06/1992', 'F', 'rsa']]
        wizard = self.wizard(lines, kind='beneficiaries', charter_id=self.charter.id)
        wizard.action_preview()
        self.assertEqual((wizard.background, wizard.queued_count), (True, 3))
        wizard.action_import()
        self.assertEqual(self.run_cron(), 2)
        job = wizard.job_id
        job.invalidate_cache()
        self.assertEqual((job.state, job.new_count, job.rejected_count), ('done', 2, 1))
        self.assertIn('lune', job.line_ids.message)
        people = self.env['asr.beneficiary'].search([('last_name', '=', 'Longue')])
        self.assertEqual(sorted(people.mapped('first_name')), ['Alix', 'Cloé'])
        self.assertEqual(set(people.mapped('state')), {'draft'})

    def test_short_files_stay_in_the_request(self):
        wizard = self.wizard(self.statement()[:3])
        wizard.action_import()
        self.assertEqual((wizard.state, wizard.background, wizard.new_count), ('done', False, 2))
        self.assertFalse(wizard.job_id)

    def test_finished_jobs_are_removed_after_thirty_days(self):
        wizard = self.wizard(self.statement()[:3] + self.statement()[4:6])
        wizard.action_import()
        job = wizard.job_id
        self.run_cron()
        job.invalidate_cache()
        self.assertEqual(job.state, 'done')
        self.env.cr.execute("UPDATE asr_import_job SET write_date = now() - "
                            "interval '31 days' WHERE id = %s", (job.id,))
        self.run_cron()
        self.assertFalse(job.exists())
