"""Penalties: computation by cause on hand-computed figures, the workflow as the real users
(buyer, responsable, finance, facilitator, contractor), the credit note, the notice, the
recomputation, and bad input refused in French with nothing written."""
import base64
import datetime
import io
import subprocess
import tempfile
from unittest import mock

import openpyxl

from odoo import fields
from odoo.tools import config
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.asr_beneficiaries.tests.common import BeneficiaryCase


class PenaltyCase(BeneficiaryCase):
    """Clause (main): 625 h objective, contract 01/03/2025 - 31/12/2026 (in execution).
    Clause B: lot of 400,000 EUR, masonry 50 %, 32 EUR, 5 % -> 312.5 -> 313 h, contract of
    2025 (over), 200 h validated: 113 h missing x 18 EUR = 2,034.00 EUR."""

    @classmethod
    def setUpClass(cls):
        super(PenaltyCase, cls).setUpClass()
        cls.lot_b = cls.env['asr.market.lot'].create({
            'market_id': cls.market.id, 'number': 4, 'name': 'Peinture',
            'trade_id': cls.env.ref('asr_clauses.trade_masonry').id,
            'amount_estimated': 400000.0})
        cls.award(cls.lot_b, 400000.0, start='2025-01-01', end='2025-12-31')
        cls.clause_b = cls.insertion_clause(lot=cls.lot_b, state='execution')
        cls.entry_b = cls.env['asr.hour.entry'].create({
            'clause_id': cls.clause_b.id, 'beneficiary_id': cls.other_person.id,
            'month': '2025-03-01', 'modality': 'cdi', 'hours': 200.0})
        cls.entry_b.action_validate()
        cls.account = cls.env['account.account'].search(
            [('code', '=like', '7711%'), ('company_id', '=', cls.env.user.company_id.id)],
            limit=1)

    def setUp(self):
        super(PenaltyCase, self).setUp()
        self.buyer = self.user('asr_pen_buyer', ['asr_charter.group_asr_buyer'])
        self.market.user_id = self.buyer
        self.manager = self.user('asr_pen_manager', ['asr_charter.group_asr_manager'])
        self.finance = self.user('asr_pen_finance', ['asr_charter.group_asr_finance'])
        self.env.user.company_id.asr_penalty_account_id = self.account

    def penalty(self, clause=None, date_from='2025-01-01', date_to='2025-12-31', user=None):
        penalty = self.env['asr.penalty'].sudo(user or self.buyer).create({
            'clause_id': (clause or self.clause_b).id, 'date_from': date_from,
            'date_to': date_to})
        return penalty.with_env(self.env)

    def late_report(self, clause, month, received):
        report = self.env['asr.monthly.report'].create({'clause_id': clause.id,
                                                        'month': month})
        report.action_receive(received)
        return report

    def to_notified(self, penalty):
        penalty.sudo(self.buyer).action_propose()
        penalty.sudo(self.buyer).write({'answer_date': fields.Date.context_today(penalty),
                                        'answer_text': 'Nos observations.'})
        penalty.sudo(self.manager).action_approve()
        penalty.sudo(self.buyer).action_notify()
        return penalty


