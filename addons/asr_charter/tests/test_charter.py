"""Charter lifecycle, members, committees, evaluations: rules and the checks that refuse
(compared by their key; their French wording is read in test_french_messages)."""
import datetime

from dateutil.relativedelta import relativedelta
from odoo import fields
from odoo.exceptions import AccessError

from odoo.addons.asr_charter.exceptions import AsrUserError, AsrValidationError

from .common import CharterCase


class TestCharterLifecycle(CharterCase):

    def test_adoption_requires_act_number_and_date(self):
        draft = self.env['asr.charter'].create({'name': 'Sans acte',
                                                'territory_id': self.territory.id})
        with self.assertRefused(AsrUserError, 'charter.act_missing'):
            draft.action_adopt()
        self.assertEqual(draft.state, 'draft')

    def test_lifecycle_draft_adopted_in_force_closed(self):
        # the manager's journey: adopt, put in force, close
        manager = self.user('asr_mgr_life', ['asr_charter.group_asr_manager'])
        charter = self.charter.sudo(manager)
        charter.action_adopt()
        self.assertEqual(charter.state, 'adopted')
        charter.action_put_in_force()
        self.assertEqual(charter.state, 'in_force')
        self.assertEqual(charter.date_in_force, fields.Date.context_today(charter))
        charter.action_close()
        self.assertEqual(charter.state, 'closed')
        self.assertTrue(charter.date_closed)

    def test_state_changes_are_tracked_in_chatter(self):
        charter = self.charter.with_context(tracking_disable=False)
        before = len(charter.message_ids)
        charter.action_adopt()
        self.assertGreater(len(charter.message_ids), before)
        tracked = charter.message_ids.mapped('tracking_value_ids').filtered(
            lambda t: t.field == 'state')
        self.assertEqual(tracked[:1].new_value_char, 'Adoptée')

    def test_in_force_requires_a_facilitator(self):
        self.m_facilitator.write({'date_leave': '2021-06-30'})
        self.charter.action_adopt()
        with self.assertRefused(AsrValidationError, 'charter.facilitator_count'):
            self.charter.action_put_in_force()
        self.assertEqual(self.charter.state, 'adopted')

    def test_in_force_requires_a_public_buyer_signatory(self):
        self.m_territory.unlink()
        self.charter.action_adopt()
        with self.assertRefused(AsrUserError, 'charter.no_public_buyer'):
            self.charter.action_put_in_force()
        self.assertEqual(self.charter.state, 'adopted')

    def test_workflow_steps_out_of_order_refused(self):
        manager = self.user('asr_mgr_steps', ['asr_charter.group_asr_manager'])
        charter = self.charter.sudo(manager)
        with self.assertRefused(AsrUserError, 'charter.reset_not_adopted'):
            charter.action_reset_draft()
        charter.action_adopt()
        with self.assertRefused(AsrUserError, 'charter.not_draft'):
            charter.action_adopt()
        charter.action_reset_draft()
        self.assertEqual(charter.state, 'draft')
        with self.assertRefused(AsrUserError, 'charter.not_adopted'):
            charter.action_put_in_force()
        self.assertEqual(charter.state, 'draft')
        self.assertFalse(charter.date_in_force)

    def test_cannot_close_a_draft_charter(self):
        with self.assertRefused(AsrUserError, 'charter.not_in_force'):
            self.charter.action_close()
        self.assertEqual(self.charter.state, 'draft')
        self.assertFalse(self.charter.date_closed)


