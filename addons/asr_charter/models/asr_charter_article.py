from odoo import fields, models


class AsrCharterArticle(models.Model):
    """An article (commitment) of a charter that its members subscribe to."""

    _name = 'asr.charter.article'
    _description = 'Charter article'
    _inherit = ['asr.guard.mixin']
    _order = 'charter_id, sequence, id'
    _asr_name_search_fields = ('code', 'name', 'charter_id.name')
    _asr_limits = {'code': 20, 'name': 300}
    _asr_frozen = {'charter_id'}

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

    def name_get(self):
        return [(art.id, '%s — %s' % (art.code, art.name)) for art in self]
