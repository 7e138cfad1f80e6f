from odoo import _, api, fields, models

from odoo.addons.asr_charter.exceptions import AsrUserError, AsrValidationError
from odoo.addons.asr_charter.rules.dates import fr_date
from odoo.addons.asr_charter.rules.equivalence import EquivalenceError, fraction
from odoo.addons.asr_charter.rules.numbers import fr_amount

from ..rules import parameters
from ..rules.clause_text import penalty_cap_sentence, render
from ..rules.hour_objective import hour_objective
from ..rules.legal_checks import LegalCheckError, check_award_criterion_weight

CLAUSE_TYPES = [
    ('insertion', 'Insertion clause'),
    ('social_action', 'Social action clause'),
    ('award_criterion', 'Social award criterion'),
    ('reserved_esat_ea', 'Market reserved to ESAT/EA'),
    ('reserved_siae', 'Market reserved to SIAE'),
    ('reserved_ess', 'Market reserved to ESS enterprises'),
    ('progress_plan', 'Progress plan'),
]

LEGAL_BASIS = {
    'insertion': 'L2112-2',
    'social_action': 'L2112-2',
    'award_criterion': 'L2152-7',
    'reserved_esat_ea': 'L2113-12',
    'reserved_siae': 'L2113-13',
    'reserved_ess': 'L2113-15 / L2113-16',
    'progress_plan': '',
}


