from odoo import _, api, fields, models

from odoo.addons.asr_charter.exceptions import AsrAccessError, AsrValidationError
from odoo.addons.asr_charter.rules.dates import fr_month
from odoo.addons.asr_charter.rules.numbers import fr_number

from ..rules.eligibility import DEFAULT_LEVEL2_REQUIRED, DEFAULT_VALIDITY_MONTHS
from ..rules.hours import DEFAULT_MONTHLY_CAP

PERSONAL_GROUP = 'asr_beneficiaries.group_asr_personal_data'
PERSONAL = PERSONAL_GROUP + ',asr_charter.group_asr_facilitator'


class AsrCharter(models.Model):
    """The charter's rules for beneficiaries and hours: configuration, never code."""

    _inherit = 'asr.charter'
    _asr_limits = {'eligibility_validity_months': (-120, 120),
                   'eligibility_level2_required': (-10, 10),
                   'monthly_hour_cap': (-1000, 1000), 'retention_years': (-50, 50)}

    eligibility_validity_months = fields.Integer(
        'Eligibility valid for (months)', default=DEFAULT_VALIDITY_MONTHS, required=True,
        help="How long a validation by the facilitator lasts; 24 months, the length of a "
             "PASS IAE, by default.")
    eligibility_level2_required = fields.Integer(
        'Level-2 criteria required', default=DEFAULT_LEVEL2_REQUIRED, required=True,
        help="How many level-2 criteria make a person eligible when they meet no level-1 "
             "criterion.")
    monthly_hour_cap = fields.Float(
        'Monthly maximum per person (hours)', default=DEFAULT_MONTHLY_CAP, required=True,
        help="Legal monthly maximum for one person across all their entries: "
             "48 h x 4.33 weeks = 208 h by default.")
    retention_years = fields.Integer(
        'Keep personal data for (years)', default=5, required=True,
        help="People whose last hour entry is older are anonymised every night (GDPR).")
    beneficiary_ids = fields.One2many('asr.beneficiary', 'charter_id', 'Beneficiaries',
                                      groups=PERSONAL)
    personal_data_user_ids = fields.Many2many(
        'res.users', 'asr_charter_personal_data_user_rel', 'charter_id', 'user_id',
        string='Other staff allowed to see the people',
        help="Besides the staff of the facilitator structure, users of the group "
             "\"ASR / Personal data\" who work on the people of this charter (GDPR: only "
             "those who need it).")

    @api.multi
    def write(self, vals):
        res = super(AsrCharter, self).write(vals)
        if 'personal_data_user_ids' in vals:
            # who may see the people is a GDPR matter: every change is in the chatter
            for charter in self:
                charter.message_post(body=_("Staff allowed to see the people: %s.") % (
                    ', '.join(charter.personal_data_user_ids.mapped('name')) or _('none')))
        return res

    # -- who works on the people of a charter -------------------------------------------
    @api.model
    def _asr_people_domain(self, user):
        """Charters whose people ``user`` may see: their company is the facilitator
        structure in force, or they are named on the charter. The record rules of the people,
        hours, reports and actions say the same."""
        return ['|', ('facilitator_partner_id', '=', user.partner_id.commercial_partner_id.id),
                ('personal_data_user_ids', 'in', [user.id])]

    @api.multi
    def _asr_handles_people(self, user):
        """Whether ``user`` works on the people of every charter of ``self``: the superuser,
        or the facilitator (portal) or a member of "ASR / Personal data" of that charter."""
        if user._is_superuser():
            return True
        if not self or not (user.has_group(PERSONAL_GROUP)
                            or user.has_group('asr_charter.group_asr_facilitator')):
            return False
        company = user.partner_id.commercial_partner_id
        return all(charter.sudo().facilitator_partner_id == company
                   or user in charter.sudo().personal_data_user_ids for charter in self)

    @api.multi
    def _asr_check_handles_people(self, user, message):
        """Raise ``message`` as an AccessError unless ``user`` works on the people of every
        charter of ``self``."""
        if not self._asr_handles_people(user):
            raise AsrAccessError('people.handler', message)

    @api.constrains('eligibility_validity_months', 'eligibility_level2_required',
                    'monthly_hour_cap', 'retention_years')
    def _check_beneficiary_settings(self):
        for charter in self:
            if charter.eligibility_validity_months <= 0:
                raise AsrValidationError('charter.validity_months', _(
                    "The eligibility of a person must last at least one month."))
            if charter.eligibility_level2_required <= 0:
                raise AsrValidationError('charter.level2_required', _(
                    "At least one level-2 criterion must be required."))
            if not 0 < charter.monthly_hour_cap <= 300:
                raise AsrValidationError('charter.monthly_hour_cap', _(
                    "The monthly maximum per person must be between 0 and 300 hours (%s "
                    "given).") % charter.monthly_hour_cap)
            if charter.retention_years <= 0:
                raise AsrValidationError('charter.retention_years', _(
                    "Personal data must be kept at least one year."))

    @api.constrains('monthly_hour_cap')
    def _check_cap_against_entries(self):
        """The monthly cap is a control of the hour entries: a lower cap must still hold for
        the hours already recorded."""
        for charter in self:
            self.env.cr.execute("""
                SELECT count(*), min(month) FROM (
                    SELECT beneficiary_id, month FROM asr_hour_entry
                    WHERE charter_id = %s AND beneficiary_id IS NOT NULL
                      AND state != 'rejected'
                    GROUP BY beneficiary_id, month HAVING sum(hours) > %s) AS above""",
                                (charter.id, charter.monthly_hour_cap))
            count, first = self.env.cr.fetchone()
            if count:
                raise AsrValidationError('charter.cap_exceeded', _(
                    "%s person-months already exceed %s hours (the first in %s): correct "
                    "those hours before lowering the monthly maximum.") % (
                    count, fr_number(charter.monthly_hour_cap), fr_month(first)))
