from odoo import _, api, fields, models

from odoo.addons.asr_charter.exceptions import AsrValidationError

ACTIONS = [
    ('company_visit', 'Company visit'),
    ('immersion', 'Immersion (PMSMP or internship)'),
    ('trade_discovery', 'Discovery of trades'),
    ('partnership', 'Partnership involvement'),
    ('trade_diversity', 'Gender diversity in trades'),
]


class AsrClauseAction(models.Model):
    """An action that a social action clause commits the contractor to (seed 003)."""

    _name = 'asr.clause.action'
    _description = 'Social action of a clause'
    _inherit = ['asr.guard.mixin']
    _order = 'clause_id, sequence, id'
    _asr_name_search_fields = ('action', 'public', 'clause_id.market_id.name',
                               'clause_id.market_id.reference', 'clause_id.lot_id.name')
    _asr_limits = {'people_count': (-100000, 100000), 'public': 300,
                   'justificatifs': 10000}
    _asr_frozen = {'clause_id'}

    clause_id = fields.Many2one('asr.clause', 'Clause', required=True, ondelete='cascade',
                                index=True)
    sequence = fields.Integer('Sequence', default=10)
    action = fields.Selection(ACTIONS, 'Action', required=True)
    people_count = fields.Integer('Number of people', required=True, default=1)
    public = fields.Char('Public', help="RQTH, residents of priority neighbourhoods (QPV), "
                                        "young or senior job seekers, young graduates...; "
                                        "eligibility always validated by the facilitator.")
    justificatifs = fields.Text('Supporting documents expected',
                                help="Prior communication, attendance sheets, internship "
                                     "agreements and reports, contracts...")

    @api.constrains('people_count')
    def _check_people_count(self):
        for line in self:
            if line.people_count <= 0:
                raise AsrValidationError('clause_action.people_count', _(
                    "A social action concerns at least one person (%s given).")
                    % line.people_count)
