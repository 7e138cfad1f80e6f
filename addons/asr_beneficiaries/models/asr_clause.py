from odoo import api, fields, models

from ..rules.hours import progress


class AsrClause(models.Model):
    """Hours realised on an insertion clause: validated entries only, summed in SQL."""

    _inherit = 'asr.clause'

    hour_entry_ids = fields.One2many('asr.hour.entry', 'clause_id', 'Hour entries')
    hours_realised = fields.Float('Hours realised', compute='_compute_hours_realised')
    hours_progress = fields.Float('Objective reached (%)', compute='_compute_hours_realised')
    hours_missing = fields.Float('Missing hours', compute='_compute_hours_realised')

    @api.depends('hour_entry_ids.hours', 'hour_entry_ids.state', 'hour_objective')
    def _compute_hours_realised(self):
        totals = {}
        ids = [i for i in self.ids if isinstance(i, int)]
        if ids:
            groups = self.env['asr.hour.entry'].read_group(
                [('clause_id', 'in', ids), ('state', '=', 'validated')],
                ['clause_id', 'hours'], ['clause_id'])
            totals = {g['clause_id'][0]: g['hours'] for g in groups}
        for clause in self:
            realised = totals.get(clause.id, 0.0)
            clause.hours_realised = realised
            clause.hours_progress, clause.hours_missing = progress(clause.hour_objective,
                                                                   realised)
