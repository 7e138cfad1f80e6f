from odoo import _, api, fields, models
from odoo.addons.asr_charter.exceptions import AsrValidationError

from ..rules.dates import fr_date


class AsrCharterCommitteeDecision(models.Model):
    """A decision of a technical committee, followed up through an activity."""

    _name = 'asr.charter.committee.decision'
    _description = 'Technical committee decision'
    _inherit = ['asr.guard.mixin']
    _order = 'committee_id, deadline, id'
    _asr_limits = {'name': 500}
    _asr_frozen = {'committee_id'}

    name = fields.Char('Decision', required=True)
    committee_id = fields.Many2one('asr.charter.committee', 'Committee', required=True,
                                   ondelete='cascade', index=True)
    charter_id = fields.Many2one(related='committee_id.charter_id', store=True,
                                 string='Charter', readonly=True)
    responsible_id = fields.Many2one('res.users', 'Follow-up owner')
    deadline = fields.Date('Deadline')
    state = fields.Selection([('open', 'To follow up'), ('done', 'Done'),
                              ('dropped', 'Dropped')], 'Status', default='open',
                             required=True)
    activity_id = fields.Many2one('mail.activity', 'Follow-up activity', readonly=True,
                                  ondelete='set null', copy=False)

    @api.constrains('deadline', 'committee_id')
    def _check_deadline(self):
        for decision in self:
            if decision.deadline and decision.deadline < decision.committee_id.date:
                raise AsrValidationError('decision.deadline_before_committee', _(
                    'The deadline of the decision "%s" (%s) precedes the committee that took '
                    'it (%s).') % (decision.name, fr_date(decision.deadline),
                                   fr_date(decision.committee_id.date)))

    @api.model
    def create(self, vals):
        decision = super(AsrCharterCommitteeDecision, self).create(vals)
        decision._schedule_follow_up()
        return decision

    @api.multi
    def write(self, vals):
        res = super(AsrCharterCommitteeDecision, self).write(vals)
        if {'responsible_id', 'deadline', 'name'} & set(vals):
            self.filtered(lambda d: d.state == 'open')._schedule_follow_up()
        if vals.get('state') in ('done', 'dropped'):
            self._close_follow_up(vals['state'])
        return res

    def _schedule_follow_up(self):
        """One 'to do' activity per open decision, on the committee, for its responsible."""
        for decision in self:
            if not decision.responsible_id:
                continue
            activity = decision.committee_id.sudo()._asr_schedule_todo(
                decision.responsible_id, _('Decision follow-up: %s') % decision.name,
                deadline=decision.deadline or decision.committee_id.date,
                activity=decision.activity_id.sudo())
            if activity != decision.activity_id:
                super(AsrCharterCommitteeDecision, decision._asr_trusted()).write(
                    {'activity_id': activity.id})

    def _close_follow_up(self, state):
        for decision in self.filtered('activity_id'):
            activity = decision.activity_id.sudo()
            if state == 'done':
                activity.action_feedback(feedback=_('Decision done.'))
            else:
                activity.unlink()

    def action_done(self):
        return self.write({'state': 'done'})
