from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models

from odoo.addons.asr_charter.exceptions import AsrUserError, AsrValidationError
from odoo.addons.asr_charter.models.asr_guard_mixin import field_names
from odoo.addons.asr_charter.rules import inputs
from odoo.addons.asr_charter.rules.dates import fr_date
from odoo.addons.asr_charter.rules.defaults import single_choice

from ..rules import eligibility
from ..rules.statements import NAME_MAX_LENGTH, QPV_NAME_MAX_LENGTH

GENDERS = [('female', 'Female'), ('male', 'Male'), ('other', 'Other / not said')]
PROOFS = [
    ('france_travail', 'France Travail registration certificate'),
    ('caf', 'CAF or MSA certificate (RSA, AAH)'),
    ('ass', 'ASS award notice'),
    ('mdph', 'MDPH decision (RQTH)'),
    ('pass_iae', 'PASS IAE / inclusion platform'),
    ('mission_locale', 'Mission locale follow-up'),
    ('plie', 'PLIE follow-up'),
    ('address', 'Proof of address (QPV)'),
    ('other', 'Other document'),
]
OUTCOMES = [('employment', 'Employment'), ('training', 'Training'), ('none', 'None'),
            ('unknown', 'Unknown')]
ANONYMOUS = 'ANONYME'
IDENTITY_FIELDS = ('first_name', 'last_name', 'birth_date', 'zip', 'qpv_name', 'note')


