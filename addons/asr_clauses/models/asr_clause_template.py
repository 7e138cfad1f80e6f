from odoo import _, api, fields, models

from odoo.addons.asr_charter.exceptions import AsrValidationError

from ..rules.clause_text import PLACEHOLDERS, ClauseTextError, check_template
from .asr_clause import CLAUSE_TYPES


class AsrClauseTemplate(models.Model):
    """A model text of the clause library, filled from a clause to write the CCAP article."""

    _name = 'asr.clause.template'
    _description = 'Clause model text'
    _inherit = ['asr.guard.mixin']
    _order = 'clause_type, sequence, id'
    _asr_name_search_fields = ('name', 'clause_type')
    _asr_limits = {'name': 300, 'body': 50000}

    name = fields.Char('Title', required=True)
    clause_type = fields.Selection(CLAUSE_TYPES, 'Disposition', required=True)
    sequence = fields.Integer('Sequence', default=10,
                              help="The first active model text of a disposition is used "
                                   "unless the clause names another one.")
    body = fields.Text('Model text', required=True,
                       help="Placeholders: " + ', '.join('{%s}' % p for p in PLACEHOLDERS))
    active = fields.Boolean('Active', default=True)

    @api.constrains('body')
    def _check_body(self):
        for template in self:
            try:
                check_template(template.body)
            except ClauseTextError as err:
                if err.key == 'unknown':
                    raise AsrValidationError('clause_template.unknown', _(
                        "The model text \"%s\" uses unknown placeholders: %s. Available: %s.")
                        % (template.name, ', '.join(err.values['names']),
                           ', '.join(PLACEHOLDERS)))
                raise AsrValidationError('clause_template.malformed', _(
                    "The model text \"%s\" has an unclosed brace: write placeholders as "
                    "{hour_objective}.") % template.name)
