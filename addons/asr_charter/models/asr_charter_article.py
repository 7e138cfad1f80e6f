from odoo import api, fields, models


class AsrCharterArticle(models.Model):
    """An article (commitment) of a charter that its members subscribe to."""

    _name = 'asr.charter.article'
    _description = 'Charter article'
    _inherit = ['asr.guard.mixin']
    _order = 'charter_id, sequence, id'

    code = fields.Char('Number', required=True, help="For example 3-1, 4, 5-2.")
    name = fields.Char('Title', required=True)
    charter_id = fields.Many2one('asr.charter', 'Charter', required=True, ondelete='cascade',
                                 index=True)
    sequence = fields.Integer('Sequence', default=10)
    description = fields.Text('Content')

    _sql_constraints = [
        ('code_charter_uniq', 'unique(charter_id, code)',
         "This article number already exists in this charter."),
    ]

    @api.model
    def _asr_frozen_fields(self):
        return super(AsrCharterArticle, self)._asr_frozen_fields() | {'charter_id'}

    @api.model
    def _asr_input_limits(self):
        limits = super(AsrCharterArticle, self)._asr_input_limits()
        limits.update({'code': 20, 'name': 300})
        return limits

    def name_get(self):
        return [(art.id, '%s — %s' % (art.code, art.name)) for art in self]
