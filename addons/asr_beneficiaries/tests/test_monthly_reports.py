"""Monthly reports: one expected per month of a clause in execution, lateness in days,
reminders scheduled by the nightly job."""
from unittest.mock import patch

from odoo.exceptions import ValidationError

from .common import BeneficiaryCase


class TestMonthlyReports(BeneficiaryCase):

    def test_cron_expects_reports_and_reminds_once(self):
        self.market.user_id = self.user('asr_buyer_reports', ['asr_charter.group_asr_buyer'])
        Report = self.env['asr.monthly.report']
        with patch('odoo.fields.Date.context_today', return_value='2025-06-20'):
            Report._cron_monthly_reports()
            reports = Report.search([('clause_id', '=', self.clause.id)], order='month')
            # March, April and May 2025 are past; due on the 12th (the charter's day)
            self.assertEqual(reports.mapped('month'), ['2025-03-01', '2025-04-01',
                                                       '2025-05-01'])
            self.assertEqual(reports.mapped('due_date'), ['2025-04-12', '2025-05-12',
                                                          '2025-06-12'])
            self.assertEqual(reports.mapped('days_late'), [69, 39, 8])
            self.assertEqual(set(reports.mapped('state')), {'late'})
            self.assertTrue(all(r.activity_ids for r in reports))
            self.assertEqual(reports[0].activity_ids.user_id, self.market.user_id)
            self.assertIn(self.contractor, reports[0].message_ids.mapped('partner_ids'))
            # received on 19 May: 37 days late, frozen
            reports[0].received_date = '2025-05-19'
            self.assertEqual(reports[0].days_late, 37)
            self.assertEqual(reports[0].state, 'received')
            Report._cron_monthly_reports()
            self.assertEqual(len(reports[1].activity_ids), 1)  # reminded once
        with patch('odoo.fields.Date.context_today', return_value='2025-07-01'):
            Report._cron_monthly_reports()
            self.assertEqual(Report.search_count([('clause_id', '=', self.clause.id)]), 4)
            self.assertEqual(reports[1].days_late, 50)
            self.assertEqual(reports[0].days_late, 37)

    def test_received_on_time(self):
        report = self.env['asr.monthly.report'].create({
            'clause_id': self.clause.id, 'month': '2025-03-15'})
        # the buyer in charge of the market records the receipt, on the day it was due
        self.market.user_id = self.user('asr_buyer_receipt', ['asr_charter.group_asr_buyer'])
        report.sudo(self.market.user_id).action_receive('2025-04-12')
        self.assertEqual(report.received_date, '2025-04-12')
        self.assertEqual(report.month, '2025-03-01')
        self.assertEqual((report.days_late, report.state), (0, 'received'))
        self.assertEqual(self.clause.late_report_count, 0)

    def test_bad_receipt_dates(self):
        Report = self.env['asr.monthly.report']
        for day, key in (('2025-02-10', 'monthly_report.before_month'),
                         ('2099-01-01', 'monthly_report.future')):
            with self.assertRefused(ValidationError, key):
                with self.env.cr.savepoint():
                    Report.create({'clause_id': self.clause.id, 'month': '2025-03-01',
                                   'received_date': day})
        self.assertFalse(Report.search([('clause_id', '=', self.clause.id)]))
