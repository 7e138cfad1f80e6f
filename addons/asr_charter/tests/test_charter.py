"""Charter lifecycle, members, committees, evaluations: rules and French errors."""
import datetime

from dateutil.relativedelta import relativedelta
from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import CharterCase


class TestCharterLifecycle(CharterCase):

    def test_adoption_requires_act_number_and_date(self):
        draft = self.env['asr.charter'].create({'name': 'Sans acte',
                                                'territory_id': self.territory.id})
        with self.assertRaisesRegex(UserError, "numéro et la date de l'acte d'adoption"):
            draft.action_adopt()
        self.assertEqual(draft.state, 'draft')

    def test_lifecycle_draft_adopted_in_force_closed(self):
        self.charter.action_adopt()
        self.assertEqual(self.charter.state, 'adopted')
        self.charter.action_put_in_force()
        self.assertEqual(self.charter.state, 'in_force')
        self.assertEqual(self.charter.date_in_force, fields.Date.context_today(self.charter))
        self.charter.action_close()
        self.assertEqual(self.charter.state, 'closed')
        self.assertTrue(self.charter.date_closed)

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
        with self.assertRaisesRegex(ValidationError, "exactement une structure facilitatrice"):
            self.charter.action_put_in_force()
        self.assertEqual(self.charter.state, 'adopted')

    def test_in_force_requires_a_public_buyer_signatory(self):
        self.m_territory.unlink()
        self.charter.action_adopt()
        with self.assertRaisesRegex(UserError, "aucun acheteur public signataire"):
            self.charter.action_put_in_force()

    def test_cannot_close_a_draft_charter(self):
        with self.assertRaisesRegex(UserError, "Seule une charte en vigueur peut être close"):
            self.charter.action_close()


class TestCharterMembers(CharterCase):

    def test_facilitator_is_computed_and_searchable(self):
        self.assertEqual(self.charter.facilitator_partner_id, self.pci)
        found = self.env['asr.charter'].search([('facilitator_partner_id', '=', self.pci.id)])
        self.assertEqual(found, self.charter)

    def test_second_facilitator_in_force_refused_and_nothing_written(self):
        count = len(self.charter.member_ids)
        with self.assertRaisesRegex(ValidationError, "déjà une structure facilitatrice"):
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
        with self.assertRaisesRegex(ValidationError, "Facilitateur A"):
            with self.env.cr.savepoint():
                self.env['asr.charter.member'].create({
                    'charter_id': self.charter.id, 'partner_id': self.other_facilitator.id,
                    'role': 'facilitator', 'date_join': '2023-06-01'})

    def test_member_leaving_before_joining_refused_and_nothing_written(self):
        member = self.env['asr.charter.member'].create({
            'charter_id': self.charter.id, 'partner_id': self.town.id,
            'role': 'public_buyer', 'membership': 'signatory', 'date_join': '2022-05-01'})
        with self.assertRaisesRegex(ValidationError,
                                    r"ne peut pas quitter la charte \(30/04/2022\) avant d'y "
                                    r"avoir adhéré \(01/05/2022\)"):
            with self.env.cr.savepoint():
                member.write({'date_leave': '2022-04-30'})
        member.invalidate_cache()
        self.assertFalse(member.date_leave)

    def test_employment_actor_needs_its_kind(self):
        with self.assertRaisesRegex(ValidationError, "type d'acteur de l'emploi"):
            with self.env.cr.savepoint():
                self.env['asr.charter.member'].create({
                    'charter_id': self.charter.id, 'partner_id': self.town.id,
                    'role': 'employment_actor'})

    def test_members_commit_to_articles_of_their_charter_only(self):
        article = self.env['asr.charter.article'].create({
            'charter_id': self.charter.id, 'code': '3-1', 'name': 'Communiquer'})
        other = self.env['asr.charter'].create({'name': 'Autre', 'territory_id': self.town.id})
        foreign = self.env['asr.charter.article'].create({
            'charter_id': other.id, 'code': '3-1', 'name': 'Communiquer'})
        self.m_territory.write({'article_ids': [(4, article.id)]})
        with self.assertRaisesRegex(ValidationError, "articles de sa charte"):
            with self.env.cr.savepoint():
                self.m_territory.write({'article_ids': [(4, foreign.id)]})

    def test_in_force_charter_keeps_its_facilitator(self):
        self.charter.action_adopt()
        self.charter.action_put_in_force()
        yesterday = fields.Date.to_string(
            fields.Date.from_string(fields.Date.context_today(self.charter))
            - datetime.timedelta(days=1))
        with self.assertRaisesRegex(ValidationError, "exactement une structure facilitatrice"):
            with self.env.cr.savepoint():
                self.m_facilitator.write({'date_leave': yesterday})
        with self.assertRaisesRegex(ValidationError, "exactement une structure facilitatrice"):
            with self.env.cr.savepoint():
                self.m_facilitator.unlink()
        self.assertTrue(self.m_facilitator.exists())


