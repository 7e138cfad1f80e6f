from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AsrCharterEvaluation(models.Model):
    """The annual evaluation of a charter (art. 6), one per charter and year."""

    _name = 'asr.charter.evaluation'
    _description = 'Évaluation annuelle de charte'
    _inherit = ['mail.thread']
    _order = 'year desc, id desc'

    name = fields.Char('Intitulé', compute='_compute_name', store=True)
    charter_id = fields.Many2one('asr.charter', 'Charte', required=True, ondelete='cascade',
                                 index=True)
    year = fields.Integer('Année', required=True,
                          default=lambda self: fields.Date.from_string(
                              fields.Date.context_today(self)).year)
    date = fields.Date("Date de l'évaluation", default=fields.Date.context_today)
    author_id = fields.Many2one('res.users', 'Rédigée par', default=lambda self: self.env.user)
    qualitative = fields.Html('Évaluation qualitative')
    proposed_partner_ids = fields.Many2many(
        'res.partner', string='Nouveaux signataires proposés',
        help="Acteurs publics ou entreprises à qui proposer de signer la charte.")

    _sql_constraints = [
        ('charter_year_uniq', 'unique(charter_id, year)',
         "Une évaluation existe déjà pour cette charte et cette année."),
    ]

    @api.depends('year', 'charter_id.name')
    def _compute_name(self):
        for evaluation in self:
            evaluation.name = _('Évaluation %s — %s') % (evaluation.year,
                                                        evaluation.charter_id.name or '')

    @api.model
    def create(self, vals):
        self._check_year_free(vals.get('charter_id'), vals.get('year'))
        return super(AsrCharterEvaluation, self).create(vals)

    @api.multi
    def write(self, vals):
        if 'year' in vals or 'charter_id' in vals:
            for evaluation in self:
                self._check_year_free(vals.get('charter_id', evaluation.charter_id.id),
                                      vals.get('year', evaluation.year), evaluation.id)
        return super(AsrCharterEvaluation, self).write(vals)

    def _check_year_free(self, charter_id, year, exclude_id=None):
        """Refuse a second evaluation of a charter for one year, before the SQL constraint."""
        domain = [('charter_id', '=', charter_id), ('year', '=', year)]
        if exclude_id:
            domain.append(('id', '!=', exclude_id))
        if charter_id and year and self.sudo().search_count(domain):
            charter = self.env['asr.charter'].browse(charter_id)
            raise ValidationError(_(
                "La charte « %s » a déjà une évaluation pour l'année %s : complétez-la plutôt "
                "que d'en créer une seconde.") % (charter.name, year))

    @api.constrains('year', 'charter_id')
    def _check_year(self):
        for evaluation in self:
            adoption = evaluation.charter_id.act_date
            if evaluation.year < 1900 or evaluation.year > 2200:
                raise ValidationError(_("L'année %s n'est pas valide.") % evaluation.year)
            if adoption and evaluation.year < int(adoption[:4]):
                raise ValidationError(_(
                    "L'évaluation %s précède l'adoption de la charte « %s » (%s).") % (
                    evaluation.year, evaluation.charter_id.name, adoption[:4]))
