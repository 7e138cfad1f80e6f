from odoo import _, api, fields, models
from odoo.tools import html_escape

from odoo.addons.asr_charter.exceptions import AsrAccessError, AsrUserError, AsrValidationError
from odoo.addons.asr_charter.rules.numbers import fr_amount
from ..rules.examination import lots_amount_gap, lots_amount_mismatch, opinion_needs_reason
from ..rules.indicators import flag_percentage
from ..rules.legal_checks import RESERVED_CODES, needs_social_condition_flag

NATURES = [('works', 'Works'), ('supplies', 'Supplies'), ('services', 'Services')]
SERVICE_CATEGORIES = [('health', 'Health'), ('social', 'Social'), ('cultural', 'Cultural'),
                      ('other', 'Other services')]
PROCEDURES = [('adapted', 'Adapted procedure (MAPA)'), ('open', 'Open call for tenders'),
              ('restricted', 'Restricted call for tenders'),
              ('negotiated', 'Competitive negotiated procedure'),
              ('dialogue', 'Competitive dialogue'), ('no_competition', 'Without competition')]
STATES = [('to_examine', 'To examine'), ('examined', 'Examined'),
          ('opinion', 'Facilitator opinion given'), ('validated', 'Validated')]
OPINIONS = [('favourable', 'Favourable'), ('reserved', 'Reserved'),
            ('unfavourable', 'Unfavourable')]
OPINION_MAX_LENGTH = 10000  # characters of the opinion and of the recommendation


def market_label(reference, name):
    """How a market is named: its reference, once it has one, then its title."""
    if reference and reference != '/':
        return '%s — %s' % (reference, name)
    return name


