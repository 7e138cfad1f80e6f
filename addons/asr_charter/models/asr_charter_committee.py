from odoo import _, api, fields, models
from odoo.addons.asr_charter.exceptions import AsrUserError, AsrValidationError

from ..rules.dates import fr_date


class AsrCharterCommittee(models.Model):
    """A technical committee of a charter (art. 6: one to two a year)."""

    _name = 'asr.charter.committee'
    _description = 'Charter technical committee'
    _inherit = ['mail.thread', 'asr.activity.mixin', 'asr.guard.mixin']
    _order = 'date desc, id desc'
    _asr_name_search_fields = ('date', 'location', 'charter_id.name')
    _asr_limits = {'location': 300}
    _asr_protected = {'state'}
    _asr_frozen = {'charter_id'}

    name = fields.Char('Title', compute='_compute_name')
    charter_id = fields.Many2one('asr.charter', 'Charter', required=True, ondelete='cascade',
                                 index=True, track_visibility='onchange',
                                 default=lambda self: self.env['asr.charter']
                                 ._asr_default_charter())
    attendee_ids = fields.Many2many('asr.charter.member', string='Attendees',
                                    domain="[('charter_id', '=', charter_id)]")
    decision_ids = fields.One2many('asr.charter.committee.decision', 'committee_id',
                                   'Decisions')
    date = fields.Date('Date', required=True, track_visibility='onchange')
    location = fields.Char('Location')
    agenda = fields.Html('Agenda')
    minutes = fields.Html('Minutes')
    state = fields.Selection([('planned', 'Planned'), ('held', 'Held'),
                              ('cancelled', 'Cancelled')], 'Status', default='planned',
                             required=True, copy=False, track_visibility='onchange')
    attendee_count = fields.Integer('Number of attendees', compute='_compute_counts')
    open_decision_count = fields.Integer('Decisions to follow up', compute='_compute_counts')

    @api.depends('date', 'charter_id.name')
    def _compute_name(self):
        for committee in self:
            committee.name = _('Technical committee of %s') % fr_date(committee.date)

    @api.depends('attendee_ids', 'decision_ids.state')
    def _compute_counts(self):
        for committee in self:
            committee.attendee_count = len(committee.attendee_ids)
            committee.open_decision_count = len(
                committee.decision_ids.filtered(lambda d: d.state == 'open'))

    @api.constrains('date', 'charter_id')
    def _check_date_after_adoption(self):
        for committee in self:
            charter = committee.charter_id
            if not charter.act_date:
                raise AsrValidationError('committee.charter_not_adopted', _(
                    'The charter "%s" is not adopted yet: enter the date of its adoption act '
                    'before planning a technical committee.') % charter.name)
            if committee.date < charter.act_date:
                raise AsrValidationError('committee.before_adoption', _(
                    'The technical committee of %s cannot precede the adoption of the '
                    'charter "%s" (%s).') % (fr_date(committee.date), charter.name,
                                             fr_date(charter.act_date)))

    @api.constrains('attendee_ids', 'charter_id')
    def _check_attendees(self):
        for committee in self:
            strangers = committee.attendee_ids.filtered(
                lambda m: m.charter_id != committee.charter_id)
            if strangers:
                raise AsrValidationError('committee.attendee_not_member', _(
                    "The attendees of a committee are members of its charter: %s is not a "
                    "member of it.") % ', '.join(strangers.mapped('partner_id.display_name')))

    @api.multi
    def action_held(self):
        today = fields.Date.context_today(self)
        for committee in self:
            if committee.state != 'planned':
                raise AsrUserError('committee.not_planned',
                                   _("%s is not planned.") % committee.name)
            if committee.date > today:
                raise AsrUserError('committee.not_held_yet',
                                   _("%s has not taken place yet.") % committee.name)
        return self._asr_trusted().write({'state': 'held'})

    @api.multi
    def action_cancel(self):
        if self.filtered(lambda c: c.state == 'held'):
            raise AsrUserError('committee.cancel_held',
                               _("A committee already held cannot be cancelled."))
        return self._asr_trusted().write({'state': 'cancelled'})

    @api.multi
    def action_replan(self):
        return self.filtered(lambda c: c.state == 'cancelled')._asr_trusted().write(
            {'state': 'planned'})
