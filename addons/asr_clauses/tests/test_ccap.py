"""The clause library: CCAP article generated from a lot, as text and as PDF."""
import subprocess
import tempfile
from unittest import mock

from odoo.tools import config

from odoo.addons.asr_charter.exceptions import AsrValidationError

from .common import ClauseCase


class TestCcapText(ClauseCase):

    @classmethod
    def setUpClass(cls):
        super(TestCcapText, cls).setUpClass()
        contact = cls.env['res.partner'].create({
            'name': 'Nina Facilitatrice', 'parent_id': cls.facilitator.id,
            'email': 'nina@facilitateur.example'})
        cls.charter.member_ids.filtered(lambda m: m.role == 'facilitator').contact_id = contact
        # the buyer in charge reads the article (/asr/lot/<id>/ccap.txt) and prints the PDF
        cls.buyer = cls.user(cls, 'asr_ccap_buyer', ['asr_charter.group_asr_buyer'])
        cls.market.user_id = cls.buyer

    def test_insertion_article_filled_from_the_clause(self):
        self.insertion_clause()
        text = self.lot.sudo(self.buyer)._ccap_text()
        # 625 h (800,000 x 50 % / 32 x 5 %), penalties of the charter, report due the 12th
        self.assertIn("Clause d'insertion (L2112-2)", text)
        self.assertIn('au moins 625 heures', text)
        self.assertIn('Facilitateur (test) (Nina Facilitatrice, nina@facilitateur.example)',
                      text)
        self.assertIn('au plus tard le 12 du mois suivant', text)
        self.assertIn('18 € par heure manquante', text)
        self.assertIn('50 € par jour de retard', text)
        self.assertIn('plafonné à 10 %', text)
        self.assertNotIn('{', text)

    def test_social_action_article_lists_actions_and_justificatifs(self):
        clause = self.env['asr.clause'].create({
            'clause_type': 'social_action', 'lot_id': self.lot.id,
            'action_ids': [
                (0, 0, {'action': 'company_visit', 'people_count': 8,
                        'public': 'habitants des QPV',
                        'justificatifs': "feuilles d'émargement"}),
                (0, 0, {'action': 'immersion', 'people_count': 2,
                        'justificatifs': 'conventions et bilans de stage'})]})
        text = clause._ccap_text()
        self.assertIn("Visite d'entreprise : 8 personne(s) (habitants des QPV)", text)
        self.assertIn('2 personne(s)', text)
        self.assertIn("feuilles d'émargement", text)
        self.assertIn('24 mois', text)

    def test_unknown_placeholder_or_unclosed_brace_refused(self):
        Template = self.env['asr.clause.template']
        for body, check in (('Objectif : {heures_insertion} heures.', 'clause_template.unknown'),
                            ('Objectif : {hour_objective heures.', 'clause_template.malformed')):
            with self.assertRefused(AsrValidationError, check) as caught:
                with self.env.cr.savepoint():
                    Template.create({'name': 'Erreur', 'clause_type': 'insertion',
                                     'body': body})
            if check == 'clause_template.unknown':
                # the message names the placeholder as written
                self.assertIn('heures_insertion', caught.exception.name)
        self.assertFalse(Template.search([('name', '=', 'Erreur')]))

    def test_social_action_needs_at_least_one_person(self):
        with self.assertRefused(AsrValidationError, 'clause_action.people_count'):
            with self.env.cr.savepoint():
                self.env['asr.clause'].create({
                    'clause_type': 'social_action', 'lot_id': self.lot.id,
                    'action_ids': [(0, 0, {'action': 'immersion', 'people_count': 0})]})
        self.lot.invalidate_cache()
        self.assertFalse(self.lot.clause_ids)

    def test_ccap_pdf_of_a_lot(self):
        self.insertion_clause()
        report = self.env.ref('asr_clauses.asr_market_lot_ccap_report')
        with tempfile.TemporaryDirectory() as outdir, \
                mock.patch.dict(config.options, {'test_report_directory': outdir}):
            pdf, kind = report.sudo(self.buyer).render_qweb_pdf(self.lot.ids)
        self.assertEqual(kind, 'pdf')
        with tempfile.NamedTemporaryFile(suffix='.pdf') as fh:
            fh.write(pdf)
            fh.flush()
            text = subprocess.check_output(['pdftotext', fh.name, '-']).decode()
        self.assertIn('Maçonnerie', text)
        self.assertIn('625 heures', text)

    def test_purchase_order_pdf_has_a_social_clauses_section(self):
        self.insertion_clause()
        html = self.env.ref('purchase.action_report_purchase_order').render_qweb_html(
            self.order.ids)[0].decode()
        self.assertIn('o_asr_po_clauses', html)
        self.assertIn('625', html)
