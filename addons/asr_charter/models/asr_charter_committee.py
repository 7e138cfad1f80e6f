from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..rules.dates import fr_date


class AsrCharterCommittee(models.Model):
    """A technical committee of a charter (art. 6: one to two a year)."""

    _name = 'asr.charter.committee'
    _description = 'Comité technique de charte'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _order = 'date desc, id desc'

    name = fields.Char('Intitulé', compute='_compute_name', store=True)
    charter_id = fields.Many2one('asr.charter', 'Charte', required=True, ondelete='cascade',
                                 index=True, track_visibility='onchange')
    attendee_ids = fields.Many2many('asr.charter.member', string='Participants',
                                    domain="[('charter_id', '=', charter_id)]")
    decision_ids = fields.One2many('asr.charter.committee.decision', 'committee_id',
                                   'Décisions')
    date = fields.Date('Date', required=True, track_visibility='onchange')
    location = fields.Char('Lieu')
    agenda = fields.Html('Ordre du jour')
    minutes = fields.Html('Compte rendu')
    state = fields.Selection([('planned', 'Planifié'), ('held', 'Tenu'),
                              ('cancelled', 'Annulé')], 'État', default='planned',
                             required=True, track_visibility='onchange')
    attendee_count = fields.Integer('Nombre de participants', compute='_compute_counts')
    open_decision_count = fields.Integer('Décisions à suivre', compute='_compute_counts')

    @api.depends('date', 'charter_id.name')
    def _compute_name(self):
        for committee in self:
            committee.name = _('Comité technique du %s') % fr_date(committee.date)

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
                raise ValidationError(_(
                    "La charte « %s » n'est pas encore adoptée : indiquez la date de son acte "
                    "d'adoption avant de planifier un comité technique.") % charter.name)
            if committee.date < charter.act_date:
                raise ValidationError(_(
                    "Le comité technique du %s ne peut pas précéder l'adoption de la charte "
                    "« %s » (%s).") % (fr_date(committee.date), charter.name,
                                        fr_date(charter.act_date)))

    @api.constrains('attendee_ids', 'charter_id')
    def _check_attendees(self):
        for committee in self:
            strangers = committee.attendee_ids.filtered(
                lambda m: m.charter_id != committee.charter_id)
            if strangers:
                raise ValidationError(_(
                    "Les participants d'un comité sont des membres de sa charte : %s n'en est "
                    "pas membre.") % ', '.join(strangers.mapped('partner_id.display_name')))

    @api.multi
    def action_held(self):
        today = fields.Date.context_today(self)
        for committee in self:
            if committee.state != 'planned':
                raise UserError(_("Le %s n'est pas planifié.") % committee.name)
            if committee.date > today:
                raise UserError(_("Le %s n'a pas encore eu lieu.") % committee.name)
        return self.write({'state': 'held'})

    @api.multi
    def action_cancel(self):
        if self.filtered(lambda c: c.state == 'held'):
            raise UserError(_("Un comité déjà tenu ne peut pas être annulé."))
        return self.write({'state': 'cancelled'})

    @api.multi
    def action_replan(self):
        return self.filtered(lambda c: c.state == 'cancelled').write({'state': 'planned'})
