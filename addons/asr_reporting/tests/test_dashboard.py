"""The landing page "My work": each role's tiles, counted as the role's user, and the list each
tile opens finds the records counted. Counts are taken before and after the records are made,
so that the tests hold on a database with or without the demo."""
from unittest.mock import patch

from odoo.osv import expression

from odoo.addons.asr_beneficiaries.tests.common import BeneficiaryCase
from odoo.addons.asr_charter.exceptions import AsrValidationError
from odoo.addons.asr_charter.tests.common import AsrCase

TODAY = '2026-11-23'
BUYER = 'asr_charter.group_asr_buyer'
MANAGER = 'asr_charter.group_asr_manager'
FINANCE = 'asr_charter.group_asr_finance'
PERSONAL_DATA = 'asr_beneficiaries.group_asr_personal_data'


class DashboardCase(BeneficiaryCase):

    def setUp(self):
        super(DashboardCase, self).setUp()
        self.buyer = self.user('asr_land_buyer', [BUYER])
        self.manager = self.user('asr_land_manager', [MANAGER])
        self.finance = self.user('asr_land_finance', [FINANCE])
        self.staff = self.user('asr_land_staff', [PERSONAL_DATA])
        self.charter.personal_data_user_ids = self.staff
        self.market.user_id = self.buyer
        patcher = patch('odoo.fields.Date.context_today', return_value=TODAY)
        patcher.start()
        self.addCleanup(patcher.stop)

    def tile(self, xml_id, user):
        return self.env.ref('asr_reporting.' + xml_id).sudo(user)

    def count(self, xml_id, user):
        tile = self.tile(xml_id, user)
        tile.invalidate_cache()
        return tile.count

    def listed(self, xml_id, user):
        """The records the tile's list shows to the user (the action's domain)."""
        action = self.tile(xml_id, user).action_open()
        return self.env[action['res_model']].sudo(user).search(action['domain'])


