"""Hour entries: only validated hours count; every control refuses in French and writes
nothing; subcontracting amounts are converted with the clause's parameters."""
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import BeneficiaryCase


class TestHourEntries(BeneficiaryCase):

    def assertEntryRefused(self, key, **vals):
        """The entry of ``vals`` is refused by the control ``key`` ('hours.<control>') and
        nothing is written."""
        Entry = self.env['asr.hour.entry']
        before = Entry.search_count([])
        with self.assertRefused(ValidationError, key):
            with self.env.cr.savepoint():
                self.entry(**vals)
        self.assertEqual(Entry.search_count([]), before)

    def test_validated_entry_counts_towards_objective(self):
        # the facilitator's staff records, submits and validates the hours
        entry = self.entry(user=self.staff)
        self.assertEqual(entry.month, '2025-03-01')
        self.assertEqual(entry.employer_id, self.contractor)
        self.assertEqual(self.clause.hours_realised, 0.0)  # draft does not count
        self.assertEqual(self.clause.hours_to_validate, 100.0)
        entry.action_submit()
        entry.action_validate()
        self.assertEqual((entry.state, entry.validated_by_id), ('validated', self.staff))
        self.clause.invalidate_cache()
        # objective 625 h; 100 h realised -> 16 %, 525 h missing
        self.assertEqual(self.clause.hour_objective, 625)
        self.assertEqual(self.clause.hours_realised, 100.0)
        self.assertAlmostEqual(self.clause.hours_progress, 16.0)
        self.assertEqual(self.clause.hours_missing, 525.0)
        self.assertEqual(self.clause.beneficiary_count, 1)

    def test_rejected_hours_need_a_reason_and_do_not_count(self):
        entry = self.entry(user=self.staff)
        with self.assertRefused(UserError, 'hours.reject_reason'):
            entry.action_reject('  ')
        self.assertEqual(entry.state, 'draft')
        entry.action_reject('Bulletin de paie absent')
        self.assertEqual((entry.state, entry.validated_by_id), ('rejected', self.staff))
        self.assertEqual(entry.reject_reason, 'Bulletin de paie absent')
        self.clause.invalidate_cache()
        self.assertEqual(self.clause.hours_to_validate, 0.0)
        # a rejected entry frees its key: the corrected one can be recorded
        self.entry(user=self.staff, hours=90.0).action_validate()
        self.clause.invalidate_cache()
        self.assertEqual(self.clause.hours_realised, 90.0)

    def test_validated_entry_is_frozen(self):
        entry = self.entry(user=self.staff)
        entry.action_validate()
        with self.assertRefused(UserError, 'hours.validated_change'):
            entry.write({'hours': 120.0})
        self.assertEqual(entry.hours, 100.0)
        entry.action_reset_draft()
        entry.write({'hours': 120.0})
        self.assertEqual(entry.hours, 120.0)

    def test_non_positive_hours_refused(self):
        for hours in (0.0, -8.0):
            self.assertEntryRefused('hours.hours', hours=hours)

    def test_monthly_cap_across_all_entries_of_a_person(self):
        self.entry(hours=150.0)
        # 150 + 58 = 208: exactly the cap, accepted
        self.entry(hours=58.0, modality='training')
        self.assertEntryRefused('hours.cap', hours=0.5, modality='etti')
        # another month is another total
        self.entry(hours=150.0, month='2025-04-01')

    def test_monthly_cap_is_the_charter_setting(self):
        self.charter.monthly_hour_cap = 151.67
        self.assertEntryRefused('hours.cap', hours=152.0)
        self.entry(hours=151.67)

    def test_month_outside_contract_dates(self):
        self.assertEntryRefused('hours.month_outside', month='2025-02-28')
        self.assertEntryRefused('hours.month_outside', month='2027-01-01')
        self.entry(month='2026-12-31')

    def test_person_not_eligible_that_month(self):
        pending = self.env['asr.beneficiary'].create({
            'charter_id': self.charter.id, 'last_name': 'Attente', 'first_name': 'Lou'})
        self.assertEntryRefused('hours.not_eligible', beneficiary_id=pending.id)
        # validated on 15 April 2025: counts from April, not for March
        late = self.person_validated('Tardif', 'Noa', '2025-04-15')
        self.assertEntryRefused('hours.not_eligible', beneficiary_id=late.id)
        self.entry(beneficiary_id=late.id, month='2025-04-01')
        # 24 months from 1 February 2025: eligible until 31 January 2027 -> whole contract
        self.assertEqual(self.person.validity_end, '2027-01-31')
        short = self.person_validated('Court', 'Eden', '2025-02-01', validity_months=3)
        self.assertEqual(short.validity_end, '2025-04-30')
        self.entry(beneficiary_id=short.id, month='2025-04-01')
        self.assertEntryRefused('hours.not_eligible', beneficiary_id=short.id,
                                month='2025-05-01')

    def test_duplicate_entry(self):
        self.entry()
        self.assertEntryRefused('hours.duplicate', hours=20.0, month='2025-03-31')
        # same month, other modality: a different entry
        self.entry(modality='training', hours=20.0)

    def test_clause_must_be_an_insertion_clause_in_execution(self):
        other = self.env['asr.clause'].create({
            'clause_type': 'award_criterion', 'lot_id': self.lot.id, 'criterion_weight': 10})
        self.assertEntryRefused('hours.clause_state', clause_id=other.id)
        self.clause.state = 'closed'
        self.assertEntryRefused('hours.clause_state')

    def test_subcontracting_amount_converted_to_hours(self):
        siae = self.env['res.partner'].create({'name': 'ACI (test)', 'is_company': True,
                                               'asr_structure_kind': 'aci'})
        # 30,000 EUR x 50 % / 32 EUR = 468.75 h, no person needed
        entry = self.entry(modality='subcontracting_siae', beneficiary_id=False,
                           employer_id=siae.id, amount=30000.0, hours=0.0)
        self.assertEqual(entry.hours, 468.75)
        for amount in (0.0, -100.0):
            with self.assertRefused(ValidationError, 'hours.amount'):
                with self.env.cr.savepoint():
                    self.entry(modality='subcontracting_siae', beneficiary_id=False,
                               employer_id=siae.id, amount=amount, month='2025-05-01')
        # same subcontractor, clause, month and modality: a duplicate
        self.assertEntryRefused('hours.duplicate', modality='subcontracting_siae',
                                beneficiary_id=False, employer_id=siae.id, amount=1000.0)

    def test_person_required_except_subcontracting(self):
        self.assertEntryRefused('hours.person_missing', beneficiary_id=False)

    def test_only_facilitator_validates(self):
        entry = self.entry()
        buyer = self.user('asr_buyer_validate', ['asr_charter.group_asr_buyer'])
        with self.assertRefused(AccessError, 'people.handler'):
            entry.sudo(buyer).action_validate()
        self.assertEqual(entry.state, 'draft')

    def test_projection_and_behind_objective(self):
        # 100 h validated in March 2025 only; on 10 April 2025 the pace is 50 h a month over
        # 2 months started, 22 months of contract -> 1,100 h projected
        self.entry().action_validate()
        clause = self.clause.with_context(tz='Europe/Paris')
        clause.invalidate_cache()
        from unittest.mock import patch
        with patch('odoo.fields.Date.context_today', return_value='2025-04-10'):
            clause.invalidate_cache()
            self.assertEqual(clause.hours_projected, 1100.0)
            self.assertFalse(clause.behind_objective)
        with patch('odoo.fields.Date.context_today', return_value='2026-06-10'):
            clause.invalidate_cache()
            # 16 months started -> 100 x 22 / 16 = 137.5 h, behind 625 h
            self.assertEqual(clause.hours_projected, 137.5)
            self.assertTrue(clause.behind_objective)

    def test_hours_by_modality_in_sql_view(self):
        self.entry(hours=100.0).action_validate()
        self.entry(hours=50.0, modality='training').action_validate()
        self.entry(beneficiary_id=self.other_person.id, hours=50.0).action_validate()
        self.entry(beneficiary_id=self.other_person.id, hours=10.0, month='2025-04-01')
        lines = {line.modality: line for line in self.clause.modality_report_ids}
        self.assertEqual(lines['cdi'].hours, 150.0)
        self.assertEqual(lines['cdi'].beneficiary_count, 2)
        self.assertAlmostEqual(lines['cdi'].share, 75.0)
        self.assertEqual(lines['training'].hours, 50.0)
        months = self.env['asr.hour.report'].read_group(
            [('clause_id', '=', self.clause.id)], ['hours', 'month'], ['month:month'])
        self.assertEqual([g['hours'] for g in months], [200.0])  # draft April not counted
        self.assertEqual(self.clause.beneficiary_count, 2)

    def test_buyer_and_finance_see_hours_but_not_names(self):
        self.entry().action_validate()
        for login, group in (('asr_buyer_hours', 'asr_charter.group_asr_buyer'),
                             ('asr_finance_hours', 'asr_charter.group_asr_finance')):
            user = self.user(login, [group])
            entries = self.env['asr.hour.entry'].sudo(user).search(
                [('clause_id', '=', self.clause.id)])
            self.assertEqual(entries.read(['hours'])[0]['hours'], 100.0)
            self.assertEqual(self.clause.sudo(user).beneficiary_count, 1)
            with self.assertRefused(AccessError, 'field_groups'):
                entries.read(['beneficiary_id'])
            with self.assertRefused(AccessError, 'acl'):
                self.env['asr.beneficiary'].sudo(user).search([])
