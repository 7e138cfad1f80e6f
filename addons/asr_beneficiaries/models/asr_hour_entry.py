from psycopg2.extras import execute_values

from odoo import _, api, fields, models

from odoo.addons.asr_charter.exceptions import AsrAccessError, AsrUserError, AsrValidationError
from odoo.addons.asr_charter.rules.dates import first_of_month, fr_date, fr_month
from odoo.addons.asr_charter.rules.equivalence import fraction
from odoo.addons.asr_charter.rules.numbers import fr_number

from ..rules import controls, eligibility
from ..rules.hours import (DEFAULT_MONTHLY_CAP, HourRuleError, amount_to_hours, duplicate_key,
                           is_subcontracting, progress)
from .asr_charter import PERSONAL

MODALITIES = [
    ('cdi', 'Direct hire — permanent contract (CDI)'),
    ('cdd', 'Direct hire — fixed-term contract (CDD)'),
    ('professionalisation', 'Direct hire — professionalisation contract'),
    ('apprenticeship', 'Direct hire — apprenticeship'),
    ('etti', 'Temporary work through an ETTI'),
    ('ai', 'Made available by an AI'),
    ('geiq', 'Made available by a GEIQ'),
    ('temp_agency', 'Classic temporary work agency'),
    ('subcontracting_siae', 'Subcontracting or purchase from an SIAE'),
    ('subcontracting_esat', 'Subcontracting or purchase from an ESAT'),
    ('subcontracting_ea', 'Subcontracting or purchase from an EA'),
    ('training', 'Training'),
]
STATES = [('draft', 'Draft'), ('submitted', 'Submitted'), ('validated', 'Validated'),
          ('rejected', 'Rejected')]
SOURCES = [('manual', 'Manual'), ('import', 'Import'), ('portal', 'Portal')]
CHECKED_FIELDS = ('clause_id', 'beneficiary_id', 'month', 'modality', 'hours', 'amount',
                  'employer_id')
REASON_MAX_LENGTH = 2000  # characters of a rejection reason
INSERT_PAGE = 1000  # rows per INSERT statement of the bulk path
INDEXES = (
    ('asr_hour_entry_month_id_idx', '(month DESC, id DESC)'),
    ('asr_hour_entry_clause_figures_idx',
     '(clause_id, state) INCLUDE (hours, beneficiary_id, id, charter_id, company_id)'),
    ('asr_hour_entry_charter_month_idx', '(charter_id, month)'),
    # the people of a bilan (asr_reporting's figures): the validated entries of its clauses
    # and months, read from the index alone
    ('asr_hour_entry_people_idx', "(clause_id, month) INCLUDE (beneficiary_id, employer_id, "
                                  "hours) WHERE state = 'validated'"),
    ('asr_hour_entry_person_month_idx', '(beneficiary_id, month)'),
    # the last checked entries (facilitator's portal)
    ('asr_hour_entry_checked_idx', "(validated_on DESC, write_date DESC, id DESC) "
                                   "WHERE state IN ('validated', 'rejected')"),
    # the entries waiting for a check
    ('asr_hour_entry_waiting_idx', "(month, id) WHERE state IN ('draft', 'submitted')"),
)
# what the clause totals and the figure tables are made of
FIGURE_FIELDS = frozenset(CHECKED_FIELDS) | {'state'}


