from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.tools import html_escape

from odoo.addons.asr_charter.exceptions import AsrAccessError, AsrUserError, AsrValidationError
from odoo.addons.asr_charter.rules import inputs
from odoo.addons.asr_charter.rules.dates import first_of_month, fr_date, fr_month

from ..rules.hours import days_late, report_due_date


class AsrMonthlyReport(models.Model):
    """The report a contractor owes every month for a clause in execution: due on the
    clause's day of the following month; lateness in days feeds the penalties."""

    _name = 'asr.monthly.report'
    _description = 'Monthly report of a clause'
    _inherit = ['mail.thread', 'asr.activity.mixin', 'asr.guard.mixin', 'asr.clause.order.mixin']
    _order = 'month desc, clause_id'
    # the receipt drives the penalties: recorded by action_receive only
    _asr_protected = {'received_date'}
    _asr_frozen = {'clause_id', 'month'}

    clause_id = fields.Many2one('asr.clause', 'Clause', required=True, index=True,
                                ondelete='cascade')
    charter_id = fields.Many2one(related='clause_id.charter_id', store=True, readonly=True)
    market_id = fields.Many2one(related='clause_id.market_id', store=True, readonly=True)
    partner_id = fields.Many2one(related='clause_id.partner_id', store=True, readonly=True,
                                 string='Contractor')
    company_id = fields.Many2one(related='clause_id.company_id', store=True, readonly=True,
                                 string='Company')
    month = fields.Date('Month reported', required=True, index=True)
    due_date = fields.Date('Due on', compute='_compute_due_date', store=True)
    received_date = fields.Date('Received on', copy=False, track_visibility='onchange')
    document = fields.Binary('Report', attachment=True)
    document_name = fields.Char('File name')
    days_late = fields.Integer(
        'Days late', compute='_compute_days_late', store=True,
        help="Days between the due date and the receipt; while nothing is received, counted "
             "to today (updated every night).")
    state = fields.Selection([('expected', 'Expected'), ('late', 'Late'),
                              ('received', 'Received')], 'State',
                             compute='_compute_days_late', store=True)
    reminder_date = fields.Date('Reminder sent on', readonly=True, copy=False)

    _sql_constraints = [('clause_month_unique', 'unique(clause_id, month)',
                         'There is already a report for this clause and month.')]

    @api.multi
    def name_get(self):
        return [(r.id, '%s — %s' % (r.clause_id.code, fr_month(r.month))) for r in self]

    @api.model
    def create(self, vals):
        self._asr_check_inputs(vals)
        vals = dict(vals)
        if vals.get('month'):
            vals['month'] = fields.Date.to_string(first_of_month(fields.Date.from_string(
                vals['month'])))
        return super(AsrMonthlyReport, self).create(vals)

    @api.depends('month', 'clause_id.report_due_day')
    def _compute_due_date(self):
        for report in self.filtered('month'):
            report.due_date = fields.Date.to_string(report_due_date(
                fields.Date.from_string(report.month), report.clause_id.report_due_day))

    @api.depends('due_date', 'received_date')
    def _compute_days_late(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        for report in self.filtered('due_date'):
            report.days_late = days_late(fields.Date.from_string(report.due_date),
                                         fields.Date.from_string(report.received_date), today)
            report.state = 'received' if report.received_date else (
                'late' if report.days_late else 'expected')

    @api.constrains('received_date', 'month')
    def _check_received_date(self):
        for report in self.filtered('received_date'):
            if report.received_date < report.month:
                raise AsrValidationError('monthly_report.before_month', _(
                    "The report of %s cannot be received before the month it reports on.")
                    % report.display_name)
            if report.received_date > fields.Date.context_today(self):
                raise AsrValidationError('monthly_report.future', _(
                    "A report cannot be received in the future (%s).")
                    % fr_date(report.received_date))

    @api.multi
    def _asr_check_receiver(self, user):
        """Who records a receipt: an ASR manager, the buyer in charge of the market, or the
        personal-data staff of the charter (the facilitator receives the reports)."""
        if user._is_superuser() or user.has_group('asr_charter.group_asr_manager'):
            return
        for report in self.sudo():
            if user.has_group('asr_charter.group_asr_buyer') and \
                    report.clause_id.market_id.user_id == user:
                continue
            if not user.share and report.charter_id._asr_handles_people(user):
                continue
            raise AsrAccessError('monthly_report.receiver', _(
                "Only the buyer in charge of the market, the staff of the facilitator or an "
                "ASR manager records the receipt of a monthly report."))

    @api.multi
    def action_receive(self, received_date=None):
        """Record the receipt, today or on a past ``received_date`` (not before the month
        reported). The receipt drives the lateness, hence the penalties."""
        self._asr_check_backend_user()
        self._asr_check_receiver(self.env.user)
        today = fields.Date.context_today(self)
        day = received_date or today
        try:
            day = fields.Date.to_string(inputs.parse_day(day))
        except inputs.InputError:
            raise AsrUserError('monthly_report.receipt_date', _(
                "The receipt date must be a real date (%s given).") % str(day)[:20])
        for report in self:
            if report.received_date:
                raise AsrUserError('monthly_report.already_received', _(
                    "The report of %s is already received (on %s).") % (
                    report.display_name, fr_date(report.received_date)))
            if day > today:
                raise AsrUserError('monthly_report.future', _(
                    "A report cannot be received in the future (%s).") % fr_date(day))
            if day < report.month:
                raise AsrUserError('monthly_report.before_month', _(
                    "The report of %s cannot be received before the month it reports on.")
                    % report.display_name)
        self._asr_trusted().write({'received_date': day})
        return True

    @api.multi
    def action_cancel_receipt(self):
        """An ASR manager cancels a receipt recorded by mistake."""
        self._asr_check_backend_user()
        if not (self.env.user._is_superuser()
                or self.env.user.has_group('asr_charter.group_asr_manager')):
            raise AsrAccessError('monthly_report.cancel_receipt', _(
                "Only an ASR manager cancels the receipt of a monthly report."))
        self._asr_trusted().write({'received_date': False, 'reminder_date': False})
        return True

    @api.model
    def _cron_monthly_reports(self):
        """Every night: expect a report for every past month of each clause in execution,
        count the days late of those not received, and remind the contractor once a report
        is overdue (an activity for the buyer in charge and a message to the contractor)."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        clauses = self.env['asr.clause'].sudo().search([
            ('clause_type', 'in', ('insertion', 'social_action')), ('state', '=', 'execution'),
            ('date_start', '!=', False)])
        existing = set((r['clause_id'][0], r['month']) for r in self.sudo().search_read(
            [('clause_id', 'in', clauses.ids)], ['clause_id', 'month']))
        for clause in clauses:
            month = first_of_month(fields.Date.from_string(clause.date_start))
            end = fields.Date.from_string(clause.date_end) if clause.date_end else today
            while month < first_of_month(today) and month <= end:
                key = (clause.id, fields.Date.to_string(month))
                if key not in existing:
                    self.sudo().create({'clause_id': clause.id, 'month': key[1]})
                month += relativedelta(months=1)
        pending = self.sudo().search([('received_date', '=', False)])
        pending._compute_days_late()
        for report in pending.filtered(lambda r: r.days_late > 0 and not r.reminder_date):
            report._remind()
        return True

    @api.multi
    def _remind(self):
        for report in self:
            buyer = report.clause_id.market_id.user_id
            if buyer:
                lang = buyer.lang or self._asr_default_lang()
                report.with_context(lang=lang)._asr_remind_buyer(buyer)
            if report.partner_id:
                # the message (and its e-mail) in the contractor's language, signed by the
                # buyer in charge of the market
                lang = report.partner_id.lang or self._asr_default_lang()
                report.with_context(lang=lang)._asr_remind_contractor(buyer)
            report.reminder_date = fields.Date.context_today(self)

    @api.model
    def _asr_default_lang(self):
        return self.env.context.get('lang') or self.env.user.lang or 'fr_FR'

    @api.multi
    def _asr_remind_buyer(self, buyer):
        self.ensure_one()
        summary = _("Monthly report of %s not received") % fr_month(self.month)
        self._asr_schedule_todo(buyer, summary)

    @api.multi
    def _asr_remind_contractor(self, buyer):
        self.ensure_one()
        clause_name = self.clause_id.name_get()[0][1]
        body = _("Reminder: the monthly report of %s for the clause %s was due on "
                 "%s. Please send it to the facilitator.") % (
            fr_month(self.month), html_escape(clause_name), fr_date(self.due_date))
        values = dict(body=body, partner_ids=[self.partner_id.id], subtype='mail.mt_comment')
        if buyer:
            return self._asr_post_as(buyer, **values)
        return self.message_post(**values)