class AsrMarket(models.Model):
    """A planned consultation (purchase forecast) and its social examination (charter art. 3)."""

    _name = 'asr.market'
    _description = 'Market (consultation)'
    _inherit = ['mail.thread', 'asr.activity.mixin', 'asr.guard.mixin']
    _order = 'consultation_date desc, id desc'
    # what a picker finds a market by (asr.name.search.mixin)
    _asr_name_search_fields = ('name', 'reference')
    _asr_limits = {
        'name': 500, 'cpv_code': 20, 'amount_estimated': (-1e11, 1e11),
        'duration_months': (-600, 600), 'social_condition_justification': 10000,
        'opinion_text': OPINION_MAX_LENGTH, 'opinion_recommendation': OPINION_MAX_LENGTH,
        'opinion_answer': OPINION_MAX_LENGTH}
    _asr_protected = {
        'state', 'opinion', 'opinion_text', 'opinion_recommendation', 'opinion_date',
        'opinion_author_id', 'validation_user_id', 'validation_date', 'reference'}

    # identity
    name = fields.Char('Object', required=True, track_visibility='onchange')
    reference = fields.Char('Reference', readonly=True, copy=False, default='/')
    nature = fields.Selection(NATURES, 'Nature', required=True, default='works',
                              track_visibility='onchange')
    service_category = fields.Selection(SERVICE_CATEGORIES, 'Category of services')
    procedure = fields.Selection(PROCEDURES, 'Procedure', default='adapted')
    cpv_code = fields.Char('CPV code')
    proximity_management = fields.Boolean(
        'Proximity-management market (GUP)',
        help="The charter's proximity rate (10 % by default) is proposed to its insertion "
             "clauses instead of the default rate.")
    # relations
    charter_id = fields.Many2one('asr.charter', 'Charter', required=True, index=True,
                                 ondelete='restrict', track_visibility='onchange',
                                 default=lambda self: self.env['asr.charter']
                                 ._asr_default_charter())
    buyer_entity_id = fields.Many2one(
        'res.partner', 'Buying entity', required=True, index=True,
        help="The public buyer (territory, town, social landlord) that launches the market.")
    user_id = fields.Many2one('res.users', 'Buyer in charge', required=True, index=True,
                              default=lambda self: self.env.user, track_visibility='onchange')
    lot_ids = fields.One2many('asr.market.lot', 'market_id', 'Lots', copy=True)
    company_id = fields.Many2one('res.company', 'Company', required=True,
                                 default=lambda self: self.env.user.company_id)
    currency_id = fields.Many2one(related='company_id.currency_id', readonly=True,
                                  string='Currency')
    # amounts and dates
    amount_estimated = fields.Monetary('Estimated amount excl. VAT', required=True,
                                       currency_field='currency_id',
                                       track_visibility='onchange')
    consultation_date = fields.Date('Planned consultation date', required=True,
                                    track_visibility='onchange')
    duration_months = fields.Integer('Duration (months)', required=True, default=12)
    buyer_kind = fields.Selection([('local', 'Local authority'), ('state', 'State')],
                                  'Kind of buyer', required=True, default='local',
                                  help="Chooses the European threshold that applies.")
    # social or employment execution condition (loi Climat et résilience, art. 35)
    social_condition_flag = fields.Boolean(
        'Social execution condition expected', compute='_compute_social_condition_flag',
        store=True,
        help="Consultation launched from 22 August 2026, at or above the European threshold, "
             "without a social or employment execution condition and without a justification.")
    social_condition_justification = fields.Text(
        'Why no social execution condition', track_visibility='onchange')
    # examination
    state = fields.Selection(STATES, 'Examination', default='to_examine', required=True,
                             readonly=True, copy=False, index=True,
                             track_visibility='onchange')
    opinion = fields.Selection(OPINIONS, 'Facilitator opinion', readonly=True, copy=False,
                               track_visibility='onchange')
    opinion_text = fields.Text('Opinion', readonly=True, copy=False)
    opinion_recommendation = fields.Text('Recommended dispositions', readonly=True, copy=False)
    opinion_date = fields.Date('Opinion given on', readonly=True, copy=False)
    opinion_author_id = fields.Many2one('res.partner', 'Opinion given by', readonly=True,
                                        copy=False)
    validation_user_id = fields.Many2one('res.users', 'Validated by', readonly=True,
                                         copy=False, track_visibility='onchange')
    validation_date = fields.Date('Validated on', readonly=True, copy=False)
    opinion_answer = fields.Text(
        "Buyer's reason for not following the opinion", copy=False,
        track_visibility='onchange',
        help="Needed to validate the examination after a reserved or unfavourable opinion: "
             "why the facilitator's reservations or recommendations are not followed. The "
             "facilitator reads it on the portal.")
    opinion_needs_answer = fields.Boolean(
        'Opinion to answer', compute='_compute_opinion_needs_answer',
        help="Reserved or unfavourable opinion: the examination is validated with the "
             "buyer's reason only.")
    # computed
    year = fields.Integer('Year', compute='_compute_year', store=True, index=True)
    quarter = fields.Char('Quarter', compute='_compute_year', store=True)
    lot_count = fields.Integer('Lots', compute='_compute_lot_count')
    lots_amount_total = fields.Monetary('Total of the lots', compute='_compute_lots_amount',
                                        currency_field='currency_id')
    lots_amount_gap = fields.Monetary(
        'Amount in no lot', compute='_compute_lots_amount', currency_field='currency_id',
        help="Estimated amount of the market minus the estimated amounts of its lots "
             "(negative: the lots exceed the market).")
    lots_amount_warning = fields.Char('Lots and market amount', compute='_compute_lots_amount')
    # indicators (charter art. 3), stored as 0/1 so that pivots add them up
    examined_count = fields.Integer('Examined markets', compute='_compute_indicators',
                                    store=True)
    disposition_count = fields.Integer('Markets with a social disposition',
                                       compute='_compute_indicators', store=True)
    reserved_count = fields.Integer('Reserved markets', compute='_compute_indicators',
                                    store=True)
    # the same, as 100 or 0: averaged over a group of markets, the group's percentage
    examined_rate = fields.Float('Examined (%)', compute='_compute_indicators', store=True,
                                 group_operator='avg')
    disposition_rate = fields.Float('With a social disposition (%)',
                                    compute='_compute_indicators', store=True,
                                    group_operator='avg')
    reserved_rate = fields.Float('Reserved (%)', compute='_compute_indicators', store=True,
                                 group_operator='avg')

    @api.depends('consultation_date')
    def _compute_year(self):
        for market in self:
            day = fields.Date.from_string(market.consultation_date)
            market.year = day.year if day else 0
            market.quarter = day and '%s-T%s' % (day.year, (day.month - 1) // 3 + 1) or False

    @api.depends('amount_estimated', 'nature', 'buyer_kind', 'consultation_date',
                 'social_condition_justification', 'lot_ids.clause_ids.clause_type')
    def _compute_social_condition_flag(self):
        thresholds = self.env['asr.threshold']._as_rules()
        for market in self:
            types = set(market.lot_ids.mapped('clause_ids.clause_type'))
            market.social_condition_flag = needs_social_condition_flag(
                market.amount_estimated, market.nature, market.buyer_kind,
                fields.Date.from_string(market.consultation_date), thresholds,
                bool(types & {'insertion', 'social_action'}),
                market.social_condition_justification)

    @api.depends('state', 'lot_ids.clause_ids.clause_type')
    def _compute_indicators(self):
        for market in self:
            types = set(market.lot_ids.mapped('clause_ids.clause_type'))
            market.examined_count = int(market.state != 'to_examine')
            market.disposition_count = int(bool(types))
            market.reserved_count = int(bool(types & RESERVED_CODES))
            market.examined_rate = flag_percentage(market.examined_count)
            market.disposition_rate = flag_percentage(market.disposition_count)
            market.reserved_rate = flag_percentage(market.reserved_count)

    @api.depends('lot_ids')
    def _compute_lot_count(self):
        for market in self:
            market.lot_count = len(market.lot_ids)

    @api.depends('opinion')
    def _compute_opinion_needs_answer(self):
        for market in self:
            market.opinion_needs_answer = opinion_needs_reason(market.opinion)

    @api.depends('amount_estimated', 'lot_ids.amount_estimated')
    def _compute_lots_amount(self):
        for market in self:
            amounts = market.lot_ids.mapped('amount_estimated')
            total, gap = lots_amount_gap(market.amount_estimated, amounts)
            market.lots_amount_total = total
            market.lots_amount_gap = gap
            market.lots_amount_warning = market._lots_amount_message(total, gap) if \
                lots_amount_mismatch(market.amount_estimated, amounts) else False

    def _lots_amount_message(self, total, gap):
        """The warning of a market whose lots do not add up to its estimated amount."""
        self.ensure_one()
        return _("The lots add up to %s EUR excl. VAT while the market is estimated at %s "
                 "EUR excl. VAT (gap: %s EUR): check the amounts of the lots or of the "
                 "market.") % (fr_amount(total), fr_amount(self.amount_estimated),
                               fr_amount(gap))

    def _lots_amount_warning(self, exceeding_only=False):
        """The onchange warning of the lots' amounts; ``exceeding_only``: only when the lots
        exceed the market (while lots are being added, a smaller total is expected)."""
        amounts = self.lot_ids.mapped('amount_estimated')
        if not lots_amount_mismatch(self.amount_estimated, amounts):
            return {}
        total, gap = lots_amount_gap(self.amount_estimated, amounts)
        if exceeding_only and gap > 0:
            return {}
        return {'warning': {'title': _("Amounts of the lots"),
                            'message': self._lots_amount_message(total, gap)}}

    @api.onchange('amount_estimated')
    def _onchange_amount_estimated(self):
        """A warning, not an error: the market's amount typed while its lots add up to
        another; the banner of the form shows any gap."""
        return self._lots_amount_warning()

    @api.onchange('lot_ids')
    def _onchange_lot_ids_amount(self):
        return self._lots_amount_warning(exceeding_only=True)

    @api.model
    def create(self, vals):
        self._asr_guard_vals(vals)
        vals = dict(vals)
        if vals.get('reference', '/') == '/':
            vals['reference'] = self.env['ir.sequence'].next_by_code('asr.market') or '/'
        market = super(AsrMarket, self._asr_trusted()).create(vals).with_env(self.env)
        market._schedule_step_activity()
        return market

    @api.multi
    def write(self, vals):
        if ('charter_id' in vals and not self._asr_in_transition()
                and not self._asr_is_superuser()
                and self.filtered(lambda m: m.charter_id.id != vals['charter_id'] and (
                    m.state != 'to_examine' or m.mapped('lot_ids.clause_ids').filtered(
                        lambda c: c.state != 'draft')))):
            raise AsrAccessError('market.charter_frozen', _(
                "The charter of a market cannot change once its examination "
                "is done: examine it again first."))
        if ('opinion_answer' in vals and not self._asr_in_transition()
                and not self._asr_is_superuser()
                and self.filtered(lambda m: m.state != 'opinion'
                                  and (m.opinion_answer or False) != (vals['opinion_answer']
                                                                      or False))):
            raise AsrUserError('market.opinion_answer_step', _(
                "The buyer's reason for not following the opinion is written "
                "once the facilitator's opinion is given and before the "
                "validation of the examination."))
        return super(AsrMarket, self).write(vals)

    @api.multi
    def name_get(self):
        """In one query of two columns for the markets already saved (naming thousands of
        markets must not load all their columns)."""
        if not self.ids or not all(isinstance(i, int) for i in self.ids):
            return [(m.id, market_label(m.reference, m.name)) for m in self]
        self.check_access_rights('read')
        self.check_access_rule('read')
        self.env.cr.execute("SELECT id, reference, name FROM asr_market WHERE id IN %s",
                            (tuple(self.ids),))
        names = {row[0]: market_label(row[1], row[2]) for row in self.env.cr.fetchall()}
        return [(market_id, names.get(market_id, '')) for market_id in self.ids]

    @api.constrains('amount_estimated', 'duration_months')
    def _check_amounts(self):
        for market in self:
            if market.amount_estimated <= 0:
                raise AsrValidationError('market.amount_estimated', _(
                    "The estimated amount of the market \"%s\" must be positive.")
                    % market.name)
            if market.duration_months <= 0:
                raise AsrValidationError('market.duration', _(
                    "The duration of the market \"%s\" must be at least one month.")
                    % market.name)

    @api.constrains('nature', 'service_category', 'duration_months', 'consultation_date',
                    'buyer_entity_id', 'cpv_code')
    def _check_lots_again(self):
        """The legal checks of the lots read these fields: they run again when one changes
        (e.g. an ESS reservation turned into works, or extended beyond 3 years)."""
        lots = self.mapped('lot_ids')
        (lots | lots._asr_related_ess_lots()).sudo()._check_legal()

    @api.constrains('nature', 'service_category')
    def _check_service_category(self):
        for market in self:
            if market.nature == 'services' and not market.service_category:
                raise AsrValidationError('market.service_category', _(
                    "Give the category of services of the market \"%s\" (health, social, "
                    "cultural or other).") % market.name)

    # ------------------------------------------------------------------ workflow
    def _asr_check_buyer_in_charge(self):
        """The buyer in charge of every market of ``self``, or an ASR manager."""
        user = self.env.user
        if self._asr_is_superuser() or user.has_group('asr_charter.group_asr_manager'):
            return
        if not user.has_group('asr_charter.group_asr_buyer') or \
                self.filtered(lambda m: m.user_id != user):
            raise AsrAccessError('market.buyer_in_charge', _(
                "Only the buyer in charge of the market or an ASR manager can "
                "do this."))

    def _asr_check_manager(self, message):
        if not (self._asr_is_superuser()
                or self.env.user.has_group('asr_charter.group_asr_manager')):
            raise AsrAccessError('market.manager_only', message)

    @api.multi
    def action_examined(self):
        """The buyer has examined every lot: dispositions chosen, or none with a reason."""
        self._asr_check_buyer_in_charge()
        for market in self:
            if market.state != 'to_examine':
                raise AsrUserError('market.not_to_examine', _(
                    "The market \"%s\" is not waiting for its examination.")
                    % market.display_name)
            if not market.lot_ids:
                raise AsrUserError('market.no_lot', _(
                    "Add at least one lot to the market \"%s\" before "
                    "examining it.") % market.display_name)
            for lot in market.lot_ids:
                lot._check_examined()
        self._asr_trusted().write({'state': 'examined'})
        self._schedule_step_activity()
        self._notify_facilitator()
        return True

    def _notify_facilitator(self):
        """Tell the facilitator (by the chatter, hence by email) that an opinion is awaited."""
        for market in self:
            member = market.charter_id.facilitator_member_id
            partner = member.contact_id or member.partner_id
            if partner:
                # in the facilitator's language: the message is e-mailed to them
                lang = partner.lang or market._asr_user_env().lang
                market.with_context(lang=lang)._asr_post_opinion_awaited(partner)

    def _asr_post_opinion_awaited(self, partner):
        self.ensure_one()
        return self.message_post(
            body=_("The examination of %s is done: the facilitator's opinion is awaited "
                   "on the portal (/my/asr/markets).") % html_escape(self.name_get()[0][1]),
            partner_ids=partner.ids, subtype='mail.mt_comment')

    @api.multi
    def action_give_opinion(self, opinion, text, recommendation=None):
        """An ASR manager records the facilitator's opinion on their behalf (the facilitator
        gives it on the portal, which calls _asr_give_opinion)."""
        self._asr_check_manager(_("Only the facilitator, on the portal, or an ASR manager on "
                                  "their behalf gives the opinion."))
        return self._asr_give_opinion(self.env.user, opinion, text, recommendation)

    @api.multi
    def _asr_give_opinion(self, actor, opinion, text, recommendation=None):
        """Record the opinion of ``actor``: the facilitator of every market's charter or an
        ASR manager; signed with the actor's partner."""
        if isinstance(actor, int):
            actor = self.env['res.users'].browse(actor)
        if not (actor._is_superuser() or actor.has_group('asr_charter.group_asr_manager')
                or (actor.has_group('asr_charter.group_asr_facilitator')
                    and self.mapped('charter_id')._asr_is_facilitated_by(actor))):
            raise AsrAccessError('market.facilitator_only', _(
                "Only the facilitator of the market's charter (or an ASR "
                "manager on their behalf) gives the opinion."))
        if opinion not in dict(OPINIONS):
            raise AsrUserError('market.opinion_choice', _(
                "Choose an opinion: favourable, reserved or unfavourable."))
        if not isinstance(text, str) or not text.strip():
            raise AsrUserError('market.opinion_text', _("Write the reasons of the opinion."))
        if recommendation not in (None, False) and not isinstance(recommendation, str):
            raise AsrUserError('market.recommendation_text', _(
                "Write the recommended dispositions as a text."))
        for market in self:
            if market.state != 'examined':
                raise AsrUserError('market.not_examined', _(
                    "The market \"%s\" is not waiting for an opinion.")
                    % market.display_name)
        self._asr_writer(actor).write({
            'state': 'opinion', 'opinion': opinion, 'opinion_text': text.strip(),
            'opinion_recommendation': (recommendation or '').strip() or False,
            'opinion_date': fields.Date.context_today(self),
            'opinion_author_id': actor.partner_id.id,
        })
        label = dict(self._fields['opinion']._description_selection(
            self._asr_user_env()))[opinion]
        for market in self:
            market._asr_post_as(actor, body=_("Facilitator opinion: %s. %s") % (
                label, html_escape(text.strip())))
        self._schedule_step_activity(actor)
        return True

    @api.multi
    def action_validate(self, reason=None):
        """An ASR manager validates the examination; after a reserved or unfavourable
        opinion, only with the buyer's reason for not following it (``reason``, or the one
        already written on the market)."""
        self._asr_check_manager(_("Only an ASR manager (Responsable) validates an "
                                  "examination."))
        if reason is not None and not isinstance(reason, str):
            raise AsrUserError('market.reason_text', _("Write the reason as a text."))
        reason = (reason or '').strip()
        for market in self:
            if market.state != 'opinion':
                raise AsrUserError('market.no_opinion', _(
                    "The market \"%s\" needs the facilitator's opinion before "
                    "its validation.") % market.display_name)
            if opinion_needs_reason(market.opinion) and not (
                    reason or (market.opinion_answer or '').strip()):
                raise AsrUserError('market.reason_missing', _(
                    "The facilitator's opinion on the market \"%s\" is %s: write the buyer's "
                    "reason for not following it before validating the examination.") % (
                    market.display_name, market._opinion_label().lower()))
        if reason:
            self.write({'opinion_answer': reason})
        self._asr_trusted().write({'state': 'validated', 'validation_user_id': self.env.uid,
                                   'validation_date': fields.Date.context_today(self)})
        self._schedule_step_activity()
        return True

    @api.multi
    def action_open_validation(self):
        """The button "Validate the examination": at once after a favourable opinion; after a
        reserved or unfavourable one, a dialog asks for the buyer's reason first."""
        self._asr_check_manager(_("Only an ASR manager (Responsable) validates an "
                                  "examination."))
        self.ensure_one()
        if not opinion_needs_reason(self.opinion):
            return self.action_validate()
        return {
            'type': 'ir.actions.act_window', 'res_model': 'asr.market.validate',
            'view_mode': 'form', 'target': 'new', 'name': _('Validate the examination'),
            'context': {'default_market_id': self.id,
                        'default_reason': self.opinion_answer or False},
        }

    def _opinion_label(self):
        self.ensure_one()
        return dict(self._fields['opinion']._description_selection(
            self._asr_user_env())).get(self.opinion, '')

    @api.multi
    def action_reset(self):
        """Back to examination (e.g. after an unfavourable opinion): an ASR manager."""
        self._asr_check_manager(_("Only an ASR manager (Responsable) sends a market back to "
                                  "its examination."))
        self._asr_trusted().write({
            'state': 'to_examine', 'opinion': False, 'opinion_text': False,
            'opinion_recommendation': False, 'opinion_date': False,
            'opinion_author_id': False, 'validation_user_id': False,
            'validation_date': False, 'opinion_answer': False})
        self._schedule_step_activity()
        return True

    def _schedule_step_activity(self, actor=None):
        """Close the previous step's activity and schedule one for the next person. The
        closing message is signed by who acts (``actor``: the facilitator on the portal, else
        the user), in their language, not by the superuser that closes it."""
        actor = actor or self.env.user
        for market in self:
            market._asr_open_todos().sudo().with_context(
                lang=self.env.context.get('lang') or actor.lang,
                **{'default_' + key: value for key, value
                   in self._asr_author_values(actor).items()}).action_feedback(
                feedback=_('Step done.'))
            user, summary = market._next_step()
            if user:
                market.sudo()._asr_schedule_todo(user, summary)

    def _next_step(self):
        self.ensure_one()
        if self.state == 'to_examine':
            return self.user_id, _('Examine the lots for a social disposition')
        if self.state == 'examined':
            # the facilitator works through the portal: the buyer follows up the opinion
            return self.user_id, _("Obtain the facilitator's opinion (portal)")
        if self.state == 'opinion':
            root = self.env.ref('base.user_root')
            manager = self.env.ref('asr_charter.group_asr_manager').users.filtered(
                lambda u: u.active and u != root)[:1]
            return manager or self.user_id, _('Validate the examination')
        return self.env['res.users'], None