class AsrBeneficiary(models.Model):
    """A person in insertion whose worked hours count towards insertion clauses.

    Identities are personal data (GDPR): only the facilitator of the person's charter and the
    "Personal data" group read them; every read, search, export, create, change and deletion is
    in the access log (asr.access.log), under the real user, without a copy of the identity.
    """

    _name = 'asr.beneficiary'
    _description = 'Beneficiary'
    _inherit = ['mail.thread', 'asr.code.mixin', 'asr.guard.mixin']
    _order = 'last_name, first_name, id'
    _code_prefix = 'B-'
    _asr_limits = {'first_name': NAME_MAX_LENGTH, 'last_name': NAME_MAX_LENGTH,
                   'zip': 10, 'qpv_name': QPV_NAME_MAX_LENGTH, 'note': 5000,
                   'validity_months': (-120, 120)}
    _asr_protected = {
        'state', 'validation_date', 'validator_id', 'birth_year'}
    _asr_frozen = {'charter_id'}

    name = fields.Char('Name', compute='_compute_name', store=True)
    charter_id = fields.Many2one('asr.charter', 'Charter', required=True, index=True,
                                 ondelete='restrict',
                                 default=lambda self: self._default_charter())
    company_id = fields.Many2one(related='charter_id.company_id', store=True, readonly=True)
    # identity
    first_name = fields.Char('First name', required=True, track_visibility='onchange')
    last_name = fields.Char('Last name', required=True, track_visibility='onchange')
    birth_date = fields.Date('Birth date')
    birth_year = fields.Integer('Birth year', readonly=True, copy=False,
                                help="Kept after anonymisation for the age bands of bilans.")
    gender = fields.Selection(GENDERS, 'Gender')
    zip = fields.Char('Postal code')
    qpv_resident = fields.Boolean('Lives in a priority neighbourhood (QPV)')
    qpv_name = fields.Char('Which QPV')
    note = fields.Text('Notes')
    informed_on = fields.Date(
        'Informed of the processing on',
        help="Date the person received the information on the processing of their data "
             "(GDPR art. 13): purpose, follow-up of social clauses; lawful basis, public "
             "interest mission of the buyer.")
    # eligibility
    criterion_ids = fields.Many2many('asr.eligibility.criterion', string='Eligibility criteria')
    proof_kind = fields.Selection(PROOFS, 'Proof seen',
                                  help="The kind of document the facilitator saw; the document "
                                       "itself is not kept.")
    validation_date = fields.Date('Validated on', readonly=True, copy=False,
                                  track_visibility='onchange')
    validator_id = fields.Many2one('res.users', 'Validated by', readonly=True, copy=False)
    validity_months = fields.Integer(
        'Valid for (months)', help="By default the charter's validity of eligibility.")
    validity_end = fields.Date('Eligible until', compute='_compute_validity_end', store=True)
    state = fields.Selection([('draft', 'To validate'), ('validated', 'Validated'),
                              ('anonymised', 'Anonymised')], 'Status', default='draft',
                             required=True, readonly=True, index=True, copy=False,
                             track_visibility='onchange')
    eligibility_status = fields.Selection(
        [('pending', 'To validate'), ('valid', 'Eligible'), ('expired', 'Expired'),
         ('anonymised', 'Anonymised')], 'Eligibility', compute='_compute_eligibility_status',
        search='_search_eligibility_status')
    # outcome six months after the operation, for the bilans
    outcome = fields.Selection(OUTCOMES, 'Outcome after 6 months', default='unknown',
                               required=True, track_visibility='onchange')
    outcome_date = fields.Date('Outcome known on')
    active = fields.Boolean('Active', default=True)
    hour_entry_ids = fields.One2many('asr.hour.entry', 'beneficiary_id', 'Hour entries')
    hours_validated = fields.Float('Validated hours', compute='_compute_hours_validated')
    last_entry_month = fields.Date('Last month worked', compute='_compute_hours_validated')

    def init(self):
        # the order of the lists (and of the portal's pages)
        self.env.cr.execute("""CREATE INDEX IF NOT EXISTS asr_beneficiary_order_idx
                               ON asr_beneficiary (last_name, first_name, id)""")
        self.env.cr.execute("""CREATE INDEX IF NOT EXISTS asr_beneficiary_charter_order_idx
                               ON asr_beneficiary (charter_id, last_name, first_name, id)""")
        # the portal's validated people, soonest expiry first
        self.env.cr.execute("""CREATE INDEX IF NOT EXISTS asr_beneficiary_validity_idx
                               ON asr_beneficiary (charter_id, validity_end, id)
                               WHERE state = 'validated'""")

    @api.model
    def _default_charter(self):
        """The charter in force whose people the user works on, when there is only one."""
        Charter = self.env['asr.charter']
        domain = [('state', '=', 'in_force')]
        if not self.env.user._is_superuser():
            domain += Charter._asr_people_domain(self.env.user)
        return single_choice(Charter.search(domain, limit=2)) or Charter

    @api.depends('first_name', 'last_name')
    def _compute_name(self):
        for person in self:
            person.name = ' '.join(p for p in ((person.last_name or '').upper(),
                                               person.first_name or '') if p)

    @api.depends('validation_date', 'validity_months')
    def _compute_validity_end(self):
        for person in self:
            person.validity_end = person.validation_date and fields.Date.to_string(
                eligibility.validity_end(fields.Date.from_string(person.validation_date),
                                         max(person.validity_months, 1)))

    @api.depends('state', 'validity_end')
    def _compute_eligibility_status(self):
        today = fields.Date.context_today(self)
        for person in self:
            if person.state == 'anonymised':
                person.eligibility_status = 'anonymised'
            elif person.state != 'validated':
                person.eligibility_status = 'pending'
            else:
                person.eligibility_status = 'valid' if person.validity_end >= today \
                    else 'expired'

    def _search_eligibility_status(self, operator, value):
        today = fields.Date.context_today(self)
        domains = {
            'pending': [('state', '=', 'draft')],
            'anonymised': [('state', '=', 'anonymised')],
            'valid': [('state', '=', 'validated'), ('validity_end', '>=', today)],
            'expired': [('state', '=', 'validated'), ('validity_end', '<', today)],
        }
        values = value if isinstance(value, (list, tuple)) else [value]
        ids = set()
        for status in values:
            if status in domains:
                ids |= set(self._search(domains[status]))
        if operator in ('=', 'in'):
            return [('id', 'in', list(ids))]
        return [('id', 'not in', list(ids))]

    @api.multi
    def _compute_hours_validated(self):
        """Validated hours and last month worked, in one query (index person, month)."""
        ids = [i for i in self.ids if isinstance(i, int)]
        figures = {}
        if ids:
            self.env.cr.execute("""
                SELECT beneficiary_id,
                       coalesce(sum(hours) FILTER (WHERE state = 'validated'), 0), max(month)
                FROM asr_hour_entry WHERE beneficiary_id IN %s GROUP BY beneficiary_id""",
                                (tuple(ids),))
            figures = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for person in self:
            hours, last = figures.get(person.id, (0.0, False))
            person.hours_validated = hours
            person.last_entry_month = last and str(last)

    @api.constrains('birth_date')
    def _check_birth_date(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        for person in self.filtered('birth_date'):
            age = eligibility.age_at(fields.Date.from_string(person.birth_date), today)
            if not 14 <= age <= 100:
                raise AsrValidationError('person.age', _(
                    "The birth date of %s gives an age of %s years: check it.")
                    % (person.name, age))

    @api.constrains('validity_months')
    def _check_validity_months(self):
        for person in self:
            if person.validity_months <= 0:
                raise AsrValidationError('person.validity_months', _(
                    "The eligibility of %s must last at least one month.") % person.name)

    @api.constrains('validity_months')
    def _check_hours_within_validity(self):
        """The eligibility is a control of the hour entries: a shorter validity must still
        cover the months already recorded."""
        self.env['asr.hour.entry'].sudo().search(
            [('beneficiary_id', 'in', self.filtered(lambda p: p.validity_months > 0).ids)]
        )._check_still_eligible()

    @api.constrains('zip')
    def _check_zip(self):
        for person in self:
            try:
                inputs.check_french_zip(person.zip)
            except inputs.InputError as err:
                raise AsrValidationError('input.' + err.key,
                                         self._asr_input_message('zip', err))

    @api.constrains('qpv_resident', 'qpv_name')
    def _check_qpv(self):
        for person in self:
            if person.qpv_name and not person.qpv_resident:
                raise AsrValidationError('person.qpv_name', _(
                    "%s is not marked as living in a QPV: tick the box or remove the QPV "
                    "name.") % person.name)

    @api.onchange('charter_id')
    def _onchange_charter_id(self):
        if self.charter_id and self.state == 'draft':
            self.validity_months = self.charter_id.eligibility_validity_months

    @api.model
    def create(self, vals):
        self._asr_guard_vals(vals)
        if not self._asr_is_superuser():
            self.env['asr.charter'].browse(vals.get('charter_id'))._asr_check_handles_people(
                self.env.user, _("You may only record the people of a charter whose people "
                                 "you follow."))
        vals = self._clean_names(dict(vals))
        if not vals.get('validity_months'):
            charter = self.env['asr.charter'].browse(vals.get('charter_id'))
            vals['validity_months'] = (charter.eligibility_validity_months
                                       or eligibility.DEFAULT_VALIDITY_MONTHS)
        self._set_birth_year(vals)
        person = super(AsrBeneficiary, self._asr_trusted()).create(vals)
        person._asr_audit('create', person, fields=vals)
        return person.with_env(self.env)

    @api.multi
    def write(self, vals):
        if any(p.state == 'anonymised' for p in self) and set(vals) & set(IDENTITY_FIELDS):
            raise AsrUserError('person.anonymised_identity',
                               _("An anonymised person cannot be given an identity again."))
        self._asr_guard_vals(vals, creating=False)
        vals = self._clean_names(dict(vals))
        if 'birth_date' in vals:
            self._set_birth_year(vals)
            res = super(AsrBeneficiary, self._asr_trusted()).write(vals)
        else:
            res = super(AsrBeneficiary, self).write(vals)
        self._asr_audit('write', self, fields=vals)
        return res

    @api.multi
    def unlink(self):
        self._asr_audit('unlink', self)
        return super(AsrBeneficiary, self).unlink()

    @api.model
    def _clean_names(self, vals):
        """Names without surrounding spaces."""
        for name in ('first_name', 'last_name'):
            if isinstance(vals.get(name), str):
                vals[name] = ' '.join(vals[name].split())
        return vals

    @api.model
    def _set_birth_year(self, vals):
        """The birth year outlives the birth date: the bilans count people by age band."""
        if vals.get('birth_date'):
            vals['birth_year'] = fields.Date.from_string(vals['birth_date']).year

    # -- who acts on people --------------------------------------------------------------
    @api.multi
    def _asr_check_people_actor(self, actor, message=None):
        """``actor`` works on the people of the charters of ``self`` (records with a
        charter_id): the facilitator of the charter or its personal-data staff."""
        self.mapped('charter_id')._asr_check_handles_people(actor, message or _(
            "Only the facilitator of the person's charter, or the staff allowed to see its "
            "people, can do this."))

    @api.model
    def _asr_audit(self, operation, people=None, fields=(), note='', user=None, model=None):
        """One row of the access log (asr.access.log) under the real user (``user``, or the
        environment's): the operation, the people's ids, the names of the fields read or
        changed, never their values."""
        self.env['asr.access.log']._log(operation, model or self._name,
                                        people.ids if people else (), field_names=fields,
                                        note=note, user=user)

    @api.multi
    def read(self, fields=None, load='_classic_read'):
        """Every read of people by a user (lists, forms, search_read and read over the
        API, portal pages, wizards) is in the audit trail under that user, whatever the
        context says (one row of the access log per call). The ORM's internal field loads during an
        operation (``_classic_write``) and the server's own reads (superuser) are not reads
        by a person."""
        rows = super(AsrBeneficiary, self).read(fields=fields, load=load)
        if load == '_classic_read' and rows and not self._asr_is_superuser():
            people = self.browse([row['id'] for row in rows])
            people._asr_audit('read', people, fields=set(rows[0]) - {'id'})
        return rows

    @api.model
    def name_search(self, name='', args=None, operator='ilike', limit=100):
        """A search of people by name is a read of the names it returns: logged."""
        result = super(AsrBeneficiary, self).name_search(name=name, args=args,
                                                         operator=operator, limit=limit)
        if result and not self._asr_is_superuser():
            people = self.browse([pid for pid, _label in result])
            people._asr_audit('search', people, fields=['name'])
        return result

    @api.model
    def _asr_name_search_paths(self):
        """A person is found by their reference (B-00042) or their name ('LAST First'), among
        the people the user may read."""
        return ['code', 'name']

    @api.model
    def _name_search(self, name='', args=None, operator='ilike', limit=100, name_get_uid=None):
        # only who may read people searches them (buyers, managers and finance meet people's
        # references in lists but may not look a person up, even by reference)
        self.check_access_rights('read')
        return super(AsrBeneficiary, self)._name_search(
            name=name, args=args, operator=operator, limit=limit, name_get_uid=name_get_uid)

    @api.multi
    def export_data(self, fields_to_export, raw_data=False):
        result = super(AsrBeneficiary, self).export_data(fields_to_export, raw_data=raw_data)
        if not self._asr_is_superuser():
            self._asr_audit('export', self, fields=fields_to_export)
        return result

    # -- eligibility --------------------------------------------------------------------
    @api.multi
    def action_validate_eligibility(self):
        """The facilitator's staff validates: criteria met, proof seen; the validity starts
        today unless a (past) validation date was given in the context."""
        self._asr_check_backend_user()
        return self._asr_validate_eligibility(self.env.user)

    @api.multi
    def _asr_validate_eligibility(self, actor, proof_kind=None):
        """Validate the eligibility as ``actor`` (checked: facilitator or personal-data staff
        of each person's charter), with the proof seen."""
        self._asr_check_people_actor(actor, _(
            "Only the facilitator of the person's charter validates their eligibility."))
        today = fields.Date.context_today(self)
        day = self.env.context.get('validation_date') or today
        try:
            checked = inputs.check_date(day)
        except inputs.InputError:
            checked = None
        if not checked or fields.Date.to_string(checked) > today:
            raise AsrUserError('eligibility.validation_date', _(
                "The validation date must be a real date, today or in the past (%s given).")
                % str(day)[:20])
        if proof_kind and proof_kind not in dict(PROOFS):
            raise AsrUserError('eligibility.proof_unknown',
                               _("Choose the proof seen in the list."))
        day = fields.Date.to_string(checked)
        for person in self:
            if person.state == 'anonymised':
                raise AsrUserError('eligibility.anonymised',
                                   _("An anonymised person cannot be validated."))
            if person.state == 'validated':
                raise AsrUserError('eligibility.already_validated', _(
                    "The eligibility of %s is already validated.") % person.name)
            if not (proof_kind or person.proof_kind):
                raise AsrUserError('eligibility.proof_missing', _(
                    "Say which proof you saw before validating %s.") % person.name)
            levels = [int(c.level) for c in person.criterion_ids]
            required = person.charter_id.eligibility_level2_required
            if not eligibility.criteria_met(levels, required):
                raise AsrUserError('eligibility.criteria', _(
                    "%s meets no level-1 criterion and %s level-2 criteria: the charter "
                    "requires one level-1 criterion or %s level-2 criteria.")
                    % (person.name, levels.count(2), required))
            vals = {'state': 'validated', 'validation_date': day, 'validator_id': actor.id}
            if proof_kind:
                vals['proof_kind'] = proof_kind
            person._asr_writer(actor).write(vals)
            if self.env.uid != actor.id:
                # written as superuser for a portal user: the chatter and the audit trail name
                # the facilitator who validated
                person._asr_post_as(actor, body=_(
                    "Eligibility validated on %s (proof seen: %s).") % (
                    fr_date(day), dict(self._fields['proof_kind']._description_selection(
                        self._asr_user_env())).get(person.proof_kind, '')))
                person._asr_audit('validate', person, fields=vals, user=actor)
        return True

    @api.multi
    def action_reset_eligibility(self):
        """Back to "to validate" (e.g. the proof turned out wrong); hours already validated
        stay, new ones are refused until the person is validated again."""
        self._asr_check_backend_user()
        self._asr_check_people_actor(self.env.user, _(
            "Only the facilitator of the person's charter validates their eligibility."))
        self.filtered(lambda p: p.state == 'validated')._asr_trusted().write(
            {'state': 'draft', 'validation_date': False, 'validator_id': False})
        return True

    @api.multi
    def eligibility_in_month(self, month):
        """Whether the person counts for hours worked in ``month`` (a date string)."""
        self.ensure_one()
        return self.state == 'validated' and eligibility.eligible_in_month(
            fields.Date.from_string(self.validation_date),
            fields.Date.from_string(self.validity_end), fields.Date.from_string(month))

    # -- GDPR -----------------------------------------------------------------------------
    @api.multi
    def _anonymise(self):
        """Erase the identity (GDPR art. 17) and keep what the aggregates need: gender, birth
        year, QPV residence, criteria, outcome, and every hour entry."""
        for person in self.sudo().with_context(tracking_disable=True):
            if person.state == 'anonymised':
                continue
            super(AsrBeneficiary, person).write({
                'first_name': '-', 'last_name': '%s %s' % (ANONYMOUS, person.code),
                'birth_date': False, 'zip': False, 'qpv_name': False, 'note': False,
                'informed_on': False, 'state': 'anonymised',
            })
            person.message_ids.unlink()
            self.env['ir.attachment'].sudo().search([
                ('res_model', '=', self._name), ('res_id', '=', person.id)]).unlink()
            self._erase_audit_values(person.id)
        return True

    @api.model
    def _erase_audit_values(self, person_id):
        """Databases audited with OCA auditlog before 11.0.1.2.0 keep its rows: they keep who
        did what and when, not the erased values (the access log never holds values)."""
        if 'auditlog.log' not in self.env:
            return
        logs = self.env['auditlog.log'].sudo().search([('model_id.model', '=', self._name),
                                                       ('res_id', '=', person_id)])
        logs.write({'name': '%s%05d' % (self._code_prefix, person_id)})
        logs.mapped('line_ids').write({'old_value': False, 'new_value': False,
                                       'old_value_text': False, 'new_value_text': False})

    @api.model
    def _cron_anonymise_expired(self):
        """Anonymise people whose last hour entry (or creation, without any entry) is older
        than their charter's retention period."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        to_erase = self.browse()
        for charter in self.env['asr.charter'].sudo().search([]):
            limit = fields.Date.to_string(today - relativedelta(years=charter.retention_years))
            self.env.cr.execute("""
                SELECT b.id FROM asr_beneficiary b
                LEFT JOIN asr_hour_entry e ON e.beneficiary_id = b.id
                WHERE b.charter_id = %s AND b.state != 'anonymised'
                GROUP BY b.id
                HAVING coalesce(max(e.month), b.create_date::date) < %s
            """, (charter.id, limit))
            to_erase |= self.browse([row[0] for row in self.env.cr.fetchall()])
        to_erase._anonymise()
        for charter in to_erase.mapped('charter_id'):
            self._asr_audit('anonymise', to_erase.filtered(lambda p: p.charter_id == charter),
                            note=_('retention of %s years passed') % charter.retention_years)
        return len(to_erase)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        """Grouping people (by gender, outcome...) is recorded in the audit trail."""
        groups = super(AsrBeneficiary, self).read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)
        if not self._asr_is_superuser():
            self._asr_audit('group', fields=field_names(groupby))
        return groups