class TestLandingTiles(DashboardCase):

    def test_each_role_sees_the_tiles_of_its_groups(self):
        Tile = self.env['asr.dashboard.tile']
        groups = {}
        for user in (self.buyer, self.manager, self.finance, self.staff):
            groups[user.login] = set(Tile.sudo(user).search([]).mapped('group_id').ids)
        ref = self.env.ref
        self.assertEqual(groups['asr_land_buyer'], {ref(BUYER).id})
        self.assertEqual(groups['asr_land_manager'], {ref(BUYER).id, ref(MANAGER).id})
        self.assertEqual(groups['asr_land_finance'], {ref(FINANCE).id})
        self.assertEqual(groups['asr_land_staff'], {ref(PERSONAL_DATA).id})
        # every tile of a role counts without an access error, as that role
        for user in (self.buyer, self.manager, self.finance, self.staff):
            for tile in Tile.sudo(user).search([]):
                self.assertGreaterEqual(tile.count, 0)

    def test_buyer_markets_to_examine_and_waiting_for_the_opinion(self):
        before = self.count('tile_buyer_to_examine', self.buyer)
        other = self.env['asr.market'].create({
            'name': 'Entretien des espaces verts (test)', 'charter_id': self.charter.id,
            'buyer_entity_id': self.territory.id, 'amount_estimated': 90000.0,
            'consultation_date': '2026-12-01', 'user_id': self.buyer.id})
        self.env['asr.market'].create({
            'name': "Marché d'un autre acheteur (test)", 'charter_id': self.charter.id,
            'buyer_entity_id': self.territory.id, 'amount_estimated': 90000.0,
            'consultation_date': '2026-12-01', 'user_id': self.manager.id})
        self.assertEqual(self.count('tile_buyer_to_examine', self.buyer), before + 1)
        self.assertIn(other, self.listed('tile_buyer_to_examine', self.buyer))
        self.assertIn(self.market, self.listed('tile_buyer_to_examine', self.buyer))
        waiting = self.count('tile_buyer_waiting_opinion', self.buyer)
        self.market.sudo(self.buyer).action_examined()
        self.assertEqual(self.count('tile_buyer_to_examine', self.buyer), before)
        self.assertEqual(self.count('tile_buyer_waiting_opinion', self.buyer), waiting + 1)

    def test_buyer_clauses_behind_their_objective(self):
        # 625 h over March 2025 - December 2026 (22 months); on 23 November 2026, 21 months
        # have started: nothing yet, or 500 h, give less than the objective (523.81 h at the
        # end for 500 h); 600 h give 628.57 h
        before = self.count('tile_buyer_behind', self.buyer)
        self.assertTrue(self.clause.behind_objective)
        self.assertIn(self.clause, self.listed('tile_buyer_behind', self.buyer))
        self.entry(hours=150.0).action_validate()
        self.entry(month='2025-04-01', hours=150.0).action_validate()
        self.entry(month='2025-05-01', hours=150.0).action_validate()
        self.entry(month='2025-06-01', hours=50.0).action_validate()
        self.clause.invalidate_cache()
        self.assertTrue(self.clause.behind_objective)
        self.assertEqual(self.count('tile_buyer_behind', self.buyer), before)
        self.assertIn(self.clause, self.listed('tile_buyer_behind', self.buyer))
        tile = self.tile('tile_buyer_behind', self.buyer)
        self.assertGreaterEqual(tile.measure_total, 125.0)  # its 125 missing hours included
        # not in the tile of another buyer
        self.assertNotIn(self.clause, self.listed('tile_buyer_behind', self.manager))
        self.entry(month='2025-07-01', hours=100.0).action_validate()
        self.clause.invalidate_cache()
        self.assertFalse(self.clause.behind_objective)
        self.assertEqual(self.count('tile_buyer_behind', self.buyer), before - 1)
        self.assertNotIn(self.clause, self.listed('tile_buyer_behind', self.buyer))
        # a clause of the buyer's that falls behind comes in
        self.env['asr.hour.entry'].search([('clause_id', '=', self.clause.id),
                                           ('month', '=', '2025-07-01')]).action_reset_draft()
        self.assertEqual(self.count('tile_buyer_behind', self.buyer), before)

    def test_late_monthly_reports(self):
        Report = self.env['asr.monthly.report']
        counts = {(xml_id, user.login): self.count(xml_id, user) for xml_id, user in (
            ('tile_buyer_late_reports', self.buyer), ('tile_personal_data_late_reports',
                                                      self.staff),
            ('tile_finance_late_reports', self.finance))}
        late = Report.create({'clause_id': self.clause.id, 'month': '2025-03-01'})
        received_late = Report.create({'clause_id': self.clause.id, 'month': '2025-04-01'})
        received_late.action_receive('2025-05-20')
        self.assertEqual(late.state, 'late')
        self.assertEqual(received_late.days_late, 8)
        self.assertEqual(self.count('tile_buyer_late_reports', self.buyer),
                         counts['tile_buyer_late_reports', 'asr_land_buyer'] + 1)
        self.assertEqual(self.count('tile_personal_data_late_reports', self.staff),
                         counts['tile_personal_data_late_reports', 'asr_land_staff'] + 1)
        # finance: every report late, received or not (the basis of the late-day penalties)
        self.assertEqual(self.count('tile_finance_late_reports', self.finance),
                         counts['tile_finance_late_reports', 'asr_land_finance'] + 2)
        for xml_id, user in (('tile_buyer_late_reports', self.buyer),
                             ('tile_personal_data_late_reports', self.staff)):
            self.assertIn(late, self.listed(xml_id, user))
            self.assertNotIn(received_late, self.listed(xml_id, user))
        self.assertIn(received_late, self.listed('tile_finance_late_reports', self.finance))

    def test_manager_examinations_to_validate(self):
        to_validate = self.count('tile_manager_to_validate', self.manager)
        waiting = self.count('tile_manager_waiting_opinion', self.manager)
        self.market.sudo(self.buyer).action_examined()
        self.assertEqual(self.count('tile_manager_waiting_opinion', self.manager), waiting + 1)
        self.market.sudo(self.manager).action_give_opinion('favourable', 'Clause adaptée.')
        self.assertEqual(self.count('tile_manager_waiting_opinion', self.manager), waiting)
        self.assertEqual(self.count('tile_manager_to_validate', self.manager), to_validate + 1)
        self.assertIn(self.market, self.listed('tile_manager_to_validate', self.manager))
        self.market.sudo(self.manager).action_validate()
        self.assertEqual(self.count('tile_manager_to_validate', self.manager), to_validate)

    def test_manager_late_committees_and_evaluations(self):
        overdue = self.count('tile_manager_committee_overdue', self.manager)
        to_record = self.count('tile_manager_committee_to_record', self.manager)
        late = self.count('tile_manager_evaluation_late', self.manager)
        # in force since 2020, its last committee held in 2024: one is due by 2025
        self.charter.action_adopt()
        self.charter.action_put_in_force()
        self.charter.write({'date_in_force': '2020-02-01'})
        Committee = self.env['asr.charter.committee']
        Committee.create({'charter_id': self.charter.id, 'date': '2024-06-15', 'state': 'held'})
        self.charter.invalidate_cache()
        self.assertTrue(self.charter.committee_overdue)
        self.assertEqual(self.count('tile_manager_committee_overdue', self.manager), overdue + 1)
        self.assertIn(self.charter, self.listed('tile_manager_committee_overdue', self.manager))
        # planned on 5 November 2026, not recorded: to record, and the charter is no longer
        # overdue only once a committee is planned ahead (the manager plans them)
        Committee = Committee.sudo(self.manager)
        past = Committee.create({'charter_id': self.charter.id, 'date': '2026-11-05'})
        self.assertEqual(self.count('tile_manager_committee_to_record', self.manager),
                         to_record + 1)
        self.assertIn(past, self.listed('tile_manager_committee_to_record', self.manager))
        Committee.create({'charter_id': self.charter.id, 'date': '2027-01-20'})
        self.charter.invalidate_cache()
        self.assertEqual(self.count('tile_manager_committee_overdue', self.manager), overdue)
        # no evaluation of 2025 by 31 March 2026
        self.assertTrue(self.charter.evaluation_late)
        self.assertEqual(self.charter.evaluation_late_year, 2025)
        self.assertEqual(self.count('tile_manager_evaluation_late', self.manager), late + 1)
        self.assertIn(self.charter, self.listed('tile_manager_evaluation_late', self.manager))
        # the manager records the evaluation of 2025
        self.env['asr.charter.evaluation'].sudo(self.manager).create({
            'charter_id': self.charter.id, 'year': 2025})
        self.charter.invalidate_cache()
        self.assertFalse(self.charter.evaluation_late)
        self.assertEqual(self.count('tile_manager_evaluation_late', self.manager), late)

    def test_staff_hours_and_people_to_validate(self):
        tile = 'tile_personal_data_hours'
        before = self.count(tile, self.staff)
        hours_before = self.tile(tile, self.staff).measure_total
        first = self.entry(hours=120.0)
        self.entry(month='2025-04-01', hours=80.0).action_submit()
        self.assertEqual(self.count(tile, self.staff), before + 2)
        # shown in whole hours
        self.assertEqual(self.tile(tile, self.staff).measure_total, hours_before + 200)
        self.assertIn(first, self.listed(tile, self.staff))
        first.sudo(self.staff).action_validate()
        self.assertEqual(self.count(tile, self.staff), before + 1)
        self.assertNotIn(first, self.listed(tile, self.staff))
        # staff of another charter do not count them
        stranger = self.user('asr_land_stranger', [PERSONAL_DATA])
        self.assertEqual(self.count(tile, stranger), 0)

        people = self.count('tile_personal_data_people', self.staff)
        pending = self.env['asr.beneficiary'].create({
            'charter_id': self.charter.id, 'last_name': 'Attente', 'first_name': 'Noé'})
        self.assertEqual(self.count('tile_personal_data_people', self.staff), people + 1)
        self.assertIn(pending, self.listed('tile_personal_data_people', self.staff))

    def test_finance_clauses_with_missing_hours(self):
        closed = self.count('tile_finance_missing', self.finance)
        behind = self.count('tile_finance_behind', self.finance)
        missing_before = self.tile('tile_finance_missing', self.finance).measure_total
        self.entry(hours=100.0).action_validate()
        # 100 h of 625 at the end of 21 months out of 22: behind
        self.assertIn(self.clause, self.listed('tile_finance_behind', self.finance))
        self.clause.action_close()
        self.assertEqual(self.count('tile_finance_behind', self.finance), behind - 1)
        self.assertEqual(self.count('tile_finance_missing', self.finance), closed + 1)
        self.assertAlmostEqual(self.tile('tile_finance_missing', self.finance).measure_total,
                               missing_before + 525.0)
        self.assertIn(self.clause, self.listed('tile_finance_missing', self.finance))

    def test_a_tile_opens_its_list_without_the_default_filters(self):
        action = self.tile('tile_personal_data_hours', self.staff).action_open()
        self.assertEqual(action['res_model'], 'asr.hour.entry')
        self.assertFalse([k for k in action['context'] if k.startswith('search_default_')])
        self.assertEqual(action['name'], self.tile('tile_personal_data_hours', self.staff).name)
        # within the action's own domain (insertion clauses of the follow-up)
        action = self.tile('tile_finance_missing', self.finance).action_open()
        self.assertEqual(action['domain'], expression.AND([
            [('clause_type', '=', 'insertion')],
            [('state', '=', 'closed'), ('hours_missing', '>', 0)]]))


