from odoo import fields, models


class AsrCharterArticle(models.Model):
    """An article (commitment) of a charter that its members subscribe to."""

    _name = 'asr.charter.article'
    _description = 'Article de charte'
    _order = 'charter_id, sequence, id'

    code = fields.Char('Numéro', required=True, help="Par exemple 3-1, 4, 5-2.")
    name = fields.Char('Intitulé', required=True)
    charter_id = fields.Many2one('asr.charter', 'Charte', required=True, ondelete='cascade',
                                 index=True)
    sequence = fields.Integer('Séquence', default=10)
    description = fields.Text('Contenu')

    _sql_constraints = [
        ('code_charter_uniq', 'unique(charter_id, code)',
         "Ce numéro d'article existe déjà dans cette charte."),
    ]

    def name_get(self):
        return [(art.id, '%s — %s' % (art.code, art.name)) for art in self]
