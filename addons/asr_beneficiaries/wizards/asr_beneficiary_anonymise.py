from odoo import _, api, fields, models

from odoo.addons.asr_charter.exceptions import AsrUserError

from ..models.asr_charter import PERSONAL

REASON_MAX_LENGTH = 2000


class AsrBeneficiaryAnonymise(models.TransientModel):
    """Right to erasure (GDPR art. 17): the identity goes, the hours stay for the
    aggregates (bilans count people, never name them)."""

    _name = 'asr.beneficiary.anonymise'
    _inherit = ['asr.wizard.mixin']
    _description = 'Anonymisation of people'
    _asr_limits = {'reason': REASON_MAX_LENGTH}

    beneficiary_ids = fields.Many2many('asr.beneficiary', string='People', required=True,
                                       groups=PERSONAL)
    reason = fields.Text('Request or reason', required=True,
                         help="E.g. request received by letter on 3 March 2026.")

    @api.multi
    def action_anonymise(self):
        self.ensure_one()
        self._asr_check_backend_user()
        if not (self.reason or '').strip():
            raise AsrUserError('gdpr.reason', _("Say why these people are anonymised."))
        people = self.beneficiary_ids
        people._asr_check_people_actor(self.env.user, _(
            "Only the facilitator's staff of the people's charter anonymises them."))
        people.check_access_rule('write')
        people._anonymise()
        # the erasure itself stays in the audit trail, with its reason, under the real user
        people._asr_audit('anonymise', people, note=self.reason.strip())
        return {'type': 'ir.actions.act_window_close'}
