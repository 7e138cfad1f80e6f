from odoo import api, fields, models


class AsrActivityMixin(models.AbstractModel):
    """'To do' activities of the ASR workflows, in one place: the next step of a market, the
    reminder of a missing monthly report, the follow-up of a committee's decision.

    A record schedules a to-do for a user with a summary and a deadline (today by default),
    updates one it scheduled before, and finds its open to-dos to close them.
    """

    _name = 'asr.activity.mixin'
    _inherit = 'mail.activity.mixin'
    _description = 'ASR to-do activities'

    @api.model
    def _asr_todo_type(self):
        return self.env.ref('mail.mail_activity_data_todo')

    @api.multi
    def _asr_todo_values(self, user, summary, deadline=None):
        self.ensure_one()
        return {
            'res_model_id': self.env['ir.model']._get(self._name).id,
            'res_id': self.id,
            'activity_type_id': self._asr_todo_type().id,
            'summary': summary,
            'user_id': user.id,
            'date_deadline': deadline or fields.Date.context_today(self),
        }

    @api.multi
    def _asr_schedule_todo(self, user, summary, deadline=None, activity=None):
        """A to-do on this record for ``user``; ``activity`` (one scheduled before, if it
        still exists) is updated instead of adding a second one. Returns the activity."""
        values = self._asr_todo_values(user, summary, deadline)
        if activity and activity.exists():
            activity.write(values)
            return activity
        return self.env['mail.activity'].create(values)

    @api.multi
    def _asr_open_todos(self):
        """The open to-dos of these records (other kinds of activities left alone)."""
        todo = self._asr_todo_type()
        return self.mapped('activity_ids').filtered(lambda a: a.activity_type_id == todo)
