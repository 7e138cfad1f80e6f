from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..rules.eligibility import DEFAULT_LEVEL2_REQUIRED, DEFAULT_VALIDITY_MONTHS
from ..rules.hours import DEFAULT_MONTHLY_CAP


class AsrCharter(models.Model):
    """The charter's rules for beneficiaries and hours: configuration, never code."""

    _inherit = 'asr.charter'

    eligibility_validity_months = fields.Integer(
        'Eligibility valid for (months)', default=DEFAULT_VALIDITY_MONTHS,
        help="How long a validation by the facilitator lasts; 24 months, the length of a "
             "PASS IAE, by default.")
    eligibility_level2_required = fields.Integer(
        'Level-2 criteria required', default=DEFAULT_LEVEL2_REQUIRED,
        help="How many level-2 criteria make a person eligible when they meet no level-1 "
             "criterion.")
    monthly_hour_cap = fields.Float(
        'Monthly maximum per person (hours)', default=DEFAULT_MONTHLY_CAP,
        help="Legal monthly maximum for one person across all their entries: "
             "48 h x 4.33 weeks = 208 h by default.")
    retention_years = fields.Integer(
        'Keep personal data for (years)', default=5,
        help="People whose last hour entry is older are anonymised every night (GDPR).")
    beneficiary_ids = fields.One2many('asr.beneficiary', 'charter_id', 'Beneficiaries')

    @api.constrains('eligibility_validity_months', 'eligibility_level2_required',
                    'monthly_hour_cap', 'retention_years')
    def _check_beneficiary_settings(self):
        for charter in self:
            if charter.eligibility_validity_months <= 0:
                raise ValidationError(_("The eligibility of a person must last at least one "
                                        "month."))
            if charter.eligibility_level2_required <= 0:
                raise ValidationError(_("At least one level-2 criterion must be required."))
            if not 0 < charter.monthly_hour_cap <= 300:
                raise ValidationError(_("The monthly maximum per person must be between 0 and "
                                        "300 hours (%s given).") % charter.monthly_hour_cap)
            if charter.retention_years <= 0:
                raise ValidationError(_("Personal data must be kept at least one year."))
