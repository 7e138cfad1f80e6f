"""What a French user reads when the charter refuses a request: the one test module of
asr_charter that reads the French wording of its messages (fr.po); the other tests compare the
key of the check that refused."""
from odoo import fields

from odoo.addons.asr_charter.exceptions import AsrAccessError, AsrUserError, AsrValidationError
from odoo.addons.asr_charter.rules.dates import fr_date

from .common import CharterCase


class TestFrenchMessages(CharterCase):

    def setUp(self):
        super(TestFrenchMessages, self).setUp()
        self.manager = self.user('asr_fr_manager', ['asr_charter.group_asr_manager'])
        self.assertEqual(self.manager.lang, 'fr_FR')

    def message(self, exception_class, check, func, *args):
        """The message of the refusal of ``func(*args)`` by ``check``."""
        with self.assertRefused(exception_class, check) as caught:
            with self.env.cr.savepoint():
                func(*args)
        return caught.exception.name

    def test_charter_workflow_messages(self):
        draft = self.env['asr.charter'].sudo(self.manager).create({
            'name': 'Sans acte', 'territory_id': self.territory.id})
        self.assertEqual(
            self.message(AsrUserError, 'charter.act_missing', draft.action_adopt),
            "Indiquez le numéro et la date de l'acte d'adoption de la charte « Sans acte » "
            "avant de l'adopter.")
        charter = self.charter.sudo(self.manager)
        self.assertEqual(
            self.message(AsrUserError, 'charter.not_in_force', charter.action_close),
            "Seule une charte en vigueur peut être close (« Charte de test »).")
        self.assertEqual(
            self.message(AsrUserError, 'charter.not_adopted', charter.action_put_in_force),
            "La charte « Charte de test » doit être adoptée avant d'entrer en vigueur.")

    def test_facilitator_in_force_message(self):
        self.m_facilitator.write({'date_leave': '2021-06-30'})
        charter = self.charter.sudo(self.manager)
        charter.action_adopt()
        today = fields.Date.context_today(charter)
        self.assertEqual(
            self.message(AsrValidationError, 'charter.facilitator_count',
                         charter.action_put_in_force),
            "La charte « Charte de test » doit avoir exactement une structure facilitatrice "
            "en vigueur au %s (elle en a 0)." % fr_date(today))

    def test_member_committee_and_evaluation_messages(self):
        Member = self.env['asr.charter.member'].sudo(self.manager)
        member = Member.create({'charter_id': self.charter.id, 'partner_id': self.town.id,
                                'role': 'public_buyer', 'date_join': '2022-05-01'})
        self.assertEqual(
            self.message(AsrValidationError, 'member.leave_before_join', member.write,
                         {'date_leave': '2022-04-30'}),
            "Ville de Test-sur-Marne ne peut pas quitter la charte (30/04/2022) avant d'y "
            "avoir adhéré (01/05/2022).")
        self.assertEqual(
            self.message(AsrValidationError, 'committee.before_adoption',
                         self.env['asr.charter.committee'].sudo(self.manager).create,
                         {'charter_id': self.charter.id, 'date': '2021-03-14'}),
            "Le comité technique du 14/03/2021 ne peut pas précéder l'adoption de la charte "
            "« Charte de test » (15/03/2021).")
        Evaluation = self.env['asr.charter.evaluation'].sudo(self.manager)
        Evaluation.create({'charter_id': self.charter.id, 'year': 2023})
        self.assertEqual(
            self.message(AsrValidationError, 'evaluation.year_taken', Evaluation.create,
                         {'charter_id': self.charter.id, 'year': 2023}),
            "La charte « Charte de test » a déjà une évaluation pour l'année 2023 : "
            "complétez-la plutôt que d'en créer une seconde.")

    def test_guard_messages_name_the_field_in_french(self):
        charter = self.charter.sudo(self.manager)
        self.assertEqual(
            self.message(AsrAccessError, 'guard.protected_field', charter.write,
                         {'state': 'in_force'}),
            "Le champ « État » est défini par l'application (ses boutons et son circuit de "
            "validation), pas directement.")
        other = self.env['asr.charter'].create({'name': 'Autre', 'territory_id': self.town.id})
        self.assertEqual(
            self.message(AsrAccessError, 'guard.frozen_field',
                         self.m_territory.sudo(self.manager).write, {'charter_id': other.id}),
            "Le champ « Charte » ne peut plus être modifié une fois l'enregistrement créé.")
        self.assertEqual(
            self.message(AsrValidationError, 'input.too_high',
                         self.env['asr.charter.evaluation'].sudo(self.manager).create,
                         {'charter_id': self.charter.id, 'year': 2500}),
            "Le champ « Année » vaut au plus 2100 (2500 saisi).")
        contact = self.env['res.partner'].create({'name': 'Nina', 'parent_id': self.pci.id})
        facilitator = self.user('asr_fr_facilitator', ['asr_charter.group_asr_facilitator'],
                                contact)
        self.assertEqual(
            self.message(AsrAccessError, 'guard.portal_user',
                         self.charter.sudo(facilitator)._asr_check_backend_user),
            "Les utilisateurs du portail agissent depuis leurs pages du portail.")
