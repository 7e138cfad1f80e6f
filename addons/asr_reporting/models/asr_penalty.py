import base64
import datetime

from odoo import _, api, fields, models
from odoo.tools import html_escape

from odoo.addons.asr_charter.exceptions import AsrAccessError, AsrUserError, AsrValidationError
from odoo.addons.asr_charter.rules.dates import fr_date, fr_month
from odoo.addons.asr_charter.rules.numbers import fr_amount, fr_number
from odoo.addons.asr_clauses.rules import penalties as rule

STATES = [
    ('draft', 'Computed'),
    ('proposed', 'Proposed (contradictory procedure)'),
    ('approved', 'Approved'),
    ('notified', 'Notified'),
    ('applied', 'Applied'),
    ('cancelled', 'Cancelled'),
]
REDUCTION_STATES = [('none', 'None'), ('proposed', 'Proposed'), ('approved', 'Approved'),
                    ('refused', 'Refused')]
# the states whose figures are decided: a recomputation only warns
DECIDED = ('approved', 'notified', 'applied')
REASON_MAX_LENGTH = 2000
FINANCE = 'asr_charter.group_asr_finance'
MANAGER = 'asr_charter.group_asr_manager'


class AsrPenalty(models.Model):
    """The penalty of a clause for a period, by cause (missing hours, late monthly reports,
    social actions not carried out), capped and reduced as the clause and the responsable
    decide, from its computation to its deduction by finance.

    The arithmetic is asr_clauses/rules/penalties.py; this model gathers its inputs, keeps
    each line's figures and runs the workflow: computed -> proposed by the buyer (the
    contractor is sent the draft notice and may answer within the charter's number of
    days) -> approved by a responsable -> notified -> applied by finance (credit note or
    deduction line) -> or cancelled with a reason before it is applied.
    """

    _name = 'asr.penalty'
    _description = 'Penalty of a clause'
    _inherit = ['mail.thread', 'asr.activity.mixin', 'asr.guard.mixin']
    _order = 'date_from desc, id desc'
    _asr_name_search_fields = ('name', 'clause_id.code', 'market_id.name',
                               'market_id.reference', 'partner_id.name')
    _asr_limits = {'answer_text': 10000, 'cancel_reason': REASON_MAX_LENGTH,
                   'reduction_reason': REASON_MAX_LENGTH}
    # written by the workflow methods only (their checks first)
    _asr_protected = {
        'state', 'name', 'line_ids', 'hours_objective', 'hours_realised', 'final',
        'amount_gross', 'cap_amount', 'cap_already', 'capped_part', 'reduction_amount',
        'amount_total', 'amount_provisional', 'amount_missing_hours', 'amount_late_reports',
        'amount_social_actions', 'computed_date', 'proposed_by_id', 'proposed_date',
        'answer_deadline', 'approved_by_id', 'approved_date', 'notified_date',
        'applied_by_id', 'applied_date', 'invoice_id', 'cancel_reason', 'cancelled_by_id',
        'reduction_state', 'reduction_reason', 'reduction_letter_date', 'reduction_letter',
        'reduction_letter_name', 'reduction_proposed_by_id', 'reduction_proposed_date',
        'reduction_approved_by_id', 'recompute_total', 'recompute_difference'}
    _asr_frozen = {'clause_id'}

    name = fields.Char('Reference', readonly=True, copy=False, default='/')
    clause_id = fields.Many2one('asr.clause', 'Clause', required=True, index=True,
                                ondelete='restrict',
                                domain=[('clause_type', 'in', ('insertion', 'social_action'))])
    clause_type = fields.Selection(related='clause_id.clause_type', readonly=True)
    lot_id = fields.Many2one(related='clause_id.lot_id', store=True, readonly=True,
                             string='Lot')
    market_id = fields.Many2one(related='clause_id.market_id', store=True, readonly=True,
                                string='Market')
    charter_id = fields.Many2one(related='clause_id.charter_id', store=True, readonly=True,
                                 string='Charter', index=True)
    partner_id = fields.Many2one(related='clause_id.partner_id', store=True, readonly=True,
                                 string='Contractor', index=True)
    partner_siret = fields.Char(related='clause_id.partner_id.asr_siret', readonly=True,
                                string='Contractor SIRET')
    company_id = fields.Many2one(related='clause_id.company_id', store=True, readonly=True,
                                 string='Company', index=True)
    currency_id = fields.Many2one(related='clause_id.currency_id', readonly=True,
                                  string='Currency')
    buyer_id = fields.Many2one(related='clause_id.market_id.user_id', readonly=True,
                               string='Buyer in charge')
    date_from = fields.Date('Period from', required=True, track_visibility='onchange')
    date_to = fields.Date('Period to', required=True, track_visibility='onchange')
    state = fields.Selection(STATES, 'State', default='draft', required=True, readonly=True,
                             copy=False, index=True, track_visibility='onchange')
    # figures of the last computation
    line_ids = fields.One2many('asr.penalty.line', 'penalty_id', 'Causes', readonly=True)
    computed_date = fields.Date('Computed on', readonly=True, copy=False)
    final = fields.Boolean(
        'End of execution', readonly=True,
        help="The period reaches the end of the contract and the contract is over: the "
             "missing hours and the social actions are billed; otherwise they are shown "
             "as provisional figures, never billed.")
    hours_objective = fields.Integer('Hour objective', readonly=True)
    hours_realised = fields.Float('Hours realised (validated)', readonly=True)
    amount_missing_hours = fields.Monetary('Missing hours', readonly=True)
    amount_late_reports = fields.Monetary('Late reports', readonly=True)
    amount_social_actions = fields.Monetary('Social actions', readonly=True)
    amount_provisional = fields.Monetary('Provisional (not billed)', readonly=True)
    amount_gross = fields.Monetary('Total of the causes', readonly=True)
    cap_amount = fields.Monetary('Cap of the clause', readonly=True)
    cap_already = fields.Monetary('Charged by the earlier penalties', readonly=True)
    capped_part = fields.Monetary('Above the cap', readonly=True)
    amount_total = fields.Monetary('Amount due', readonly=True, track_visibility='onchange')
    # contradictory procedure
    proposed_by_id = fields.Many2one('res.users', 'Proposed by', readonly=True, copy=False)
    proposed_date = fields.Date('Proposed on', readonly=True, copy=False)
    answer_deadline = fields.Date('Contractor may answer until', readonly=True, copy=False)
    answer_date = fields.Date('Contractor answered on', copy=False,
                              track_visibility='onchange')
    answer_text = fields.Text("Contractor's answer", copy=False)
    approved_by_id = fields.Many2one('res.users', 'Approved by', readonly=True, copy=False)
    approved_date = fields.Date('Approved on', readonly=True, copy=False)
    notified_date = fields.Date('Notified on', readonly=True, copy=False)
    applied_by_id = fields.Many2one('res.users', 'Applied by', readonly=True, copy=False)
    applied_date = fields.Date('Applied on', readonly=True, copy=False)
    invoice_id = fields.Many2one('account.invoice', 'Credit note or bill', readonly=True,
                                 copy=False, ondelete='restrict')
    invoice_ref = fields.Char('Invoice number', compute='_compute_invoice_ref')
    cancel_reason = fields.Text('Reason of the cancellation', readonly=True, copy=False)
    cancelled_by_id = fields.Many2one('res.users', 'Cancelled by', readonly=True, copy=False)
    # reduction
    reduction_state = fields.Selection(REDUCTION_STATES, 'Reduction', default='none',
                                       required=True, readonly=True, copy=False,
                                       track_visibility='onchange')
    reduction_proposed = fields.Monetary('Reduction proposed', readonly=True, copy=False)
    reduction_amount = fields.Monetary('Reduction granted', readonly=True, copy=False)
    reduction_reason = fields.Text('Reason of the reduction', readonly=True, copy=False)
    reduction_letter_date = fields.Date('Registered letter of', readonly=True, copy=False,
                                        help="Date of the registered letter by which the "
                                             "contractor notified its difficulties.")
    reduction_letter = fields.Binary('Registered letter', attachment=True, readonly=True,
                                     copy=False)
    reduction_letter_name = fields.Char('Letter file name', readonly=True, copy=False)
    reduction_proposed_by_id = fields.Many2one('res.users', 'Reduction proposed by',
                                               readonly=True, copy=False)
    reduction_proposed_date = fields.Date('Reduction proposed on', readonly=True, copy=False)
    reduction_approved_by_id = fields.Many2one('res.users', 'Reduction decided by',
                                               readonly=True, copy=False)
    # a recomputation after the decision: shown, never written silently
    recompute_total = fields.Monetary('Amount with the present figures', readonly=True,
                                      copy=False)
    recompute_difference = fields.Monetary('Difference with the present figures',
                                           readonly=True, copy=False)

    @api.multi
    def name_get(self):
        return [(p.id, '%s — %s' % (p.name, p.clause_id.display_name)) for p in self]

    @api.depends('invoice_id.number', 'invoice_id.reference')
    def _compute_invoice_ref(self):
        for penalty in self:
            invoice = penalty.sudo().invoice_id
            penalty.invoice_ref = invoice.number or invoice.reference or (
                invoice and _('draft %s') % invoice.id) or False

    @api.multi
    def action_open_invoice(self):
        self.ensure_one()
        invoice = self.invoice_id
        view = self.env.ref('account.invoice_supplier_form')
        return {'type': 'ir.actions.act_window', 'res_model': 'account.invoice',
                'res_id': invoice.id, 'view_mode': 'form', 'views': [(view.id, 'form')],
                'name': invoice.display_name}

    # ------------------------------------------------------------------ create / write
    @api.model
    def default_get(self, fields_list):
        values = super(AsrPenalty, self).default_get(fields_list)
        clause = self.env['asr.clause'].browse(values.get('clause_id'))
        if clause.exists() and 'date_from' in fields_list and not values.get('date_from'):
            values['date_from'] = clause.date_start
            values['date_to'] = min(clause.date_end or fields.Date.context_today(self),
                                    fields.Date.context_today(self))
        return values

    @api.model
    def create(self, vals):
        self._asr_guard_vals(vals)
        clause = self.env['asr.clause'].browse(vals.get('clause_id'))
        if clause.exists():
            clause.check_access_rule('read')
            clause.mapped('market_id')._asr_check_buyer_in_charge()
            self._asr_check_clause(clause.sudo())
        vals = dict(vals, name=self.env['ir.sequence'].sudo().next_by_code('asr.penalty')
                    or '/')
        penalty = super(AsrPenalty, self._asr_trusted()).create(vals)
        penalty._asr_compute()
        return penalty.with_env(self.env)

    @api.multi
    def write(self, vals):
        if not self._asr_in_transition() and not self._asr_is_superuser():
            if {'date_from', 'date_to'} & set(vals) and self.filtered(
                    lambda p: p.state != 'draft'):
                raise AsrUserError('penalty.period_locked', _(
                    "The period of a penalty changes only while it is computed (draft)."))
            if {'answer_date', 'answer_text'} & set(vals):
                if self.filtered(lambda p: p.state != 'proposed'):
                    raise AsrUserError('penalty.answer_step', _(
                        "The contractor's answer is recorded during the contradictory "
                        "procedure, once the penalty is proposed."))
                self.mapped('market_id')._asr_check_buyer_in_charge()
        res = super(AsrPenalty, self).write(vals)
        if {'date_from', 'date_to'} & set(vals) and not self._asr_in_transition():
            self._asr_compute()
        return res

    @api.multi
    def unlink(self):
        if not self._asr_is_superuser() and self.filtered(lambda p: p.state != 'draft'):
            raise AsrUserError('penalty.unlink', _(
                "Only a computed penalty (draft) can be deleted; cancel it with a reason "
                "otherwise."))
        self.mapped('market_id')._asr_check_buyer_in_charge()
        # sudo: the lines are written by the computation only (nobody has write access)
        self.sudo().mapped('line_ids').unlink()
        return super(AsrPenalty, self).unlink()

    # ------------------------------------------------------------------ constraints
    @api.constrains('date_from', 'date_to', 'clause_id', 'state')
    def _check_period(self):
        for penalty in self:
            if penalty.date_from > penalty.date_to:
                raise AsrValidationError('penalty.period_order', _(
                    "The period of a penalty ends after it starts (%s - %s).")
                    % (fr_date(penalty.date_from), fr_date(penalty.date_to)))
            if penalty.state == 'cancelled':
                continue
            overlap = self.sudo().search([
                ('id', '!=', penalty.id), ('clause_id', '=', penalty.clause_id.id),
                ('state', '!=', 'cancelled'), ('date_from', '<=', penalty.date_to),
                ('date_to', '>=', penalty.date_from)], limit=1)
            if overlap:
                raise AsrValidationError('penalty.overlap', _(
                    "The penalty %s already covers part of this period (%s - %s) for this "
                    "clause: a cause is penalised once per period. Cancel it or choose "
                    "another period.") % (
                    overlap.name, fr_date(overlap.date_from), fr_date(overlap.date_to)))

    @api.model
    def _asr_check_clause(self, clause):
        """A penalty needs what the clause promised: an hour objective, committed actions."""
        if clause.clause_type == 'insertion':
            if clause.hour_objective <= 0:
                raise AsrUserError('penalty.no_objective', _(
                    "The clause \"%s\" has no hour objective: no penalty can be computed "
                    "for missing hours.") % clause.display_name)
        elif clause.clause_type == 'social_action':
            if not clause.action_ids:
                raise AsrUserError('penalty.no_objective', _(
                    "The social action clause \"%s\" commits to no action: no penalty can "
                    "be computed.") % clause.display_name)
        else:
            raise AsrUserError('penalty.clause_type', _(
                "Penalties apply to insertion and social action clauses, not to \"%s\".")
                % clause.display_name)

    # ------------------------------------------------------------------ computation
    def _asr_today(self):
        return fields.Date.from_string(fields.Date.context_today(self))

    def _asr_is_final(self, clause):
        """Whether the missing hours and actions of ``clause`` are due in this penalty: the
        period reaches the contract's end and the contract is over (closed or ended)."""
        end = fields.Date.from_string(clause.date_end)
        return bool(end and fields.Date.from_string(self.date_to) >= end
                    and (clause.state == 'closed' or self._asr_today() > end))

    def _asr_earlier_charged(self):
        """What the clause's other penalties charged before this one (capped, before their
        reductions): the cap is shared by all of them."""
        others = self.sudo().search([
            ('clause_id', '=', self.clause_id.id), ('state', '!=', 'cancelled'),
            ('id', '!=', self.id), ('date_from', '<', self.date_from)])
        return sum(p.amount_gross - p.capped_part for p in others)

    def _asr_rule_error(self, err):
        """The French message of a rules.penalties error."""
        values = err.values
        if err.key == 'negative_rate':
            return AsrValidationError('penalty.negative_rate', _(
                "The penalty rates of the clause \"%s\" cannot be negative (%s given).")
                % (self.clause_id.display_name, values.get('value')))
        if err.key == 'no_objective':
            return AsrUserError('penalty.no_objective', _(
                "The clause \"%s\" has no objective: no penalty can be computed.")
                % self.clause_id.display_name)
        if err.key == 'cap':
            return AsrValidationError('penalty.cap', _(
                "The penalty cap of the clause \"%s\" must be between 0 and 100 %%.")
                % self.clause_id.display_name)
        if err.key == 'reduction':
            return AsrUserError('penalty.reduction_above_total', _(
                "The reduction (%s EUR) must be positive and at most the amount of the "
                "penalty after the cap (%s EUR).") % (
                fr_amount(values.get('value')), fr_amount(values.get('total'))))
        return AsrUserError('penalty.' + err.key, err.key)

    def _asr_figures(self, reduction=None):
        """(line values, rules Total, hours realised, whether final) of this penalty with the
        present hours, reports and actions; nothing written."""
        self.ensure_one()
        clause = self.clause_id.sudo()
        today = self._asr_today()
        final = self._asr_is_final(clause)
        to_date = fields.Date.from_string
        end = to_date(self.date_to)
        lines, billed = [], []
        # the end-of-contract causes another penalty of the clause already charges
        charged = {(line.cause, line.action_id.id) for line in self.env[
            'asr.penalty.line'].sudo().search([
                ('clause_id', '=', clause.id), ('penalty_id', '!=', self.id),
                ('penalty_id.state', '!=', 'cancelled'), ('provisional', '=', False),
                ('cause', 'in', ('missing_hours', 'social_action'))])}

        def add(line, provisional=False, **extra):
            if line is None or not provisional and (
                    line.cause, extra.get('action_id', False)) in charged:
                return
            values = dict(extra, cause=line.cause, quantity=float(line.quantity),
                          rate=float(line.rate), amount=float(line.amount),
                          provisional=provisional, sequence=len(lines) + 1)
            lines.append(values)
            if not provisional:
                billed.append(line)

        try:
            if clause.clause_type == 'insertion':
                add(rule.missing_hours_line(clause.hour_objective, clause.hours_realised,
                                            clause.penalty_rate_missing_hour),
                    provisional=not final, unit='hour', description=_(
                        "Objective %s h, validated eligible hours %s h: %s h missing") % (
                        clause.hour_objective, fr_number(clause.hours_realised),
                        fr_number(max(0.0, clause.hour_objective - clause.hours_realised))))
            else:
                for action in clause.action_ids:
                    records = action.record_ids.filtered(
                        lambda r: r.state == 'validated' and r.attachment_ids)
                    per_person = clause.penalty_action_basis == 'person'
                    done = sum(records.mapped('people_count')) if per_person else len(records)
                    expected = action.people_count if per_person else 1
                    add(rule.social_action_line(expected, done, clause.penalty_rate_action,
                                                per_person),
                        provisional=not final, action_id=action.id,
                        unit='person' if per_person else 'action', description=_(
                            "%s: %s of %s people reached with supporting documents") % (
                            action.display_name, sum(records.mapped('people_count')),
                            action.people_count))
            reports = self.env['asr.monthly.report'].sudo().search([
                ('clause_id', '=', clause.id), ('due_date', '>=', self.date_from),
                ('due_date', '<=', self.date_to)], order='month')
            for report in reports:
                received = to_date(report.received_date)
                add(rule.late_report_line(to_date(report.due_date), received,
                                          min(today, end), clause.penalty_rate_late_day),
                    report_id=report.id, unit='day', description=_(
                        "Report of %s due on %s, %s") % (
                        fr_month(report.month), fr_date(report.due_date),
                        _("received on %s") % fr_date(received) if received
                        else _("not received on %s") % fr_date(min(today, end))))
            total = rule.total(billed, clause.penalty_cap_percent,
                               clause.lot_id.amount_awarded,
                               self.reduction_amount if reduction is None else reduction,
                               self._asr_earlier_charged())
        except rule.PenaltyError as err:
            raise self._asr_rule_error(err)
        return lines, total, clause.hours_realised, final

    def _asr_total_values(self, lines, total, realised, final):
        by_cause = {}
        provisional = 0.0
        for line in lines:
            if line['provisional']:
                provisional += line['amount']
            else:
                by_cause[line['cause']] = by_cause.get(line['cause'], 0.0) + line['amount']
        return {
            'hours_objective': self.clause_id.sudo().hour_objective,
            'hours_realised': realised, 'final': final,
            'amount_missing_hours': by_cause.get('missing_hours', 0.0),
            'amount_late_reports': by_cause.get('late_report', 0.0),
            'amount_social_actions': by_cause.get('social_action', 0.0),
            'amount_provisional': provisional,
            'amount_gross': float(total.gross),
            'cap_amount': float(total.cap or 0), 'cap_already': float(total.already),
            'capped_part': float(total.capped_part),
            'reduction_amount': float(total.reduction), 'amount_total': float(total.total),
            'computed_date': fields.Date.context_today(self),
            'recompute_total': 0.0, 'recompute_difference': 0.0,
        }

    @api.multi
    def _asr_compute(self):
        """Compute the lines and totals of these penalties from the present figures (the
        checks of who acts are done by the callers)."""
        for penalty in self:
            lines, total, realised, final = penalty._asr_figures()
            values = penalty._asr_total_values(lines, total, realised, final)
            values['line_ids'] = [(5, 0, 0)] + [(0, 0, line) for line in lines]
            # sudo: the lines are readonly for every group, written here only
            penalty.sudo()._asr_trusted().write(values)
        return True

    @api.model
    def _asr_figures_changed(self, clause_ids):
        """The hours or reports of ``clause_ids`` changed: computed and proposed penalties
        are recomputed; decided ones keep their figures and show the difference."""
        if not clause_ids:
            return
        penalties = self.sudo().search([('clause_id', 'in', list(clause_ids)),
                                        ('state', 'in', ('draft', 'proposed') + DECIDED)])
        for penalty in penalties:
            if penalty.state in ('draft', 'proposed'):
                try:
                    penalty._asr_compute()
                except (AsrUserError, AsrValidationError):
                    continue  # e.g. a reduction now above the total: shown at the next step
                continue
            try:
                lines, total, realised, final = penalty._asr_figures()
            except (AsrUserError, AsrValidationError):
                continue
            difference = float(total.total) - penalty.amount_total
            penalty._asr_trusted().write({
                'recompute_total': float(total.total),
                'recompute_difference': difference})

    # ------------------------------------------------------------------ who acts
    def _asr_check_buyer(self):
        self.mapped('market_id')._asr_check_buyer_in_charge()

    def _asr_check_manager(self, message):
        if not (self._asr_is_superuser() or self.env.user.has_group(MANAGER)):
            raise AsrAccessError('penalty.manager_only', message)

    def _asr_check_state(self, states, message):
        for penalty in self:
            if penalty.state not in states:
                raise AsrUserError('penalty.state', message % penalty.name)

    def _asr_managers(self):
        root = self.env.ref('base.user_root')
        return self.env.ref(MANAGER).users.filtered(lambda u: u.active and u != root)

    def _asr_next_todo(self, user, summary, deadline=None):
        """Close the open to-dos of the penalty and schedule the next one."""
        lang = self.env.context.get('lang') or self.env.user.lang
        for penalty in self:
            penalty._asr_open_todos().sudo().with_context(lang=lang).action_feedback(
                feedback=_('Step done.'))
            if user:
                penalty.sudo()._asr_schedule_todo(user, summary, deadline)

    # ------------------------------------------------------------------ workflow
    @api.multi
    def action_compute(self):
        """Compute again (computed or proposed penalties) from the present figures."""
        self._asr_check_backend_user()
        self._asr_check_buyer()
        self._asr_check_state(('draft', 'proposed'), _(
            "The penalty %s is decided: a responsable re-opens it to compute it again."))
        self._asr_compute()
        return True

    @api.multi
    def action_propose(self):
        """The buyer proposes the penalty: the contradictory procedure starts, the contractor
        is sent the draft notice and may answer within the charter's number of days."""
        self._asr_check_backend_user()
        self._asr_check_buyer()
        self._asr_check_state(('draft',), _("The penalty %s is not computed (draft)."))
        self._asr_compute()
        for penalty in self:
            if penalty.amount_total <= 0:
                raise AsrUserError('penalty.nothing_due', _(
                    "The penalty %s comes to 0 EUR: there is nothing to propose (cancel it "
                    "with a reason).") % penalty.name)
            days = penalty.charter_id.sudo().penalty_answer_days
            today = self._asr_today()
            penalty._asr_trusted().write({
                'state': 'proposed', 'proposed_by_id': self.env.uid,
                'proposed_date': fields.Date.to_string(today),
                'answer_deadline': fields.Date.to_string(today + datetime.timedelta(days))})
            penalty._asr_send_notice()
            managers = penalty._asr_managers()
            penalty._asr_next_todo(managers[:1] or penalty.buyer_id, _(
                "Approve the penalty once the contractor has answered or the time to answer "
                "is over"), penalty.answer_deadline)
        return True

    @api.multi
    def action_approve(self):
        """A responsable approves the penalty after the contradictory procedure: the
        contractor answered, or the time to answer is over."""
        self._asr_check_backend_user()
        self._asr_check_manager(_("Only an ASR manager (Responsable) approves a penalty."))
        self._asr_check_state(('proposed',), _("The penalty %s is not proposed."))
        today = fields.Date.context_today(self)
        for penalty in self:
            if not penalty.answer_date and penalty.answer_deadline >= today:
                raise AsrUserError('penalty.contradictory_period', _(
                    "The contractor may answer until %s: approve the penalty %s after that "
                    "date or once their answer is recorded.") % (
                    fr_date(penalty.answer_deadline), penalty.name))
            if penalty.reduction_state == 'proposed':
                raise AsrUserError('penalty.reduction_pending', _(
                    "A reduction of the penalty %s is proposed: approve or refuse it "
                    "first.") % penalty.name)
        self._asr_compute()
        self._asr_trusted().write({'state': 'approved', 'approved_by_id': self.env.uid,
                                   'approved_date': today})
        for penalty in self:
            penalty._asr_next_todo(penalty.buyer_id, _("Notify the penalty to the contractor"))
        return True

    @api.multi
    def action_notify(self):
        """The approved penalty is notified to the contractor: the notice (PDF) is attached
        and sent by the chatter; finance may then apply it."""
        self._asr_check_backend_user()
        self._asr_check_buyer()
        self._asr_check_state(('approved',), _("The penalty %s is not approved."))
        self._asr_trusted().write({'state': 'notified',
                                   'notified_date': fields.Date.context_today(self)})
        finance = self.env.ref(FINANCE).users.filtered('active')
        for penalty in self:
            penalty._asr_send_notice()
            penalty._asr_next_todo(finance[:1], _("Apply the penalty (credit note)"))
        return True

    @api.multi
    def action_apply(self):
        """Finance deducts the notified penalty: a vendor credit note for the contractor, or
        a deduction line on its next draft vendor bill of the lot's purchase order, as the
        company prefers. Returns True (callable over XML-RPC)."""
        self._asr_check_backend_user()
        if not (self._asr_is_superuser() or self.env.user.has_group(FINANCE)):
            raise AsrAccessError('penalty.finance_only', _(
                "Only finance (ASR / Finance) applies a penalty."))
        for penalty in self:
            if penalty.state == 'applied':
                raise AsrUserError('penalty.already_applied', _(
                    "The penalty %s is already applied (%s).") % (
                    penalty.name, penalty.invoice_ref or ''))
        self._asr_check_state(('notified',), _(
            "The penalty %s is not notified to the contractor yet."))
        for penalty in self:
            penalty._asr_check_not_applied_elsewhere()
            account = penalty.company_id.sudo().asr_penalty_account_id
            if not account:
                raise AsrUserError('penalty.no_account', _(
                    "Configure the penalty account of the company %s (Settings > Companies, "
                    "ASR tab) before applying a penalty.") % penalty.company_id.name)
            invoice = penalty._asr_deduct(account)
            for line in penalty.sudo().line_ids.filtered(lambda l: not l.provisional):
                line.write({'applied_key': line._asr_key()})
            penalty._asr_trusted().write({
                'state': 'applied', 'applied_by_id': self.env.uid,
                'applied_date': fields.Date.context_today(self), 'invoice_id': invoice.id})
            penalty._asr_next_todo(None, None)
        return True

    def _asr_check_not_applied_elsewhere(self):
        keys = [line._asr_key() for line in self.sudo().line_ids if not line.provisional]
        if not keys:
            return
        clash = self.env['asr.penalty.line'].sudo().search(
            [('applied_key', 'in', keys)], limit=1)
        if clash:
            raise AsrUserError('penalty.applied_twice', _(
                "A cause of the penalty %s was already applied by the penalty %s: a penalty "
                "is never applied twice for the same clause, cause and period.")
                % (self.name, clash.penalty_id.name))

    def _asr_invoice_line_values(self, account, sign=1):
        return {
            'name': _("Penalty %s — %s") % (self.name, self.clause_id.display_name),
            'account_id': account.id, 'quantity': 1,
            'price_unit': sign * self.amount_total,
        }

    def _asr_deduct(self, account):
        """The credit note, or the draft bill carrying the deduction line."""
        Invoice = self.env['account.invoice'].sudo().with_context(
            lang=self.env.user.lang or 'fr_FR')
        company = self.company_id
        partner = self.partner_id.commercial_partner_id
        if company.sudo().asr_penalty_mode == 'deduction':
            orders = self.env['purchase.order'].sudo().search(
                [('asr_lot_id', '=', self.lot_id.id)])
            bill = Invoice.search([
                ('type', '=', 'in_invoice'), ('state', '=', 'draft'),
                ('partner_id', 'child_of', partner.id), ('company_id', '=', company.id),
                ('invoice_line_ids.purchase_id', 'in', orders.ids or [0])],
                order='date_invoice, id', limit=1)
            if not bill:
                raise AsrUserError('penalty.no_draft_bill', _(
                    "No draft vendor bill of %s for the purchase order of the lot %s: "
                    "record the next bill first, or set the company to deduct penalties by "
                    "credit note.") % (partner.name, self.lot_id.display_name))
            bill.write({'invoice_line_ids': [
                (0, 0, self._asr_invoice_line_values(account, sign=-1))]})
            bill.message_post(body=_("Deduction of the penalty %s.") % html_escape(self.name))
            return bill
        journal = self.env['account.journal'].sudo().search(
            [('type', '=', 'purchase'), ('company_id', '=', company.id)], limit=1)
        if not journal:
            raise AsrUserError('penalty.no_journal', _(
                "The company %s has no purchase journal for the credit note.") % company.name)
        refund = Invoice.create({
            'type': 'in_refund', 'partner_id': partner.id, 'company_id': company.id,
            'journal_id': journal.id, 'currency_id': self.currency_id.id or
            company.currency_id.id, 'origin': self.name,
            'reference': self.name, 'date_invoice': fields.Date.context_today(self),
            'invoice_line_ids': [(0, 0, self._asr_invoice_line_values(account))],
        })
        refund.message_post(body=_("Credit note of the penalty %s.") % html_escape(self.name))
        return refund

    @api.multi
    def action_cancel(self, reason):
        """Cancel with a written reason, at any step before the penalty is applied."""
        self._asr_check_backend_user()
        self._asr_check_buyer()
        reason = (reason or '').strip() if isinstance(reason, str) else ''
        if not reason:
            raise AsrUserError('penalty.cancel_reason', _(
                "Write why the penalty is cancelled."))
        if len(reason) > REASON_MAX_LENGTH:
            raise AsrUserError('penalty.cancel_reason_length', _(
                "The reason of a cancellation is limited to %s characters.")
                % REASON_MAX_LENGTH)
        self._asr_check_state(('draft', 'proposed', 'approved', 'notified'), _(
            "The penalty %s is applied or cancelled: it cannot be cancelled any more."))
        self._asr_trusted().write({'state': 'cancelled', 'cancel_reason': reason,
                                   'cancelled_by_id': self.env.uid})
        for penalty in self:
            penalty.message_post(body=_("Penalty cancelled: %s") % html_escape(reason))
            penalty._asr_next_todo(None, None)
        return True

    @api.multi
    def action_reopen(self):
        """A responsable re-opens an approved or notified penalty (e.g. the hours changed):
        back to computed, recomputed from the present figures."""
        self._asr_check_backend_user()
        self._asr_check_manager(_("Only an ASR manager (Responsable) re-opens a penalty."))
        self._asr_check_state(('approved', 'notified'), _(
            "Only an approved or notified penalty is re-opened (%s)."))
        self._asr_trusted().write({'state': 'draft', 'approved_by_id': False,
                                   'approved_date': False, 'notified_date': False,
                                   'proposed_date': False, 'answer_deadline': False})
        self._asr_compute()
        for penalty in self:
            penalty._asr_next_todo(penalty.buyer_id, _("Propose the penalty again"))
        return True

    # ------------------------------------------------------------------ reduction
    @api.multi
    def action_propose_reduction(self, amount, reason, letter_date=None, letter=None,
                                 letter_name=None):
        """The buyer in charge or a responsable proposes a reduction (the facilitator does it
        from the portal, which calls _asr_propose_reduction)."""
        self._asr_check_backend_user()
        self._asr_check_buyer()
        return self._asr_propose_reduction(self.env.user, amount, reason, letter_date,
                                           letter, letter_name)

    @api.multi
    def _asr_propose_reduction(self, actor, amount, reason, letter_date=None, letter=None,
                               letter_name=None):
        """Record the reduction proposed by ``actor`` (checked by the caller: the buyer, a
        responsable, or the facilitator of the charter on the portal)."""
        self.ensure_one()
        if self.state not in ('draft', 'proposed'):
            raise AsrUserError('penalty.reduction_step', _(
                "A reduction is proposed before the penalty %s is approved.") % self.name)
        if self.reduction_state == 'proposed':
            raise AsrUserError('penalty.reduction_pending', _(
                "A reduction of the penalty %s is already waiting for a decision.")
                % self.name)
        reason = reason.strip() if isinstance(reason, str) else ''
        if not reason:
            raise AsrUserError('penalty.reduction_reason', _(
                "Give the reason of the reduction (e.g. difficulties notified in time by "
                "registered letter)."))
        if len(reason) > REASON_MAX_LENGTH:
            raise AsrUserError('penalty.reduction_reason_length', _(
                "The reason of a reduction is limited to %s characters.") % REASON_MAX_LENGTH)
        try:
            amount = float(str(amount).replace(',', '.').replace(' ', '').replace(
                '\u00a0', ''))
        except (TypeError, ValueError):
            raise AsrUserError('penalty.reduction_amount', _(
                "The reduction must be an amount in euros (%s given).") % str(amount)[:20])
        if amount != amount or amount in (float('inf'), float('-inf')) or amount <= 0:
            raise AsrUserError('penalty.reduction_above_total', _(
                "The reduction must be an amount above 0 EUR."))
        if letter_date:
            try:
                letter_day = fields.Date.from_string(letter_date)
            except (TypeError, ValueError):
                letter_day = None
            if not letter_day or letter_day > self._asr_today():
                raise AsrUserError('penalty.letter_date', _(
                    "The date of the registered letter must be a past date."))
            letter_date = fields.Date.to_string(letter_day)
        # the reduction is checked against the capped total by the rule (nothing written)
        self._asr_figures(reduction=amount)
        values = {'reduction_state': 'proposed', 'reduction_proposed': amount,
                  'reduction_reason': reason, 'reduction_letter_date': letter_date or False,
                  'reduction_proposed_by_id': actor.id,
                  'reduction_proposed_date': fields.Date.context_today(self),
                  'reduction_approved_by_id': False}
        if letter:
            values.update(reduction_letter=letter, reduction_letter_name=letter_name
                          or _('registered_letter.pdf'))
        self._asr_writer(actor).write(values)
        self._asr_post_as(actor, body=_("Reduction of %s EUR proposed: %s") % (
            fr_amount(amount), html_escape(reason)))
        managers = self._asr_managers()
        if managers:
            self.sudo()._asr_schedule_todo(managers[0], _("Decide on the proposed reduction"))
        return True

    def _asr_check_reduction_decision(self):
        """A responsable decides on the reductions proposed of these penalties."""
        self._asr_check_backend_user()
        self._asr_check_manager(_("Only an ASR manager (Responsable) decides on a reduction."))
        for penalty in self:
            if penalty.reduction_state != 'proposed':
                raise AsrUserError('penalty.no_reduction', _(
                    "No reduction of the penalty %s waits for a decision.") % penalty.name)

    @api.multi
    def action_approve_reduction(self):
        self._asr_check_reduction_decision()
        for penalty in self:
            penalty._asr_figures(reduction=penalty.reduction_proposed)
            penalty._asr_trusted().write({
                'reduction_state': 'approved', 'reduction_amount': penalty.reduction_proposed,
                'reduction_approved_by_id': self.env.uid})
            penalty._asr_compute()
        return True

    @api.multi
    def action_refuse_reduction(self):
        self._asr_check_reduction_decision()
        self._asr_trusted().write({'reduction_state': 'refused', 'reduction_amount': 0.0,
                                   'reduction_approved_by_id': self.env.uid})
        self._asr_compute()
        return True

    # ------------------------------------------------------------------ notice
    @api.multi
    def _asr_notice_values(self):
        """What the notice prints, written in French (amounts, dates, labels)."""
        self.ensure_one()
        penalty = self.sudo()
        clause, lot, market = penalty.clause_id, penalty.lot_id, penalty.market_id
        recipient = penalty._asr_notice_recipient()
        causes = dict(self.env['asr.penalty.line']._fields['cause']._description_selection(
            self.env))
        facilitator = market.charter_id.facilitator_partner_id
        return {
            'draft': penalty.state in ('draft', 'proposed'),
            'recipient': recipient.commercial_partner_id.name or '',
            'address': recipient.commercial_partner_id._display_address(
                without_company=True) if recipient else '',
            'today': fr_date(fields.Date.context_today(self)),
            'market': market.display_name, 'lot': lot.display_name,
            'clause': clause.display_name,
            'contractor': penalty.partner_id.name or '', 'siret': penalty.partner_siret or '',
            'date_from': fr_date(penalty.date_from), 'date_to': fr_date(penalty.date_to),
            'insertion': clause.clause_type == 'insertion',
            'objective': fr_number(penalty.hours_objective),
            'realised': fr_number(penalty.hours_realised),
            'lines': [{'cause': causes.get(line.cause, ''), 'description': line.description,
                       'formula': line.formula, 'amount': fr_amount(line.amount),
                       'provisional': line.provisional} for line in penalty.line_ids],
            'provisional': bool(penalty.line_ids.filtered('provisional')),
            'gross': fr_amount(penalty.amount_gross),
            'cap': penalty.cap_amount and fr_amount(penalty.cap_amount),
            'cap_percent': fr_number(clause.penalty_cap_percent),
            'already': penalty.cap_already and fr_amount(penalty.cap_already),
            'capped_part': fr_amount(penalty.capped_part),
            'reduction': penalty.reduction_amount and fr_amount(penalty.reduction_amount),
            'reduction_reason': penalty.reduction_reason or '',
            'total': fr_amount(penalty.amount_total),
            'deadline': _("until %s") % fr_date(penalty.answer_deadline)
            if penalty.answer_deadline else _("within %s days of receiving this letter") % (
                penalty.charter_id.penalty_answer_days),
            'answer_date': fr_date(penalty.answer_date) if penalty.answer_date else '',
            'approved_date': fr_date(penalty.approved_date) if penalty.approved_date else '',
            'buyer': market.user_id.name or '',
            'buyer_entity': market.buyer_entity_id.name or penalty.company_id.name or '',
            'facilitator': facilitator.name or '',
        }

    def _asr_notice_recipient(self):
        lot = self.lot_id.sudo()
        return lot.contact_id or lot.partner_id

    def _asr_notice_file_name(self):
        title = (_('Draft penalty') if self.state == 'proposed' else _('Penalty notice'))
        return '%s %s.pdf' % (title, self.name.replace('/', '-'))

    @api.multi
    def _asr_send_notice(self):
        """Render the notice (the draft with the right to answer while proposed, the decision
        once notified), attach it and send it to the contractor by the chatter."""
        self.ensure_one()
        recipient = self._asr_notice_recipient()
        # the letter is French (the template is written in French): so are its file name and
        # the message that carries it, whatever the language of the contractor's partner
        lang = 'fr_FR' if self.env['res.lang'].search_count([('code', '=', 'fr_FR')]) else (
            recipient.lang)
        report = self.env.ref('asr_reporting.action_report_asr_penalty_notice').sudo()
        pdf, _kind = report.with_context(lang=lang).render_qweb_pdf(self.ids)
        name = self.with_context(lang=lang)._asr_notice_file_name()
        attachment = self.env['ir.attachment'].sudo().create({
            'name': name, 'datas_fname': name, 'datas': base64.b64encode(pdf),
            'res_model': self._name, 'res_id': self.id, 'mimetype': 'application/pdf'})
        this = self.with_context(lang=lang)
        if self.state == 'proposed':
            body = _("Draft penalty %s of %s EUR for %s. You may send your observations until "
                     "%s.") % (html_escape(self.name), fr_amount(self.amount_total),
                               html_escape(self.clause_id.display_name),
                               fr_date(self.answer_deadline))
        else:
            body = _("Penalty %s of %s EUR notified for %s; it will be deducted from the "
                     "payments of the contract.") % (
                html_escape(self.name), fr_amount(self.amount_total),
                html_escape(self.clause_id.display_name))
        this.message_post(body=body, subject=name[:-4], attachment_ids=attachment.ids,
                          partner_ids=recipient.ids if recipient else [],
                          subtype='mail.mt_comment', message_type='comment')
        return attachment