class TestCharterMembers(CharterCase):

    def test_facilitator_is_computed_and_searchable(self):
        self.assertEqual(self.charter.facilitator_partner_id, self.pci)
        found = self.env['asr.charter'].search([('facilitator_partner_id', '=', self.pci.id)])
        self.assertEqual(found, self.charter)

    def test_second_facilitator_in_force_refused_and_nothing_written(self):
        count = len(self.charter.member_ids)
        with self.assertRefused(AsrValidationError, 'member.facilitator_overlap'):
            with self.env.cr.savepoint():
                self.env['asr.charter.member'].create({
                    'charter_id': self.charter.id, 'partner_id': self.other_facilitator.id,
                    'role': 'facilitator', 'membership': 'signatory',
                    'date_join': '2024-01-01'})
        self.charter.invalidate_cache()
        self.assertEqual(len(self.charter.member_ids), count)

    def test_successive_facilitators_accepted(self):
        self.m_facilitator.write({'date_leave': '2023-12-31'})
        successor = self.env['asr.charter.member'].create({
            'charter_id': self.charter.id, 'partner_id': self.other_facilitator.id,
            'role': 'facilitator', 'membership': 'signatory', 'date_join': '2024-01-01'})
        self.assertEqual(self.charter.facilitator_member_id, successor)

    def test_overlapping_periods_of_facilitators_refused(self):
        # A left on 31/12/2023; B joining on 01/06/2023 would overlap A's last months
        self.m_facilitator.write({'date_leave': '2023-12-31'})
        with self.assertRefused(AsrValidationError, 'member.facilitator_overlap'):
            with self.env.cr.savepoint():
                self.env['asr.charter.member'].create({
                    'charter_id': self.charter.id, 'partner_id': self.other_facilitator.id,
                    'role': 'facilitator', 'date_join': '2023-06-01'})
        self.charter.invalidate_cache()
        self.assertEqual(self.charter.member_ids.filtered(
            lambda m: m.role == 'facilitator').mapped('partner_id'), self.pci)

    def test_member_leaving_before_joining_refused_and_nothing_written(self):
        member = self.env['asr.charter.member'].create({
            'charter_id': self.charter.id, 'partner_id': self.town.id,
            'role': 'public_buyer', 'membership': 'signatory', 'date_join': '2022-05-01'})
        with self.assertRefused(AsrValidationError, 'member.leave_before_join'):
            with self.env.cr.savepoint():
                member.write({'date_leave': '2022-04-30'})
        member.invalidate_cache()
        self.assertFalse(member.date_leave)

    def test_employment_actor_needs_its_kind(self):
        with self.assertRefused(AsrValidationError, 'member.employment_kind'):
            with self.env.cr.savepoint():
                self.env['asr.charter.member'].create({
                    'charter_id': self.charter.id, 'partner_id': self.town.id,
                    'role': 'employment_actor'})
        self.charter.invalidate_cache()
        self.assertNotIn('employment_actor', self.charter.member_ids.mapped('role'))

    def test_members_commit_to_articles_of_their_charter_only(self):
        article = self.env['asr.charter.article'].create({
            'charter_id': self.charter.id, 'code': '3-1', 'name': 'Communiquer'})
        other = self.env['asr.charter'].create({'name': 'Autre', 'territory_id': self.town.id})
        foreign = self.env['asr.charter.article'].create({
            'charter_id': other.id, 'code': '3-1', 'name': 'Communiquer'})
        self.m_territory.write({'article_ids': [(4, article.id)]})
        with self.assertRefused(AsrValidationError, 'member.article_charter'):
            with self.env.cr.savepoint():
                self.m_territory.write({'article_ids': [(4, foreign.id)]})
        self.m_territory.invalidate_cache()
        self.assertEqual(self.m_territory.article_ids, article)

    def test_in_force_charter_keeps_its_facilitator(self):
        self.charter.action_adopt()
        self.charter.action_put_in_force()
        yesterday = fields.Date.to_string(
            fields.Date.from_string(fields.Date.context_today(self.charter))
            - datetime.timedelta(days=1))
        with self.assertRefused(AsrValidationError, 'charter.facilitator_count'):
            with self.env.cr.savepoint():
                self.m_facilitator.write({'date_leave': yesterday})
        self.m_facilitator.invalidate_cache()
        self.assertFalse(self.m_facilitator.date_leave)
        with self.assertRefused(AsrValidationError, 'charter.facilitator_count'):
            with self.env.cr.savepoint():
                self.m_facilitator.unlink()
        self.assertTrue(self.m_facilitator.exists())


