from odoo import _, api, fields, models
from odoo.addons.asr_charter.exceptions import AsrValidationError

from ..rules.dates import fr_date as _fmt

ROLES = [
    ('public_buyer', 'Public buyer'),
    ('facilitator', 'Facilitator structure'),
    ('iae_network', 'IAE network'),
    ('disability_network', 'Disability network'),
    ('social_landlord', 'Social landlord'),
    ('business_club', 'Business club'),
    ('employment_actor', 'Employment actor'),
]

EMPLOYMENT_KINDS = [
    ('plie', 'PLIE'),
    ('france_travail', 'France Travail'),
    ('cap_emploi', 'Cap emploi'),
    ('mission_locale', 'Mission locale'),
    ('municipal', 'Municipal employment service'),
    ('prevention', 'Specialised prevention'),
]


class AsrCharterMember(models.Model):
    """A signatory or participating partner of a charter, over a period."""

    _name = 'asr.charter.member'
    _description = 'Charter member'
    _inherit = ['asr.guard.mixin']
    _order = 'charter_id, membership desc, role, id'
    _rec_name = 'partner_id'
    _asr_name_search_fields = ('partner_id.display_name', 'role', 'charter_id.name')
    _asr_limits = {'note': 5000}
    _asr_frozen = {'charter_id'}

    charter_id = fields.Many2one('asr.charter', 'Charter', required=True, ondelete='cascade',
                                 index=True)
    partner_id = fields.Many2one('res.partner', 'Organisation', required=True, index=True)
    role = fields.Selection(ROLES, 'Role', required=True)
    employment_kind = fields.Selection(EMPLOYMENT_KINDS, 'Employment actor type')
    membership = fields.Selection([('signatory', 'Signatory'), ('partner', 'Partner')],
                                  'Commitment', required=True, default='partner')
    date_join = fields.Date('Joining date', required=True,
                            default=fields.Date.context_today)
    date_leave = fields.Date('Leaving date')
    article_ids = fields.Many2many('asr.charter.article', string='Committed articles',
                                   domain="[('charter_id', '=', charter_id)]")
    contact_id = fields.Many2one('res.partner', 'Contact',
                                 domain="[('parent_id', '=', partner_id)]")
    note = fields.Text('Notes')
    in_force = fields.Boolean('In force', compute='_compute_in_force',
                              search='_search_in_force')

    @api.depends('date_join', 'date_leave')
    def _compute_in_force(self):
        today = fields.Date.context_today(self)
        for member in self:
            member.in_force = member._is_in_force(today)

    def _search_in_force(self, operator, value):
        today = fields.Date.context_today(self)
        domain = ['&', ('date_join', '<=', today),
                  '|', ('date_leave', '=', False), ('date_leave', '>=', today)]
        positive = (operator == '=') == bool(value)
        return domain if positive else ['!'] + domain

    def _is_in_force(self, day):
        """Member of the charter on ``day`` (a date string); the leaving day still counts."""
        self.ensure_one()
        return bool(self.date_join and self.date_join <= day
                    and (not self.date_leave or self.date_leave >= day))

    @api.constrains('date_join', 'date_leave')
    def _check_dates(self):
        for member in self:
            if member.date_leave and member.date_leave < member.date_join:
                raise AsrValidationError('member.leave_before_join', _(
                    "%s cannot leave the charter (%s) before joining it (%s).") % (
                    member.partner_id.display_name, _fmt(member.date_leave),
                    _fmt(member.date_join)))

    @api.constrains('role', 'employment_kind')
    def _check_employment_kind(self):
        for member in self:
            if member.role == 'employment_actor' and not member.employment_kind:
                raise AsrValidationError('member.employment_kind', _(
                    "Specify the employment actor type of %s (PLIE, France Travail, "
                    "Cap emploi, Mission locale, municipal service, specialised prevention).")
                    % member.partner_id.display_name)

    @api.constrains('article_ids', 'charter_id')
    def _check_articles(self):
        for member in self:
            if member.article_ids.filtered(lambda a: a.charter_id != member.charter_id):
                raise AsrValidationError('member.article_charter', _(
                    "%s can only commit to articles of its charter.")
                    % member.partner_id.display_name)

    @api.constrains('role', 'date_join', 'date_leave', 'charter_id')
    def _check_single_facilitator(self):
        """Periods of facilitator structures of one charter never overlap."""
        for member in self.filtered(lambda m: m.role == 'facilitator'):
            others = member.charter_id.member_ids.filtered(
                lambda m: m.role == 'facilitator' and m != member)
            for other in others:
                start = max(member.date_join, other.date_join)
                ends = [d for d in (member.date_leave, other.date_leave) if d]
                if not ends or start <= min(ends):
                    raise AsrValidationError('member.facilitator_overlap', _(
                        'The charter "%s" already has a facilitator structure in force over '
                        'this period: %s (since %s). First enter its leaving date.') % (
                            member.charter_id.name, other.partner_id.display_name,
                            _fmt(other.date_join)))

    @api.constrains('role', 'date_join', 'date_leave')
    def _check_charter_keeps_facilitator(self):
        today = fields.Date.context_today(self)
        for charter in self.mapped('charter_id').filtered(lambda c: c.state == 'in_force'):
            charter._check_facilitator_in_force(today)

    @api.multi
    def unlink(self):
        charters = self.mapped('charter_id').filtered(lambda c: c.state == 'in_force')
        facilitators = self.filtered(lambda m: m.role == 'facilitator')
        res = super(AsrCharterMember, self).unlink()
        if facilitators:
            today = fields.Date.context_today(self)
            for charter in charters:
                charter._check_facilitator_in_force(today)
        return res