class TestComputation(PenaltyCase):

    def test_missing_hours_at_the_end_of_the_contract(self):
        penalty = self.penalty()
        self.assertTrue(penalty.final)
        self.assertEqual((penalty.hours_objective, penalty.hours_realised), (313, 200.0))
        line = penalty.line_ids.filtered(lambda l: l.cause == 'missing_hours')
        self.assertEqual((line.quantity, line.rate, line.amount, line.provisional),
                         (113.0, 18.0, 2034.0, False))
        self.assertEqual(line.formula, '113 heures x 18 € = 2 034 €')
        self.assertEqual((penalty.amount_missing_hours, penalty.amount_total),
                         (2034.0, 2034.0))
        self.assertTrue(penalty.name.startswith('PEN/'))

    def test_during_execution_the_missing_hours_are_provisional(self):
        # main clause: 625 h, 100 h validated, contract until 31/12/2026
        self.entry(hours=100.0).action_validate()
        penalty = self.penalty(clause=self.clause, date_from='2025-03-01',
                               date_to='2025-12-31')
        self.assertFalse(penalty.final)
        line = penalty.line_ids.filtered(lambda l: l.cause == 'missing_hours')
        self.assertTrue(line.provisional)
        self.assertEqual(line.amount, 525 * 18.0)
        self.assertEqual((penalty.amount_provisional, penalty.amount_total), (9450.0, 0.0))

    def test_late_and_missing_reports_count_days_after_the_due_day(self):
        # due the 12th of the next month (charter): 03/2025 received 20/04 -> 8 days x 50;
        # 04/2025 received on time; 05/2025 never received: due 12/06, counted to 31/12/2025
        self.late_report(self.clause_b, '2025-03-01', '2025-04-20')
        self.late_report(self.clause_b, '2025-04-01', '2025-05-12')
        self.env['asr.monthly.report'].create({'clause_id': self.clause_b.id,
                                               'month': '2025-05-01'})
        penalty = self.penalty()
        late = penalty.line_ids.filtered(lambda l: l.cause == 'late_report').sorted('id')
        self.assertEqual([(line.quantity, line.amount) for line in late],
                         [(8.0, 400.0), (202.0, 10100.0)])
        self.assertIn('non reçu le 31/12/2025', late[1].description)
        self.assertEqual(penalty.amount_late_reports, 10500.0)
        self.assertEqual(penalty.amount_total, 2034.0 + 10500.0)

    def test_the_cap_is_shared_by_the_penalties_of_a_clause(self):
        # cap 0.5 % of 400,000 = 2,000: the first penalty takes 2,000 of its 2,434
        self.clause_b.penalty_cap_percent = 0.5
        self.late_report(self.clause_b, '2025-03-01', '2025-04-20')
        first = self.penalty()
        self.assertEqual((first.amount_gross, first.cap_amount, first.capped_part,
                          first.amount_total), (2434.0, 2000.0, 434.0, 2000.0))
        # a later period: the cap is reached, nothing more is due
        self.late_report(self.clause_b, '2025-12-01', '2026-01-22')
        second = self.penalty(date_from='2026-01-01', date_to='2026-03-31')
        self.assertEqual((second.amount_gross, second.cap_already, second.capped_part,
                          second.amount_total), (500.0, 2000.0, 500.0, 0.0))
        # the missing hours are charged once: not again after the end of the contract
        self.assertFalse(second.line_ids.filtered(lambda l: l.cause == 'missing_hours'))

    def test_social_action_clause_per_action_and_per_person(self):
        clause = self.env['asr.clause'].create({
            'clause_type': 'social_action', 'lot_id': self.lot_b.id,
            'penalty_rate_action': 400.0, 'action_ids': [
                (0, 0, {'action': 'company_visit', 'people_count': 10}),
                (0, 0, {'action': 'immersion', 'people_count': 2})]})
        clause.state = 'execution'
        visit, immersion = clause.action_ids.sorted('sequence')[0], clause.action_ids[1]
        # 6 people of the visit validated with their attendance sheet; no immersion
        record = self.env['asr.social.action.record'].create({
            'action_id': visit.id, 'date': '2025-06-10', 'people_count': 6,
            'attachment_ids': [(0, 0, {'name': 'emargement.pdf', 'datas': base64.b64encode(
                b'%PDF-1.4 feuille'), 'datas_fname': 'emargement.pdf'})]})
        record.action_validate()
        penalty = self.penalty(clause=clause)
        lines = penalty.line_ids.filtered(lambda l: l.cause == 'social_action')
        self.assertEqual([(line.action_id, line.amount) for line in lines], [(immersion, 400.0)])
        # per missing person: 4 people of the visit and 2 of the immersion x 400
        penalty.unlink()
        clause.penalty_action_basis = 'person'
        penalty = self.penalty(clause=clause)
        self.assertEqual(penalty.amount_social_actions, 6 * 400.0)


