"""Every control of the hours and actions runs again when a field it reads changes elsewhere:
the contract dates of the lot, the clause's conversion parameters and type, the charter's
monthly cap, the validity of a person, the adoption date of the charter."""
import base64

from odoo.exceptions import ValidationError

from .common import BeneficiaryCase


class TestControlsRunAgain(BeneficiaryCase):

    def assertWriteRefused(self, record, vals, key):
        """Writing ``vals`` on ``record`` is refused by the check ``key``."""
        with self.assertRefused(ValidationError, key):
            with self.env.cr.savepoint():
                record.write(vals)
        record.invalidate_cache()

    def test_lot_end_before_recorded_hours(self):
        self.entry(month='2026-10-01')
        self.assertWriteRefused(self.lot, {'date_end': '2026-06-30'}, 'hours.month_outside')
        self.assertEqual(self.lot.date_end, '2026-12-31')
        self.assertEqual(self.clause.date_end, '2026-12-31')
        # a rejected entry does not hold the dates
        self.env['asr.hour.entry'].search([('clause_id', '=', self.clause.id)]).action_reject(
            'Erreur de saisie')
        self.lot.write({'date_end': '2026-06-30'})

    def test_lot_start_after_an_action_carried_out(self):
        social = self.env['asr.clause'].create({
            'clause_type': 'social_action', 'lot_id': self.lot.id, 'state': 'execution',
            'action_ids': [(0, 0, {'action': 'company_visit', 'people_count': 5})]})
        self.env['asr.social.action.record'].create({
            'action_id': social.action_ids.id, 'date': '2025-04-10', 'people_count': 5})
        self.assertWriteRefused(self.lot, {'date_start': '2025-05-01'},
                                'social_record.date_outside')

    def test_clause_conversion_parameters(self):
        siae = self.env['res.partner'].create({'name': 'ACI (test)', 'is_company': True,
                                               'asr_structure_kind': 'aci'})
        entry = self.entry(modality='subcontracting_siae', beneficiary_id=False,
                           employer_id=siae.id, amount=32000.0)
        # 32,000 EUR x 50 % / 32 EUR = 500 h; with 40 %: 400 h
        self.assertEqual(entry.hours, 500.0)
        self.clause.write({'labour_share': 40.0})
        self.assertEqual(entry.hours, 400.0)
        # once validated, the figure no longer changes silently
        entry.action_validate()
        self.assertWriteRefused(self.clause, {'hourly_cost': 40.0},
                                'clause.validated_subcontracting')
        self.assertEqual(entry.hours, 400.0)

    def test_clause_type_with_hours(self):
        self.entry()
        self.assertWriteRefused(self.clause, {'clause_type': 'award_criterion',
                                              'criterion_weight': 10.0}, 'clause.type_with_hours')
        self.assertEqual(self.clause.clause_type, 'insertion')

    def test_charter_monthly_cap(self):
        self.entry(hours=180.0)
        self.assertWriteRefused(self.charter, {'monthly_hour_cap': 151.67},
                                'charter.cap_exceeded')
        self.assertEqual(self.charter.monthly_hour_cap, 208.0)
        self.charter.write({'monthly_hour_cap': 180.0})

    def test_person_validity(self):
        # validated on 01/02/2025 for 24 months; hours recorded in 12/2025
        self.entry(month='2025-12-01')
        self.assertWriteRefused(self.person, {'validity_months': 6}, 'hours.not_eligible')
        self.assertEqual(self.person.validity_end, '2027-01-31')
        self.person.write({'validity_months': 12})
        self.assertEqual(self.person.validity_end, '2026-01-31')

    def test_charter_adoption_date(self):
        committee = self.env['asr.charter.committee'].create({
            'charter_id': self.charter.id, 'date': '2021-05-10'})
        self.assertWriteRefused(self.charter, {'act_date': '2022-01-01'},
                                'committee.before_adoption')
        self.assertEqual(self.charter.act_date, '2020-01-15')
        committee.date = '2022-03-01'
        self.charter.write({'act_date': '2022-01-01'})

    def test_monthly_report_document_is_checked(self):
        report = self.env['asr.monthly.report'].create({'clause_id': self.clause.id,
                                                        'month': '2025-03-01'})
        too_big = base64.b64encode(b'x' * (20 * 1024 * 1024 + 1))
        self.assertWriteRefused(report, {'document': too_big}, 'input.upload_size')
