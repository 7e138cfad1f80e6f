"""The totals stored on the clauses and the figure tables (hours per month and modality, per
modality) equal the hours themselves after every way the hours change: creation, validation,
rejection, reset, change, import, deletion."""
import base64

from .common import BeneficiaryCase


class TestFigures(BeneficiaryCase):

    @classmethod
    def setUpClass(cls):
        super(TestFigures, cls).setUpClass()
        cls.second = cls.insertion_clause(state='execution')

    def truth(self, clause):
        """What the entries say, computed here in SQL without the summary."""
        cr = self.env.cr
        cr.execute("""
            SELECT coalesce(sum(hours) FILTER (WHERE state = 'validated'), 0),
                   coalesce(sum(hours) FILTER (WHERE state IN ('draft', 'submitted')), 0),
                   coalesce(sum(hours) FILTER (WHERE state = 'rejected'), 0),
                   count(DISTINCT beneficiary_id) FILTER (WHERE state = 'validated')
            FROM asr_hour_entry WHERE clause_id = %s""", (clause.id,))
        totals = cr.fetchone()
        cr.execute("""
            SELECT month::text, modality, sum(hours), count(*), count(DISTINCT beneficiary_id)
            FROM asr_hour_entry WHERE clause_id = %s AND state = 'validated'
            GROUP BY month, modality ORDER BY month, modality""", (clause.id,))
        months = cr.fetchall()
        cr.execute("""
            SELECT modality, sum(hours), count(DISTINCT beneficiary_id)
            FROM asr_hour_entry WHERE clause_id = %s AND state = 'validated'
            GROUP BY modality ORDER BY modality""", (clause.id,))
        modalities = cr.fetchall()
        return totals, months, modalities

    def assertSummary(self, clause, realised, waiting, rejected, people):
        """The stored totals are the expected figures, and the summary equals the entries."""
        totals, months, modalities = self.truth(clause)
        self.assertEqual(totals, (realised, waiting, rejected, people))
        clause.invalidate_cache()
        self.assertEqual((clause.hours_realised, clause.hours_to_validate,
                          clause.hours_rejected, clause.beneficiary_count),
                         (realised, waiting, rejected, people))
        objective = clause.hour_objective
        self.assertAlmostEqual(clause.hours_progress, realised * 100.0 / objective)
        self.assertEqual(clause.hours_missing, max(0.0, objective - realised))
        rows = self.env['asr.hour.report'].search([('clause_id', '=', clause.id)],
                                                  order='month, modality')
        self.assertEqual([(r.month, r.modality, r.hours, r.entry_count, r.beneficiary_count)
                          for r in rows], months)
        self.assertEqual(set(rows.mapped('charter_id')), {self.charter} if rows else set())
        lines = self.env['asr.clause.modality.report'].search(
            [('clause_id', '=', clause.id)], order='modality')
        self.assertEqual([(line.modality, line.hours, line.beneficiary_count)
                          for line in lines],
                         modalities)
        for line in lines:
            self.assertAlmostEqual(line.share, line.hours * 100.0 / realised)

    def test_summary_follows_every_change_of_the_hours(self):
        clause = self.clause
        self.assertSummary(clause, 0, 0, 0, 0)
        first = self.entry(month='2025-03-01', hours=100.0)
        second = self.entry(month='2025-04-01', hours=40.0, modality='etti')
        third = self.entry(beneficiary_id=self.other_person.id, month='2025-04-01',
                           hours=60.0)
        self.assertSummary(clause, 0, 200.0, 0, 0)
        (first | second).action_validate()
        self.assertSummary(clause, 140.0, 60.0, 0, 1)
        third.action_validate()
        self.assertSummary(clause, 200.0, 0, 0, 2)
        # rejection, then reset and change of a draft
        third.action_reset_draft()
        third.action_reject('Contrat non fourni')
        self.assertSummary(clause, 140.0, 0, 60.0, 1)
        third.action_reset_draft()
        third.write({'hours': 20.0})
        self.assertSummary(clause, 140.0, 20.0, 0, 1)
        # moving an entry to another clause refreshes both
        third.write({'clause_id': self.second.id})
        self.assertSummary(clause, 140.0, 0, 0, 1)
        self.assertSummary(self.second, 0, 20.0, 0, 0)
        # deletion
        third.unlink()
        self.assertSummary(self.second, 0, 0, 0, 0)
        second.action_reset_draft()
        second.unlink()
        self.assertSummary(clause, 100.0, 0, 0, 1)
        # and on the people
        people = self.person | self.other_person
        people.invalidate_cache()
        self.assertEqual([(p.hours_validated, p.last_entry_month) for p in people],
                         [(100.0, '2025-03-01'), (0.0, False)])

    def test_summary_follows_an_import(self):
        lines = [['clause', 'beneficiary', 'month', 'modality', 'hours'],
                 [self.clause.code, self.person.code, '05/2025', 'cdi', '120'],
                 [self.clause.code, self.other_person.code, '05/2025', 'ETTI', '35,5'],
                 [self.second.code, self.person.code, '06/2025', 'cdi', '10']]
        wizard = self.env['asr.statement.import'].create({
            'kind': 'hours', 'filename': 'releve.csv',
            'file': base64.b64encode('\n'.join(';'.join(line) for line in lines)
                                     .encode('utf-8'))})
        wizard.action_preview()
        wizard.action_import()
        self.assertSummary(self.clause, 0, 155.5, 0, 0)
        self.assertSummary(self.second, 0, 10.0, 0, 0)
        self.env['asr.hour.entry'].search([('clause_id', '=', self.clause.id)]).action_validate()
        self.assertSummary(self.clause, 155.5, 0, 0, 2)
        self.assertSummary(self.second, 0, 10.0, 0, 0)

    def test_full_refresh_gives_the_same_figures(self):
        self.entry(month='2025-03-01', hours=100.0).action_validate()
        self.entry(beneficiary_id=self.other_person.id, month='2025-03-01', hours=50.0,
                   modality='etti')
        before = self.truth(self.clause)
        self.env.cr.execute("UPDATE asr_clause SET hours_realised = 0, hours_to_validate = 0"
                            " WHERE id = %s", (self.clause.id,))
        self.env.cr.execute("DELETE FROM asr_hour_month_total")
        self.env['asr.hour.entry']._asr_refresh_figures()
        self.assertEqual(self.truth(self.clause), before)
        self.assertSummary(self.clause, 100.0, 50.0, 0, 1)
