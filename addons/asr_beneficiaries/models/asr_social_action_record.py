from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class AsrSocialActionRecord(models.Model):
    """An action of a social action clause carried out (seed 003): when, how many people,
    with its justificatifs, validated by the facilitator."""

    _name = 'asr.social.action.record'
    _description = 'Social action carried out'
    _inherit = ['mail.thread']
    _order = 'date desc, id desc'

    action_id = fields.Many2one('asr.clause.action', 'Committed action', required=True,
                                index=True, ondelete='restrict')
    clause_id = fields.Many2one(related='action_id.clause_id', store=True, readonly=True,
                                index=True)
    # set from the action at creation (the facilitator's record rule reads it from the INSERT on)
    charter_id = fields.Many2one('asr.charter', 'Charter', readonly=True, index=True)
    date = fields.Date('Date', required=True, default=fields.Date.context_today)
    people_count = fields.Integer('Number of people', required=True, default=1)
    description = fields.Text('What was done')
    attachment_ids = fields.Many2many('ir.attachment', string='Supporting documents')
    state = fields.Selection([('draft', 'To validate'), ('validated', 'Validated')], 'State',
                             default='draft', required=True, readonly=True,
                             track_visibility='onchange')
    validated_by_id = fields.Many2one('res.users', 'Validated by', readonly=True, copy=False)

    @api.multi
    def name_get(self):
        return [(r.id, '%s — %s' % (r.action_id.display_name, r.date)) for r in self]

    @api.model
    def create(self, vals):
        self._set_charter(vals)
        return super(AsrSocialActionRecord, self).create(vals)

    @api.multi
    def write(self, vals):
        self._set_charter(vals)
        return super(AsrSocialActionRecord, self).write(vals)

    @api.model
    def _set_charter(self, vals):
        if vals.get('action_id'):
            vals['charter_id'] = self.env['asr.clause.action'].sudo().browse(
                vals['action_id']).clause_id.charter_id.id

    @api.constrains('people_count')
    def _check_people_count(self):
        for record in self:
            if record.people_count <= 0:
                raise ValidationError(_("An action carried out concerns at least one person "
                                        "(%s given).") % record.people_count)

    @api.constrains('date', 'action_id')
    def _check_date(self):
        for record in self:
            clause = record.action_id.clause_id
            if clause.date_start and record.date < clause.date_start or (
                    clause.date_end and record.date > clause.date_end):
                raise ValidationError(_(
                    "The action of %s is outside the contract dates of the clause.")
                    % record.date)

    @api.multi
    def action_validate(self):
        if not self.env['asr.beneficiary']._is_facilitator_user():
            raise UserError(_("Only the facilitator validates the actions carried out."))
        for record in self:
            if not record.attachment_ids:
                raise UserError(_("Attach the supporting documents (attendance sheet, "
                                  "agreement, report...) before validating."))
        self.write({'state': 'validated', 'validated_by_id': self.env.uid})
        return True


class AsrClauseAction(models.Model):
    _inherit = 'asr.clause.action'

    record_ids = fields.One2many('asr.social.action.record', 'action_id', 'Carried out')
    people_done = fields.Integer('People reached', compute='_compute_people_done',
                                 help="People of the validated actions carried out.")
    done_progress = fields.Float('Done (%)', compute='_compute_people_done')

    @api.multi
    def _compute_people_done(self):
        groups = self.env['asr.social.action.record'].sudo().read_group(
            [('action_id', 'in', self.ids), ('state', '=', 'validated')],
            ['action_id', 'people_count'], ['action_id'])
        done = {g['action_id'][0]: g['people_count'] for g in groups}
        for action in self:
            action.people_done = done.get(action.id, 0)
            action.done_progress = (action.people_done * 100.0 / action.people_count
                                    if action.people_count else 0.0)

    @api.multi
    def name_get(self):
        labels = dict(self._fields['action']._description_selection(self.env))
        return [(action.id, '%s — %s' % (labels.get(action.action, ''),
                                         action.clause_id.code or ''))
                for action in self]
