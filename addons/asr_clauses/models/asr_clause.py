from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..rules.hour_objective import HourObjectiveError, hour_objective

CLAUSE_TYPES = [
    ('insertion', 'Insertion clause'),
    ('social_action', 'Social action clause'),
    ('award_criterion', 'Social award criterion'),
    ('reserved_esat_ea', 'Market reserved to ESAT/EA'),
    ('reserved_siae', 'Market reserved to SIAE'),
    ('reserved_ess', 'Market reserved to ESS enterprises'),
    ('progress_plan', 'Progress plan'),
]

LEGAL_BASIS = {
    'insertion': 'L2112-2',
    'social_action': 'L2112-2',
    'award_criterion': 'L2152-7',
    'reserved_esat_ea': 'L2113-12',
    'reserved_siae': 'L2113-13',
    'reserved_ess': 'L2113-15 / L2113-16',
    'progress_plan': '',
}


class AsrClause(models.Model):
    """A social disposition of a purchase; an insertion clause carries an hour objective."""

    _name = 'asr.clause'
    _description = 'Social clause'
    _inherit = ['mail.thread']
    _order = 'id desc'

    # identity
    name = fields.Char('Title', help="Optional short title; the clause is otherwise named "
                                     "after its disposition and its purchase order.")
    clause_type = fields.Selection(CLAUSE_TYPES, 'Disposition', required=True,
                                   default='insertion', track_visibility='onchange')
    legal_basis = fields.Char('Legal basis', compute='_compute_legal_basis', store=True,
                              help="Article of the French public procurement code (CCP).")
    # relations
    charter_id = fields.Many2one('asr.charter', 'Charter', required=True, index=True,
                                 ondelete='restrict')
    purchase_order_id = fields.Many2one('purchase.order', 'Purchase order', index=True,
                                        ondelete='cascade')
    partner_id = fields.Many2one(related='purchase_order_id.partner_id', store=True,
                                 readonly=True, string='Contractor')
    company_id = fields.Many2one('res.company', 'Company', required=True,
                                 default=lambda self: self.env.user.company_id)
    currency_id = fields.Many2one(related='company_id.currency_id', readonly=True,
                                  string='Currency')
    # amounts
    amount = fields.Monetary('Amount excl. VAT', currency_field='currency_id',
                             track_visibility='onchange')
    labour_share = fields.Float('Labour share (%)', default=40.0)
    hourly_cost = fields.Monetary('Hourly labour cost', currency_field='currency_id')
    insertion_rate = fields.Float('Insertion rate (%)')
    hour_objective = fields.Integer('Hour objective', compute='_compute_hour_objective',
                                    store=True, track_visibility='onchange')
    # dates
    date_start = fields.Date('Contract start')
    date_end = fields.Date('Contract end')
    # state
    state = fields.Selection([('draft', 'Draft'), ('execution', 'In execution'),
                              ('closed', 'Closed')], 'State', default='draft', required=True,
                             track_visibility='onchange')

    @api.multi
    def name_get(self):
        labels = dict(self._fields['clause_type']._description_selection(self.env))
        return [(clause.id, clause.name or '%s — %s' % (
            labels.get(clause.clause_type, ''), clause.purchase_order_id.name or _('no order')))
            for clause in self]

    @api.depends('clause_type')
    def _compute_legal_basis(self):
        for clause in self:
            clause.legal_basis = LEGAL_BASIS.get(clause.clause_type) or False

    @api.depends('clause_type', 'amount', 'labour_share', 'hourly_cost', 'insertion_rate')
    def _compute_hour_objective(self):
        for clause in self:
            if clause.clause_type != 'insertion' or not clause.amount:
                clause.hour_objective = 0
                continue
            try:
                clause.hour_objective = hour_objective(
                    clause.amount, clause.labour_share / 100.0, clause.hourly_cost,
                    clause.insertion_rate / 100.0)
            except HourObjectiveError:
                clause.hour_objective = 0  # the constraints below explain what is wrong

    @api.onchange('charter_id')
    def _onchange_charter_id(self):
        if self.charter_id:
            self.hourly_cost = self.hourly_cost or self.charter_id.hourly_cost
            self.insertion_rate = self.insertion_rate or self.charter_id.insertion_rate

    @api.onchange('purchase_order_id')
    def _onchange_purchase_order_id(self):
        if self.purchase_order_id and not self.amount:
            self.amount = self.purchase_order_id.amount_untaxed

    @api.model
    def create(self, vals):
        charter = self.env['asr.charter'].browse(vals.get('charter_id'))
        if charter:
            vals.setdefault('hourly_cost', charter.hourly_cost)
            vals.setdefault('insertion_rate', charter.insertion_rate)
        if vals.get('purchase_order_id') and 'amount' not in vals:
            vals['amount'] = self.env['purchase.order'].browse(
                vals['purchase_order_id']).amount_untaxed
        return super(AsrClause, self).create(vals)

    @api.constrains('clause_type', 'amount', 'labour_share', 'hourly_cost', 'insertion_rate')
    def _check_objective_inputs(self):
        for clause in self.filtered(lambda c: c.clause_type == 'insertion'):
            if clause.amount <= 0:
                raise ValidationError(_(
                    "The amount excl. VAT of the insertion clause \"%s\" must be positive.")
                    % clause.display_name)
            if not 0 < clause.labour_share <= 100:
                raise ValidationError(_(
                    "The labour share of the insertion clause \"%s\" must be between 0 and "
                    "100 %% (%s given).") % (clause.display_name, clause.labour_share))
            if clause.hourly_cost <= 0:
                raise ValidationError(_(
                    "The hourly labour cost of the insertion clause \"%s\" must be positive.")
                    % clause.display_name)
            if not 0 < clause.insertion_rate <= 100:
                raise ValidationError(_(
                    "The insertion rate of the clause \"%s\" must be between 0 and 100 %% "
                    "(%s given).") % (clause.display_name, clause.insertion_rate))

    @api.constrains('date_start', 'date_end')
    def _check_dates(self):
        for clause in self:
            if clause.date_start and clause.date_end and clause.date_end < clause.date_start:
                raise ValidationError(_(
                    "The contract of the clause \"%s\" cannot end before it starts.")
                    % clause.display_name)
