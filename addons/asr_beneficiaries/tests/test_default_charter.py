"""A new person proposes the charter in force whose people the user follows, when it is the
only one (with two, the user chooses)."""
from odoo.addons.asr_clauses.tests.common import ClauseCase


class TestPersonCharterProposed(ClauseCase):

    @classmethod
    def setUpClass(cls):
        super(TestPersonCharterProposed, cls).setUpClass()
        cls.staff = cls.user(cls, 'asr_default_staff', [
            'asr_beneficiaries.group_asr_personal_data'])

    def charter_in_force(self, name):
        charter = self.env['asr.charter'].create({
            'name': name, 'territory_id': self.territory.id,
            'act_number': 'CT2024.5', 'act_date': '2024-05-02',
            'personal_data_user_ids': [(6, 0, self.staff.ids)],
            'member_ids': [
                (0, 0, {'partner_id': self.territory.id, 'role': 'public_buyer',
                        'membership': 'signatory', 'date_join': '2024-05-02'}),
                (0, 0, {'partner_id': self.facilitator.id, 'role': 'facilitator',
                        'membership': 'signatory', 'date_join': '2024-05-02'})]})
        charter.action_adopt()
        charter.action_put_in_force()
        return charter

    def proposed(self):
        return self.env['asr.beneficiary'].sudo(self.staff).default_get(
            ['charter_id']).get('charter_id')

    def test_only_charter_followed_is_proposed_not_one_of_two(self):
        self.assertFalse(self.proposed())
        first = self.charter_in_force('Charte suivie (test)')
        self.assertEqual(self.proposed(), first.id)
        self.charter_in_force('Seconde charte suivie (test)')
        self.assertFalse(self.proposed())