class TestWorkflow(PenaltyCase):

    def test_from_computation_to_the_credit_note(self):
        penalty = self.penalty()
        penalty.sudo(self.buyer).action_propose()
        today = datetime.date.today()
        self.assertEqual(penalty.state, 'proposed')
        self.assertEqual(penalty.answer_deadline,
                         fields.Date.to_string(today + datetime.timedelta(15)))
        draft = penalty.message_ids.filtered(lambda m: m.attachment_ids)
        self.assertEqual(draft.attachment_ids.name, 'Projet de pénalité %s.pdf'
                         % penalty.name.replace('/', '-'))
        self.assertIn(self.contractor, draft.partner_ids)
        self.assertIn('observations', draft.body)
        # the responsable's to-do
        self.assertEqual(penalty.activity_ids.user_id, self.manager)
        # the contradictory period: not before the deadline unless the contractor answered
        with self.assertRefused(UserError, 'penalty.contradictory_period'):
            penalty.sudo(self.manager).action_approve()
        self.assertEqual(penalty.state, 'proposed')
        penalty.sudo(self.buyer).write({'answer_date': fields.Date.to_string(today),
                                        'answer_text': 'Difficultés de recrutement.'})
        penalty.sudo(self.manager).action_approve()
        self.assertEqual((penalty.state, penalty.approved_by_id), ('approved', self.manager))
        self.assertEqual(penalty.activity_ids.user_id, self.buyer)
        penalty.sudo(self.buyer).action_notify()
        self.assertEqual(penalty.state, 'notified')
        notice = penalty.message_ids.filtered(
            lambda m: m.attachment_ids and m.attachment_ids.name.startswith('Notification'))
        self.assertEqual(len(notice), 1)
        self.assertEqual(penalty.activity_ids.user_id, self.finance)
        # finance applies: a vendor credit note for the contractor, linked both ways
        penalty.sudo(self.finance).action_apply()
        refund = penalty.invoice_id
        self.assertEqual((penalty.state, penalty.applied_by_id), ('applied', self.finance))
        self.assertEqual((refund.type, refund.partner_id, refund.amount_total, refund.origin),
                         ('in_refund', self.contractor, 2034.0, penalty.name))
        self.assertEqual(refund.invoice_line_ids.account_id, self.account)
        self.assertEqual(refund.asr_penalty_ids, penalty)
        self.assertTrue(penalty.line_ids[0].applied_key)
        # applying twice is refused, nothing changes
        with self.assertRefused(UserError, 'penalty.already_applied'):
            penalty.sudo(self.finance).action_apply()
        self.assertEqual(self.env['account.invoice'].search_count(
            [('origin', '=', penalty.name)]), 1)
        # an applied penalty is not cancelled any more
        with self.assertRefused(UserError, 'penalty.state'):
            penalty.sudo(self.buyer).action_cancel('Erreur')

    def test_deduction_on_the_next_draft_bill_of_the_purchase_order(self):
        self.env.user.company_id.asr_penalty_mode = 'deduction'
        penalty = self.to_notified(self.penalty())
        with self.assertRefused(UserError, 'penalty.no_draft_bill'):
            penalty.sudo(self.finance).action_apply()
        self.assertEqual(penalty.state, 'notified')
        expense = self.env['account.account'].search([
            ('user_type_id', '=', self.env.ref('account.data_account_type_expenses').id),
            ('company_id', '=', self.env.user.company_id.id)], limit=1)
        order = self.order.copy({'asr_lot_id': self.lot_b.id})
        bill = self.env['account.invoice'].create({
            'type': 'in_invoice', 'partner_id': self.contractor.id,
            'invoice_line_ids': [(0, 0, {
                'name': 'Situation de travaux n° 1', 'account_id': expense.id,
                'purchase_line_id': order.order_line.id, 'quantity': 1,
                'price_unit': 100000.0})]})
        before = bill.amount_untaxed
        penalty.sudo(self.finance).action_apply()
        self.assertEqual(penalty.invoice_id, bill)
        self.assertAlmostEqual(bill.amount_untaxed, before - 2034.0, places=2)
        deduction = bill.invoice_line_ids.filtered(lambda l: l.price_unit < 0)
        self.assertEqual((deduction.price_unit, deduction.account_id),
                         (-2034.0, self.account))

    def test_cancel_with_a_reason_before_it_is_applied(self):
        penalty = self.penalty()
        penalty.sudo(self.buyer).action_propose()
        with self.assertRefused(UserError, 'penalty.cancel_reason'):
            penalty.sudo(self.buyer).action_cancel('   ')
        wizard = self.env['asr.penalty.cancel'].sudo(self.buyer).create({
            'penalty_id': penalty.id, 'reason': 'Suspension du chantier par le maître '
                                                "d'ouvrage."})
        wizard.action_cancel()
        self.assertEqual((penalty.state, penalty.cancelled_by_id), ('cancelled', self.buyer))
        self.assertIn('Suspension', penalty.cancel_reason)
        # its period is free again
        self.assertEqual(self.penalty().state, 'draft')

    def test_reduction_proposed_then_approved(self):
        penalty = self.penalty()
        letter = base64.b64encode(b'%PDF-1.4 lettre recommandee')
        wizard = self.env['asr.penalty.reduction'].sudo(self.buyer).create({
            'penalty_id': penalty.id, 'amount': 534.0,
            'reason': 'Difficultés signalées par lettre recommandée.',
            'letter_date': '2025-06-02', 'letter': letter, 'letter_name': 'lrar.pdf'})
        wizard.action_propose()
        self.assertEqual((penalty.reduction_state, penalty.reduction_proposed_by_id,
                          penalty.amount_total), ('proposed', self.buyer, 2034.0))
        self.assertEqual(penalty.reduction_letter_date, '2025-06-02')
        with self.assertRefused(AccessError, 'penalty.manager_only'):
            penalty.sudo(self.buyer).action_approve_reduction()
        penalty.sudo(self.manager).action_approve_reduction()
        self.assertEqual((penalty.reduction_state, penalty.reduction_approved_by_id,
                          penalty.reduction_amount, penalty.amount_total),
                         ('approved', self.manager, 534.0, 1500.0))


