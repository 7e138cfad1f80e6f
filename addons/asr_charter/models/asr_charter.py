from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..rules.committee import committee_status
from ..rules.dates import fr_date

STATES = [
    ('draft', 'Brouillon'),
    ('adopted', 'Adoptée'),
    ('in_force', 'En vigueur'),
    ('closed', 'Close'),
]


class AsrCharter(models.Model):
    """A territorial charter of socially responsible purchasing (e.g. GPSEA, 11/12/2019)."""

    _name = 'asr.charter'
    _description = "Charte d'achats socialement responsables"
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _order = 'act_date desc, id desc'

    # identity
    name = fields.Char('Intitulé', required=True, track_visibility='onchange')
    territory_id = fields.Many2one(
        'res.partner', 'Territoire', required=True, track_visibility='onchange',
        domain=[('is_company', '=', True)],
        help="Collectivité ou établissement public territorial porteur de la charte.")
    act_number = fields.Char("N° de l'acte d'adoption", track_visibility='onchange',
                             help="Par exemple la délibération CT2019.5/116-2.")
    act_date = fields.Date("Date d'adoption", track_visibility='onchange')
    signed_document = fields.Binary('Charte signée', attachment=True)
    signed_document_name = fields.Char('Nom du fichier')
    description = fields.Html('Objet de la charte')
    company_id = fields.Many2one('res.company', 'Société', required=True,
                                 default=lambda self: self.env.user.company_id)
    # relations
    article_ids = fields.One2many('asr.charter.article', 'charter_id', 'Articles', copy=True)
    member_ids = fields.One2many('asr.charter.member', 'charter_id', 'Membres')
    committee_ids = fields.One2many('asr.charter.committee', 'charter_id', 'Comités techniques')
    evaluation_ids = fields.One2many('asr.charter.evaluation', 'charter_id',
                                     'Évaluations annuelles')
    # settings
    committee_interval_months = fields.Integer(
        'Intervalle maximal entre comités (mois)', default=12, required=True,
        help="La charte prévoit un comité technique une à deux fois par an.")
    committee_max_per_year = fields.Integer('Comités par an au plus', default=2, required=True)
    # dates and state
    date_in_force = fields.Date("Entrée en vigueur", readonly=True, copy=False,
                                track_visibility='onchange')
    date_closed = fields.Date('Date de clôture', readonly=True, copy=False,
                              track_visibility='onchange')
    state = fields.Selection(STATES, 'État', default='draft', required=True, readonly=True,
                             copy=False, track_visibility='onchange')
    # computed
    facilitator_member_id = fields.Many2one(
        'asr.charter.member', 'Structure facilitatrice en vigueur',
        compute='_compute_facilitator')
    facilitator_partner_id = fields.Many2one(
        'res.partner', 'Facilitateur', compute='_compute_facilitator',
        search='_search_facilitator_partner_id')
    member_count = fields.Integer('Nombre de membres', compute='_compute_counts')
    signatory_count = fields.Integer('Nombre de signataires', compute='_compute_counts')
    next_committee_date = fields.Date('Prochain comité dû le', compute='_compute_committee_due')
    next_committee_planned = fields.Boolean('Prochain comité planifié',
                                            compute='_compute_committee_due')
    committee_overdue = fields.Boolean('Comité en retard', compute='_compute_committee_due')
    committee_warning = fields.Char('Alerte comité', compute='_compute_committee_due')

    _sql_constraints = [
        ('committee_interval_positive', 'CHECK(committee_interval_months > 0)',
         "L'intervalle entre comités doit être d'au moins un mois."),
        ('committee_max_positive', 'CHECK(committee_max_per_year > 0)',
         "Le nombre de comités par an doit être d'au moins un."),
    ]

    # ------------------------------------------------------------------ computes
    @api.depends('member_ids.role', 'member_ids.date_join', 'member_ids.date_leave',
                 'member_ids.partner_id')
    def _compute_facilitator(self):
        today = fields.Date.context_today(self)
        for charter in self:
            current = charter.member_ids.filtered(
                lambda m: m.role == 'facilitator' and m._is_in_force(today))
            charter.facilitator_member_id = current[:1]
            charter.facilitator_partner_id = current[:1].partner_id

    def _search_facilitator_partner_id(self, operator, value):
        """Charters whose facilitator structure in force today matches (used by record rules)."""
        today = fields.Date.context_today(self)
        members = self.env['asr.charter.member'].sudo().search([
            ('role', '=', 'facilitator'),
            ('partner_id', operator, value),
            ('date_join', '<=', today),
            '|', ('date_leave', '=', False), ('date_leave', '>=', today),
        ])
        return [('id', 'in', members.mapped('charter_id').ids)]

    @api.depends('member_ids.membership', 'member_ids.date_join', 'member_ids.date_leave')
    def _compute_counts(self):
        today = fields.Date.context_today(self)
        for charter in self:
            current = charter.member_ids.filtered(lambda m: m._is_in_force(today))
            charter.member_count = len(current)
            charter.signatory_count = len(current.filtered(
                lambda m: m.membership == 'signatory'))

    @api.depends('act_date', 'state', 'committee_ids.date', 'committee_ids.state',
                 'committee_interval_months', 'committee_max_per_year')
    def _compute_committee_due(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        for charter in self:
            committees = charter.committee_ids
            status = committee_status(
                fields.Date.from_string(charter.act_date),
                [fields.Date.from_string(c.date) for c in committees if c.state == 'held'],
                [fields.Date.from_string(c.date) for c in committees if c.state == 'planned'],
                today,
                max_interval_months=charter.committee_interval_months or 12,
                max_per_year=charter.committee_max_per_year or 2)
            charter.next_committee_date = status.next_due and fields.Date.to_string(
                status.next_due)
            charter.next_committee_planned = status.planned
            charter.committee_overdue = status.overdue
            warnings = []
            if charter.state in ('adopted', 'in_force'):
                if status.none_this_year:
                    warnings.append(_("Aucun comité technique n'est tenu ni planifié en %s.")
                                    % today.year)
                if status.overdue:
                    warnings.append(_("Le comité technique est en retard."))
                if status.too_many_this_year:
                    warnings.append(_("Plus de %s comités techniques en %s.")
                                    % (charter.committee_max_per_year, today.year))
            charter.committee_warning = ' '.join(warnings) or False

    # ------------------------------------------------------------------ actions
    @api.multi
    def action_adopt(self):
        for charter in self:
            if charter.state != 'draft':
                raise UserError(_("La charte « %s » n'est pas en brouillon.") % charter.name)
            if not charter.act_number or not charter.act_date:
                raise UserError(_(
                    "Indiquez le numéro et la date de l'acte d'adoption de la charte « %s » "
                    "avant de l'adopter.") % charter.name)
        return self.write({'state': 'adopted'})

    @api.multi
    def action_put_in_force(self):
        today = fields.Date.context_today(self)
        for charter in self:
            if charter.state != 'adopted':
                raise UserError(_("La charte « %s » doit être adoptée avant d'entrer en "
                                  "vigueur.") % charter.name)
            charter._check_facilitator_in_force(today)
            if not charter.member_ids.filtered(
                    lambda m: m.membership == 'signatory' and m.role == 'public_buyer'
                    and m._is_in_force(today)):
                raise UserError(_(
                    "La charte « %s » n'a aucun acheteur public signataire en vigueur.")
                    % charter.name)
        return self.write({'state': 'in_force', 'date_in_force': today})

    @api.multi
    def action_close(self):
        for charter in self:
            if charter.state != 'in_force':
                raise UserError(_("Seule une charte en vigueur peut être close (« %s »).")
                                % charter.name)
        return self.write({'state': 'closed', 'date_closed': fields.Date.context_today(self)})

    @api.multi
    def action_reset_draft(self):
        for charter in self:
            if charter.state != 'adopted':
                raise UserError(_("Seule une charte adoptée, pas encore en vigueur, peut "
                                  "revenir en brouillon (« %s »).") % charter.name)
        return self.write({'state': 'draft'})

    # ------------------------------------------------------------------ helpers
    def _check_facilitator_in_force(self, day):
        """Raise unless exactly one facilitator structure is in force on ``day``."""
        self.ensure_one()
        facilitators = self.member_ids.filtered(
            lambda m: m.role == 'facilitator' and m._is_in_force(day))
        if len(facilitators) != 1:
            raise ValidationError(_(
                "La charte « %s » doit avoir exactement une structure facilitatrice en vigueur "
                "au %s (elle en a %s).") % (self.name, fr_date(day), len(facilitators)))
