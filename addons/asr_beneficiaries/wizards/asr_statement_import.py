import base64
import datetime
import io

import xlsxwriter

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html_escape

from odoo.addons.asr_charter.exceptions import AsrUserError
from odoo.addons.asr_charter.rules.dates import fr_date
from odoo.addons.asr_charter.rules.spreadsheet import write_cell

from ..rules.hours import DIRECT_HIRE, PROVIDED, is_subcontracting
from ..rules.statements import (BENEFICIARY_COLUMNS, BENEFICIARY_TEMPLATE_COLUMNS,
                                HOUR_COLUMNS, HOUR_TEMPLATE_COLUMNS, HOUR_TEMPLATE_EXAMPLE,
                                MODALITY_LABELS, StatementError,
                                column_names, parse_beneficiary_rows, parse_hour_rows)
from ..rules.suppliers import SupplierRuleError, clean_siret
from ..rules.tabular import CP1252, PREVIEW_LINES, UTF8, UTF8_BOM, csv_bytes

PREVIEW_ROWS = 50
# above this many rows a file is imported in the background (asr.import.job),
# unless the parameter asr_beneficiaries.background_rows_<kind> says otherwise: the hours
# go at about 5,000 rows a second (bench/import_hours.py), so 10,000 rows stay within two
# seconds a click; each person is created through the ORM (chatter, access log), about ten
# a second, so a list of 200 people already takes some twenty seconds
BACKGROUND_ROWS = {'hours': 10000, 'beneficiaries': 200}
ENCODINGS = [(UTF8, 'UTF-8'), (UTF8_BOM, 'UTF-8 with byte order mark (BOM)'),
             (CP1252, 'Windows-1252 (CSV saved by Excel)'), ('xlsx', 'XLSX workbook')]
TEMPLATE_FORMATS = {
    'csv': 'text/csv; charset=utf-8',
    'xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'}
MAX_TEMPLATE_ROWS = 10000  # rows of the template's sheet offering the list of modalities
# abbreviations the help names, besides the French labels
HELP_ABBREVIATIONS = ('CDI', 'CDD', 'contrat pro', 'apprentissage', 'ETTI', 'AI', 'GEIQ',
                      'ETT', 'intérim', 'formation')