class TestRecomputation(PenaltyCase):

    def test_hours_validated_later_recompute_draft_and_warn_after_approval(self):
        draft = self.penalty()
        late = self.env['asr.hour.entry'].create({
            'clause_id': self.clause_b.id, 'beneficiary_id': self.person.id,
            'month': '2025-09-01', 'modality': 'cdi', 'hours': 50.0})
        late.action_validate()
        # 63 h missing x 18
        self.assertEqual((draft.hours_realised, draft.amount_total), (250.0, 1134.0))
        # once approved: the figures stay, the difference is shown
        self.to_notified(draft)
        late.action_reject('Doublon.')
        self.assertEqual(draft.amount_total, 1134.0)
        self.assertEqual((draft.recompute_total, draft.recompute_difference),
                         (2034.0, 900.0))
        # a responsable re-opens it: recomputed, the warning is gone
        with self.assertRefused(AccessError, 'penalty.manager_only'):
            draft.sudo(self.buyer).action_reopen()
        draft.sudo(self.manager).action_reopen()
        self.assertEqual((draft.state, draft.amount_total, draft.recompute_difference),
                         ('draft', 2034.0, 0.0))


class TestAccess(PenaltyCase):

    def test_who_does_what(self):
        other_buyer = self.user('asr_pen_other_buyer', ['asr_charter.group_asr_buyer'])
        with self.assertRefused(AccessError, 'market.buyer_in_charge'):
            self.penalty(user=other_buyer)
        with self.assertRefused(AccessError, 'market.buyer_in_charge'):
            self.penalty(user=self.finance)
        penalty = self.penalty()
        with self.assertRefused(AccessError, 'market.buyer_in_charge'):
            penalty.sudo(other_buyer).action_propose()
        with self.assertRefused(AccessError, 'penalty.finance_only'):
            penalty.sudo(self.buyer).action_apply()
        with self.assertRefused(AccessError, 'penalty.manager_only'):
            penalty.sudo(self.buyer).action_approve()
        # readonly in the form is also protected on the server
        with self.assertRefused(AccessError, 'guard.protected_field'):
            penalty.sudo(self.buyer).write({'state': 'applied'})
        with self.assertRefused(AccessError, 'guard.protected_field'):
            penalty.sudo(self.finance).write({'amount_total': 1.0})
        self.assertEqual((penalty.state, penalty.amount_total), ('draft', 2034.0))
        # finance reads every penalty and every field of its form, never the people
        self.assertEqual(self.env['asr.penalty'].sudo(self.finance).search(
            [('id', '=', penalty.id)]), penalty)
        self.to_notified(penalty)
        penalty.sudo(self.finance).action_apply()
        for user in (self.finance, self.buyer, self.manager):
            form = self.env['asr.penalty'].sudo(user).fields_view_get(view_type='form')
            row = penalty.sudo(user).read(list(form['fields']))[0]
            self.assertEqual((row['state'], row['amount_total']), ('applied', 2034.0))
            self.assertTrue(row['invoice_id'] and row['invoice_ref'])
            lines = penalty.line_ids.sudo(user).read(['cause', 'formula', 'amount'])
            self.assertEqual(lines[0]['formula'], '113 heures x 18 € = 2 034 €')
        with self.assertRefused(AccessError, 'acl'):
            self.env['asr.beneficiary'].sudo(self.finance).search([])

    def test_facilitator_sees_their_charter_and_contractor_none(self):
        penalty = self.penalty()
        facilitator = self.user('asr_pen_facilitator', ['asr_charter.group_asr_facilitator'])
        facilitator.partner_id.parent_id = self.facilitator
        self.assertEqual(penalty.sudo(facilitator).read(['amount_total'])[0]['amount_total'],
                         2034.0)
        outsider = self.user('asr_pen_outsider', ['asr_charter.group_asr_facilitator'])
        with self.assertRefused(AccessError, 'record_rule'):
            penalty.sudo(outsider).read(['amount_total'])
        with self.assertRefused(AccessError, 'acl'):
            penalty.sudo(facilitator).write({'date_to': '2025-11-30'})
        # the contractor's portal user gets the notice by e-mail, never the record
        contractor = self.user('asr_pen_contractor', ['base.group_portal'])
        contractor.partner_id.parent_id = self.contractor
        with self.assertRefused(AccessError, 'acl'):
            penalty.sudo(contractor).read(['amount_total'])


