from odoo import _, api, models


class AsrClause(models.Model):
    _inherit = 'asr.clause'

    @api.multi
    def action_open_hour_chart(self):
        """The clause's validated hours month after month against its objective (line
        graph of asr.clause.hour.chart)."""
        self.ensure_one()
        action = self.env.ref('asr_reporting.asr_clause_hour_chart_action').read()[0]
        action.update({
            'name': _('Hours against the objective — %s') % self.display_name,
            'domain': [('clause_id', '=', self.id)],
            'context': {'active_id': self.id},
        })
        return action
