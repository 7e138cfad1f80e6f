from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..rules.hours import first_of_month


class AsrHourEntry(models.Model):
    """Hours worked by a beneficiary in one month under an insertion clause."""

    _name = 'asr.hour.entry'
    _description = 'Insertion hour entry'
    _order = 'month desc, id desc'
    _rec_name = 'month'

    clause_id = fields.Many2one('asr.clause', 'Insertion clause', required=True, index=True,
                                ondelete='restrict',
                                domain=[('clause_type', '=', 'insertion')])
    beneficiary_id = fields.Many2one('asr.beneficiary', 'Beneficiary', required=True,
                                     index=True, ondelete='restrict',
                                     groups='asr_beneficiaries.group_asr_personal_data')
    partner_id = fields.Many2one(related='clause_id.partner_id', store=True, readonly=True,
                                 string='Contractor')
    month = fields.Date('Month', required=True, index=True,
                        help="Any day of the month: it is stored as the month's first day.")
    hours = fields.Float('Hours', required=True)
    state = fields.Selection([('draft', 'Draft'), ('validated', 'Validated')], 'State',
                             default='draft', required=True, index=True)

    @api.model
    def create(self, vals):
        if vals.get('month'):
            vals['month'] = fields.Date.to_string(
                first_of_month(fields.Date.from_string(vals['month'])))
        return super(AsrHourEntry, self).create(vals)

    @api.multi
    def write(self, vals):
        if vals.get('month'):
            vals['month'] = fields.Date.to_string(
                first_of_month(fields.Date.from_string(vals['month'])))
        return super(AsrHourEntry, self).write(vals)

    @api.constrains('hours')
    def _check_hours(self):
        for entry in self:
            if entry.hours <= 0:
                raise ValidationError(_(
                    "The hours of %s in %s must be positive (%s given).") % (
                    entry.beneficiary_id.name, entry.month[:7], entry.hours))

    @api.constrains('clause_id')
    def _check_clause(self):
        for entry in self:
            if entry.clause_id.clause_type != 'insertion':
                raise ValidationError(_(
                    "Hours can only be recorded on an insertion clause (\"%s\" is not one).")
                    % entry.clause_id.display_name)

    @api.multi
    def action_validate(self):
        return self.write({'state': 'validated'})
