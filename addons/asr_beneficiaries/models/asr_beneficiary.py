from odoo import api, fields, models


class AsrBeneficiary(models.Model):
    """A person in insertion whose worked hours count towards insertion clauses."""

    _name = 'asr.beneficiary'
    _description = 'Beneficiary'
    _inherit = ['mail.thread']
    _order = 'last_name, first_name, id'

    name = fields.Char('Name', compute='_compute_name', store=True)
    first_name = fields.Char('First name', required=True, track_visibility='onchange')
    last_name = fields.Char('Last name', required=True, track_visibility='onchange')
    active = fields.Boolean('Active', default=True)
    hour_entry_ids = fields.One2many('asr.hour.entry', 'beneficiary_id', 'Hour entries')

    @api.depends('first_name', 'last_name')
    def _compute_name(self):
        for person in self:
            person.name = ' '.join(p for p in ((person.last_name or '').upper(),
                                               person.first_name or '') if p)