class TestBadInput(PenaltyCase):

    def test_negative_rates_are_refused(self):
        for field in ('penalty_rate_missing_hour', 'penalty_rate_late_day',
                      'penalty_rate_action'):
            with self.assertRefused(ValidationError, 'clause.penalty_rate_negative'):
                self.clause_b.write({field: -1.0})
        with self.assertRefused(ValidationError, 'charter.penalty_answer_days'):
            self.charter.penalty_answer_days = 0

    def test_reduction_above_the_total_is_refused_and_nothing_written(self):
        penalty = self.penalty()
        for amount in (2034.01, -5, 'abc', float('nan')):
            with self.assertRaises(UserError):
                penalty.sudo(self.buyer).action_propose_reduction(amount, 'Raison')
        with self.assertRefused(UserError, 'penalty.reduction_above_total'):
            penalty.sudo(self.buyer).action_propose_reduction(2034.01, 'Raison')
        self.assertEqual((penalty.reduction_state, penalty.reduction_proposed), ('none', 0.0))

    def test_applying_without_a_penalty_account(self):
        penalty = self.to_notified(self.penalty())
        self.env.user.company_id.asr_penalty_account_id = False
        with self.assertRefused(UserError, 'penalty.no_account') as caught:
            penalty.sudo(self.finance).action_apply()
        self.assertIn('compte de pénalités', caught.exception.name)
        self.assertEqual((penalty.state, penalty.invoice_id.id), ('notified', False))

    def test_a_cause_applied_elsewhere_is_not_applied_twice(self):
        penalty = self.to_notified(self.penalty())
        # as if a concurrent transaction had applied the same cause
        other = self.penalty(date_from='2024-01-01', date_to='2024-12-31')
        other.line_ids.sudo().unlink()
        clash = self.env['asr.penalty.line'].sudo().create({
            'penalty_id': other.id, 'cause': 'missing_hours', 'quantity': 1, 'rate': 1,
            'amount': 1})
        clash.applied_key = penalty.line_ids[0]._asr_key()
        with self.assertRefused(UserError, 'penalty.applied_twice'):
            penalty.sudo(self.finance).action_apply()
        self.assertEqual(penalty.state, 'notified')

    def test_a_clause_without_objective(self):
        lot = self.env['asr.market.lot'].create({
            'market_id': self.market.id, 'number': 5, 'name': 'Sans montant',
            'trade_id': self.env.ref('asr_clauses.trade_masonry').id,
            'amount_estimated': 1.0})
        # 1 EUR x 50 % / 32 EUR x 5 %: no hour
        clause = self.insertion_clause(lot=lot)
        self.assertEqual(clause.hour_objective, 0)
        with self.assertRefused(UserError, 'penalty.no_objective'):
            self.penalty(clause=clause)
        no_action = self.env['asr.clause'].create({'clause_type': 'social_action',
                                                   'lot_id': lot.id})
        with self.assertRefused(UserError, 'penalty.no_objective'):
            self.penalty(clause=no_action)
        criterion = self.env['asr.clause'].create({
            'clause_type': 'award_criterion', 'lot_id': lot.id, 'criterion_weight': 10})
        with self.assertRefused(UserError, 'penalty.clause_type'):
            self.penalty(clause=criterion)
        self.assertFalse(self.env['asr.penalty'].search([('lot_id', '=', lot.id)]))

    def test_overlapping_periods_and_period_order(self):
        self.penalty()
        with self.assertRefused(ValidationError, 'penalty.overlap'):
            self.penalty(date_from='2025-06-01', date_to='2026-01-31')
        with self.assertRefused(ValidationError, 'penalty.period_order'):
            self.penalty(date_from='2026-06-01', date_to='2026-01-31')


