from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.asr_charter.rules.dates import fr_date

from ..rules import controls
from ..rules.hours import (HourRuleError, amount_to_hours, duplicate_key, first_of_month,
                           is_subcontracting)

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


def fr_number(value):
    """151.67 -> '151,67', 208.0 -> '208': numbers as a French reader writes them."""
    text = ('%.2f' % (value or 0.0)).rstrip('0').rstrip('.')
    return text.replace('.', ',')


PERSONAL = 'asr_beneficiaries.group_asr_personal_data,asr_charter.group_asr_facilitator'


class AsrHourEntry(models.Model):
    """Hours worked by a beneficiary in one month under an insertion clause, or the hours
    equivalent to an amount subcontracted to an SIAE, ESAT or EA."""

    _name = 'asr.hour.entry'
    _description = 'Insertion hour entry'
    _order = 'month desc, id desc'

    name = fields.Char('Entry', compute='_compute_name')
    clause_id = fields.Many2one('asr.clause', 'Insertion clause', required=True, index=True,
                                ondelete='restrict',
                                domain=[('clause_type', '=', 'insertion'),
                                        ('state', '=', 'execution')])
    # a plain column set from the clause, not a related field: the facilitator's record rule
    # reads it, and it must be there from the INSERT on (a stored related field is written
    # after, under that very rule)
    charter_id = fields.Many2one('asr.charter', 'Charter', readonly=True, index=True)
    partner_id = fields.Many2one(related='clause_id.partner_id', store=True, readonly=True,
                                 string='Contractor')
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
                              readonly=True)
    state = fields.Selection(STATES, 'State', default='draft', required=True, index=True,
                             readonly=True, copy=False)
    reject_reason = fields.Text('Why rejected', readonly=True, copy=False)
    # who checked the entry and when: filled on validation and on rejection
    validated_by_id = fields.Many2one('res.users', 'Checked by', readonly=True, copy=False)
    validated_on = fields.Date('Checked on', readonly=True, copy=False)

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

    # -- create / write: normalise the month, convert subcontracting amounts ----------------
    @api.model
    def create(self, vals):
        vals = self._normalise(dict(vals))
        return super(AsrHourEntry, self).create(vals)

    @api.multi
    def write(self, vals):
        if set(vals) & set(CHECKED_FIELDS):
            if any(entry.state == 'validated' for entry in self):
                raise UserError(_("A validated entry cannot be changed: reset it to draft "
                                  "first."))
            for entry in self:
                super(AsrHourEntry, entry).write(entry._normalise(dict(vals)))
            return True
        return super(AsrHourEntry, self).write(vals)

    @api.multi
    def _normalise(self, vals):
        """First day of the month; employer = contractor by default; for subcontracting the
        hours are those of the amount (rules.hours.amount_to_hours)."""
        if vals.get('month'):
            vals['month'] = fields.Date.to_string(
                first_of_month(fields.Date.from_string(vals['month'])))
        clause = self.env['asr.clause'].browse(vals['clause_id']) if vals.get(
            'clause_id') else self.clause_id
        if vals.get('clause_id'):
            vals['charter_id'] = clause.sudo().charter_id.id
        if not vals.get('employer_id') and not self.employer_id and clause.partner_id:
            vals['employer_id'] = clause.partner_id.id
        modality = vals.get('modality', self.modality or 'cdi')
        if is_subcontracting(modality):
            amount = vals.get('amount', self.amount)
            try:
                vals['hours'] = amount_to_hours(amount, clause.labour_share,
                                                clause.hourly_cost)
            except HourRuleError as err:
                raise ValidationError(self._message(err.key, err.values, clause=clause))
        return vals

    # -- controls (rules.controls, shared with the import) --------------------------------
    @api.constrains(*CHECKED_FIELDS)
    def _check_controls(self):
        for entry in self.sudo():
            clause = entry.clause_id
            person = entry.beneficiary_id
            month = fields.Date.from_string(entry.month)
            clause_info = self._clause_info(clause.ids)[clause.id]
            person_info = self._person_info(person.ids).get(person.id)
            total = 0.0
            if person:
                self.env.cr.execute("""
                    SELECT coalesce(sum(hours), 0) FROM asr_hour_entry
                    WHERE beneficiary_id = %s AND month = %s AND state != 'rejected'
                      AND id != %s""", (person.id, entry.month, entry.id))
                total = self.env.cr.fetchone()[0]
            key = duplicate_key(clause.id, person.id, month, entry.modality,
                                entry.employer_id.id)
            taken = self._taken_keys([clause.id], exclude_ids=entry.ids, month=entry.month,
                                     modality=entry.modality)
            errors = controls.entry_errors(
                {'month': month, 'modality': entry.modality, 'hours': entry.hours,
                 'amount': entry.amount}, clause_info, person_info, total,
                clause_info['cap'], taken, key)
            if errors:
                raise ValidationError('\n'.join(
                    self._message(err_key, values, clause=clause, person=person, month=month)
                    for column, err_key, values in errors))

    @api.model
    def _clause_info(self, clause_ids):
        """What the controls need of each clause, read in one query."""
        if not clause_ids:
            return {}
        self.env.cr.execute("""
            SELECT c.id, c.clause_type, c.state, c.date_start, c.date_end, c.labour_share,
                   c.hourly_cost, c.partner_id, c.charter_id,
                   coalesce(ch.monthly_hour_cap, 208)
            FROM asr_clause c LEFT JOIN asr_charter ch ON ch.id = c.charter_id
            WHERE c.id IN %s""", (tuple(clause_ids),))
        to_date = fields.Date.from_string
        return {row[0]: {'clause_type': row[1], 'state': row[2], 'date_start': to_date(row[3]),
                         'date_end': to_date(row[4]), 'labour_share': row[5], 'hourly_cost': row[6],
                         'partner_id': row[7], 'charter_id': row[8], 'cap': row[9]}
                for row in self.env.cr.fetchall()}

    @api.model
    def _person_info(self, person_ids):
        if not person_ids:
            return {}
        self.env.cr.execute("""
            SELECT id, validation_date, validity_end, state FROM asr_beneficiary
            WHERE id IN %s""", (tuple(person_ids),))
        to_date = fields.Date.from_string
        return {row[0]: {'validated_on': to_date(row[1]) if row[3] == 'validated' else None,
                         'valid_until': to_date(row[2]) if row[3] == 'validated' else None}
                for row in self.env.cr.fetchall()}

    @api.model
    def _taken_keys(self, clause_ids, exclude_ids=(), month=None, modality=None):
        """Duplicate keys of the entries of these clauses (rejected entries excepted), with
        their hours and amount: {key: (id, hours, amount)}; only those of one month and
        modality when given (checking one entry reads a handful of rows, not the clause)."""
        if not clause_ids:
            return {}
        self.env.cr.execute("""
            SELECT id, clause_id, beneficiary_id, month, modality, employer_id, hours, amount
            FROM asr_hour_entry
            WHERE clause_id IN %s AND state != 'rejected' AND NOT id = ANY(%s)
              AND (%s IS NULL OR month = %s) AND (%s IS NULL OR modality = %s)""",
                            (tuple(clause_ids), list(exclude_ids), month, month, modality,
                             modality))
        to_date = fields.Date.from_string
        return {duplicate_key(row[1], row[2], to_date(row[3]), row[4], row[5]):
                (row[0], row[6], row[7])
                for row in self.env.cr.fetchall()}

    @api.model
    def _message(self, key, values, clause=None, person=None, month=None):
        """The French sentence of a control's key (rules.controls)."""
        clause_name = clause.display_name if clause else ''
        person_name = person.sudo().name if person else ''
        month = values.get('month') or month
        month_text = month and month.strftime('%m/%Y') or ''
        if key == 'hours':
            return _("The hours of %s in %s must be positive (%s given).") % (
                person_name or _('the entry'), month_text, values.get('value'))
        if key == 'amount':
            return _("A subcontracting entry needs an invoiced amount greater than zero "
                     "(%s given).") % (values.get('value') or 0)
        if key == 'parameters':
            return _("The clause %s has no labour share or hourly cost: the subcontracted "
                     "amount cannot be converted into hours.") % clause_name
        if key == 'cap':
            return _("%s would work %s hours in %s across all their entries: more than the "
                     "monthly maximum of %s hours.") % (
                person_name, fr_number(values['total']), month_text, fr_number(values['cap']))
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
                month_text, clause_name,
                fr_date(values['start']), fr_date(values['end']))
        if key == 'not_eligible':
            return _("%s is not eligible in %s: their eligibility is not validated by the "
                     "facilitator or has expired.") % (person_name, month_text)
        if key == 'person_missing':
            return _("Say which person worked these hours (only subcontracting is counted "
                     "without a person).")
        if key == 'duplicate':
            return _("An entry already exists for this person (or subcontractor), clause, "
                     "month and modality (%s).") % month_text
        if key == 'modality':
            return _("Unknown modality \"%s\".") % (values.get('value') or '')
        if key == 'month_missing':
            return _("Give the month of the hours.")
        return key

    # -- workflow -----------------------------------------------------------------------
    @api.model
    def _check_facilitator(self):
        if not self.env['asr.beneficiary']._is_facilitator_user():
            raise UserError(_("Only the facilitator validates or rejects hours."))

    @api.multi
    def action_submit(self):
        self.filtered(lambda e: e.state == 'draft').write({'state': 'submitted'})
        return True

    @api.multi
    def action_validate(self):
        self._check_facilitator()
        if any(e.state in ('validated', 'rejected') for e in self):
            raise UserError(_("Only draft or submitted entries can be validated."))
        self.write({'state': 'validated', 'validated_by_id': self.env.uid,
                    'validated_on': fields.Date.context_today(self), 'reject_reason': False})
        return True

    @api.multi
    def action_reject(self, reason):
        self._check_facilitator()
        if not (reason or '').strip():
            raise UserError(_("Say why the hours are rejected."))
        if any(e.state == 'rejected' for e in self):
            raise UserError(_("These hours are already rejected."))
        self.write({'state': 'rejected', 'reject_reason': reason.strip(),
                    'validated_by_id': self.env.uid,
                    'validated_on': fields.Date.context_today(self)})
        return True

    @api.multi
    def action_reset_draft(self):
        self._check_facilitator()
        # A rejected entry comes back into the controls: checked again like a new one.
        for entry in self.filtered(lambda e: e.state != 'draft'):
            entry.write({'state': 'draft', 'reject_reason': False, 'validated_by_id': False,
                         'validated_on': False})
            entry._check_controls()
        return True

    @api.multi
    def action_open_reject_wizard(self):
        return {
            'type': 'ir.actions.act_window', 'res_model': 'asr.hour.entry.reject',
            'view_mode': 'form', 'target': 'new', 'name': _('Reject hours'),
            'context': {'default_entry_ids': [(6, 0, self.ids)]},
        }
