from odoo import api, fields, models


class AsrClauseProgressLine(models.Model):
    """A line of a plan de progrès: objective, indicator, target, actions (seed 004)."""

    _name = 'asr.clause.progress.line'
    _description = 'Progress plan line'
    _inherit = ['asr.guard.mixin']
    _order = 'clause_id, sequence, id'

    clause_id = fields.Many2one('asr.clause', 'Clause', required=True, ondelete='cascade',
                                index=True)
    sequence = fields.Integer('Sequence', default=10)
    objective = fields.Char('Objective', required=True)
    indicator = fields.Char('Indicator')
    target = fields.Char('Target', help="For example: 35 h of training a year per recruited "
                                        "employee.")
    actions = fields.Text('Actions')

    @api.model
    def _asr_frozen_fields(self):
        return super(AsrClauseProgressLine, self)._asr_frozen_fields() | {'clause_id'}

    @api.model
    def _asr_input_limits(self):
        limits = super(AsrClauseProgressLine, self)._asr_input_limits()
        limits.update({'objective': 500, 'indicator': 500, 'target': 500, 'actions': 10000})
        return limits