class TestNotice(PenaltyCase):

    def test_the_notice_is_a_french_pdf_with_the_arithmetic(self):
        self.clause_b.penalty_cap_percent = 0.5
        self.late_report(self.clause_b, '2025-03-01', '2025-04-20')
        penalty = self.penalty()
        report = self.env.ref('asr_reporting.action_report_asr_penalty_notice')
        with tempfile.TemporaryDirectory() as outdir, \
                mock.patch.dict(config.options, {'test_report_directory': outdir}):
            pdf, kind = report.sudo(self.buyer).render_qweb_pdf(penalty.ids)
        self.assertEqual(kind, 'pdf')
        with tempfile.NamedTemporaryFile(suffix='.pdf') as handle:
            handle.write(pdf)
            handle.flush()
            text = subprocess.check_output(['pdftotext', handle.name, '-']).decode()
        text = ' '.join(text.split())
        for expected in ('Projet de pénalité', 'Droit de réponse', '313 heures', '200 heures',
                         '113 heures x 18 € =', '8 jours x 50 € = 400', '2 034 €',
                         'Total des manquements', '2 434', '(0,5 % du montant attribué, soit '
                         '2 000 €)', '434', 'dans un délai de 15 jours', 'Titulaire :'):
            self.assertIn(expected, text)


class TestPenaltyXlsx(PenaltyCase):

    def test_finance_exports_the_penalties(self):
        self.contractor.write({'name': '=HYPERLINK("http://x")', 'asr_siret': False})
        self.late_report(self.clause_b, '2025-03-01', '2025-04-20')
        penalty = self.to_notified(self.penalty())
        penalty.sudo(self.finance).action_apply()
        report = self.env.ref('asr_reporting.asr_penalty_xlsx').sudo(self.finance)
        content, kind = report.render_xlsx(penalty.ids, {})
        self.assertEqual(kind, 'xlsx')
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet.title, 'Pénalités')
        self.assertEqual([c.value for c in sheet[1]], [
            'Référence', 'Marché', 'Lot', 'Titulaire', 'SIRET du titulaire', 'Clause',
            'Période du', 'Période au', 'Heures manquantes', 'Rapports en retard',
            'Actions sociales', 'Total des manquements', 'Part écrêtée (plafond)',
            'Réduction accordée', 'Montant dû', 'État', 'Numéro de facture'])
        row = [c.value for c in sheet[2]]
        self.assertEqual(row[0], penalty.name)
        # a name that looks like a formula stays a text
        self.assertEqual(row[3], '=HYPERLINK("http://x")')
        self.assertEqual(sheet.cell(2, 4).data_type, 's')
        self.assertEqual(row[6:8], ['01/01/2025', '31/12/2025'])
        self.assertEqual(row[8:15], [2034, 400, 0, 2434, 0, 0, 2434])
        self.assertEqual(row[15], 'Appliquée')
        self.assertEqual(row[16], penalty.invoice_ref)
        self.assertTrue(row[16])
        self.assertEqual(sheet.auto_filter.ref, 'A1:Q2')
        self.assertEqual(sheet.freeze_panes, 'A2')