class AsrClause(models.Model):
    """A social disposition of a market lot; an insertion clause carries an hour objective.

    The objective is computed from the lot's estimated amount at examination and from its
    awarded amount at award (both stay visible); the buyer may override it with a written reason.
    """

    _name = 'asr.clause'
    _description = 'Social clause'
    _inherit = ['mail.thread', 'asr.guard.mixin', 'asr.clause.parameters.mixin']
    _order = 'lot_id, id'
    _asr_name_search_fields = ('name', 'clause_type', 'market_id.name', 'market_id.reference',
                               'lot_id.name', 'partner_id.name')
    # sanity bounds; the constraints give the exact ranges (rates and shares 0-100 %...)
    _asr_limits = {
        'name': 300, 'hourly_cost': (-10000, 10000),
        'hour_objective_override': (-10000000, 10000000), 'override_reason': 10000,
        'penalty_rate_missing_hour': (-1000000, 1000000),
        'penalty_rate_late_day': (-1000000, 1000000),
        'penalty_rate_action': (-1000000, 1000000)}
    _asr_protected = {'state'}
    _asr_frozen = {'lot_id'}

    # identity
    name = fields.Char('Title', help="Optional short title; the clause is otherwise named "
                                     "after its disposition and its lot.")
    clause_type = fields.Selection(CLAUSE_TYPES, 'Disposition', required=True,
                                   default='insertion', track_visibility='onchange')
    legal_basis = fields.Char('Legal basis', compute='_compute_legal_basis', store=True,
                              help="Article of the French public procurement code (CCP).")
    # relations
    lot_id = fields.Many2one('asr.market.lot', 'Lot', required=True, index=True,
                             ondelete='cascade')
    market_id = fields.Many2one(related='lot_id.market_id', store=True, readonly=True,
                                string='Market', index=True)
    charter_id = fields.Many2one(related='lot_id.market_id.charter_id', store=True,
                                 readonly=True, string='Charter', index=True)
    partner_id = fields.Many2one(related='lot_id.partner_id', store=True, readonly=True,
                                 string='Contractor', index=True)
    company_id = fields.Many2one(related='lot_id.market_id.company_id', store=True,
                                 readonly=True, string='Company')
    currency_id = fields.Many2one(related='lot_id.market_id.currency_id', readonly=True,
                                  string='Currency')
    # hour objective
    labour_share = fields.Float('Labour share (%)')
    hourly_cost = fields.Monetary('Hourly labour cost', currency_field='currency_id')
    insertion_rate = fields.Float('Insertion rate (%)')
    hour_objective_estimated = fields.Integer(
        'Objective on the estimated amount', compute='_compute_hour_objectives', store=True)
    hour_objective_awarded = fields.Integer(
        'Objective on the awarded amount', compute='_compute_hour_objectives', store=True)
    hour_objective_override = fields.Integer('Objective set by the buyer',
                                             track_visibility='onchange')
    override_reason = fields.Text('Why the objective was set by hand',
                                  track_visibility='onchange')
    hour_objective = fields.Integer('Hour objective', compute='_compute_hour_objectives',
                                    store=True, track_visibility='onchange')
    # social action clause and progress plan
    action_ids = fields.One2many('asr.clause.action', 'clause_id', 'Social actions', copy=True)
    progress_line_ids = fields.One2many('asr.clause.progress.line', 'clause_id',
                                        'Progress plan', copy=True)
    # text of the CCAP article
    template_id = fields.Many2one('asr.clause.template', 'Model text',
                                  domain="[('clause_type', '=', clause_type)]")
    # award criterion
    criterion_weight = fields.Float('Weight of the criterion (%)')
    # penalty parameters (applied by later addons)
    penalty_rate_missing_hour = fields.Monetary('Penalty per missing hour',
                                                currency_field='currency_id')
    penalty_rate_late_day = fields.Monetary('Penalty per day of late report',
                                            currency_field='currency_id')
    penalty_rate_action = fields.Monetary(
        'Penalty per social action not carried out', currency_field='currency_id',
        help="Per action not carried out, or per missing person, as the clause says.")
    penalty_action_basis = fields.Selection(
        [('action', 'Per action not carried out'), ('person', 'Per missing person')],
        'Social action penalty counted', required=True, default='action')
    report_due_day = fields.Integer('Monthly report due on day', required=True,
                                    default=parameters.DEFAULT_REPORT_DUE_DAY)
    penalty_cap_percent = fields.Float('Penalty cap (% of the amount)')
    # dates
    date_start = fields.Date(related='lot_id.date_start', readonly=True, store=True,
                             string='Contract start')
    date_end = fields.Date(related='lot_id.date_end', readonly=True, store=True,
                           string='Contract end')
    # state
    state = fields.Selection([('draft', 'Draft'), ('execution', 'In execution'),
                              ('closed', 'Closed')], 'State', default='draft', required=True,
                             copy=False, index=True, track_visibility='onchange')

    @api.multi
    def name_get(self):
        """Its title, or '<disposition> — <lot>', in one query for any number of clauses
        (grouped reads name every clause of a region)."""
        labels = dict(self._fields['clause_type']._description_selection(
            self._asr_user_env()))
        Lot = self.env['asr.market.lot']
        if not all(isinstance(i, int) for i in self._ids):
            return [(clause.id, clause.name or '%s — %s' % (
                labels.get(clause.clause_type, ''), clause.lot_id.display_name or ''))
                for clause in self]
        self.check_access_rights('read')
        self.check_access_rule('read')
        if not self.ids:
            return []
        self.env.cr.execute("""
            SELECT c.id, c.name, c.clause_type, m.reference, m.name, l.number, l.name
            FROM asr_clause c JOIN asr_market_lot l ON l.id = c.lot_id
                 JOIN asr_market m ON m.id = l.market_id
            WHERE c.id IN %s""", (tuple(self.ids),))
        rows = self.env.cr.fetchall()
        label = Lot._asr_label_format()  # a query of its own (translation): after the fetch
        names = {row[0]: row[1] or '%s — %s' % (labels.get(row[2], ''),
                                                Lot._asr_label(*row[3:], label=label))
                 for row in rows}
        return [(clause_id, names.get(clause_id, '')) for clause_id in self.ids]

    @api.depends('clause_type')
    def _compute_legal_basis(self):
        for clause in self:
            clause.legal_basis = LEGAL_BASIS.get(clause.clause_type) or False

    @api.depends('clause_type', 'lot_id.amount_estimated', 'lot_id.amount_awarded',
                 'labour_share', 'hourly_cost', 'insertion_rate', 'hour_objective_override')
    def _compute_hour_objectives(self):
        for clause in self:
            estimated = awarded = 0
            if clause.clause_type == 'insertion':
                estimated = clause._objective_for(clause.lot_id.amount_estimated)
                awarded = clause._objective_for(clause.lot_id.amount_awarded)
            clause.hour_objective_estimated = estimated
            clause.hour_objective_awarded = awarded
            clause.hour_objective = (clause.hour_objective_override or awarded or estimated
                                     if clause.clause_type == 'insertion' else 0)

    def _objective_for(self, amount):
        if not amount:
            return 0
        try:
            return hour_objective(amount, fraction(self.labour_share), self.hourly_cost,
                                  fraction(self.insertion_rate))
        except EquivalenceError:
            return 0  # the constraints explain what is wrong

    @api.onchange('lot_id')
    def _onchange_lot_id(self):
        for field, value in self._defaults_from_lot(self.lot_id).items():
            if not self[field]:
                self[field] = value

    @api.model
    def _defaults_from_lot(self, lot):
        if not lot:
            return {}
        charter = lot.market_id.charter_id
        return {
            'labour_share': lot.labour_share or (lot.trade_id.labour_share if lot.trade_id
                                                 else 0.0),
            'hourly_cost': charter.hourly_cost,
            'insertion_rate': (charter.insertion_rate_proximity
                               if lot.market_id.proximity_management
                               else charter.insertion_rate),
            'penalty_rate_missing_hour': charter.penalty_rate_missing_hour,
            'penalty_rate_late_day': charter.penalty_rate_late_day,
            'report_due_day': charter.report_due_day,
            'penalty_cap_percent': charter.penalty_cap_percent,
        }

    @api.model
    def create(self, vals):
        lot = self.env['asr.market.lot'].browse(vals.get('lot_id'))
        for field, value in self._defaults_from_lot(lot).items():
            if not vals.get(field):
                vals[field] = value
        return super(AsrClause, self).create(vals)

    # ------------------------------------------------------------------ constraints
    @api.constrains('clause_type', 'labour_share', 'hourly_cost', 'insertion_rate')
    def _check_objective_inputs(self):
        for clause in self.filtered(lambda c: c.clause_type == 'insertion'):
            clause._asr_check_parameters(('labour_share', 'hourly_cost', 'insertion_rate'))

    @api.constrains('hour_objective_override', 'override_reason')
    def _check_override(self):
        for clause in self:
            if clause.hour_objective_override < 0:
                raise AsrValidationError('clause.override_negative', _(
                    "The hour objective of \"%s\" cannot be negative.") % clause.display_name)
            if clause.hour_objective_override and not (clause.override_reason or '').strip():
                raise AsrValidationError('clause.override_reason', _(
                    "Explain in writing why the hour objective of \"%s\" is set by hand.")
                    % clause.display_name)

    @api.constrains('report_due_day', 'penalty_cap_percent', 'penalty_rate_missing_hour',
                    'penalty_rate_late_day', 'penalty_rate_action')
    def _check_penalty_parameters(self):
        for clause in self:
            clause._asr_check_parameters(('report_due_day', 'penalty_cap_percent',
                                          'penalty_rate_missing_hour', 'penalty_rate_late_day',
                                          'penalty_rate_action'))

    def _asr_parameter_message(self, name):
        label = self.display_name
        if name == 'labour_share':
            return _("The labour share of the insertion clause \"%s\" must be between 0 and "
                     "100 %% (%s given).") % (label, self.labour_share)
        if name == 'hourly_cost':
            return _("The hourly labour cost of the insertion clause \"%s\" must be "
                     "positive.") % label
        if name == 'insertion_rate':
            return _("The insertion rate of the clause \"%s\" must be between 0 and 100 %% "
                     "(%s given).") % (label, self.insertion_rate)
        if name == 'report_due_day':
            return _("The monthly report of \"%s\" is due on a day between 1 and 28.") % label
        if name == 'penalty_cap_percent':
            return _("The penalty cap of \"%s\" must be between 0 and 100 %%.") % label
        return _("The penalty rates of \"%s\" cannot be negative.") % label

    @api.constrains('clause_type', 'criterion_weight')
    def _check_criterion_weight(self):
        for clause in self.filtered(lambda c: c.clause_type == 'award_criterion'):
            self._raise_legal(check_award_criterion_weight, clause.criterion_weight)

    @api.constrains('clause_type', 'lot_id')
    def _check_reservations(self):
        self.mapped('lot_id').sudo()._check_legal()

    # ------------------------------------------------------------------ workflow
    def _asr_check_buyer_in_charge(self):
        self.mapped('market_id')._asr_check_buyer_in_charge()

    @api.multi
    def action_start_execution(self):
        """The contract starts: the clause of an awarded lot of a validated market is
        executed (hours, reports, actions can be recorded)."""
        self._asr_check_buyer_in_charge()
        for clause in self:
            if clause.state != 'draft':
                raise AsrUserError('clause.not_draft', _("The clause \"%s\" is not in draft.")
                                   % clause.display_name)
            if clause.market_id.state != 'validated':
                raise AsrUserError('clause.market_not_validated', _(
                    "The social examination of the market \"%s\" must be validated before its "
                    "clauses are executed.") % clause.market_id.display_name)
            lot = clause.lot_id
            if not lot.awarded:
                raise AsrUserError('clause.lot_not_awarded', _(
                    "Award the lot \"%s\" first: its contractor and award "
                    "date.") % lot.display_name)
            if not (lot.date_start and lot.date_end):
                raise AsrUserError('clause.contract_dates_missing', _(
                    "Enter the start and end of the contract of the lot \"%s\" "
                    "first.") % lot.display_name)
        self._asr_trusted().write({'state': 'execution'})
        return True

    @api.multi
    def action_close(self):
        """The contract is over: the clause is closed (its figures stay)."""
        self._asr_check_buyer_in_charge()
        for clause in self:
            if clause.state != 'execution':
                raise AsrUserError('clause.not_in_execution', _(
                    "Only a clause in execution can be closed (\"%s\").") % clause.display_name)
        self._asr_trusted().write({'state': 'closed'})
        return True

    @api.multi
    def action_reopen(self):
        """An ASR manager puts a closed clause back in execution (e.g. late hours)."""
        self.mapped('market_id')._asr_check_manager(_(
            "Only an ASR manager (Responsable) reopens a closed clause."))
        for clause in self:
            if clause.state != 'closed':
                raise AsrUserError('clause.not_closed', _(
                    "Only a closed clause can be reopened (\"%s\").") % clause.display_name)
        self._asr_trusted().write({'state': 'execution'})
        return True

    # ------------------------------------------------------------------ CCAP text
    def _template(self):
        self.ensure_one()
        return self.template_id or self.env['asr.clause.template'].search(
            [('clause_type', '=', self.clause_type)], limit=1)

    def _text_values(self):
        """Values of the model text's placeholders, formatted for a French CCAP."""
        self.ensure_one()
        lot, market = self.lot_id, self.lot_id.market_id
        facilitator = market.charter_id.facilitator_member_id
        contact = facilitator.contact_id
        action_field = self.env['asr.clause.action']._fields['action']
        action_labels = dict(action_field._description_selection(self.env))
        action_line = _('- %s: %s person(s)%s')
        actions = '\n'.join(action_line % (
            action_labels[a.action], a.people_count, a.public and ' (%s)' % a.public or '')
            for a in self.action_ids)
        justificatif_line = _('- %s: %s')
        justificatifs = '\n'.join(
            justificatif_line % (action_labels[a.action], a.justificatifs)
            for a in self.action_ids if a.justificatifs)
        return {
            'market': market.display_name, 'lot': '%s — %s' % (lot.number, lot.name),
            'buyer': market.buyer_entity_id.name, 'legal_basis': self.legal_basis or '',
            'hour_objective': self.hour_objective,
            'facilitator': facilitator.partner_id.name or '',
            'facilitator_contact': ', '.join(filter(None, [
                contact.name, contact.email, contact.phone])) if contact else '',
            'penalty_missing_hour': fr_amount(self.penalty_rate_missing_hour),
            'penalty_late_day': fr_amount(self.penalty_rate_late_day),
            'report_due_day': self.report_due_day,
            'penalty_cap': fr_amount(self.penalty_cap_percent),
            'penalty_cap_sentence': penalty_cap_sentence(self.penalty_cap_percent),
            'actions': actions, 'justificatifs': justificatifs,
            'criterion_weight': fr_amount(self.criterion_weight),
            'contract_months': market.duration_months,
        }

    def _ccap_text(self):
        """The article of this disposition, from its model text."""
        self.ensure_one()
        template = self._template()
        if not template:
            return ''
        return render(template.body, self._text_values())

    @api.model
    def _raise_legal(self, check, *args):
        try:
            check(*args)
        except LegalCheckError as err:
            raise AsrValidationError('legal.' + err.key, self._legal_message(err))

    @api.model
    def _legal_message(self, err):
        """French message of a legal check, naming the article."""
        values = err.values
        if err.key == 'double_reservation':
            labels = dict(self._fields['clause_type']._description_selection(
                self._asr_user_env()))
            text = _("A lot can be reserved to one category only: %s.") % ', '.join(
                labels.get(code, code) for code in values['codes'])
        elif err.key == 'ess_services_only':
            text = _("A market reserved to ESS enterprises must be for health, social or "
                     "cultural services.")
        elif err.key == 'ess_duration':
            text = _("A market reserved to ESS enterprises lasts at most 3 years "
                     "(%s months given).") % values.get('months')
        elif err.key == 'ess_previous_contract':
            text = _("The winner already held a contract of this buyer for the same services, "
                     "awarded on %s, within the 3 years before the consultation.") % fr_date(
                values.get('date'))
        elif err.key == 'criterion_weight':
            text = _("The weight of a social award criterion must be above 0 and at most "
                     "100 %% (%s given).") % values.get('weight')
        else:
            text = err.key
        return _("%s (article %s of the public procurement code)") % (text, err.article)
