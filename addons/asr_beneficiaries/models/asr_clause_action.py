from odoo import api, fields, models


class AsrClauseAction(models.Model):
    _inherit = 'asr.clause.action'
    _asr_name_search_fields = ('clause_id.code',)

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