class TestHomeAction(DashboardCase):

    def test_users_land_on_their_work(self):
        dashboard = self.env.ref('asr_reporting.asr_dashboard_action')
        users = self.buyer | self.manager | self.finance | self.staff
        # what the demo data and Settings > Users > Action do
        users._asr_set_home_action()
        for user in users:
            self.assertEqual(user.action_id.id, dashboard.id)
            # the home action is readable by the user and opens their tiles
            action = dashboard.sudo(user).read(['res_model', 'view_mode'])[0]
            self.assertEqual((action['res_model'], action['view_mode']),
                             ('asr.dashboard.tile', 'kanban'))
            self.assertTrue(self.env['asr.dashboard.tile'].sudo(user).search([]))
        menu = self.env.ref('asr_reporting.asr_dashboard_menu')
        self.assertEqual(menu.action, dashboard)
        self.assertEqual(menu.parent_id, self.env.ref('asr_charter.asr_root_menu'))
        server_action = self.env.ref('asr_reporting.asr_users_set_home_action')
        self.assertEqual(server_action.binding_model_id.model, 'res.users')


class TestTileChecks(AsrCase):
    """A tile configured with a domain or a summed field its model does not know is refused;
    the landing flags of the charters are searched with = True / = False only."""

    def setUp(self):
        super(TestTileChecks, self).setUp()
        self.admin = self.user('asr_tile_admin', ['base.group_system', BUYER])
        self.values = {
            'name': 'Tuile (test)', 'group_id': self.env.ref(BUYER).id,
            'action_id': self.env.ref('asr_reporting.asr_clause_hours_action').id}

    def test_tile_domain_and_measure_checked(self):
        Tile = self.env['asr.dashboard.tile'].sudo(self.admin)
        with self.assertRefused(AsrValidationError, 'tile.domain_invalid'):
            with self.env.cr.savepoint():
                Tile.create(dict(self.values, domain="[('no_such_field', '=', 1)]"))
        with self.assertRefused(AsrValidationError, 'tile.unknown_measure'):
            with self.env.cr.savepoint():
                Tile.create(dict(self.values, measure_field='no_such_field'))
        self.assertFalse(Tile.search([('name', '=', 'Tuile (test)')]))
        tile = Tile.create(dict(self.values, measure_field='hours_missing'))
        self.assertEqual((tile.res_model, tile.measure_field), ('asr.clause', 'hours_missing'))

    def test_landing_flags_searched_with_booleans(self):
        manager = self.user('asr_flag_manager', [MANAGER])
        Charter = self.env['asr.charter'].sudo(manager)
        for name in ('committee_overdue', 'evaluation_late'):
            with self.assertRefused(AsrValidationError, 'landing.flag_operator'):
                Charter.search([(name, '=', 'yes')])
            with self.assertRefused(AsrValidationError, 'landing.flag_operator'):
                Charter.search([(name, 'in', [True])])
            self.assertEqual(Charter.search([(name, '=', True)]) | Charter.search([
                (name, '=', False)]), Charter.search([]))
