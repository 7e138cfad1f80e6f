"""Messages of the nightly jobs and of the portal read in French, signed by a real person."""
from unittest.mock import patch

from .common import BeneficiaryCase


class TestFrenchReminder(BeneficiaryCase):

    def test_reminder_in_the_contractors_language_with_french_dates(self):
        """The reminder of a late report says "10/2025" and "12/11/2025" in French, even when
        the job runs without a language (a cron has none), and is signed by the buyer."""
        buyer = self.user('asr_buyer_remind', ['asr_charter.group_asr_buyer'])
        self.market.user_id = buyer
        self.contractor.lang = 'fr_FR'
        report = self.env['asr.monthly.report'].create({
            'clause_id': self.clause.id, 'month': '2025-10-01'})
        # due on the charter's day of the following month: 12/11/2025
        self.assertEqual(report.due_date, '2025-11-12')
        # the scheduler gives no language (and the user running it may have none)
        self.env.user.lang = False
        cron_env = self.env(context={})
        with patch('odoo.fields.Date.context_today', return_value='2025-11-20'):
            report.with_env(cron_env)._remind()
        message = report.message_ids.filtered(lambda m: self.contractor in m.partner_ids)
        self.assertEqual(len(message), 1)
        body = message.body
        self.assertIn('Relance', body)
        self.assertIn('10/2025', body)
        self.assertIn('12/11/2025', body)
        self.assertNotIn('2025-11-12', body)
        self.assertNotIn('Insertion clause', body)
        self.assertIn("Clause d'insertion", body)
        self.assertNotIn('was due', body)
        # signed by the buyer in charge, not by the administrator running the job
        self.assertEqual(message.author_id, buyer.partner_id)
        self.assertIn(buyer.email, message.email_from)
        activity = report.activity_ids
        self.assertEqual(activity.user_id, buyer)
        self.assertEqual(activity.summary, 'Rapport mensuel de 10/2025 non reçu')
