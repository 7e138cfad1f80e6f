"""Messages of the nightly jobs and of the portal read in French, signed by a real person;
the refusals of the addon in French (the one test module that reads their wording)."""
import base64
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import BeneficiaryCase


class TestFrenchReminder(BeneficiaryCase):

    def test_reminder_in_the_contractors_language_with_french_dates(self):
        """The reminder of a late report says "10/2025" and "12/11/2025" in French, even when
        the job runs without a language (a cron has none), and is signed by the buyer."""
        buyer = self.user('asr_buyer_remind', ['asr_charter.group_asr_buyer'])
        self.market.user_id = buyer
        self.contractor.lang = 'fr_FR'
        report = self.env['asr.monthly.report'].create({
            'clause_id': self.clause.id, 'month': '2025-10-01'})
        # due on the charter's day of the following month: 12/11/2025
        self.assertEqual(report.due_date, '2025-11-12')
        # the scheduler gives no language (and the user running it may have none)
        self.env.user.lang = False
        cron_env = self.env(context={})
        with patch('odoo.fields.Date.context_today', return_value='2025-11-20'):
            report.with_env(cron_env)._remind()
        message = report.message_ids.filtered(lambda m: self.contractor in m.partner_ids)
        self.assertEqual(len(message), 1)
        body = message.body
        self.assertIn('Relance', body)
        self.assertIn('10/2025', body)
        self.assertIn('12/11/2025', body)
        self.assertNotIn('2025-11-12', body)
        self.assertNotIn('Insertion clause', body)
        self.assertIn("Clause d'insertion", body)
        self.assertNotIn('was due', body)
        # signed by the buyer in charge, not by the administrator running the job
        self.assertEqual(message.author_id, buyer.partner_id)
        self.assertIn(buyer.email, message.email_from)
        activity = report.activity_ids
        self.assertEqual(activity.user_id, buyer)
        self.assertEqual(activity.summary, 'Rapport mensuel de 10/2025 non reçu')


class TestFrenchRefusals(BeneficiaryCase):
    """The refusals of this addon as their French users read them: the exact sentences of
    fr.po with their French names, months, numbers and dates. The other tests compare the
    keys of the checks, not these sentences."""

    def refusal(self, exception_class, key, action):
        """The message of the refusal ``key`` raised by ``action``."""
        with self.assertRefused(exception_class, key) as caught:
            with self.env.cr.savepoint():
                action()
        return caught.exception.name

    def test_eligibility_refusals(self):
        person = self.env['asr.beneficiary'].sudo(self.staff).create({
            'charter_id': self.charter.id, 'last_name': 'Nouveau', 'first_name': 'Sam',
            'birth_date': '1999-01-20'})
        self.assertEqual(
            self.refusal(UserError, 'eligibility.proof_missing',
                         person.action_validate_eligibility),
            "Indiquez quel justificatif vous avez vu avant de valider NOUVEAU Sam.")
        self.charter.eligibility_level2_required = 2
        person.write({'proof_kind': 'address', 'criterion_ids': [(6, 0, self.qpv.ids)]})
        self.assertEqual(
            self.refusal(UserError, 'eligibility.criteria', person.action_validate_eligibility),
            "NOUVEAU Sam ne remplit aucun critère de niveau 1 et 1 critère(s) de niveau 2 : la "
            "charte demande un critère de niveau 1 ou 2 critères de niveau 2.")

    def test_hour_refusals(self):
        self.charter.monthly_hour_cap = 151.67
        self.assertEqual(
            self.refusal(ValidationError, 'hours.cap',
                         lambda: self.entry(user=self.staff, hours=152.0)),
            "EXEMPLE Camille travaillerait 152 heures en 03/2025, toutes saisies confondues : "
            "plus que le maximum mensuel de 151,67 heures.")
        late = self.person_validated('Tardif', 'Noa', '2025-04-15')
        self.assertEqual(
            self.refusal(ValidationError, 'hours.not_eligible',
                         lambda: self.entry(user=self.staff, beneficiary_id=late.id)),
            "TARDIF Noa n'est pas éligible en 03/2025 : son éligibilité n'a pas été validée par "
            "le facilitateur ou a expiré.")
        entry = self.entry(user=self.staff)
        buyer = self.user('asr_fr_buyer', ['asr_charter.group_asr_buyer'])
        self.assertEqual(
            self.refusal(AccessError, 'people.handler', entry.sudo(buyer).action_validate),
            "Seul le facilitateur de la charte, ou son personnel habilité aux données "
            "personnelles, contrôle les heures.")

    def test_report_and_log_refusals(self):
        buyer = self.user('asr_fr_receiver', ['asr_charter.group_asr_buyer'])
        self.market.user_id = buyer
        report = self.env['asr.monthly.report'].create({'clause_id': self.clause.id,
                                                        'month': '2025-03-01'})
        self.assertEqual(
            self.refusal(UserError, 'monthly_report.future',
                         lambda: report.sudo(buyer).action_receive('2999-01-01')),
            "Un rapport ne peut pas être reçu dans le futur (01/01/2999).")
        row = self.env['asr.access.log'].search([], limit=1)
        self.assertEqual(
            self.refusal(UserError, 'access_log.write', lambda: row.write({'note': 'x'})),
            "Le journal des accès ne peut pas être modifié.")

    def test_supplier_and_file_refusals(self):
        self.assertEqual(
            self.refusal(ValidationError, 'supplier.siret_invalid',
                         lambda: self.env['res.partner'].create({
                             'name': 'ACI du Val', 'is_company': True,
                             'asr_siret': '91234567500018'})),
            "Le SIRET 91234567500018 n'est pas valide : il doit compter 14 chiffres et une "
            "clé de contrôle correcte.")
        Import = self.env['asr.statement.import'].sudo(self.staff)

        def preview(content, filename='releve.csv', **vals):
            return Import.create(dict({'kind': 'hours', 'clause_id': self.clause.id,
                                       'filename': filename,
                                       'file': base64.b64encode(content)}, **vals)
                                 ).action_preview

        self.assertEqual(
            self.refusal(UserError, 'file.format', preview(b'x', filename='releve.pdf')),
            "Choisissez un fichier CSV ou XLSX (releve.pdf fourni).")
        self.assertEqual(
            self.refusal(UserError, 'file.encoding',
                         preview('Nom;Mois\r\nExemple;03/2025\r\nLopez;03/2025\r\n'
                                 .encode('cp1252') + b'Mart\x81n;03/2025')),
            "Le fichier CSV n'est ni en UTF-8 ni en Windows-1252 (octet 0x81 à la ligne 4 "
            "illisible) : enregistrez-le en « CSV UTF-8 » dans votre tableur et "
            "choisissez-le à nouveau.")
        self.assertEqual(
            self.refusal(UserError, 'statement.columns',
                         preview(b'Nom,Heures\r\nDupont,1', clause_id=False)),
            "Colonnes absentes du fichier : Code clause, Mois, Modalité, Référence "
            "bénéficiaire. Colonnes attendues : Code clause, Référence bénéficiaire, Nom, "
            "Prénom, Date de naissance, Mois, Modalité, Heures, Montant HT, SIRET employeur. "
            "Colonnes lues dans le fichier : Nom, Heures.")
