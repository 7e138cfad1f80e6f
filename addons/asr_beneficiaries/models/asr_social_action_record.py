from odoo import _, api, fields, models

from odoo.addons.asr_charter.exceptions import AsrUserError, AsrValidationError
from odoo.addons.asr_charter.rules.dates import fr_date


class AsrSocialActionRecord(models.Model):
    """An action of a social action clause carried out (seed 003): when, how many people,
    with its justificatifs, validated by the facilitator."""

    _name = 'asr.social.action.record'
    _description = 'Social action carried out'
    _inherit = ['mail.thread', 'asr.guard.mixin']
    _order = 'date desc, id desc'
    _asr_limits = {'people_count': (-100000, 100000), 'description': 10000}
    _asr_protected = {
        'state', 'validated_by_id'}
    _asr_frozen = {'action_id'}

    action_id = fields.Many2one('asr.clause.action', 'Committed action', required=True,
                                index=True, ondelete='restrict')
    clause_id = fields.Many2one(related='action_id.clause_id', store=True, readonly=True,
                                index=True)
    # set from the action at creation (the facilitator's record rule reads it from the INSERT on)
    charter_id = fields.Many2one('asr.charter', 'Charter', readonly=True, index=True,
                                 copy=False)
    company_id = fields.Many2one(related='action_id.clause_id.company_id', store=True,
                                 readonly=True, string='Company')
    date = fields.Date('Date', required=True, default=fields.Date.context_today)
    people_count = fields.Integer('Number of people', required=True, default=1)
    description = fields.Text('What was done')
    attachment_ids = fields.Many2many('ir.attachment', string='Supporting documents')
    state = fields.Selection([('draft', 'To validate'), ('validated', 'Validated')], 'State',
                             default='draft', required=True, readonly=True, copy=False,
                             track_visibility='onchange')
    validated_by_id = fields.Many2one('res.users', 'Validated by', readonly=True, copy=False)

    @api.multi
    def name_get(self):
        return [(r.id, '%s — %s' % (r.action_id.display_name, fr_date(r.date))) for r in self]

    @api.model
    def create(self, vals):
        """A record is created to validate, its charter the one of the committed action."""
        self._asr_guard_vals(vals)
        vals = dict(vals)
        if vals.get('action_id'):
            vals['charter_id'] = self.env['asr.clause.action'].sudo().browse(
                vals['action_id']).clause_id.charter_id.id
        record = super(AsrSocialActionRecord, self._asr_trusted()).create(vals)
        return record.with_env(self.env)

    @api.multi
    def unlink(self):
        if not self.env.user._is_superuser() and self.filtered(
                lambda r: r.state == 'validated'):
            raise AsrUserError('social_record.validated_unlink',
                               _("A validated action carried out cannot be deleted."))
        return super(AsrSocialActionRecord, self).unlink()

    @api.constrains('people_count')
    def _check_people_count(self):
        for record in self:
            if record.people_count <= 0:
                raise AsrValidationError('social_record.people_count', _(
                    "An action carried out concerns at least one person (%s given).")
                    % record.people_count)

    @api.constrains('date', 'action_id')
    def _check_date(self):
        for record in self:
            clause = record.action_id.clause_id
            if clause.date_start and record.date < clause.date_start or (
                    clause.date_end and record.date > clause.date_end):
                raise AsrValidationError('social_record.date_outside', _(
                    "The action of %s is outside the contract dates of the clause.")
                    % fr_date(record.date))

    @api.multi
    def action_validate(self):
        self._asr_check_backend_user()
        return self._asr_validate(self.env.user)

    @api.multi
    def _asr_validate(self, actor):
        """Validate as ``actor``: the facilitator of the charter or its personal-data staff,
        with the supporting documents attached."""
        self.mapped('charter_id')._asr_check_handles_people(actor, _(
            "Only the facilitator of the charter validates the actions carried out."))
        for record in self:
            if record.state != 'draft':
                raise AsrUserError('social_record.already_validated', _(
                    "This action carried out is already validated."))
            if not record.sudo().attachment_ids:
                raise AsrUserError('social_record.attachments', _(
                    "Attach the supporting documents (attendance sheet, agreement, report...) "
                    "before validating."))
        self._asr_writer(actor).write({'state': 'validated', 'validated_by_id': actor.id})
        if self.env.uid != actor.id:
            for record in self:
                record._asr_post_as(actor, body=_("Action carried out validated."))
        return True