class AsrHourEntry(models.Model):
    """Hours worked by a beneficiary in one month under an insertion clause, or the hours
    equivalent to an amount subcontracted to an SIAE, ESAT or EA.

    One write path: every entry, typed in the form, imported, sent from the portal or created
    over XML-RPC, is prepared by ``_asr_prepare`` and checked by ``_asr_controls`` (the
    controls of rules.controls, four queries for a whole batch). ``create`` accepts one
    dict or a list of dicts; the imports use the private ``_asr_check_rows`` (the same
    preparation and controls, row by row errors) and ``_asr_insert_rows`` (one INSERT per
    thousand checked rows, filling the columns that create fills).
    """

    _name = 'asr.hour.entry'
    _inherit = ['asr.guard.mixin', 'asr.person.link.mixin', 'asr.clause.order.mixin']
    _description = 'Insertion hour entry'
    _order = 'month desc, id desc'
    _asr_limits = {'hours': (-100000, 100000), 'amount': (-1e9, 1e9),
                   'reject_reason': REASON_MAX_LENGTH}

    name = fields.Char('Entry', compute='_compute_name')
    clause_id = fields.Many2one('asr.clause', 'Insertion clause', required=True, index=True,
                                ondelete='restrict',
                                domain=[('clause_type', '=', 'insertion'),
                                        ('state', '=', 'execution')])
    # a plain column set from the clause, not a related field: the facilitator's record rule
    # reads it, and it must be there from the INSERT on (a stored related field is written
    # after, under that very rule)
    charter_id = fields.Many2one('asr.charter', 'Charter', readonly=True, index=True,
                                 copy=False)
    partner_id = fields.Many2one(related='clause_id.partner_id', store=True, readonly=True,
                                 string='Contractor')
    company_id = fields.Many2one(related='clause_id.company_id', store=True, readonly=True,
                                 string='Company')
    beneficiary_id = fields.Many2one('asr.beneficiary', 'Beneficiary', index=True,
                                     ondelete='restrict', groups=PERSONAL,
                                     help="Required except for subcontracting, counted by its "
                                          "amount.")
    month = fields.Date('Month', required=True, index=True,
                        help="Any day of the month: it is stored as the month's first day.")
    modality = fields.Selection(MODALITIES, 'Modality', required=True, default='cdi')
    employer_id = fields.Many2one('res.partner', 'Employer',
                                  help="The contractor, a co-contractor or the subcontractor "
                                       "(SIAE, ESAT, EA, GEIQ, temp agency) that employed the "
                                       "person or invoiced the service.")
    hours = fields.Float('Hours', help="Hours worked, invoiced or trained; for subcontracting "
                                       "computed from the amount.")
    amount = fields.Monetary('Invoiced amount (excl. tax)', currency_field='currency_id',
                             help="Subcontracting only: converted into hours with the "
                                  "clause's labour share and hourly cost.")
    currency_id = fields.Many2one(related='clause_id.currency_id', readonly=True)
    source = fields.Selection(SOURCES, 'Source', default='manual', required=True,
                              readonly=True, copy=False)
    state = fields.Selection(STATES, 'State', default='draft', required=True, index=True,
                             readonly=True, copy=False)
    reject_reason = fields.Text('Why rejected', readonly=True, copy=False)
    # who checked the entry and when: filled on validation and on rejection
    validated_by_id = fields.Many2one('res.users', 'Checked by', readonly=True, copy=False)
    validated_on = fields.Date('Checked on', readonly=True, copy=False)

    def init(self):
        # the list's order, the figures of a clause (index-only), the charter's months...
        for name, definition in INDEXES:
            # sql-composed: index names and definitions are the module's constants (INDEXES)
            self.env.cr.execute('CREATE INDEX IF NOT EXISTS %s ON asr_hour_entry %s'
                                % (name, definition))

    @api.multi
    def _compute_name(self):
        labels = dict(self._fields['modality']._description_selection(self.env))
        for entry in self:
            entry.name = '%s %s — %s' % (entry.clause_id.code or '', (entry.month or '')[:7],
                                         labels.get(entry.modality, ''))

    @api.onchange('clause_id')
    def _onchange_clause_id(self):
        if self.clause_id and not self.employer_id:
            self.employer_id = self.clause_id.partner_id

    # -- create / write ----------------------------------------------------------------
    @api.model
    @api.returns('self', lambda value: value.id if len(value) == 1 else value.ids)
    def create(self, vals):
        """One entry (a dict) or a batch (a list of dicts): prepared and checked together,
        in four queries for the whole batch; nothing is created if one entry is refused."""
        vals_list = vals if isinstance(vals, list) else [vals]
        for values in vals_list:
            if not isinstance(values, dict):
                raise AsrValidationError('hours.values_type', _(
                    "Each hour entry is given as a set of field values."))
            self._asr_guard_vals(values)
        entries = self.browse()
        trusted = super(AsrHourEntry, self._asr_trusted())
        prepared = self._asr_prepare(vals_list)
        if not self._asr_is_superuser():
            self._asr_check_scope([row for row, _errors in prepared])
        for row, errors in prepared:
            if errors:
                self._asr_raise(errors, row)
            entries |= trusted.create(row)
        entries = entries.with_env(self.env)
        entries._check_controls()
        self._asr_refresh_figures(entries.sudo().mapped('clause_id').ids)
        return entries

    @api.multi
    def write(self, vals):
        self._asr_guard_vals(vals, creating=False)
        if not set(vals) & FIGURE_FIELDS:
            return super(AsrHourEntry, self).write(vals)
        clause_ids = set(self.sudo().mapped('clause_id').ids)
        if not set(vals) & set(CHECKED_FIELDS):
            super(AsrHourEntry, self).write(vals)
            self._asr_refresh_figures(clause_ids)
            return True
        if any(entry.state == 'validated' for entry in self):
            raise AsrUserError('hours.validated_change', _(
                "A validated entry cannot be changed: reset it to draft first."))
        # each entry's values once changed, prepared as a batch (the month, charter, hours
        # of an amount... derive from them), then checked as a batch
        prepared = self._asr_prepare([dict(entry._asr_current_values(), **vals)
                                      for entry in self])
        for entry, (row, errors) in zip(self, prepared):
            if errors:
                self._asr_raise(errors, row)
            super(AsrHourEntry, entry._asr_trusted()).write(dict(vals, **row))
        self._check_controls()
        self._asr_refresh_figures(clause_ids | set(self.sudo().mapped('clause_id').ids))
        return True

    @api.multi
    def unlink(self):
        clause_ids = set(self.sudo().mapped('clause_id').ids)
        res = super(AsrHourEntry, self).unlink()
        self._asr_refresh_figures(clause_ids)
        return res

    def _asr_current_values(self):
        self.ensure_one()
        return {'clause_id': self.clause_id.id, 'beneficiary_id': self.beneficiary_id.id,
                'month': self.month, 'modality': self.modality, 'hours': self.hours,
                'amount': self.amount, 'employer_id': self.employer_id.id}

    # -- preparation and controls (one batch, rules.controls) ---------------------------
    @api.model
    def _asr_prepare(self, vals_list):
        """[(row, errors)]: each values dict completed as the server stores it (first day of
        the month, charter of the clause, contractor as default employer, no person and the
        hours of the amount for subcontracting), with the errors of that preparation."""
        clause_ids = list({v.get('clause_id') for v in vals_list if v.get('clause_id')})
        clauses = self._clause_info(clause_ids)
        prepared = []
        for values in vals_list:
            row, errors = dict(values), []
            if row.get('month'):
                row['month'] = fields.Date.to_string(first_of_month(
                    fields.Date.from_string(row['month'])))
            info = clauses.get(row.get('clause_id'))
            if info:
                row['charter_id'] = info['charter_id']
                if not row.get('employer_id') and info['partner_id']:
                    row['employer_id'] = info['partner_id']
            if is_subcontracting(row.get('modality')):
                row['beneficiary_id'] = False
                try:
                    row['hours'] = amount_to_hours(row.get('amount'),
                                                   fraction(info and info['labour_share']),
                                                   info and info['hourly_cost'])
                except HourRuleError as err:
                    errors.append(('amount' if err.key == 'amount' else 'clause', err.key,
                                   dict(err.values)))
            prepared.append((row, errors))
        return prepared

    @api.model
    def _asr_controls(self, rows, exclude_ids=(), idempotent=False):
        """The controls of rules.controls on prepared rows, in order, each row seeing the
        rows before it: [errors] (a list of (column, key, values) per row), or 'existing'
        for a row identical to a stored entry when ``idempotent`` (imports run twice)."""
        clauses = self._clause_info(list({r.get('clause_id') for r in rows
                                          if r.get('clause_id')}))
        person_ids = list({r['beneficiary_id'] for r in rows if r.get('beneficiary_id')})
        persons = self._person_info(person_ids)
        months = list({r['month'] for r in rows if r.get('month')})
        totals = self._month_totals(person_ids, months, exclude_ids)
        taken = self._taken_keys(list(clauses), exclude_ids=exclude_ids, months=months)
        to_date = fields.Date.from_string
        results = []
        for row in rows:
            clause = clauses.get(row.get('clause_id'))
            person_id = row.get('beneficiary_id') or None
            month = to_date(row['month']) if row.get('month') else None
            key = duplicate_key(row.get('clause_id'), person_id, month, row.get('modality'),
                                row.get('employer_id')) if month else None
            hours, amount = row.get('hours') or 0.0, row.get('amount') or 0.0
            if idempotent and key in taken and month:
                _id, old_hours, old_amount = taken[key]
                if (round(old_hours or 0.0, 2) == round(hours, 2)
                        and round(old_amount or 0.0, 2) == round(amount, 2)):
                    results.append('existing')
                    continue
            total = totals.get((person_id, row.get('month')), 0.0)
            errors = controls.entry_errors(
                {'month': month, 'modality': row.get('modality'), 'hours': hours,
                 'amount': amount}, clause, persons.get(person_id) if person_id else None,
                total, clause['cap'] if clause else 0.0, taken, key)
            if not errors:
                taken[key] = (row.get('id'), hours, amount)
                if person_id:
                    totals[(person_id, row['month'])] = total + hours
            results.append(errors)
        return results

    @api.multi
    def _check_controls(self):
        """The controls on stored entries (after create or write, or when a field they read
        changes elsewhere: dates of the lot, the person's validity, the charter's cap)."""
        entries = self.sudo().filtered(lambda e: e.state != 'rejected')
        if not entries:
            return
        rows = [dict(entry._asr_current_values(), id=entry.id) for entry in entries]
        for entry, row, errors in zip(entries, rows, self._asr_controls(
                rows, exclude_ids=entries.ids)):
            if errors:
                self._asr_raise(errors, row)

    @api.multi
    def _check_within_contract(self):
        """The months of these entries are inside their clause's contract dates: checked
        again when the lot's dates change."""
        to_date = fields.Date.from_string
        for entry in self.sudo().filtered(lambda e: e.state != 'rejected'):
            clause = entry.clause_id
            error = controls.contract_error(to_date(entry.month), to_date(clause.date_start),
                                            to_date(clause.date_end))
            if error:
                raise AsrValidationError('hours.' + error[0], self._message(
                    error[0], error[1], clause=clause, month=to_date(entry.month)))

    @api.multi
    def _check_still_eligible(self):
        """The people of these entries are eligible in their months: checked again when the
        validity of a person changes."""
        to_date = fields.Date.from_string
        for entry in self.sudo().filtered(lambda e: e.state != 'rejected'
                                          and e.beneficiary_id.state == 'validated'):
            person = entry.beneficiary_id
            if not eligibility.eligible_in_month(to_date(person.validation_date),
                                                 to_date(person.validity_end),
                                                 to_date(entry.month)):
                raise AsrValidationError('hours.not_eligible', self._message(
                    'not_eligible', {}, clause=entry.clause_id,
                    person=self.env['asr.beneficiary'].browse(person.id),
                    month=to_date(entry.month)))

    @api.model
    def _asr_check_rows(self, vals_list, idempotent=True):
        """Prepare and check rows exactly as create does, without raising: [(row, errors)]
        where errors is a list of (column, key, values), or 'existing'."""
        prepared = self._asr_prepare(vals_list)
        good = [index for index, (_row, errors) in enumerate(prepared) if not errors]
        results = self._asr_controls([prepared[i][0] for i in good], idempotent=idempotent)
        checked = [list(item) for item in prepared]
        for index, result in zip(good, results):
            checked[index][1] = result
        return [tuple(item) for item in checked]

    @api.model
    def _asr_insert_rows(self, rows, source, state='draft'):
        """Insert rows checked by _asr_check_rows, as create would store them: the same access
        checks (rights, and the charters whose people the user handles, as the record rule
        says), the same columns (log columns, charter, contractor and company of the clause),
        one INSERT per thousand rows in a savepoint. Private: never reachable over RPC."""
        if not rows:
            return []
        self.check_access_rights('create')
        if source not in dict(SOURCES) or state not in ('draft', 'submitted'):
            raise AsrValidationError('hours.import_source', _(
                "Unknown source or state of imported hours."))
        clauses = self._clause_info(list({row['clause_id'] for row in rows}))
        self._asr_check_scope(rows)
        uid = self.env.uid
        values = []
        for row in rows:
            clause = clauses[row['clause_id']]
            values.append((uid, uid, row['clause_id'], clause['charter_id'],
                           clause['partner_id'], clause['company_id'],
                           row.get('beneficiary_id') or None, row['month'], row['modality'],
                           row.get('employer_id') or None, row.get('hours') or 0.0,
                           row.get('amount') or None, source, state))
        query = """
            INSERT INTO asr_hour_entry (create_uid, write_uid, create_date, write_date,
                clause_id, charter_id, partner_id, company_id, beneficiary_id, month,
                modality, employer_id, hours, amount, source, state)
            VALUES %s RETURNING id"""
        template = ("(%s, %s, now() at time zone 'UTC', now() at time zone 'UTC', "
                    "%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)")
        with self.env.cr.savepoint():
            inserted = execute_values(self.env.cr._obj, query, values, template=template,
                                      page_size=INSERT_PAGE, fetch=True)
            self._asr_refresh_figures(clauses)
        self.invalidate_cache()
        return [row[0] for row in inserted]

    # -- figures: clause totals and summary tables, refreshed with the hours ----------------
    @api.model
    def _asr_refresh_figures(self, clause_ids=None):
        """Recompute, from their entries, the totals stored on these clauses (every clause
        when ``clause_ids`` is None) and their rows of the figure tables (hours per month and
        modality, hours per modality), in the transaction that changed the hours. Three
        statements per table, each reading the entries of these clauses only through the
        index (clause_id, state); two transactions changing the hours of one clause
        serialise on the clause's row (Odoo retries the second)."""
        cr = self.env.cr
        if clause_ids is None:
            scope, params = '', ()
        else:
            ids = tuple(sorted({int(i) for i in clause_ids if i}))
            if not ids:
                return
            scope, params = 'AND {alias} IN %s', (ids,)
        entry_scope = scope.format(alias='e.clause_id')
        # sql-composed: the scope is a fixed fragment ({alias} IN %s), the ids are parameters
        cr.execute("""
            WITH sums AS (
                SELECT e.clause_id,
                       coalesce(sum(e.hours) FILTER (WHERE e.state = 'validated'), 0) AS done,
                       coalesce(sum(e.hours) FILTER (WHERE e.state IN ('draft', 'submitted')),
                                0) AS waiting,
                       coalesce(sum(e.hours) FILTER (WHERE e.state = 'rejected'), 0) AS refused,
                       count(DISTINCT e.beneficiary_id) FILTER (WHERE e.state = 'validated')
                           AS people
                FROM asr_hour_entry e WHERE true {scope} GROUP BY e.clause_id)
            SELECT c.id, c.hour_objective, coalesce(s.done, 0), coalesce(s.waiting, 0),
                   coalesce(s.refused, 0), coalesce(s.people, 0)
            FROM asr_clause c LEFT JOIN sums s ON s.clause_id = c.id
            WHERE true {clause_scope}
            ORDER BY c.id""".format(scope=entry_scope, clause_scope=scope.format(alias='c.id')),
                   params * 2)
        rows = []
        for clause_id, objective, done, waiting, refused, people in cr.fetchall():
            reached, missing = progress(objective or 0, done)
            rows.append((clause_id, done, waiting, refused, people, reached, missing))
        if rows:
            # rows locked in id order: concurrent refreshes of the same clauses serialise
            execute_values(cr._obj, """
                UPDATE asr_clause c SET hours_realised = v.done, hours_to_validate = v.waiting,
                    hours_rejected = v.refused, beneficiary_count = v.people,
                    hours_progress = v.reached, hours_missing = v.missing
                FROM (VALUES %s) AS v(id, done, waiting, refused, people, reached, missing)
                WHERE c.id = v.id""", rows, page_size=INSERT_PAGE)
        # sql-composed: the scope is a fixed fragment ({alias} IN %s), the ids are parameters
        cr.execute("DELETE FROM asr_hour_month_total WHERE true "
                   + scope.format(alias='clause_id'), params)
        # sql-composed: the scope is a fixed fragment ({alias} IN %s), the ids are parameters
        cr.execute("""
            INSERT INTO asr_hour_month_total (clause_id, charter_id, month, modality, hours,
                                              entry_count, beneficiary_count)
            SELECT e.clause_id, e.charter_id, e.month, e.modality, sum(e.hours), count(*),
                   count(DISTINCT e.beneficiary_id)
            FROM asr_hour_entry e WHERE e.state = 'validated' """ + entry_scope + """
            GROUP BY e.clause_id, e.charter_id, e.month, e.modality
            ORDER BY e.clause_id, e.month, e.modality""", params)
        # sql-composed: the scope is a fixed fragment ({alias} IN %s), the ids are parameters
        cr.execute("DELETE FROM asr_clause_modality_total WHERE true "
                   + scope.format(alias='clause_id'), params)
        # sql-composed: the scope is a fixed fragment ({alias} IN %s), the ids are parameters
        cr.execute("""
            INSERT INTO asr_clause_modality_total (clause_id, charter_id, modality, hours,
                                                   share, beneficiary_count)
            SELECT e.clause_id, min(e.charter_id), e.modality, sum(e.hours),
                   CASE WHEN c.hours_realised > 0 THEN sum(e.hours) * 100.0 / c.hours_realised
                        ELSE 0 END,
                   count(DISTINCT e.beneficiary_id)
            FROM asr_hour_entry e JOIN asr_clause c ON c.id = e.clause_id
            WHERE e.state = 'validated' """ + entry_scope + """
            GROUP BY e.clause_id, e.modality, c.hours_realised
            ORDER BY e.clause_id, e.modality""", params)
        Clause = self.env['asr.clause']
        Clause.invalidate_cache(['hours_realised', 'hours_to_validate', 'hours_rejected',
                                 'beneficiary_count', 'hours_progress', 'hours_missing',
                                 'modality_report_ids'],
                                None if clause_ids is None else list(params[0]))
        self.env['asr.hour.report'].invalidate_cache()
        self.env['asr.clause.modality.report'].invalidate_cache()

    @api.model
    def _asr_check_scope(self, rows):
        """The user records hours only on the clauses of the charters whose people they
        follow (what the record rule of the hours says, checked before anything is written)."""
        charters = self.env['asr.charter'].browse(
            list({row['charter_id'] for row in rows if row.get('charter_id')}))
        if charters and not charters._asr_handles_people(self.env.user):
            raise AsrAccessError('people.handler', _(
                "You may only record hours on the clauses of the charters whose people you "
                "follow."))

    @api.model
    def _clause_info(self, clause_ids):
        """What the controls need of each clause, read in one query."""
        if not clause_ids:
            return {}
        self.env.cr.execute("""
            SELECT c.id, c.clause_type, c.state, c.date_start, c.date_end, c.labour_share,
                   c.hourly_cost, c.partner_id, c.charter_id, c.company_id,
                   coalesce(ch.monthly_hour_cap, %s)
            FROM asr_clause c LEFT JOIN asr_charter ch ON ch.id = c.charter_id
            WHERE c.id IN %s""", (DEFAULT_MONTHLY_CAP, tuple(clause_ids)))
        to_date = fields.Date.from_string
        return {row[0]: {'clause_type': row[1], 'state': row[2], 'date_start': to_date(row[3]),
                         'date_end': to_date(row[4]), 'labour_share': row[5],
                         'hourly_cost': row[6], 'partner_id': row[7], 'charter_id': row[8],
                         'company_id': row[9], 'cap': row[10]}
                for row in self.env.cr.fetchall()}

    @api.model
    def _person_info(self, person_ids):
        if not person_ids:
            return {}
        self.env.cr.execute("""
            SELECT id, validation_date, validity_end, state, charter_id FROM asr_beneficiary
            WHERE id IN %s""", (tuple(person_ids),))
        to_date = fields.Date.from_string
        return {row[0]: {'validated_on': to_date(row[1]) if row[3] == 'validated' else None,
                         'valid_until': to_date(row[2]) if row[3] == 'validated' else None,
                         'charter_id': row[4]}
                for row in self.env.cr.fetchall()}

    @api.model
    def _month_totals(self, person_ids, months, exclude_ids=()):
        """{(person, month): hours of their other entries} (rejected ones excepted)."""
        if not person_ids or not months:
            return {}
        self.env.cr.execute("""
            SELECT beneficiary_id, month, sum(hours) FROM asr_hour_entry
            WHERE beneficiary_id IN %s AND month IN %s AND state != 'rejected'
              AND NOT id = ANY(%s)
            GROUP BY beneficiary_id, month""", (tuple(person_ids), tuple(months),
                                                list(exclude_ids)))
        return {(pid, str(month)[:10]): total for pid, month, total in self.env.cr.fetchall()}

    @api.model
    def _taken_keys(self, clause_ids, exclude_ids=(), months=None):
        """Duplicate keys of the entries of these clauses (rejected entries excepted), with
        their hours and amount: {key: (id, hours, amount)}; only those of the given months."""
        if not clause_ids:
            return {}
        self.env.cr.execute("""
            SELECT id, clause_id, beneficiary_id, month, modality, employer_id, hours, amount
            FROM asr_hour_entry
            WHERE clause_id IN %s AND state != 'rejected' AND NOT id = ANY(%s)
              AND (%s IS NULL OR month = ANY(%s::date[]))""",
                            (tuple(clause_ids), list(exclude_ids), bool(months) or None,
                             list(months or [])))
        to_date = fields.Date.from_string
        return {duplicate_key(row[1], row[2], to_date(row[3]), row[4], row[5]):
                (row[0], row[6], row[7])
                for row in self.env.cr.fetchall()}

    # -- messages -----------------------------------------------------------------------
    @api.model
    def _asr_raise(self, errors, row):
        """A ValidationError with the French sentences of ``errors`` for ``row``, keyed by
        the first control refused ('hours.<key of rules.controls>')."""
        clause = self.env['asr.clause'].browse(row.get('clause_id') or [])
        person = self.env['asr.beneficiary'].browse(row.get('beneficiary_id') or [])
        month = fields.Date.from_string(row['month']) if row.get('month') else None
        raise AsrValidationError('hours.' + errors[0][1], '\n'.join(
            self._message(key, values, clause=clause, person=person, month=month)
            for _column, key, values in errors))

    @api.model
    def _message(self, key, values, clause=None, person=None, month=None):
        """The French sentence of a control's key (rules.controls). A person is named only to
        a user who may read them."""
        clause_name = clause.sudo().display_name if clause else ''
        if person and person.id in self._asr_readable_people(person.ids):
            person_name = person.sudo().name
        else:
            person_name = _('this person') if person else ''
        month = fr_month(values.get('month') or month)
        if key == 'hours':
            return _("The hours of %s in %s must be positive (%s given).") % (
                person_name or _('the entry'), month, values.get('value'))
        if key == 'amount':
            return _("A subcontracting entry needs an invoiced amount greater than zero "
                     "(%s given).") % (values.get('value') or 0)
        if key == 'parameters':
            return _("The clause %s has no labour share or hourly cost: the subcontracted "
                     "amount cannot be converted into hours.") % clause_name
        if key == 'cap':
            return _("%s would work %s hours in %s across all their entries: more than the "
                     "monthly maximum of %s hours.") % (
                person_name, fr_number(values['total']), month, fr_number(values['cap']))
        if key == 'clause_state':
            return _("Hours can only be recorded on an insertion clause in execution "
                     "(\"%s\" is not one).") % clause_name
        if key == 'clause_unknown':
            return _("Unknown clause.")
        if key == 'clause_dates':
            return _("The clause %s has no contract dates: record its lot's start and end "
                     "first.") % clause_name
        if key == 'month_outside':
            return _("The month %s is outside the contract dates of %s (%s to %s).") % (
                month, clause_name,
                fr_date(values['start']), fr_date(values['end']))
        if key == 'not_eligible':
            return _("%s is not eligible in %s: their eligibility is not validated by the "
                     "facilitator or has expired.") % (person_name, month)
        if key == 'person_missing':
            return _("Say which person worked these hours (only subcontracting is counted "
                     "without a person).")
        if key == 'person_charter':
            return _("This person is not followed under the charter of the clause %s: hours "
                     "count only on the clauses of the person's own charter.") % clause_name
        if key == 'duplicate':
            return _("An entry already exists for this person (or subcontractor), clause, "
                     "month and modality (%s).") % month
        if key == 'modality':
            return _("Unknown modality \"%s\".") % (values.get('value') or '')
        if key == 'month_missing':
            return _("Give the month of the hours.")
        return key

    # -- workflow -----------------------------------------------------------------------
    @api.multi
    def _asr_check_actor(self, actor):
        """``actor`` checks hours on these entries' charters: their facilitator or its staff
        with access to personal data."""
        self.mapped('charter_id')._asr_check_handles_people(actor, _(
            "Only the facilitator of the charter, or its staff with access to personal data, "
            "checks the hours."))

    @api.multi
    def action_submit(self):
        self._asr_check_backend_user()
        self._asr_check_actor(self.env.user)
        self.filtered(lambda e: e.state == 'draft')._asr_trusted().write(
            {'state': 'submitted'})
        return True

    @api.multi
    def action_validate(self):
        self._asr_check_backend_user()
        return self._asr_validate(self.env.user)

    @api.multi
    def _asr_validate(self, actor):
        """Validate as ``actor`` (checked: facilitator or personal-data staff of the charter)."""
        self._asr_check_actor(actor)
        if any(e.state in ('validated', 'rejected') for e in self):
            raise AsrUserError('hours.validate_state', _(
                "Only draft or submitted entries can be validated."))
        self._asr_trusted().write({'state': 'validated', 'validated_by_id': actor.id,
                                   'validated_on': fields.Date.context_today(self),
                                   'reject_reason': False})
        return True

    @api.multi
    def action_reject(self, reason):
        self._asr_check_backend_user()
        return self._asr_reject(self.env.user, reason)

    @api.multi
    def _asr_reject(self, actor, reason):
        """Reject as ``actor`` with a reason (told to the contractor)."""
        self._asr_check_actor(actor)
        if not isinstance(reason, str) or not reason.strip():
            raise AsrUserError('hours.reject_reason', _("Say why the hours are rejected."))
        if any(e.state == 'rejected' for e in self):
            raise AsrUserError('hours.already_rejected', _("These hours are already rejected."))
        self._asr_trusted().write({'state': 'rejected', 'reject_reason': reason.strip(),
                                   'validated_by_id': actor.id,
                                   'validated_on': fields.Date.context_today(self)})
        return True

    @api.multi
    def action_reset_draft(self):
        self._asr_check_backend_user()
        self._asr_check_actor(self.env.user)
        # A rejected entry comes back into the controls: checked again like a new one.
        back = self.filtered(lambda e: e.state != 'draft')
        back._asr_trusted().write({'state': 'draft', 'reject_reason': False,
                                   'validated_by_id': False, 'validated_on': False})
        back._check_controls()
        return True

    @api.multi
    def action_open_reject_wizard(self):
        return {
            'type': 'ir.actions.act_window', 'res_model': 'asr.hour.entry.reject',
            'view_mode': 'form', 'target': 'new', 'name': _('Reject hours'),
            'context': {'default_entry_ids': [(6, 0, self.ids)]},
        }
