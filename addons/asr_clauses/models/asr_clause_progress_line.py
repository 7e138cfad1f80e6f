from odoo import fields, models


class AsrClauseProgressLine(models.Model):
    """A line of a plan de progrès: objective, indicator, target, actions (seed 004)."""

    _name = 'asr.clause.progress.line'
    _description = 'Progress plan line'
    _inherit = ['asr.guard.mixin']
    _order = 'clause_id, sequence, id'
    _asr_limits = {'objective': 500, 'indicator': 500, 'target': 500, 'actions': 10000}
    _asr_frozen = {'clause_id'}

    clause_id = fields.Many2one('asr.clause', 'Clause', required=True, ondelete='cascade',
                                index=True)
    sequence = fields.Integer('Sequence', default=10)
    objective = fields.Char('Objective', required=True)
    indicator = fields.Char('Indicator')
    target = fields.Char('Target', help="For example: 35 h of training a year per recruited "
                                        "employee.")
    actions = fields.Text('Actions')
