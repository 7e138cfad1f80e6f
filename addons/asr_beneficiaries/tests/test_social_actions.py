"""Actions of a social action clause carried out, with justificatifs, validated by the
facilitator; progress against what the clause committed."""
import base64

from odoo.exceptions import UserError, ValidationError

from .common import BeneficiaryCase


class TestSocialActions(BeneficiaryCase):

    @classmethod
    def setUpClass(cls):
        super(TestSocialActions, cls).setUpClass()
        cls.social = cls.env['asr.clause'].create({
            'clause_type': 'social_action', 'lot_id': cls.lot.id, 'state': 'execution',
            'action_ids': [(0, 0, {'action': 'company_visit', 'people_count': 12}),
                           (0, 0, {'action': 'immersion', 'people_count': 4})]})
        cls.visit, cls.immersion = cls.social.action_ids

    def record(self, **vals):
        values = {'action_id': self.visit.id, 'date': '2025-06-10', 'people_count': 8}
        values.update(vals)
        return self.env['asr.social.action.record'].create(values)

    def test_progress_counts_validated_records(self):
        record = self.record()
        self.assertEqual(record.clause_id, self.social)
        with self.assertRefused(UserError, 'social_record.attachments'):
            record.sudo(self.staff).action_validate()
        self.assertEqual(record.state, 'draft')
        record.attachment_ids = self.env['ir.attachment'].create({
            'name': 'feuille-emargement.pdf', 'datas': base64.b64encode(b'%PDF-1.4 test'),
            'datas_fname': 'feuille-emargement.pdf'})
        # the facilitator's staff validates the action carried out
        record.sudo(self.staff).action_validate()
        self.assertEqual((record.state, record.validated_by_id), ('validated', self.staff))
        self.record(people_count=2)  # not validated: does not count yet
        self.visit.invalidate_cache()
        # 8 of 12 people: 66.67 %
        self.assertEqual(self.visit.people_done, 8)
        self.assertAlmostEqual(self.visit.done_progress, 66.6667, places=3)
        self.assertEqual(self.immersion.people_done, 0)

    def test_bad_records(self):
        Record = self.env['asr.social.action.record']
        for vals, key in (({'people_count': 0}, 'social_record.people_count'),
                          ({'date': '2024-12-31'}, 'social_record.date_outside')):
            with self.assertRefused(ValidationError, key):
                with self.env.cr.savepoint():
                    self.record(**vals)
        self.assertFalse(Record.search([('clause_id', '=', self.social.id)]))
