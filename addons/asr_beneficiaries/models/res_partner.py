from odoo import _, api, fields, models

from odoo.addons.asr_charter.exceptions import AsrValidationError
from odoo.addons.asr_charter.rules import inputs

from ..rules.suppliers import SIAE_KINDS, SupplierRuleError, clean_siret

STRUCTURE_KINDS = [
    ('aci', 'ACI (workshop and insertion project)'),
    ('ai', 'AI (intermediate association)'),
    ('ei', 'EI (insertion enterprise)'),
    ('etti', 'ETTI (temporary work insertion enterprise)'),
    ('eiti', 'EITI (independent work insertion enterprise)'),
    ('geiq', 'GEIQ'),
    ('esat', 'ESAT'),
    ('ea', 'EA (adapted enterprise)'),
    ('ess', 'ESS enterprise'),
    ('other', 'Other inclusive structure'),
]


class ResPartner(models.Model):
    """Inclusive suppliers: SIAE, GEIQ, ESAT, EA and ESS enterprises."""

    _inherit = 'res.partner'

    asr_siret = fields.Char('SIRET', index=True, copy=False)
    asr_structure_kind = fields.Selection(STRUCTURE_KINDS, 'Inclusive structure',
                                          index=True)
    asr_convention_start = fields.Date('SIAE agreement from')
    asr_convention_end = fields.Date('SIAE agreement until')
    asr_is_siae = fields.Boolean('SIAE', compute='_compute_asr_flags', store=True)
    asr_inclusive = fields.Boolean('Inclusive supplier', compute='_compute_asr_flags',
                                   store=True)

    @api.depends('asr_structure_kind')
    def _compute_asr_flags(self):
        for partner in self:
            partner.asr_is_siae = partner.asr_structure_kind in SIAE_KINDS
            partner.asr_inclusive = bool(partner.asr_structure_kind)

    @api.model
    def create(self, vals):
        self._asr_clean_siret(vals)
        return super(ResPartner, self).create(vals)

    @api.multi
    def write(self, vals):
        self._asr_clean_siret(vals)
        return super(ResPartner, self).write(vals)

    @api.model
    def _asr_clean_siret(self, vals):
        """Store SIRET numbers as their 14 digits; refuse a wrong checksum in French; the
        dates of the SIAE agreement are real dates between 1900 and 2100."""
        for name in ('asr_convention_start', 'asr_convention_end'):
            try:
                inputs.check_date(vals.get(name))
            except inputs.InputError:
                raise AsrValidationError('supplier.convention_date', _(
                    "The dates of the SIAE agreement must be real dates between 01/01/1900 "
                    "and 31/12/2100."))
        if vals.get('asr_siret') and not isinstance(vals['asr_siret'], str):
            raise AsrValidationError('supplier.siret_type',
                                     _("The SIRET is written as 14 digits."))
        if vals.get('asr_siret'):
            try:
                vals['asr_siret'] = clean_siret(vals['asr_siret'])
            except SupplierRuleError:
                raise AsrValidationError('supplier.siret_invalid', _(
                    "The SIRET %s is not valid: it must have 14 digits and a correct check "
                    "digit.") % vals['asr_siret'])

    @api.constrains('asr_siret', 'active', 'is_company')
    def _check_asr_siret_unique(self):
        for partner in self.filtered(lambda p: p.asr_siret and p.active and p.is_company):
            other = self.search([('asr_siret', '=', partner.asr_siret), ('id', '!=', partner.id),
                                 ('is_company', '=', True)], limit=1)
            if other:
                raise AsrValidationError('supplier.siret_used', _(
                    "The SIRET %s is already used by %s.")
                    % (partner.asr_siret, other.display_name))

    @api.constrains('asr_convention_start', 'asr_convention_end')
    def _check_asr_convention(self):
        for partner in self:
            if (partner.asr_convention_start and partner.asr_convention_end
                    and partner.asr_convention_end < partner.asr_convention_start):
                raise AsrValidationError('supplier.convention_order', _(
                    "The SIAE agreement of %s cannot end before it starts.")
                    % partner.display_name)