class TestCommittees(CharterCase):

    def _today(self):
        return fields.Date.from_string(fields.Date.context_today(self.charter))

    def test_committee_before_adoption_refused_and_nothing_written(self):
        Committee = self.env['asr.charter.committee']
        with self.assertRefused(AsrValidationError, 'committee.before_adoption'):
            with self.env.cr.savepoint():
                Committee.create({'charter_id': self.charter.id, 'date': '2021-03-14'})
        self.assertFalse(Committee.search([('charter_id', '=', self.charter.id)]))

    def test_committee_of_unadopted_charter_refused(self):
        draft = self.env['asr.charter'].create({'name': 'Projet',
                                                'territory_id': self.territory.id})
        with self.assertRefused(AsrValidationError, 'committee.charter_not_adopted'):
            with self.env.cr.savepoint():
                self.env['asr.charter.committee'].create({'charter_id': draft.id,
                                                          'date': '2025-01-01'})
        self.assertFalse(draft.committee_ids)

    def test_next_committee_due_and_warning(self):
        today = self._today()
        self.charter.action_adopt()
        held = today - relativedelta(years=1, months=2)
        self.env['asr.charter.committee'].create({
            'charter_id': self.charter.id, 'date': fields.Date.to_string(held),
            'state': 'held'})
        # last held 14 months ago, nothing since: due 12 months after it, hence overdue,
        # and nothing in the current year unless the held one fell in it
        self.assertEqual(self.charter.next_committee_date,
                         fields.Date.to_string(held + relativedelta(months=12)))
        self.assertTrue(self.charter.committee_overdue)
        self.assertIn('en retard', self.charter.committee_warning)
        if held.year != today.year:
            self.assertIn("Aucun comité technique n'est tenu ni planifié en %s" % today.year,
                          self.charter.committee_warning)
        planned = today + relativedelta(days=20)
        self.env['asr.charter.committee'].create({
            'charter_id': self.charter.id, 'date': fields.Date.to_string(planned)})
        self.assertEqual(self.charter.next_committee_date, fields.Date.to_string(planned))
        self.assertTrue(self.charter.next_committee_planned)
        self.assertFalse(self.charter.committee_overdue)

    def test_committee_name_and_attendees_of_the_charter(self):
        committee = self.env['asr.charter.committee'].create({
            'charter_id': self.charter.id, 'date': '2022-06-07',
            'attendee_ids': [(6, 0, [self.m_territory.id, self.m_facilitator.id])]})
        self.assertEqual(committee.name, 'Comité technique du 07/06/2022')
        other = self.env['asr.charter'].create({'name': 'Autre', 'territory_id': self.town.id,
                                                'act_date': '2020-01-01'})
        stranger = self.env['asr.charter.member'].create({
            'charter_id': other.id, 'partner_id': self.town.id, 'role': 'public_buyer'})
        with self.assertRefused(AsrValidationError, 'committee.attendee_not_member'):
            with self.env.cr.savepoint():
                committee.write({'attendee_ids': [(4, stranger.id)]})
        committee.invalidate_cache()
        self.assertEqual(committee.attendee_ids, self.m_territory | self.m_facilitator)

    def test_manager_records_a_committee_held_or_cancelled(self):
        manager = self.user('asr_mgr_committee', ['asr_charter.group_asr_manager'])
        Committee = self.env['asr.charter.committee'].sudo(manager)
        today = self._today()
        later = Committee.create({'charter_id': self.charter.id,
                                  'date': fields.Date.to_string(today + relativedelta(days=10))})
        with self.assertRefused(AsrUserError, 'committee.not_held_yet'):
            later.action_held()
        self.assertEqual(later.state, 'planned')
        later.action_cancel()
        self.assertEqual(later.state, 'cancelled')
        with self.assertRefused(AsrUserError, 'committee.not_planned'):
            later.action_held()
        later.action_replan()
        self.assertEqual(later.state, 'planned')
        past = Committee.create({'charter_id': self.charter.id,
                                 'date': fields.Date.to_string(today - relativedelta(days=10))})
        past.action_held()
        self.assertEqual(past.state, 'held')
        with self.assertRefused(AsrUserError, 'committee.cancel_held'):
            past.action_cancel()
        self.assertEqual(past.state, 'held')

    def test_decision_schedules_and_closes_a_follow_up_activity(self):
        committee = self.env['asr.charter.committee'].create({
            'charter_id': self.charter.id, 'date': '2022-06-07', 'state': 'held'})
        manager = self.user('asr_resp_test', ['asr_charter.group_asr_manager'])
        # the manager's journey: records the committee's decision, then marks it done
        decision = self.env['asr.charter.committee.decision'].sudo(manager).create({
            'committee_id': committee.id, 'name': 'Réserver deux lots aux SIAE',
            'responsible_id': manager.id, 'deadline': '2022-09-30'})
        activity = decision.activity_id
        self.assertTrue(activity)
        self.assertEqual(activity.user_id, manager)
        self.assertEqual(activity.res_id, committee.id)
        self.assertEqual(activity.date_deadline, '2022-09-30')
        self.assertIn('Réserver deux lots aux SIAE', activity.summary)
        decision.action_done()
        self.assertFalse(activity.exists())
        self.assertEqual(decision.state, 'done')

    def test_decision_deadline_before_committee_refused(self):
        committee = self.env['asr.charter.committee'].create({
            'charter_id': self.charter.id, 'date': '2022-06-07'})
        with self.assertRefused(AsrValidationError, 'decision.deadline_before_committee'):
            with self.env.cr.savepoint():
                self.env['asr.charter.committee.decision'].create({
                    'committee_id': committee.id, 'name': 'X', 'deadline': '2022-06-01'})
        self.assertFalse(committee.decision_ids)


