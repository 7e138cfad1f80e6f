from odoo import _, api, fields, models

from odoo.addons.asr_charter.exceptions import AsrValidationError


class AsrEligibilityCriterion(models.Model):
    """A reason why a person is far from employment (reference data, DOMAIN.md)."""

    _name = 'asr.eligibility.criterion'
    _description = 'Eligibility criterion'
    _inherit = ['asr.guard.mixin']
    _order = 'level, sequence, id'
    _asr_name_search_fields = ('name', 'code')
    _asr_limits = {'name': 200, 'code': 30, 'proof': 300}

    name = fields.Char('Criterion', required=True, translate=True)
    code = fields.Char('Code', required=True,
                       help="Short code used in the import files (e.g. rsa, rqth, qpv).")
    level = fields.Selection([(1, 'Level 1'), (2, 'Level 2')], 'Level', required=True,
                             default=2,
                             help="Level 1 (RSA, ASS, AAH, very long-term job seeker) is enough "
                                  "on its own; level-2 criteria count as many as the charter "
                                  "requires.")
    proof = fields.Char('Proof to see', translate=True,
                        help="The document the facilitator checks; it is never stored.")
    sequence = fields.Integer('Sequence', default=10)
    active = fields.Boolean('Active', default=True)

    _sql_constraints = [('code_unique', 'unique(code)', 'This criterion code is already used.')]

    @api.constrains('code')
    def _check_code(self):
        for criterion in self:
            if criterion.code != criterion.code.strip().lower() or ' ' in criterion.code:
                raise AsrValidationError('criterion.code', _(
                    "The code of a criterion is written in lower case without spaces "
                    "(\"%s\" given).") % criterion.code)
