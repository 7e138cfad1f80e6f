"""One validated hour entry counts towards the clause's objective; drafts do not."""
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.asr_clauses.tests.common import ClauseCase


class TestHourEntries(ClauseCase):

    @classmethod
    def setUpClass(cls):
        super(TestHourEntries, cls).setUpClass()
        cls.award(cls.lot, 800000.0, start='2025-01-01', end='2026-12-31')
        cls.clause = cls.insertion_clause(state='execution')
        cls.person = cls.env['asr.beneficiary'].create({'first_name': 'Camille',
                                                        'last_name': 'Exemple'})

    def _entry(self, **vals):
        values = {'clause_id': self.clause.id, 'beneficiary_id': self.person.id,
                  'month': '2025-03-17', 'hours': 100.0}
        values.update(vals)
        return self.env['asr.hour.entry'].create(values)

    def test_validated_entry_counts_towards_objective(self):
        entry = self._entry()
        self.assertEqual(entry.month, '2025-03-01')
        self.assertEqual(self.clause.hours_realised, 0.0)  # draft does not count
        entry.action_validate()
        self.clause.invalidate_cache()
        # objective 625 h; 100 h realised -> 16 %, 525 h missing
        self.assertEqual(self.clause.hours_realised, 100.0)
        self.assertAlmostEqual(self.clause.hours_progress, 16.0)
        self.assertEqual(self.clause.hours_missing, 525.0)

    def test_non_positive_hours_refused_and_nothing_written(self):
        Entry = self.env['asr.hour.entry']
        before = Entry.search_count([])
        for hours in (0.0, -8.0):
            with self.assertRaisesRegex(ValidationError, "doivent être positives"):
                with self.env.cr.savepoint():
                    self._entry(hours=hours)
        self.assertEqual(Entry.search_count([]), before)

    def test_hours_only_on_insertion_clause(self):
        other = self.env['asr.clause'].create({
            'clause_type': 'award_criterion', 'lot_id': self.lot.id, 'criterion_weight': 10})
        with self.assertRaisesRegex(ValidationError, "clause d'insertion"):
            with self.env.cr.savepoint():
                self._entry(clause_id=other.id)

    def test_buyer_sees_hours_but_not_names(self):
        self._entry().action_validate()
        buyer = self.user('asr_buyer_hours', ['asr_charter.group_asr_buyer'])
        entries = self.env['asr.hour.entry'].sudo(buyer).search(
            [('clause_id', '=', self.clause.id)])
        self.assertEqual(entries.read(['hours'])[0]['hours'], 100.0)
        with self.assertRaises(AccessError):
            entries.read(['beneficiary_id'])
        with self.assertRaises(AccessError):
            self.env['asr.beneficiary'].sudo(buyer).search([]).read(['name'])
