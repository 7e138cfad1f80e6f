from odoo import _, api, fields, models


class AsrClause(models.Model):
    _inherit = 'asr.clause'

    penalty_ids = fields.One2many('asr.penalty', 'clause_id', 'Penalties', readonly=True)
    penalty_count = fields.Integer('Penalties', compute='_compute_penalty_count')

    @api.multi
    def _compute_penalty_count(self):
        ids = [i for i in self.ids if isinstance(i, int)]
        groups = self.env['asr.penalty'].read_group(
            [('clause_id', 'in', ids)], ['clause_id'], ['clause_id']) if ids else []
        counts = {g['clause_id'][0]: g['clause_id_count'] for g in groups}
        for clause in self:
            clause.penalty_count = counts.get(clause.id, 0)

    @api.multi
    def action_open_penalties(self):
        """The penalties of the clause; a new one is computed for it."""
        self.ensure_one()
        action = self.env.ref('asr_reporting.asr_penalty_action').read()[0]
        action.update({
            'name': _('Penalties — %s') % self.display_name,
            'domain': [('clause_id', '=', self.id)],
            'context': {'default_clause_id': self.id},
        })
        return action

    @api.multi
    def action_open_bilan(self):
        """The bilan of the operation, over the contract's dates (changeable)."""
        self.ensure_one()
        action = self.env.ref('asr_reporting.asr_bilan_action').read()[0]
        action['context'] = {
            'default_kind': 'operation', 'default_clause_id': self.id,
            'default_charter_id': self.charter_id.id,
            'default_date_from': self.date_start or fields.Date.context_today(self),
            'default_date_to': self.date_end or fields.Date.context_today(self)}
        return action

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
