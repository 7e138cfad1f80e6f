from odoo import _, api, fields, models
from odoo.addons.asr_charter.exceptions import AsrValidationError


class AsrCharterEvaluation(models.Model):
    """The annual evaluation of a charter (art. 6), one per charter and year."""

    _name = 'asr.charter.evaluation'
    _description = 'Charter annual evaluation'
    _inherit = ['mail.thread', 'asr.guard.mixin']
    _order = 'year desc, id desc'
    _asr_limits = {'year': (1900, 2100)}
    _asr_frozen = {'charter_id'}

    name = fields.Char('Title', compute='_compute_name')
    charter_id = fields.Many2one('asr.charter', 'Charter', required=True, ondelete='cascade',
                                 index=True, default=lambda self: self.env['asr.charter']
                                 ._asr_default_charter())
    year = fields.Integer('Year', required=True,
                          default=lambda self: fields.Date.from_string(
                              fields.Date.context_today(self)).year)
    date = fields.Date('Evaluation date', default=fields.Date.context_today)
    author_id = fields.Many2one('res.users', 'Written by', default=lambda self: self.env.user)
    qualitative = fields.Html('Qualitative evaluation')
    proposed_partner_ids = fields.Many2many(
        'res.partner', string='Proposed new signatories',
        help="Public actors or companies to invite to sign the charter.")

    _sql_constraints = [
        ('charter_year_uniq', 'unique(charter_id, year)',
         "An evaluation already exists for this charter and this year."),
    ]

    @api.depends('year', 'charter_id.name')
    def _compute_name(self):
        for evaluation in self:
            evaluation.name = _('Evaluation %s — %s') % (evaluation.year,
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
            raise AsrValidationError('evaluation.year_taken', _(
                'The charter "%s" already has an evaluation for the year %s: complete it '
                'rather than creating a second one.') % (charter.name, year))

    @api.constrains('year', 'charter_id')
    def _check_year(self):
        for evaluation in self:
            adoption = evaluation.charter_id.act_date
            if evaluation.year < 1900 or evaluation.year > 2200:
                raise AsrValidationError('evaluation.year_invalid',
                                         _("The year %s is not valid.") % evaluation.year)
            if adoption and evaluation.year < int(adoption[:4]):
                raise AsrValidationError('evaluation.before_adoption', _(
                    'The evaluation %s precedes the adoption of the charter "%s" (%s).') % (
                    evaluation.year, evaluation.charter_id.name, adoption[:4]))
