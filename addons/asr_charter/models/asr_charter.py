from odoo import _, api, fields, models
from odoo.addons.asr_charter.exceptions import AsrUserError, AsrValidationError

from ..rules.committee import DEFAULT_INTERVAL_MONTHS, DEFAULT_MAX_PER_YEAR, committee_status
from ..rules.dates import fr_date
from ..rules.defaults import single_choice

STATES = [
    ('draft', 'Draft'),
    ('adopted', 'Adopted'),
    ('in_force', 'In force'),
    ('closed', 'Closed'),
]


class AsrCharter(models.Model):
    """A territorial charter of socially responsible purchasing (e.g. GPSEA, 11/12/2019)."""

    _name = 'asr.charter'
    _description = 'Socially responsible purchasing charter'
    _inherit = ['mail.thread', 'mail.activity.mixin', 'asr.guard.mixin']
    _order = 'act_date desc, id desc'
    _asr_name_search_fields = ('name', 'act_number', 'territory_id.name')
    _asr_limits = {'name': 500, 'act_number': 100,
                   'committee_interval_months': (1, 60), 'committee_max_per_year': (1, 12)}

    # identity
    name = fields.Char('Title', required=True, track_visibility='onchange')
    territory_id = fields.Many2one(
        'res.partner', 'Territory', required=True, track_visibility='onchange',
        domain=[('is_company', '=', True)],
        help="Local authority or territorial public body that carries the charter.")
    act_number = fields.Char('Adoption act number', track_visibility='onchange',
                             help="For example the resolution CT2019.5/116-2.")
    act_date = fields.Date('Adoption date', track_visibility='onchange')
    signed_document = fields.Binary('Signed charter', attachment=True)
    signed_document_name = fields.Char('File name')
    description = fields.Html('Purpose of the charter')
    company_id = fields.Many2one('res.company', 'Company', required=True,
                                 default=lambda self: self.env.user.company_id)
    # relations
    article_ids = fields.One2many('asr.charter.article', 'charter_id', 'Articles', copy=True)
    member_ids = fields.One2many('asr.charter.member', 'charter_id', 'Members')
    committee_ids = fields.One2many('asr.charter.committee', 'charter_id', 'Technical committees')
    evaluation_ids = fields.One2many('asr.charter.evaluation', 'charter_id',
                                     'Annual evaluations')
    # settings
    committee_interval_months = fields.Integer(
        'Maximum interval between committees (months)', default=DEFAULT_INTERVAL_MONTHS,
        required=True,
        help="The charter provides for a technical committee once or twice a year.")
    committee_max_per_year = fields.Integer('Maximum committees per year',
                                            default=DEFAULT_MAX_PER_YEAR, required=True)
    # dates and state
    date_in_force = fields.Date('Entry into force', readonly=True, copy=False,
                                track_visibility='onchange')
    date_closed = fields.Date('Closing date', readonly=True, copy=False,
                              track_visibility='onchange')
    state = fields.Selection(STATES, 'Status', default='draft', required=True, readonly=True,
                             copy=False, track_visibility='onchange')
    # computed
    facilitator_member_id = fields.Many2one(
        'asr.charter.member', 'Facilitator structure in force',
        compute='_compute_facilitator')
    facilitator_partner_id = fields.Many2one(
        'res.partner', 'Facilitator', compute='_compute_facilitator',
        search='_search_facilitator_partner_id')
    member_count = fields.Integer('Number of members', compute='_compute_counts')
    signatory_count = fields.Integer('Number of signatories', compute='_compute_counts')
    next_committee_date = fields.Date('Next committee due on', compute='_compute_committee_due')
    next_committee_planned = fields.Boolean('Next committee planned',
                                            compute='_compute_committee_due')
    committee_overdue = fields.Boolean('Committee overdue', compute='_compute_committee_due')
    committee_warning = fields.Char('Committee alert', compute='_compute_committee_due')

    _sql_constraints = [
        ('committee_interval_positive', 'CHECK(committee_interval_months > 0)',
         "The interval between committees must be at least one month."),
        ('committee_max_positive', 'CHECK(committee_max_per_year > 0)',
         "The number of committees per year must be at least one."),
    ]

    # ------------------------------------------------------------------ computes
    @api.depends('member_ids.role', 'member_ids.date_join', 'member_ids.date_leave',
                 'member_ids.partner_id')
    def _compute_facilitator(self):
        today = fields.Date.context_today(self)
        for charter in self:
            current = charter.member_ids.filtered(
                lambda m: m.role == 'facilitator' and m._is_in_force(today))
            charter.facilitator_member_id = current[:1]
            charter.facilitator_partner_id = current[:1].partner_id

    def _search_facilitator_partner_id(self, operator, value):
        """Charters whose facilitator structure in force today matches (used by record rules)."""
        today = fields.Date.context_today(self)
        members = self.env['asr.charter.member'].sudo().search([
            ('role', '=', 'facilitator'),
            ('partner_id', operator, value),
            ('date_join', '<=', today),
            '|', ('date_leave', '=', False), ('date_leave', '>=', today),
        ])
        return [('id', 'in', members.mapped('charter_id').ids)]

    @api.depends('member_ids.membership', 'member_ids.date_join', 'member_ids.date_leave')
    def _compute_counts(self):
        today = fields.Date.context_today(self)
        for charter in self:
            current = charter.member_ids.filtered(lambda m: m._is_in_force(today))
            charter.member_count = len(current)
            charter.signatory_count = len(current.filtered(
                lambda m: m.membership == 'signatory'))

    @api.depends('act_date', 'state', 'committee_ids.date', 'committee_ids.state',
                 'committee_interval_months', 'committee_max_per_year')
    def _compute_committee_due(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        for charter in self:
            committees = charter.committee_ids
            status = committee_status(
                fields.Date.from_string(charter.act_date),
                [fields.Date.from_string(c.date) for c in committees if c.state == 'held'],
                [fields.Date.from_string(c.date) for c in committees if c.state == 'planned'],
                today,
                max_interval_months=charter.committee_interval_months,
                max_per_year=charter.committee_max_per_year)
            charter.next_committee_date = status.next_due and fields.Date.to_string(
                status.next_due)
            charter.next_committee_planned = status.planned
            charter.committee_overdue = status.overdue
            warnings = []
            if charter.state in ('adopted', 'in_force'):
                if status.none_this_year:
                    warnings.append(_("No technical committee is held or planned in %s.")
                                    % today.year)
                if status.overdue:
                    warnings.append(_("The technical committee is overdue."))
                if status.too_many_this_year:
                    warnings.append(_("More than %s technical committees in %s.")
                                    % (charter.committee_max_per_year, today.year))
            charter.committee_warning = ' '.join(warnings) or False

    @api.constrains('act_date')
    def _check_children_after_adoption(self):
        """The committees and evaluations checked against the adoption date are checked
        again when that date changes."""
        self.mapped('committee_ids')._check_date_after_adoption()
        self.mapped('evaluation_ids')._check_year()

    # ------------------------------------------------------------------ actions
    @api.multi
    def action_adopt(self):
        for charter in self:
            if charter.state != 'draft':
                raise AsrUserError('charter.not_draft',
                                   _('The charter "%s" is not in draft.') % charter.name)
            if not charter.act_number or not charter.act_date:
                raise AsrUserError('charter.act_missing', _(
                    'Enter the number and the date of the adoption act of the charter "%s" '
                    'before adopting it.') % charter.name)
        return self._asr_trusted().write({'state': 'adopted'})

    @api.multi
    def action_put_in_force(self):
        today = fields.Date.context_today(self)
        for charter in self:
            if charter.state != 'adopted':
                raise AsrUserError('charter.not_adopted', _(
                    'The charter "%s" must be adopted before coming into '
                    'force.') % charter.name)
            charter._check_facilitator_in_force(today)
            if not charter.member_ids.filtered(
                    lambda m: m.membership == 'signatory' and m.role == 'public_buyer'
                    and m._is_in_force(today)):
                raise AsrUserError('charter.no_public_buyer', _(
                    'The charter "%s" has no public buyer signatory in force.')
                    % charter.name)
        return self._asr_trusted().write({'state': 'in_force', 'date_in_force': today})

    @api.multi
    def action_close(self):
        for charter in self:
            if charter.state != 'in_force':
                raise AsrUserError('charter.not_in_force',
                                   _('Only a charter in force can be closed ("%s").')
                                   % charter.name)
        return self._asr_trusted().write({'state': 'closed',
                                          'date_closed': fields.Date.context_today(self)})

    @api.multi
    def action_reset_draft(self):
        for charter in self:
            if charter.state != 'adopted':
                raise AsrUserError('charter.reset_not_adopted', _(
                    'Only an adopted charter, not yet in force, can be reset '
                    'to draft ("%s").') % charter.name)
        return self._asr_trusted().write({'state': 'draft'})

    # ------------------------------------------------------------------ helpers
    @api.model
    def _asr_default_charter(self):
        """The charter proposed when a market, a person, a committee... is created: the only
        charter in force of the user's company, or none when there are several or none."""
        if not self.check_access_rights('read', raise_exception=False):
            return self.browse()
        charters = self.search([('state', '=', 'in_force'),
                                ('company_id', '=', self.env.user.company_id.id)], limit=2)
        return single_choice(charters) or self.browse()

    @api.model
    def _asr_facilitator_domain(self, user):
        """Charters whose facilitator structure in force today is ``user``'s company."""
        return [('facilitator_partner_id', '=', user.partner_id.commercial_partner_id.id)]

    @api.multi
    def _asr_is_facilitated_by(self, user):
        """Whether every charter of ``self`` has ``user``'s company as facilitator today."""
        company = user.partner_id.commercial_partner_id
        return bool(self) and all(c.sudo().facilitator_partner_id == company for c in self)

    def _check_facilitator_in_force(self, day):
        """Raise unless exactly one facilitator structure is in force on ``day``."""
        self.ensure_one()
        facilitators = self.member_ids.filtered(
            lambda m: m.role == 'facilitator' and m._is_in_force(day))
        if len(facilitators) != 1:
            raise AsrValidationError('charter.facilitator_count', _(
                'The charter "%s" must have exactly one facilitator structure in force '
                'on %s (it has %s).') % (self.name, fr_date(day), len(facilitators)))
