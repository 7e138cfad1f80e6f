from odoo import _, api, fields, models

from odoo.addons.asr_charter.rules.numbers import fr_amount, fr_number

CAUSES = [
    ('missing_hours', 'Missing insertion hours'),
    ('late_report', 'Late or missing monthly report'),
    ('social_action', 'Social action not carried out'),
]


class AsrPenaltyLine(models.Model):
    """One cause of a penalty with its inputs and its arithmetic (quantity x rate = amount),
    written by the penalty's computation only."""

    _name = 'asr.penalty.line'
    _description = 'Line of a penalty'
    _order = 'penalty_id, sequence, id'

    penalty_id = fields.Many2one('asr.penalty', 'Penalty', required=True, index=True,
                                 ondelete='cascade')
    clause_id = fields.Many2one(related='penalty_id.clause_id', store=True, readonly=True)
    currency_id = fields.Many2one(related='penalty_id.currency_id', readonly=True)
    sequence = fields.Integer('Sequence', default=10)
    cause = fields.Selection(CAUSES, 'Cause', required=True, readonly=True)
    description = fields.Char('Detail', readonly=True)
    quantity = fields.Float('Quantity', readonly=True, digits=(16, 2))
    unit = fields.Selection([('hour', 'hours'), ('day', 'days'), ('action', 'actions'),
                             ('person', 'people')], 'Unit', readonly=True)
    rate = fields.Monetary('Rate', readonly=True, currency_field='currency_id')
    amount = fields.Monetary('Amount', readonly=True, currency_field='currency_id')
    provisional = fields.Boolean(
        'Provisional', readonly=True,
        help="Computed during the execution of the contract: shown, never billed.")
    report_id = fields.Many2one('asr.monthly.report', 'Monthly report', readonly=True,
                                ondelete='restrict')
    action_id = fields.Many2one('asr.clause.action', 'Committed action', readonly=True,
                                ondelete='restrict')
    formula = fields.Char('Arithmetic', compute='_compute_formula')
    # set when the penalty is applied: a clause's cause and object are applied once
    applied_key = fields.Char('Applied as', readonly=True, copy=False, index=True)

    _sql_constraints = [('applied_key_unique', 'unique(applied_key)',
                         'This cause of this clause was already applied for this period.')]

    @api.depends('quantity', 'rate', 'amount', 'unit')
    def _compute_formula(self):
        units = dict(self._fields['unit']._description_selection(self.env))
        for line in self:
            line.formula = _('%s %s x %s EUR = %s EUR') % (
                fr_number(line.quantity), units.get(line.unit, ''), fr_amount(line.rate),
                fr_amount(line.amount))

    def _asr_key(self):
        """What a line penalises, once: the clause, the cause and the report, the action or
        the contract."""
        self.ensure_one()
        target = (self.report_id and 'report-%s' % self.report_id.id
                  or self.action_id and 'action-%s' % self.action_id.id or 'contract')
        return '%s:%s:%s' % (self.penalty_id.clause_id.id, self.cause, target)
