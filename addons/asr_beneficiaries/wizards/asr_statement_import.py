import base64
import io

import xlsxwriter

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html_escape

from odoo.addons.asr_charter.rules.spreadsheet import write_cell

from ..rules.hours import is_subcontracting
from ..rules.statements import (BENEFICIARY_COLUMNS, HOUR_COLUMNS, StatementError,
                                column_names, parse_beneficiary_rows, parse_hour_rows)
from ..rules.suppliers import SupplierRuleError, clean_siret

PREVIEW_ROWS = 50


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
    file = fields.Binary('File (CSV or XLSX)', required=True)
    filename = fields.Char('File name')
    state = fields.Selection([('upload', 'File'), ('preview', 'Preview'), ('done', 'Done')],
                             default='upload')
    new_count = fields.Integer('New rows', readonly=True)
    existing_count = fields.Integer('Already imported', readonly=True)
    rejected_count = fields.Integer('Rejected rows', readonly=True)
    preview_html = fields.Html('Preview', readonly=True, sanitize=False)
    rejected_file = fields.Binary('Rejected rows to correct', readonly=True, attachment=False)
    rejected_filename = fields.Char('Rejected file name', readonly=True)

    # -- buttons ------------------------------------------------------------------------
    @api.multi
    def action_preview(self):
        """Check every row without writing anything."""
        self.ensure_one()
        result = self._run(dry_run=True)
        self._asr_trusted().write(self._result_values(result, 'preview'))
        return self._reopen()

    @api.multi
    def action_import(self):
        self.ensure_one()
        result = self._run(dry_run=False)
        self._asr_trusted().write(self._result_values(result, 'done'))
        return self._reopen()

    @api.multi
    def _reopen(self):
        return {'type': 'ir.actions.act_window', 'res_model': self._name, 'res_id': self.id,
                'view_mode': 'form', 'target': 'new', 'name': _('Import a statement')}

    @api.multi
    def _run(self, dry_run):
        self._asr_check_backend_user()
        self._asr_check_import_access()
        if not self.file:
            raise UserError(_("Choose the file to import."))
        header, rows = self._asr_read_file(self.file, self.filename)
        if self.kind == 'hours':
            return self._import_hour_rows(header, rows, clause=self.clause_id,
                                          dry_run=dry_run)
        return self._import_beneficiary_rows(header, rows, self.charter_id, dry_run=dry_run)

    @api.multi
    def _asr_check_import_access(self):
        """Before anything is read from the file: the user records hours, or creates people,
        on a charter whose people they follow."""
        user = self.env.user
        if self.kind == 'hours':
            self.env['asr.hour.entry'].check_access_rights('create')
            self.env['asr.beneficiary'].check_access_rights('read')
            if self.clause_id:
                self.clause_id.mapped('charter_id')._asr_check_handles_people(user, _(
                    "You may only import hours on the clauses of the charters whose people "
                    "you follow."))
            return
        self.env['asr.beneficiary'].check_access_rights('create')
        if not self.charter_id:
            raise UserError(_("Choose the charter of the beneficiaries."))
        self.charter_id._asr_check_handles_people(user, _(
            "You may only import the people of a charter whose people you follow."))

    @api.multi
    def _result_values(self, result, state):
        values = {'state': state, 'new_count': len(result['new']),
                  'existing_count': result['existing'],
                  'rejected_count': len(result['rejected']),
                  'preview_html': self._preview_html(result, state),
                  'rejected_file': False, 'rejected_filename': False}
        if result['rejected'] and state == 'done':
            values['rejected_file'] = base64.b64encode(self._rejected_xlsx(result))
            values['rejected_filename'] = _('rejected-rows-%s.xlsx') % (
                (self.filename or 'import').rsplit('.', 1)[0])
        return values

    # -- hours --------------------------------------------------------------------------
    @api.model
    def _import_hour_rows(self, header, rows, clause=None, dry_run=False, source='import'):
        """Check and create hour entries from the rows of a statement (the bulk path of the
        wizard, of the portal and of bench/import_hours.py): the file's references are
        resolved here, then the hour entry model prepares and checks the rows
        (_asr_check_rows, the code of create) and inserts the good ones in bulk
        (_asr_insert_rows). Private: never reachable over RPC.

        :return: dict(new=[row numbers created], existing=count, rejected=[(row, column,
            message)], header=header, rows=rows)
        """
        Entry = self.env['asr.hour.entry']
        Entry.check_access_rights('create')
        self.env['asr.beneficiary'].check_access_rights('read')
        try:
            good, parse_rejected = parse_hour_rows(header, rows, clause_given=bool(clause))
        except StatementError as err:
            raise UserError(self._columns_message(err, HOUR_COLUMNS))
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
            pending.append((number, {
                'clause_id': clause_id, 'beneficiary_id': False if subcontracting else person_id,
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
    def _import_beneficiary_rows(self, header, rows, charter, dry_run=False):
        """Create the people of a list (to be validated by the facilitator); a person already
        known in the charter (same names and birth date) is not created again. The charter
        is one whose people the user follows (checked first)."""
        Person = self.env['asr.beneficiary']
        Person.check_access_rights('create')
        charter._asr_check_handles_people(self.env.user, _(
            "You may only import the people of a charter whose people you follow."))
        try:
            good, parse_rejected = parse_beneficiary_rows(header, rows)
        except StatementError as err:
            raise UserError(self._columns_message(err, BENEFICIARY_COLUMNS))
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
    def _columns_message(self, err, known):
        return _("Columns missing from the file: %s. Expected columns: %s.") % (
            ', '.join(err.values['missing']), ', '.join(known))

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
                value, ', '.join(code for code, _label in
                                 self.env['asr.hour.entry']._fields['modality'].selection))
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
    def _preview_html(self, result, state):
        title = _("Rows to import") if state == 'preview' else _("Rows imported")
        parts = ['<p><strong>%s</strong>: %s — <strong>%s</strong>: %s — <strong>%s</strong>: '
                 '%s</p>' % (html_escape(title), len(result['new']),
                             html_escape(_("already imported")), result['existing'],
                             html_escape(_("rejected")), len(result['rejected']))]
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