class AsrStatementImport(models.TransientModel):
    """Import the monthly statement of a contractor or an SIAE (hours), or a list of
    beneficiaries, from CSV or XLSX.

    Who may import is checked before the file is read: hours go to the clauses, and people to
    the charter, whose people the user follows. Every row is either imported or rejected with
    its row number, column and French reason; the good rows are kept, the rejected ones come
    back as an XLSX to correct and re-import. Rows already imported are recognised and not
    created again; the rows of a file are written together or not at all. Hour rows are
    prepared and checked by the hour entry model itself (the same code as a typed entry).
    """

    _name = 'asr.statement.import'
    _inherit = ['asr.wizard.mixin', 'asr.file.import.mixin']
    _description = 'Import of a monthly statement'
    _asr_limits = {'filename': 255}

    kind = fields.Selection([('hours', 'Hour entries'), ('beneficiaries', 'Beneficiaries')],
                            'Import', required=True, default='hours')
    clause_id = fields.Many2one('asr.clause', 'Clause',
                                domain=[('clause_type', '=', 'insertion'),
                                        ('state', '=', 'execution')],
                                help="The clause of the statement; leave empty when the file "
                                     "has a clause column.")
    charter_id = fields.Many2one('asr.charter', 'Charter',
                                 default=lambda self: self.env['asr.beneficiary']
                                 ._default_charter(),
                                 help="Charter of the imported beneficiaries.")
    file = fields.Binary('File (CSV or XLSX)')  # required by the form; checked on use
    filename = fields.Char('File name')
    state = fields.Selection([('upload', 'File'), ('preview', 'Preview'), ('done', 'Done'),
                              ('queued', 'In the background')], default='upload')
    new_count = fields.Integer('New rows', readonly=True)
    existing_count = fields.Integer('Already imported', readonly=True)
    rejected_count = fields.Integer('Rejected rows', readonly=True)
    preview_html = fields.Html('Preview', readonly=True, sanitize=False)
    rejected_file = fields.Binary('Rejected rows to correct', readonly=True, attachment=False)
    rejected_filename = fields.Char('Rejected file name', readonly=True)
    encoding = fields.Selection(ENCODINGS, 'Encoding detected', readonly=True)
    row_total = fields.Integer('Rows in the file', readonly=True)
    file_preview_html = fields.Html('First lines of the file', readonly=True, sanitize=False)
    background = fields.Boolean('Imported in the background', readonly=True,
                                help="Long files are checked and imported by the server in "
                                     "the background, in batches; a message tells you when "
                                     "it is done.")
    queued_count = fields.Integer('Rows to check and import', readonly=True)
    job_id = fields.Many2one('asr.import.job', 'Background import', readonly=True)
    job_state = fields.Selection(related='job_id.state', string='State of the import',
                                 readonly=True)
    job_progress = fields.Float(related='job_id.progress', string='Progress (%)',
                                readonly=True)
    help_html = fields.Html('Help', compute='_compute_help_html', sanitize=False)

    @api.depends('kind')
    def _compute_help_html(self):
        for wizard in self:
            wizard.help_html = (self._hours_help_html() if wizard.kind == 'hours'
                                else self._beneficiaries_help_html())

    # -- buttons ------------------------------------------------------------------------
    @api.multi
    def action_preview(self):
        """Check every row without writing anything; a file too long for one request is
        checked here for its format only (the other checks run in the background)."""
        self.ensure_one()
        header, rows, info = self._read_checked_file()
        values = self._file_values(header, rows, info)
        if values['background']:
            result = self._check_formats(header, rows)
            values.update(self._result_values(result, 'preview', background=True),
                          new_count=0, queued_count=len(result['new']))
        else:
            result = self._import_rows(header, rows, dry_run=True)
            values.update(self._result_values(result, 'preview'))
        self._asr_trusted().write(values)
        return self._reopen()

    @api.multi
    def action_import(self):
        """Import the valid rows; a long file goes to a background job."""
        self.ensure_one()
        header, rows, info = self._read_checked_file()
        values = self._file_values(header, rows, info)
        if values['background']:
            self._check_formats(header, rows)  # a file without its columns is refused now
            job = self.env['asr.import.job']._asr_enqueue({
                'name': self.filename or _('Statement'), 'filename': self.filename,
                'kind': self.kind, 'clause_id': self.kind == 'hours' and self.clause_id.id,
                'charter_id': self.kind == 'beneficiaries' and self.charter_id.id},
                header, rows)
            values.update({'state': 'queued', 'job_id': job.id, 'rejected_file': False,
                           'rejected_filename': False,
                           'preview_html': self._queued_html(len(rows))})
        else:
            result = self._import_rows(header, rows, dry_run=False)
            values.update(self._result_values(result, 'done'))
        self._asr_trusted().write(values)
        return self._reopen()

    @api.multi
    def action_back(self):
        """Back to the choice of the file (to correct it and check it again)."""
        self.ensure_one()
        self._asr_trusted().write({
            'state': 'upload', 'file': False, 'filename': False, 'preview_html': False,
            'file_preview_html': False, 'encoding': False, 'row_total': 0, 'new_count': 0,
            'existing_count': 0, 'rejected_count': 0, 'queued_count': 0,
            'background': False, 'rejected_file': False, 'rejected_filename': False})
        return self._reopen()

    @api.multi
    def action_open_job(self):
        """The background import's form: its state, progress and rejected rows."""
        self.ensure_one()
        return {'type': 'ir.actions.act_window', 'res_model': 'asr.import.job',
                'res_id': self.job_id.id, 'view_mode': 'form', 'target': 'current',
                'name': _('Background import')}

    @api.multi
    def _reopen(self):
        return {'type': 'ir.actions.act_window', 'res_model': self._name, 'res_id': self.id,
                'view_mode': 'form', 'target': 'new', 'name': _('Import a statement')}

    @api.multi
    def _read_checked_file(self):
        """(header, rows, info) of the file, once who imports is checked."""
        self._asr_check_backend_user()
        self._asr_check_import_access()
        if not self.file:
            raise AsrUserError('import.file_missing', _("Choose the file to import."))
        return self._asr_read_file(self.file, self.filename, details=True)

    @api.multi
    def _import_rows(self, header, rows, dry_run):
        if self.kind == 'hours':
            return self._import_hour_rows(header, rows, clause=self.clause_id,
                                          dry_run=dry_run)
        return self._import_beneficiary_rows(header, rows, self.charter_id, dry_run=dry_run)

    @api.multi
    def _check_formats(self, header, rows):
        """The format of every row (dates, numbers, modalities, names...), without the
        checks that read the database: what is known of a long file before its import."""
        known = HOUR_COLUMNS if self.kind == 'hours' else BENEFICIARY_COLUMNS
        try:
            if self.kind == 'hours':
                good, parse_rejected = parse_hour_rows(header, rows,
                                                       clause_given=bool(self.clause_id))
            else:
                good, parse_rejected = parse_beneficiary_rows(header, rows)
        except StatementError as err:
            raise AsrUserError('statement.' + err.key, self._columns_message(err, known, header))
        labels = self._column_labels(header, known)
        rejected = [(number, labels.get(column, column), self._parse_message(key, values))
                    for number, column, key, values in parse_rejected]
        return {'new': [number for number, _values in good], 'existing': 0,
                'rejected': rejected, 'header': header, 'rows': rows}

    @api.model
    def _asr_background_rows(self, kind):
        """Rows above which a file of this kind is imported in the background."""
        value = self.env['ir.config_parameter'].sudo().get_param(
            'asr_beneficiaries.background_rows_%s' % kind)
        try:
            return int(value) if value else BACKGROUND_ROWS[kind]
        except ValueError:
            return BACKGROUND_ROWS[kind]

    @api.multi
    def _file_values(self, header, rows, info):
        """What the wizard shows of the file read: its encoding, its first lines, its
        length, and whether it is long enough for the background."""
        return {'encoding': info['encoding'] or info['format'], 'row_total': len(rows),
                'file_preview_html': self._file_preview_html(header, rows, info),
                'background': len(rows) > self._asr_background_rows(self.kind)}

    @api.multi
    def _asr_check_import_access(self):
        """Before anything is read from the file: the user records hours, or creates people,
        on a charter whose people they follow."""
        self._asr_check_import_scope(self.kind, self.clause_id, self.charter_id)

    @api.model
    def _asr_check_import_scope(self, kind, clause, charter):
        """The checks of _asr_check_import_access, for the wizard and for each batch of a
        background import (run as its user)."""
        user = self.env.user
        if kind == 'hours':
            self.env['asr.hour.entry'].check_access_rights('create')
            self.env['asr.beneficiary'].check_access_rights('read')
            if clause:
                clause.mapped('charter_id')._asr_check_handles_people(user, _(
                    "You may only import hours on the clauses of the charters whose people "
                    "you follow."))
            return
        self.env['asr.beneficiary'].check_access_rights('create')
        if not charter:
            raise AsrUserError('statement.charter_missing',
                               _("Choose the charter of the beneficiaries."))
        charter._asr_check_handles_people(user, _(
            "You may only import the people of a charter whose people you follow."))

    @api.multi
    def _result_values(self, result, state, background=False):
        values = {'state': state, 'new_count': len(result['new']),
                  'existing_count': result['existing'],
                  'rejected_count': len(result['rejected']), 'queued_count': 0,
                  'preview_html': self._preview_html(result, state, background),
                  'rejected_file': False, 'rejected_filename': False}
        if result['rejected'] and state == 'done':
            values['rejected_file'] = base64.b64encode(self._rejected_xlsx(result))
            values['rejected_filename'] = self._rejected_filename(self.filename)
        return values

    @api.model
    def _rejected_filename(self, filename):
        return _('rejected-rows-%s.xlsx') % ((filename or 'import').rsplit('.', 1)[0])

    # -- hours --------------------------------------------------------------------------
    @api.model
    def _import_hour_rows(self, header, rows, clause=None, dry_run=False, source='import',
                          first_number=2):
        """Check and create hour entries from the rows of a statement (the bulk path of the
        wizard, of the portal and of bench/import_hours.py): the file's references are
        resolved here, then the hour entry model prepares and checks the rows
        (_asr_check_rows, the code of create) and inserts the good ones in bulk
        (_asr_insert_rows). Private: never reachable over RPC.

        :param first_number: the row number of ``rows[0]`` in the file (a batch of a
            background import).
        :return: dict(new=[row numbers created], existing=count, rejected=[(row, column,
            message)], header=header, rows=rows)
        """
        Entry = self.env['asr.hour.entry']
        Entry.check_access_rights('create')
        self.env['asr.beneficiary'].check_access_rights('read')
        try:
            good, parse_rejected = parse_hour_rows(header, rows, clause_given=bool(clause),
                                                   first_number=first_number)
        except StatementError as err:
            raise AsrUserError('statement.' + err.key,
                               self._columns_message(err, HOUR_COLUMNS, header))
        labels = self._column_labels(header, HOUR_COLUMNS)
        rejected = [(number, labels.get(column, column), self._parse_message(key, values))
                    for number, column, key, values in parse_rejected]
        clause_ids, person_refs, names, sirets = self._hour_references(good, clause)
        persons = self._find_people(person_refs, names)
        employers = self._find_employers(sirets)
        pending = []  # (row number, values for the hour entry)
        for number, values in good:
            clause_id = clause.id if clause else self.env['asr.clause'].code_to_id(
                values['clause'])
            if clause_id not in clause_ids:
                rejected.append((number, labels.get('clause', 'clause'),
                                 _("unknown clause %s (or not one of your charter)")
                                 % values['clause']))
                continue
            subcontracting = is_subcontracting(values['modality'])
            person_id, error = self._row_person(values, persons)
            if error and not subcontracting:
                rejected.append((number, labels.get(error[0], error[0]), error[1]))
                continue
            employer_id = False
            if values['employer_siret']:
                employer_id = employers.get(values['employer_siret'])
                if not employer_id:
                    rejected.append((number, labels.get('employer_siret'),
                                     _("no supplier has the SIRET %s")
                                     % values['employer_siret']))
                    continue
            # the hour entry model completes the row as it stores it (_asr_prepare: the
            # month's first day, no person for subcontracting, its hours from the amount)
            pending.append((number, {
                'clause_id': clause_id, 'beneficiary_id': person_id or False,
                'month': fields.Date.to_string(values['month']),
                'modality': values['modality'], 'hours': values['hours'] or 0.0,
                'amount': values['amount'] or 0.0, 'employer_id': employer_id}))
        new, existing, to_insert = [], 0, []
        checked = Entry._asr_check_rows([vals for _number, vals in pending])
        for (number, _vals), (row, errors) in zip(pending, checked):
            if errors == 'existing':
                existing += 1
            elif errors:
                column, key, values = errors[0]
                rejected.append((number, labels.get(column, column), self._control_message(
                    key, values, row.get('clause_id'), row.get('beneficiary_id'),
                    fields.Date.from_string(row['month']) if row.get('month') else None)))
            else:
                new.append(number)
                to_insert.append(row)
        if to_insert and not dry_run:
            Entry._asr_insert_rows(to_insert, source=source, state='submitted')
        rejected.sort()
        return {'new': new, 'existing': existing, 'rejected': rejected, 'header': header,
                'rows': rows}

    @api.model
    def _hour_references(self, good, clause):
        """The clauses (ids the user may record hours on), person references, names and
        SIRET numbers that the rows mention."""
        clause_ids, refs, names, sirets = set(), set(), set(), set()
        Clause = self.env['asr.clause']
        for _number, values in good:
            if not clause:
                clause_id = Clause.code_to_id(values['clause'])
                if clause_id:
                    clause_ids.add(clause_id)
            if values['beneficiary']:
                refs.add(values['beneficiary'])
            elif values['last_name']:
                names.add(self._name_key(values['last_name'], values['first_name'],
                                         values['birth_date']))
            if values['employer_siret']:
                sirets.add(values['employer_siret'])
        if clause:
            clause_ids = {clause.id}
        # the user's record rules decide which clauses they see; the charter, whose people
        # they follow, which clauses they record hours on
        visible = Clause.search([('id', 'in', list(clause_ids))]) if clause_ids else Clause
        user = self.env.user
        allowed = {charter.id for charter in visible.mapped('charter_id')
                   if charter._asr_handles_people(user)}
        return ({c.id for c in visible if c.charter_id.id in allowed}, refs, names, sirets)

    @staticmethod
    def _name_key(last_name, first_name, birth_date):
        return ((last_name or '').strip().lower(), (first_name or '').strip().lower(),
                birth_date or None)

    @api.model
    def _find_people(self, refs, names):
        """{reference or name key: id} of the people the user may see (record rules): nothing
        of the people of other charters enters the result, hence the messages."""
        Person = self.env['asr.beneficiary']
        found = {}
        candidates = {Person.code_to_id(ref): ref for ref in refs if Person.code_to_id(ref)}
        name_ids = {}
        if names:
            self.env.cr.execute("""
                SELECT id, lower(last_name), lower(first_name), birth_date FROM asr_beneficiary
                WHERE lower(last_name) IN %s AND state != 'anonymised'""",
                                (tuple(n[0] for n in names),))
            for pid, last, first, birth in self.env.cr.fetchall():
                birth = fields.Date.from_string(birth)
                key = (last, first, birth)
                if key in names or (last, first, None) in names:
                    name_ids.setdefault(key, []).append(pid)
                    name_ids.setdefault((last, first, None), []).append(pid)
        ids = set(candidates) | set(i for v in name_ids.values() for i in v)
        visible = set(Person.search([('id', 'in', list(ids))]).ids) if ids else set()
        for pid, ref in candidates.items():
            if pid in visible:
                found[ref] = pid
        for key, pids in name_ids.items():
            pids = sorted(set(p for p in pids if p in visible))
            if pids:
                found[key] = pids[0] if len(pids) == 1 else 'ambiguous'
        return found

    @api.model
    def _row_person(self, values, persons):
        """(person id, None) or (None, (column, message))."""
        if values['beneficiary']:
            person_id = persons.get(values['beneficiary'])
            if not person_id:
                return None, ('beneficiary', _("unknown beneficiary %s (or not of your "
                                               "charter)") % values['beneficiary'])
            return person_id, None
        if not values['last_name']:
            return None, ('beneficiary', _("say which person worked these hours"))
        key = self._name_key(values['last_name'], values['first_name'], values['birth_date'])
        person_id = persons.get(key)
        if person_id == 'ambiguous':
            return None, ('birth_date', _(
                "several people are called %s %s: give the birth date or the reference") % (
                values['first_name'], values['last_name']))
        if not person_id:
            return None, ('last_name', _("nobody called %s %s among your beneficiaries") % (
                values['first_name'], values['last_name']))
        return person_id, None

    @api.model
    def _find_employers(self, sirets):
        clean = {}
        for siret in sirets:
            try:
                clean[clean_siret(siret)] = siret
            except SupplierRuleError:
                continue
        if not clean:
            return {}
        self.env.cr.execute("""SELECT asr_siret, min(id) FROM res_partner
                               WHERE asr_siret IN %s AND active GROUP BY asr_siret""",
                            (tuple(clean),))
        return {clean[siret]: pid for siret, pid in self.env.cr.fetchall()}

    # -- beneficiaries --------------------------------------------------------------------
    @api.model
    def _import_beneficiary_rows(self, header, rows, charter, dry_run=False, first_number=2):
        """Create the people of a list (to be validated by the facilitator); a person already
        known in the charter (same names and birth date) is not created again. The charter
        is one whose people the user follows (checked first)."""
        Person = self.env['asr.beneficiary']
        Person.check_access_rights('create')
        charter._asr_check_handles_people(self.env.user, _(
            "You may only import the people of a charter whose people you follow."))
        try:
            good, parse_rejected = parse_beneficiary_rows(header, rows,
                                                          first_number=first_number)
        except StatementError as err:
            raise AsrUserError('statement.' + err.key,
                               self._columns_message(err, BENEFICIARY_COLUMNS, header))
        labels = self._column_labels(header, BENEFICIARY_COLUMNS)
        rejected = [(number, labels.get(column, column), self._parse_message(key, values))
                    for number, column, key, values in parse_rejected]
        criteria = {c.code: c.id for c in self.env['asr.eligibility.criterion'].search([])}
        self.env.cr.execute("""
            SELECT lower(last_name), lower(first_name), birth_date FROM asr_beneficiary
            WHERE charter_id = %s AND state != 'anonymised'""", (charter.id,))
        known = set((last, first, fields.Date.from_string(birth))
                    for last, first, birth in self.env.cr.fetchall())
        new, existing, to_create = [], 0, []
        for number, values in good:
            key = self._name_key(values['last_name'], values['first_name'],
                                 values['birth_date'])
            if key in known:
                existing += 1
                continue
            unknown = [c for c in values['criteria'] if c not in criteria]
            if unknown:
                rejected.append((number, labels.get('criteria', 'criteria'), _(
                    "unknown criterion %s; expected codes: %s") % (
                    ', '.join(unknown)[:200], ', '.join(sorted(criteria)))))
                continue
            known.add(key)
            new.append(number)
            to_create.append((number, {
                'charter_id': charter.id, 'last_name': values['last_name'],
                'first_name': values['first_name'],
                'birth_date': fields.Date.to_string(values['birth_date']),
                'gender': values['gender'], 'zip': values['zip'] or False,
                'qpv_resident': values['qpv'], 'qpv_name': values['qpv_name'] or False,
                'criterion_ids': [(6, 0, [criteria[c] for c in values['criteria']])],
            }))
        if not dry_run and to_create:
            with self.env.cr.savepoint():
                for number, vals in to_create:
                    try:
                        with self.env.cr.savepoint():
                            Person.create(vals)
                    except (UserError, ValidationError) as err:  # a check of the model
                        rejected.append((number, '', err.name))
                        new.remove(number)
        rejected.sort()
        return {'new': new, 'existing': existing, 'rejected': rejected, 'header': header,
                'rows': rows}

    # -- messages and files ---------------------------------------------------------------
    @api.model
    def _column_labels(self, header, known):
        """{internal column name: the column's name in the file}."""
        return {name: str(cell) for name, cell in zip(column_names(header, known), header)
                if name}

    @api.model
    def _columns_message(self, err, known, header=None):
        """The missing columns by their names in the template, the expected ones, and the
        ones the file has (a wrong separator or encoding shows there)."""
        titles = dict(HOUR_TEMPLATE_COLUMNS + BENEFICIARY_TEMPLATE_COLUMNS)
        message = _("Columns missing from the file: %s. Expected columns: %s.") % (
            ', '.join(titles.get(name, name) for name in err.values['missing']),
            ', '.join(titles.get(name, name) for name in known))
        found = [str(cell)[:40] for cell in (header or []) if cell not in (None, '')]
        if found:
            message += ' ' + _("Columns read in the file: %s.") % ', '.join(found[:20])
        return message

    @api.model
    def _parse_message(self, key, values):
        value = str(values.get('value'))[:60]
        if key == 'number':
            return _("unreadable number (%s)") % value
        if key == 'date':
            return _("unreadable date (%s); write it as 31/12/2026, between 1900 and "
                     "2100") % value
        if key == 'month':
            return _("unreadable month (%s); write it as 03/2025") % value
        if key == 'modality':
            return _("unknown modality (%s); expected one of: %s") % (
                value, ', '.join(label for _code, label in MODALITY_LABELS))
        if key == 'gender':
            return _("unknown gender (%s); write F, H or autre") % value
        if key == 'yes_no':
            return _("write oui or non (%s given)") % value
        if key == 'too_long':
            return _("too long: %s characters, at most %s") % (
                values.get('length'), values.get('max'))
        if key == 'zip':
            return _("a postal code has five digits (%s given)") % value
        return _("the value is missing")

    @api.model
    def _control_message(self, key, values, clause_id, person_id=None, month=None):
        Entry = self.env['asr.hour.entry']
        return Entry._message(key, values, clause=self.env['asr.clause'].browse(clause_id),
                              person=self.env['asr.beneficiary'].browse(person_id or []),
                              month=month)

    @api.multi
    def _preview_html(self, result, state, background=False):
        """The counts, what happens next, and the rejected rows (the first PREVIEW_ROWS)."""
        if background:
            parts = [self._background_html(len(result['rows']), len(result['new']),
                                           len(result['rejected']))]
        else:
            title = _("Rows to import") if state == 'preview' else _("Rows imported")
            parts = ['<p><strong>%s</strong>: %s — <strong>%s</strong>: %s — <strong>%s'
                     '</strong>: %s</p>' % (
                         html_escape(title), len(result['new']),
                         html_escape(_("already imported")), result['existing'],
                         html_escape(_("rejected")), len(result['rejected']))]
        if state == 'preview' and not result['new']:
            parts.append('<div class="alert alert-warning" role="status">%s</div>'
                         % html_escape(self._nothing_message(result)))
        if result['rejected']:
            parts.append('<table class="table table-condensed"><thead><tr><th>%s</th><th>%s'
                         '</th><th>%s</th></tr></thead><tbody>' % (
                             html_escape(_("Row")), html_escape(_("Column")),
                             html_escape(_("Reason"))))
            for number, column, message in result['rejected'][:PREVIEW_ROWS]:
                parts.append('<tr><td>%s</td><td>%s</td><td>%s</td></tr>' % (
                    number, html_escape(column or ''), html_escape(message)))
            parts.append('</tbody></table>')
            if len(result['rejected']) > PREVIEW_ROWS:
                parts.append('<p>%s</p>' % html_escape(
                    _("... and %s more rejected rows, all listed in the file of rejected "
                      "rows.") % (len(result['rejected']) - PREVIEW_ROWS)))
        return ''.join(parts)

    @api.model
    def _rejected_xlsx(self, result):
        """The rejected rows as they were in the file, with the reason: to correct and
        import again. Cells are written as data, never as formulas."""
        stream = io.BytesIO()
        book = xlsxwriter.Workbook(stream, {'in_memory': True})
        sheet = book.add_worksheet(_('Rejected rows'))
        bold = book.add_format({'bold': True})
        header = [str(h) if h is not None else '' for h in result['header']]
        extra = [_('Row'), _('Column'), _('Reason')]
        for col, title in enumerate(header + extra):
            write_cell(sheet, 0, col, title, bold)
        for line, (number, column, message) in enumerate(result['rejected'], start=1):
            row = result['rows'][number - 2] if 0 <= number - 2 < len(result['rows']) else []
            for col, value in enumerate(list(row)[:len(header)]):
                write_cell(sheet, line, col, value)
            write_cell(sheet, line, len(header), number)
            write_cell(sheet, line, len(header) + 1, column or '')
            write_cell(sheet, line, len(header) + 2, message)
        book.close()
        return stream.getvalue()

    @api.model
    def _nothing_message(self, result):
        """Why the import button is not offered: no new valid row in the file."""
        if result['rejected']:
            return _("Nothing to import: no row of this file is both new and valid. Correct "
                     "the rejected rows listed below, then choose the corrected file again.")
        if result['existing']:
            return _("Nothing to import: every row of this file is already imported.")
        return _("Nothing to import: the file has no row under its header.")

    @api.multi
    def _background_html(self, total, valid, rejected):
        """What the check of a long file says before its import in the background."""
        Job = self.env['asr.import.job']
        return '<p>%s</p><p>%s</p>' % (html_escape(_(
            "This file has %s rows: above %s rows, the import runs in the background, in "
            "batches, and a message tells you when it is done, with the rows imported and "
            "the rejected rows.") % (total, self._asr_background_rows(self.kind))),
            html_escape(_(
                "Format checked now: %s rows to check and import, %s rejected (below). The "
                "other checks (clause, person, contract dates, eligibility, monthly cap, "
                "duplicates) run during the import, %s rows at a time.") % (
                valid, rejected, Job._asr_batch_rows(self.kind))))

    @api.multi
    def _queued_html(self, total):
        return '<p>%s</p>' % html_escape(_(
            "The import of the %s rows has started in the background. You can close this "
            "window: a message in your inbox will give the rows imported and the rejected "
            "rows. Follow its progress from \"Follow the import\".") % total)

    @api.model
    def _preview_cell(self, value):
        if value is None:
            return ''
        if isinstance(value, (datetime.date, datetime.datetime)):
            return fr_date(value)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value)
        return text if len(text) <= 60 else text[:60] + '…'

    @api.multi
    def _file_preview_html(self, header, rows, info):
        """The encoding detected and the first lines of the decoded text (CSV) or of the
        sheet (XLSX), to see before importing that the accents and columns read right."""
        count = _("%s rows under the header") % len(rows)
        if info['format'] == 'xlsx':
            parts = ['<p>%s</p>' % html_escape(' — '.join([
                self.filename or '', _('XLSX workbook, sheet "%s"') % (info['sheet'] or ''),
                count]))]
            parts.append('<table class="table table-condensed table-bordered o_asr_file_preview">'
                         '<tbody>')
            for row in [header] + rows[:PREVIEW_LINES - 1]:
                parts.append('<tr>%s</tr>' % ''.join(
                    '<td>%s</td>' % html_escape(self._preview_cell(cell)) for cell in row))
            parts.append('</tbody></table>')
            return ''.join(parts)
        encoding = dict(self._fields['encoding']._description_selection(self.env)).get(
            info['encoding'], info['encoding'])
        delimiter = {';': _('semicolon'), ',': _('comma'), '\t': _('tab')}.get(
            info['delimiter'], info['delimiter'])
        parts = ['<p>%s — <strong>%s</strong> %s — %s — %s</p>' % (
            html_escape(self.filename or ''), html_escape(_("Encoding detected:")),
            html_escape(encoding), html_escape(_("separator: %s") % delimiter),
            html_escape(count))]
        parts.append('<pre class="o_asr_file_preview">%s</pre>' % html_escape(
            '\n'.join(info['lines'])))
        parts.append('<p class="text-muted">%s</p>' % html_escape(_(
            "Accents shown wrong (Ã©, �)? Save the file as \"CSV UTF-8\" in your "
            "spreadsheet and choose it again.")))
        return ''.join(parts)

    # -- help and templates -----------------------------------------------------------------
    @api.model
    def _column_html(self, columns, name):
        return '<code>%s</code>' % html_escape(dict(columns)[name])

    @api.model
    def _hours_help_html(self):
        """The columns by their names in the template, the modalities by their French
        labels: the vocabulary the import reads (rules.statements)."""
        columns = {name: self._column_html(HOUR_TEMPLATE_COLUMNS, name)
                   for name, _title in HOUR_TEMPLATE_COLUMNS}
        parts = ['<p>%s</p>' % (html_escape(_(
            "One row per person, month and modality. Columns: %(clause)s (a code such as "
            "CL-00012; not needed when a clause is chosen above), %(beneficiary)s (such as "
            "B-00042) or %(last_name)s, %(first_name)s and %(birth_date)s (31/12/1990), "
            "%(month)s (03/2025), %(modality)s, %(hours)s, %(amount)s (subcontracting, "
            "excluding tax, instead of hours), %(employer_siret)s (optional: the contractor "
            "by default).")) % columns)]
        parts.append('<p>%s</p><ul>' % (html_escape(_("%(modality)s, one of:")) % columns))
        for _code, label in MODALITY_LABELS:
            parts.append('<li>%s</li>' % html_escape(label))
        parts.append('</ul><p>%s</p>' % html_escape(_(
            "Also accepted: %s. Column names in English (month, modality, hours...) are "
            "read too.") % ', '.join(HELP_ABBREVIATIONS)))
        return ''.join(parts)

    @api.model
    def _beneficiaries_help_html(self):
        columns = {name: self._column_html(BENEFICIARY_TEMPLATE_COLUMNS, name)
                   for name, _title in BENEFICIARY_TEMPLATE_COLUMNS}
        columns['codes'] = html_escape(', '.join(
            self.env['asr.eligibility.criterion'].sudo().search([]).mapped('code')))
        return '<p>%s</p>' % (html_escape(_(
            "One row per person. Columns: %(last_name)s, %(first_name)s, %(birth_date)s "
            "(31/12/1990), %(gender)s (F, H or autre), %(zip)s, %(qpv)s (oui or non), "
            "%(qpv_name)s, %(criteria)s (codes separated by commas: %(codes)s). The people "
            "are created \"to validate\".")) % columns)

    @api.model
    def _asr_template(self, kind, fmt):
        """(file name, content, MIME type) of the template of an import, for whoever may
        import this kind (the rights are checked first): the French column names, an
        example row whose references no record has, and in the XLSX the list of the
        modalities (or criteria) and a help sheet."""
        if kind not in ('hours', 'beneficiaries') or fmt not in TEMPLATE_FORMATS:
            raise AsrUserError('statement.template', _("Unknown template."))
        self._asr_check_backend_user()
        if kind == 'hours':
            self.env['asr.hour.entry'].check_access_rights('create')
            name = _('hours-statement-template')
        else:
            self.env['asr.beneficiary'].check_access_rights('create')
            name = _('beneficiaries-list-template')
        rows = self._template_rows(kind)
        content = csv_bytes(rows) if fmt == 'csv' else self._template_xlsx(kind, rows)
        return '%s.%s' % (name, fmt), content, TEMPLATE_FORMATS[fmt]

    @api.model
    def _template_rows(self, kind):
        if kind == 'hours':
            return [[title for _name, title in HOUR_TEMPLATE_COLUMNS],
                    list(HOUR_TEMPLATE_EXAMPLE)]
        return [[title for _name, title in BENEFICIARY_TEMPLATE_COLUMNS]]

    @api.model
    def _template_help(self, kind):
        """(column name, required, what to write) of each column of the template."""
        if kind == 'hours':
            texts = {
                'clause': (_("yes, unless a clause is chosen in the import"),
                           _("code of the clause, such as CL-00012")),
                'beneficiary': (_("the reference, or the name, first name and birth date"),
                                _("reference of the person, such as B-00042")),
                'last_name': ('', _("last name, when the reference is not given")),
                'first_name': ('', _("first name, when the reference is not given")),
                'birth_date': ('', _("31/12/1990; needed when two people have the same "
                                     "name")),
                'month': (_("yes"), _("month worked: 03/2025")),
                'modality': (_("yes"), _("one of the labels of the sheet of modalities")),
                'hours': (_("yes, except subcontracting"),
                          _("hours worked, invoiced or of training: 151,67")),
                'amount': (_("for subcontracting"),
                           _("amount excluding tax invoiced by the SIAE, ESAT or EA; "
                             "counted in hours with the clause's labour share and hourly "
                             "cost")),
                'employer_siret': ('', _("SIRET of the employer when it is not the "
                                         "contractor (14 digits)")),
            }
            columns = HOUR_TEMPLATE_COLUMNS
        else:
            texts = {
                'last_name': (_("yes"), _("last name")),
                'first_name': (_("yes"), _("first name")),
                'birth_date': (_("yes"), _("31/12/1990")),
                'gender': ('', _("F, H or autre")),
                'zip': ('', _("five digits")),
                'qpv': ('', _("oui or non: lives in a priority neighbourhood (QPV)")),
                'qpv_name': ('', _("name of the neighbourhood")),
                'criteria': ('', _("codes of the sheet of criteria, separated by commas")),
            }
            columns = BENEFICIARY_TEMPLATE_COLUMNS
        return [(title,) + texts[name] for name, title in columns]

    @api.model
    def _template_xlsx(self, kind, rows):
        stream = io.BytesIO()
        book = xlsxwriter.Workbook(stream, {'in_memory': True})
        bold = book.add_format({'bold': True, 'bg_color': '#DDEBF7', 'border': 1})
        text = book.add_format({'num_format': '@'})
        example = book.add_format({'italic': True, 'font_color': '#7F7F7F',
                                   'num_format': '@'})
        wrap = book.add_format({'text_wrap': True, 'valign': 'top'})
        main = book.add_worksheet(_('Statement') if kind == 'hours' else _('People'))
        if kind == 'hours':
            values = [(label, self._modality_counting(code)) for code, label in MODALITY_LABELS]
            list_title, list_header = _('Modalities'), [_('Modality'), _('Hours counted')]
            list_column = [name for name, _t in HOUR_TEMPLATE_COLUMNS].index('modality')
        else:
            criteria = self.env['asr.eligibility.criterion'].sudo().search([])
            values = [(c.code, c.name) for c in criteria]
            list_title, list_header = _('Criteria'), [_('Code'), _('Criterion')]
            list_column = None
        for col, title in enumerate(rows[0]):
            write_cell(main, 0, col, title, bold)
            main.set_column(col, col, max(14, len(title) + 4), text)
        if kind == 'hours':
            main.set_column(list_column, list_column, 48, text)
        for line, row in enumerate(rows[1:], start=1):
            for col, value in enumerate(row):
                write_cell(main, line, col, value, example)
        if len(rows) > 1:
            main.write_comment(1, 0, _("Example: replace this row with yours (left as it "
                                       "is, it is rejected, never imported)."))
        main.freeze_panes(1, 0)
        sheet = book.add_worksheet(list_title)
        for col, title in enumerate(list_header):
            write_cell(sheet, 0, col, title, bold)
        for line, (first, second) in enumerate(values, start=1):
            write_cell(sheet, line, 0, first)
            write_cell(sheet, line, 1, second)
        sheet.set_column(0, 0, 55 if kind == 'hours' else 14)
        sheet.set_column(1, 1, 70)
        if list_column is not None:
            main.data_validation(1, list_column, MAX_TEMPLATE_ROWS, list_column, {
                'validate': 'list',
                'source': "='%s'!$A$2:$A$%d" % (list_title, len(values) + 1),
                'error_type': 'warning', 'error_title': _('Modality'),
                'error_message': _("Choose a modality of the list (or one of the "
                                   "abbreviations of the help sheet).")})
        help_sheet = book.add_worksheet(_('Help'))
        for col, title in enumerate([_('Column'), _('Required'), _('What to write')]):
            write_cell(help_sheet, 0, col, title, bold)
        for line, cells in enumerate(self._template_help(kind), start=1):
            for col, value in enumerate(cells):
                write_cell(help_sheet, line, col, value, wrap)
        help_sheet.set_column(0, 0, 24)
        help_sheet.set_column(1, 1, 40)
        help_sheet.set_column(2, 2, 80)
        book.close()
        return stream.getvalue()

    @api.model
    def _modality_counting(self, code):
        """What the hours of a modality are, as the help sheet of the template says."""
        if code in DIRECT_HIRE:
            return _("hours worked on the market (payslip)")
        if code in PROVIDED:
            return _("hours invoiced")
        if is_subcontracting(code):
            return _("amount excluding tax, counted in hours with the clause's labour share "
                     "and hourly cost")
        return _("hours of training")