class TestEvaluations(CharterCase):

    def test_second_evaluation_same_year_refused_and_nothing_written(self):
        Evaluation = self.env['asr.charter.evaluation']
        Evaluation.create({'charter_id': self.charter.id, 'year': 2023,
                           'qualitative': '<p>Première</p>'})
        with self.assertRefused(AsrValidationError, 'evaluation.year_taken'):
            with self.env.cr.savepoint():
                Evaluation.create({'charter_id': self.charter.id, 'year': 2023})
        self.assertEqual(Evaluation.search_count([('charter_id', '=', self.charter.id)]), 1)

    def test_moving_an_evaluation_onto_a_taken_year_refused(self):
        Evaluation = self.env['asr.charter.evaluation']
        Evaluation.create({'charter_id': self.charter.id, 'year': 2023})
        later = Evaluation.create({'charter_id': self.charter.id, 'year': 2024})
        with self.assertRefused(AsrValidationError, 'evaluation.year_taken'):
            with self.env.cr.savepoint():
                later.write({'year': 2023})
        later.invalidate_cache()
        self.assertEqual(later.year, 2024)

    def test_same_year_on_two_charters_accepted(self):
        other = self.env['asr.charter'].create({'name': 'Autre', 'territory_id': self.town.id})
        # the manager's journey: one evaluation a year for each charter
        manager = self.user('asr_mgr_eval', ['asr_charter.group_asr_manager'])
        Evaluation = self.env['asr.charter.evaluation'].sudo(manager)
        first = Evaluation.create({'charter_id': self.charter.id, 'year': 2023})
        second = Evaluation.create({'charter_id': other.id, 'year': 2023})
        self.assertEqual((first.charter_id, first.year), (self.charter, 2023))
        self.assertEqual((second.charter_id, second.year), (other, 2023))
        self.assertEqual(Evaluation.search([('year', '=', 2023),
                                            ('charter_id', 'in', (self.charter | other).ids)]),
                         first | second)

    def test_evaluation_before_adoption_year_refused(self):
        with self.assertRefused(AsrValidationError, 'evaluation.before_adoption'):
            with self.env.cr.savepoint():
                self.env['asr.charter.evaluation'].create({'charter_id': self.charter.id,
                                                           'year': 2020})
        self.assertFalse(self.charter.evaluation_ids)


class TestCharterAccess(CharterCase):

    def test_facilitator_portal_user_sees_only_their_charter(self):
        contact = self.env['res.partner'].create({'name': 'Nina', 'parent_id': self.pci.id})
        facilitator = self.user('asr_facil_test', ['asr_charter.group_asr_facilitator'],
                                contact)
        other = self.env['asr.charter'].create({'name': 'Autre', 'territory_id': self.town.id,
                                                'act_date': '2020-01-01'})
        self.env['asr.charter.member'].create({
            'charter_id': other.id, 'partner_id': self.other_facilitator.id,
            'role': 'facilitator'})
        self.assertTrue(facilitator.has_group('base.group_portal'))
        self.assertFalse(facilitator.has_group('base.group_user'))
        Charter = self.env['asr.charter'].sudo(facilitator)
        self.assertEqual(Charter.search([]), self.charter)
        with self.assertRefused(AccessError, 'record_rule'):
            Charter.browse(other.id).read(['name'])
        with self.assertRefused(AccessError, 'acl'):
            Charter.browse(self.charter.id).write({'name': 'X'})
        self.assertEqual(self.charter.name, 'Charte de test')

    def test_facilitator_who_left_loses_access(self):
        contact = self.env['res.partner'].create({'name': 'Nina', 'parent_id': self.pci.id})
        facilitator = self.user('asr_facil_left', ['asr_charter.group_asr_facilitator'],
                                contact)
        self.m_facilitator.write({'date_leave': '2023-12-31'})
        self.assertFalse(self.env['asr.charter'].sudo(facilitator).search([]))

    def test_buyer_and_finance_read_but_do_not_edit(self):
        for login, group in (('asr_buyer_t', 'asr_charter.group_asr_buyer'),
                             ('asr_fin_t', 'asr_charter.group_asr_finance')):
            user = self.user(login, [group])
            charter = self.charter.sudo(user)
            self.assertEqual(charter.name, 'Charte de test')
            with self.assertRefused(AccessError, 'acl'):
                charter.write({'name': 'X'})
            with self.assertRefused(AccessError, 'acl'):
                self.env['asr.charter.member'].sudo(user).create({
                    'charter_id': self.charter.id, 'partner_id': self.town.id,
                    'role': 'public_buyer'})
        self.assertEqual(self.charter.name, 'Charte de test')
        self.assertNotIn(self.town, self.charter.member_ids.mapped('partner_id'))

    def test_manager_edits(self):
        manager = self.user('asr_mgr_t', ['asr_charter.group_asr_manager'])
        self.charter.sudo(manager).write({'name': 'Charte renommée'})
        self.assertEqual(self.charter.name, 'Charte renommée')
