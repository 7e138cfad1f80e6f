"""Every form of the application lets its lines be typed before the record is saved: in each
one2many of an ASR form, the parent is set by the relation (never shown to be typed), and the
form opened for a line knows the columns of its list (the web client would send them back)."""
from odoo.tests.common import TransactionCase

from odoo.addons.asr_charter.tests.embedded_views import embedded_one2many, inverse_problems


class TestEmbeddedLines(TransactionCase):

    def test_no_form_asks_for_the_parent_of_its_lines(self):
        views = self.env['ir.ui.view'].search([
            ('type', '=', 'form'), ('mode', '=', 'primary'),
            '|', ('model', '=like', 'asr.%'), ('model', '=', 'purchase.order')])
        checked, problems = set(), []
        for view in views:
            if view.model not in self.env:
                continue
            for embedded in embedded_one2many(self.env, view.model, view_id=view.id):
                checked.add('%s.%s' % (view.model, embedded['name']))
                problems += ['%s (%s) %s' % (view.xml_id, view.model, problem)
                             for problem in inverse_problems(embedded)]
        self.assertEqual(problems, [])
        # the audit reached the lines a user types in one save
        self.assertLessEqual({'asr.market.lot_ids', 'asr.market.lot.clause_ids',
                              'asr.charter.committee_ids', 'asr.charter.evaluation_ids',
                              'asr.charter.member_ids', 'asr.clause.action_ids',
                              'asr.charter.committee.decision_ids'}, checked)
