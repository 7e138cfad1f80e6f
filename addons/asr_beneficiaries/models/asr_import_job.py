import base64
import datetime
import logging
import time
from email.utils import formataddr

import psycopg2
from psycopg2.extras import execute_values

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html_escape

from odoo.addons.asr_charter.exceptions import AsrAccessError, AsrUserError

from ..rules.tabular import dump_rows, load_rows

_logger = logging.getLogger(__name__)

JOB_STATES = [('queued', 'Waiting'), ('running', 'In progress'), ('done', 'Done'),
              ('failed', 'Stopped')]
PENDING = ('queued', 'running')
# rows per batch (one transaction each): about one or two seconds of work
BATCH_ROWS = {'hours': 5000, 'beneficiaries': 100}
RUN_SECONDS = 120        # work of one run of the cron, then it lets the other jobs run
MAX_ATTEMPTS = 3         # failures of one batch in a row before the job stops
MESSAGE_LINES = 20       # refused lines listed in the message (all are in the file)
KEEP_DAYS = 30           # finished jobs (their refused lines and file) kept that long
# PostgreSQL errors of concurrent transactions (serialization failure, deadlock, lock not
# available): the batch is simply done later
CONFLICTS = ('40001', '40P01', '55P03')


class AsrImportJob(models.Model):
    """A statement or list too long for one request (asr.statement.import decides),
    imported in the background by a cron, in batches.

    The wizard checks who imports and reads the file, then stores its rows here and asks
    the cron to run at once. Each batch runs as the importing user, through the same code as
    the small files (``_import_hour_rows`` / ``_import_beneficiary_rows``: same checks, same
    messages, same bulk insert), in its own transaction, committed with the job's progress
    and its refused lines: a batch is done whole or not at all, and a batch done again finds
    its rows "already imported" (the imports are idempotent), so nothing is lost or doubled
    by a stop. The job row is locked while a batch runs, so two cron workers never take the
    same batch. At the end the user gets a message (inbox, and e-mail if they chose it) with
    the counts, the first refused lines and the file of refused rows; the rows themselves are
    then erased (they may hold names), and the finished job after KEEP_DAYS.
    """

    _name = 'asr.import.job'
    _inherit = ['mail.thread', 'asr.guard.mixin']
    _description = 'Statement import in the background'
    _order = 'id desc'
    _asr_limits = {'name': 255, 'filename': 255, 'error': 5000}

    name = fields.Char('File', required=True, readonly=True)
    user_id = fields.Many2one('res.users', 'Imported by', required=True, readonly=True,
                              index=True, ondelete='cascade')
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    kind = fields.Selection([('hours', 'Hour entries'), ('beneficiaries', 'Beneficiaries')],
                            'Import', required=True, readonly=True)
    clause_id = fields.Many2one('asr.clause', 'Clause', readonly=True, ondelete='cascade')
    charter_id = fields.Many2one('asr.charter', 'Charter', readonly=True, ondelete='cascade')
    filename = fields.Char('File name', readonly=True)
    rows_data = fields.Binary('Rows to import', readonly=True, attachment=True)
    state = fields.Selection(JOB_STATES, 'State', required=True, default='queued',
                             readonly=True)
    total_rows = fields.Integer('Rows in the file', readonly=True)
    done_rows = fields.Integer('Rows processed', readonly=True)
    progress = fields.Float('Progress (%)', compute='_compute_progress')
    new_count = fields.Integer('Rows imported', readonly=True)
    existing_count = fields.Integer('Already imported', readonly=True)
    rejected_count = fields.Integer('Rejected rows', readonly=True)
    attempts = fields.Integer('Failed attempts in a row', readonly=True)
    error = fields.Text('Reason of the stop', readonly=True)
    date_start = fields.Datetime('Started on', readonly=True)
    date_done = fields.Datetime('Finished on', readonly=True)
    line_ids = fields.One2many('asr.import.job.line', 'job_id', 'Rejected rows',
                               readonly=True)
    rejected_file = fields.Binary('Rejected rows to correct', readonly=True, attachment=True)
    rejected_filename = fields.Char('Rejected file name', readonly=True)

    @api.depends('done_rows', 'total_rows', 'state')
    def _compute_progress(self):
        for job in self:
            if job.state == 'done':
                job.progress = 100.0
            else:
                job.progress = round(100.0 * job.done_rows / job.total_rows, 1) \
                    if job.total_rows else 0.0

    # -- buttons ------------------------------------------------------------------------
    @api.multi
    def action_refresh(self):
        """The form shows the progress when it is read again."""
        return True

    @api.multi
    def action_retry(self):
        """Start a stopped job again where it stopped (its user only)."""
        self._asr_check_backend_user()
        for job in self:
            if job.user_id != self.env.user and not self._asr_is_superuser():
                raise AsrAccessError('import_job.owner', _(
                    "Only the user who started this import may resume it."))
            if job.state != 'failed':
                raise AsrUserError('import_job.not_stopped',
                                   _("Only a stopped import can be resumed."))
            if not job.sudo().rows_data:
                raise AsrUserError('import_job.rows_gone', _(
                    "The rows of this import are no longer kept: import the file again (the "
                    "rows already imported are recognised)."))
        self.sudo()._asr_trusted().write({'state': 'queued', 'attempts': 0, 'error': False})
        self._asr_trigger_cron()
        return True

    # -- queue --------------------------------------------------------------------------
    @api.model
    def _asr_enqueue(self, values, header, rows):
        """Create the job of a file checked by the wizard (who imports, its size and columns)
        and ask the cron to run at once."""
        values = dict(values, user_id=self.env.uid, company_id=self.env.user.company_id.id,
                      rows_data=base64.b64encode(dump_rows(header, rows)),
                      total_rows=len(rows), state='queued')
        job = self.sudo()._asr_trusted().with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
        ).create(values)
        self._asr_trigger_cron()
        return job.sudo(self.env.uid)

    @api.model
    def _asr_trigger_cron(self):
        """The cron runs at its next check (Odoo looks every minute): its next call set to
        now, unless it is running already (its row is then locked, and it takes the waiting
        jobs in its loop or within its one-minute interval)."""
        cron = self.env.ref('asr_beneficiaries.ir_cron_statement_import_jobs',
                            raise_if_not_found=False)
        if not cron:
            return
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute("""
                    UPDATE ir_cron SET nextcall = (now() at time zone 'UTC')
                    WHERE id IN (SELECT id FROM ir_cron WHERE id = %s AND active
                                 FOR UPDATE SKIP LOCKED)""", (cron.id,), log_exceptions=False)
        except psycopg2.Error:
            _logger.info("Import jobs: the cron will run within its interval.")

    # -- cron ---------------------------------------------------------------------------
    @api.model
    def _cron_run(self, seconds=RUN_SECONDS):
        """Process the waiting jobs, oldest first, one batch per transaction, for about
        ``seconds``; then remove the jobs finished more than KEEP_DAYS ago."""
        deadline = time.monotonic() + seconds
        Job = self.sudo()
        for job_id in Job.search([('state', 'in', PENDING)], order='id').ids:
            job, data = Job.browse(job_id), {}
            while time.monotonic() < deadline and job._asr_run_batch(data):
                pass
            if time.monotonic() >= deadline:
                break
        self._asr_remove_old_jobs()

    @api.multi
    def _asr_run_batch(self, data):
        """Process the next batch of this job in a transaction of its own (committed at the
        end); False when the job has nothing more to do now (finished, stopped, failed this
        time, or taken by another worker). ``data`` keeps the job's rows between the
        batches of one run."""
        self.ensure_one()
        cr = self.env.cr
        job = self.sudo()._asr_trusted()
        try:
            with cr.savepoint():
                cr.execute("""SELECT id FROM asr_import_job
                              WHERE id = %s AND state IN ('queued', 'running')
                              FOR UPDATE SKIP LOCKED""", (job.id,), log_exceptions=False)
                if not cr.fetchone():
                    return False
                job.invalidate_cache()
                more = job._asr_process_next_batch(data)
        except Exception as err:  # the batch left nothing: the savepoint undid it
            self.env.clear()
            if getattr(err, 'pgcode', None) in CONFLICTS:
                # another worker or transaction holds the rows: not a failure, later
                _logger.info("Import job %s: concurrent update, batch left for later", job.id)
            else:
                job._asr_batch_failed(err)
            cr.commit()
            return False
        cr.commit()
        return more

    @api.multi
    def _asr_process_next_batch(self, data):
        """One batch, as the importing user; True while rows remain."""
        job = self
        if job.state == 'queued':
            job.write({'state': 'running', 'date_start': fields.Datetime.now()})
        if 'rows' not in data:
            if not job.rows_data:
                raise AsrUserError('import_job.rows_gone', _(
                    "The rows of this import are no longer kept: import the file again (the "
                    "rows already imported are recognised)."))
            data['rows'] = load_rows(base64.b64decode(job.rows_data))
        header, rows = data['rows']
        start = job.done_rows
        stop = min(start + job._asr_batch_rows(job.kind), len(rows))
        Import = job._asr_import_env()
        if job.kind == 'hours':
            clause = job.clause_id.sudo(job.user_id) if job.clause_id else None
            Import._asr_check_import_scope('hours', clause, None)
            result = Import._import_hour_rows(header, rows[start:stop], clause=clause,
                                              first_number=start + 2)
        else:
            charter = job.charter_id.sudo(job.user_id)
            Import._asr_check_import_scope('beneficiaries', None, charter)
            result = Import._import_beneficiary_rows(header, rows[start:stop], charter,
                                                     first_number=start + 2)
        job._asr_add_lines(result['rejected'])
        job.write({'done_rows': stop, 'attempts': 0,
                   'new_count': job.new_count + len(result['new']),
                   'existing_count': job.existing_count + result['existing'],
                   'rejected_count': job.rejected_count + len(result['rejected'])})
        if stop >= len(rows):
            job._asr_finish(header, rows)
            return False
        return True

    @api.model
    def _asr_batch_rows(self, kind):
        """Rows per batch, unless the parameter asr_beneficiaries.batch_rows_<kind> says
        otherwise."""
        value = self.env['ir.config_parameter'].sudo().get_param(
            'asr_beneficiaries.batch_rows_%s' % kind)
        try:
            return max(1, int(value)) if value else BATCH_ROWS[kind]
        except ValueError:
            return BATCH_ROWS[kind]

    @api.multi
    def _asr_import_env(self):
        """The import wizard's model as the importing user, in their language."""
        user = self.user_id
        return self.env['asr.statement.import'].sudo(user).with_context(
            lang=user.lang or 'fr_FR', tz=user.tz)

    @api.multi
    def _asr_add_lines(self, rejected):
        if not rejected:
            return
        uid = self.env.uid
        values = [(uid, uid, self.id, number, (column or '')[:255], message)
                  for number, column, message in rejected]
        template = ("(%s, %s, now() at time zone 'UTC', now() at time zone 'UTC', "
                    "%s, %s, %s, %s)")
        execute_values(self.env.cr._obj, """
            INSERT INTO asr_import_job_line (create_uid, write_uid, create_date,
                write_date, job_id, number, column_name, message)
            VALUES %s""", values, template=template, page_size=1000)
        self.invalidate_cache(['line_ids'])

    @api.multi
    def _asr_finish(self, header, rows):
        """Done: the file of refused rows, the message to the user, the rows erased."""
        Import = self._asr_import_env()
        values = {'state': 'done', 'date_done': fields.Datetime.now(), 'rows_data': False}
        rejected = [(line.number, line.column_name, line.message) for line in self.line_ids]
        attachment_ids = []
        if rejected:
            content = Import._rejected_xlsx({'header': header, 'rows': rows,
                                             'rejected': rejected})
            filename = Import._rejected_filename(self.filename)
            values.update(rejected_file=base64.b64encode(content), rejected_filename=filename)
            attachment_ids = [self.env['ir.attachment'].create({
                'name': filename, 'datas_fname': filename, 'datas': values['rejected_file'],
                'res_model': self._name, 'res_id': self.id}).id]
        self.write(values)
        self._asr_notify(self._asr_done_message(rejected), attachment_ids)

    @api.multi
    def _asr_done_message(self, rejected):
        job = self.with_context(lang=self.user_id.lang or 'fr_FR')
        return job._asr_done_message_lang(rejected)

    @api.multi
    def _asr_done_message_lang(self, rejected):
        parts = ['<p>%s</p>' % html_escape(_(
            'Import of "%s" finished: %s rows imported, %s already imported, %s rejected.')
            % (self.filename or self.name, self.new_count, self.existing_count,
               self.rejected_count))]
        if rejected:
            parts.append('<p>%s</p><ul>' % html_escape(_("Rejected rows:")))
            for number, column, message in rejected[:MESSAGE_LINES]:
                parts.append('<li>%s</li>' % html_escape(
                    _("row %s (%s): %s") % (number, column or '-', message)
                    if column else _("row %s: %s") % (number, message)))
            parts.append('</ul>')
            if len(rejected) > MESSAGE_LINES:
                parts.append('<p>%s</p>' % html_escape(
                    _("... and %s more, all in the attached file of rejected rows.")
                    % (len(rejected) - MESSAGE_LINES)))
            else:
                parts.append('<p>%s</p>' % html_escape(
                    _("The attached file lists them with the reason: correct them and import "
                      "it again.")))
        return ''.join(parts)

    @api.multi
    def _asr_batch_failed(self, err):
        """A batch failed and left nothing: a refusal of the import (rights, file) stops the
        job at once; anything else is tried again at the next run, MAX_ATTEMPTS times."""
        job = self.sudo()._asr_trusted()
        job.invalidate_cache()
        refused = isinstance(err, (UserError, AccessError, ValidationError))
        attempts = job.attempts + 1
        if not refused and attempts < MAX_ATTEMPTS:
            _logger.warning("Import job %s: batch from row %s failed (%s), tried again at the "
                            "next run", job.id, job.done_rows + 2, err)
            job.write({'attempts': attempts})
            return
        _logger.warning("Import job %s stopped at row %s: %s", job.id, job.done_rows + 2, err)
        user_job = job.with_context(lang=job.user_id.lang or 'fr_FR')
        reason = (err.name if refused else _(
            "an unexpected error interrupted it (%s)") % type(err).__name__)
        message = user_job._asr_stopped_message(reason)
        job.write({'state': 'failed', 'attempts': attempts, 'error': reason[:5000]})
        job._asr_notify('<p>%s</p>' % html_escape(message), [])

    @api.multi
    def _asr_stopped_message(self, reason):
        return _('Import of "%s" stopped at row %s of %s: %s. The %s rows imported before '
                 'stay imported; resume the import from its form, or import the file again '
                 '(the rows already imported are recognised).') % (
                     self.filename or self.name, self.done_rows + 2, self.total_rows + 1,
                     reason, self.new_count)

    @api.multi
    def _asr_notify(self, body, attachment_ids):
        """The message of the job to its user: in their inbox (and by e-mail if they receive
        their notifications so), signed by their company."""
        job = self.sudo().with_context(lang=self.user_id.lang or 'fr_FR')
        company = (self.company_id or self.user_id.company_id).partner_id
        values = {'author_id': company.id}
        if company.email:
            values['email_from'] = formataddr((company.name, company.email))
        job.message_post(body=body, subject=job._asr_subject(),
                         partner_ids=[self.user_id.partner_id.id],
                         attachment_ids=attachment_ids, subtype='mail.mt_comment',
                         message_type='comment', **values)

    @api.multi
    def _asr_subject(self):
        return _("Statement import: %s") % (self.filename or self.name)

    @api.model
    def _asr_remove_old_jobs(self):
        limit = fields.Datetime.to_string(datetime.datetime.utcnow()
                                          - datetime.timedelta(days=KEEP_DAYS))
        self.sudo().search([('state', 'in', ('done', 'failed')),
                            ('write_date', '<', limit)]).unlink()