class TestCommittees(CharterCase):

    def _today(self):
        return fields.Date.from_string(fields.Date.context_today(self.charter))

    def test_committee_before_adoption_refused_and_nothing_written(self):
        Committee = self.env['asr.charter.committee']
        with self.assertRaisesRegex(ValidationError,
                                    r"ne peut pas précéder l'adoption de la charte .* "
                                    r"\(15/03/2021\)"):
            with self.env.cr.savepoint():
                Committee.create({'charter_id': self.charter.id, 'date': '2021-03-14'})
        self.assertFalse(Committee.search([('charter_id', '=', self.charter.id)]))

    def test_committee_of_unadopted_charter_refused(self):
        draft = self.env['asr.charter'].create({'name': 'Projet',
                                                'territory_id': self.territory.id})
        with self.assertRaisesRegex(ValidationError, "pas encore adoptée"):
            with self.env.cr.savepoint():
                self.env['asr.charter.committee'].create({'charter_id': draft.id,
                                                          'date': '2025-01-01'})

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
        with self.assertRaisesRegex(ValidationError, "Ville de Test-sur-Marne n'en est pas"):
            with self.env.cr.savepoint():
                committee.write({'attendee_ids': [(4, stranger.id)]})

    def test_decision_schedules_and_closes_a_follow_up_activity(self):
        committee = self.env['asr.charter.committee'].create({
            'charter_id': self.charter.id, 'date': '2022-06-07', 'state': 'held'})
        manager = self.user('asr_resp_test', ['asr_charter.group_asr_manager'])
        decision = self.env['asr.charter.committee.decision'].create({
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
        with self.assertRaisesRegex(ValidationError, "précède le comité"):
            with self.env.cr.savepoint():
                self.env['asr.charter.committee.decision'].create({
                    'committee_id': committee.id, 'name': 'X', 'deadline': '2022-06-01'})


class TestEvaluations(CharterCase):

    def test_second_evaluation_same_year_refused_and_nothing_written(self):
        Evaluation = self.env['asr.charter.evaluation']
        Evaluation.create({'charter_id': self.charter.id, 'year': 2023,
                           'qualitative': '<p>Première</p>'})
        with self.assertRaisesRegex(ValidationError, "déjà une évaluation pour l'année 2023"):
            with self.env.cr.savepoint():
                Evaluation.create({'charter_id': self.charter.id, 'year': 2023})
        self.assertEqual(Evaluation.search_count([('charter_id', '=', self.charter.id)]), 1)

    def test_moving_an_evaluation_onto_a_taken_year_refused(self):
        Evaluation = self.env['asr.charter.evaluation']
        Evaluation.create({'charter_id': self.charter.id, 'year': 2023})
        later = Evaluation.create({'charter_id': self.charter.id, 'year': 2024})
        with self.assertRaisesRegex(ValidationError, "l'année 2023"):
            with self.env.cr.savepoint():
                later.write({'year': 2023})
        later.invalidate_cache()
        self.assertEqual(later.year, 2024)

    def test_same_year_on_two_charters_accepted(self):
        other = self.env['asr.charter'].create({'name': 'Autre', 'territory_id': self.town.id})
        Evaluation = self.env['asr.charter.evaluation']
        Evaluation.create({'charter_id': self.charter.id, 'year': 2023})
        Evaluation.create({'charter_id': other.id, 'year': 2023})

    def test_evaluation_before_adoption_year_refused(self):
        with self.assertRaisesRegex(ValidationError, "précède l'adoption"):
            with self.env.cr.savepoint():
                self.env['asr.charter.evaluation'].create({'charter_id': self.charter.id,
                                                           'year': 2020})


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
        with self.assertRaises(AccessError):
            Charter.browse(other.id).read(['name'])
        with self.assertRaises(AccessError):
            Charter.browse(self.charter.id).write({'name': 'X'})

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
            with self.assertRaises(AccessError):
                charter.write({'name': 'X'})
            with self.assertRaises(AccessError):
                self.env['asr.charter.member'].sudo(user).create({
                    'charter_id': self.charter.id, 'partner_id': self.town.id,
                    'role': 'public_buyer'})

    def test_manager_edits(self):
        manager = self.user('asr_mgr_t', ['asr_charter.group_asr_manager'])
        self.charter.sudo(manager).write({'name': 'Charte renommée'})
        self.assertEqual(self.charter.name, 'Charte renommée')
