"""What a French user reads: PDF file names, the CCAP text, the chatter of the examination,
and the messages of the refusals (the one place that reads their French wording: the other
tests compare the key of the check that refused)."""
import time

from odoo.exceptions import AccessError
from odoo.tools.safe_eval import safe_eval

from odoo.addons.asr_charter.exceptions import AsrAccessError, AsrUserError, AsrValidationError

from .common import ClauseCase


class TestFrenchOutput(ClauseCase):

    def _file_name(self, report_xmlid, order):
        """The file name the web client gives the PDF (web's /web/report/download)."""
        report = self.env.ref(report_xmlid)
        return safe_eval(report.print_report_name, {'object': order, 'time': time})

    def test_purchase_order_pdf_named_in_french(self):
        order = self.order.with_context(lang='fr_FR')
        self.assertEqual(self._file_name('purchase.action_report_purchase_order', order),
                         'Demande de prix - %s' % order.name)
        self.assertEqual(self._file_name('purchase.report_purchase_quotation', order),
                         'Demande de prix - %s' % order.name)
        order.write({'state': 'purchase'})
        self.assertEqual(self._file_name('purchase.action_report_purchase_order', order),
                         'Bon de commande - %s' % order.name)

    def test_ccap_article_prints_no_hint_of_the_form(self):
        # the charter's cap of 10 % is a sentence of the contract; a cap of 0 is "no cap"
        clause = self.insertion_clause()
        text = clause._ccap_text()
        self.assertIn("Le montant cumulé des pénalités est plafonné à 10 % du montant du "
                      "marché.", text)
        self.assertNotIn('sans plafond', text)
        self.assertNotIn('(0', text)
        clause.penalty_cap_percent = 0.0
        text = clause._ccap_text()
        self.assertIn("Le montant cumulé des pénalités n'est pas plafonné.", text)
        self.assertNotIn('sans plafond', text)
        self.assertNotIn('{', text)

    def test_opinion_from_the_portal_signed_by_the_facilitator(self):
        """The portal page gives the opinion as superuser once it has checked its user: the
        chatter (opinion and closed step) is signed by the facilitator, never the admin."""
        contact = self.env['res.partner'].create({'name': 'Nina Facilitatrice',
                                                  'parent_id': self.facilitator.id})
        nina = self.user('asr_nina_portal', ['asr_charter.group_asr_facilitator'], contact)
        self.insertion_clause()
        self.market.action_examined()
        before = self.market.message_ids
        # what /my/asr/markets/<id>/opinion does (asr_clauses/controllers/portal.py)
        self.market.sudo()._asr_give_opinion(nina, 'reserved', 'Objectif ambitieux.')
        posted = self.market.message_ids - before
        self.assertTrue(posted)
        self.assertIn('Avis du facilitateur : Réservé', ' '.join(posted.mapped('body')))
        admin = self.env.ref('base.user_root').partner_id
        self.assertEqual(posted.mapped('author_id'), nina.partner_id)
        self.assertNotIn(admin, posted.mapped('author_id'))
        for message in posted:
            self.assertIn(nina.email, message.email_from)

    def test_examination_done_tells_the_facilitator_and_schedules_the_next_step(self):
        self.insertion_clause()
        self.market.action_examined()
        todo = self.market.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref('mail.mail_activity_data_todo'))
        self.assertEqual(todo.summary, "Obtenir l'avis du facilitateur (portail)")
        notice = self.market.message_ids.filtered(lambda m: self.facilitator in m.partner_ids)
        self.assertIn("l'avis du facilitateur est attendu", notice[:1].body)

    def test_tracked_selection_shown_in_the_readers_language(self):
        """A state tracked in English (module data, an XML-RPC client without language) is
        shown in French in the chatter: the field's label and the selection's label."""
        market = self.market.with_context(tracking_disable=False, lang='en_US')
        self.insertion_clause()
        market.with_context(lang=None).sudo()._asr_trusted().write({'state': 'examined'})
        tracking = self.env['mail.tracking.value'].search(
            [('mail_message_id', 'in', self.market.message_ids.ids), ('field', '=', 'state')])
        self.assertTrue(tracking)
        # recorded in English: no language in the context and none given to Odoo
        tracking.sudo().write({'field_desc': 'Examination', 'old_value_char': 'To examine',
                               'new_value_char': 'Examined'})
        message = tracking.mail_message_id.with_context(lang='fr_FR')
        shown = message.message_format()[0]['tracking_value_ids'][0]
        self.assertEqual(shown['changed_field'], 'Examen')
        self.assertEqual(shown['old_value'], 'À examiner')
        self.assertEqual(shown['new_value'], 'Examiné')


class TestFrenchMessages(ClauseCase):
    """A representative set of the addon's refusals, as a French user reads them (fr.po)."""

    @classmethod
    def setUpClass(cls):
        super(TestFrenchMessages, cls).setUpClass()
        cls.buyer = cls.user(cls, 'asr_fr_buyer', ['asr_charter.group_asr_buyer',
                                                   'purchase.group_purchase_user'])
        cls.other_buyer = cls.user(cls, 'asr_fr_other', ['asr_charter.group_asr_buyer'])
        cls.manager = cls.user(cls, 'asr_fr_manager', ['asr_charter.group_asr_manager'])
        cls.market.user_id = cls.buyer

    def assertMessage(self, exception_class, check, message, call, *args, **kwargs):
        with self.assertRefused(exception_class, check) as caught:
            with self.env.cr.savepoint():
                call(*args, **kwargs)
        self.assertEqual(self.buyer.lang, 'fr_FR')
        self.assertEqual(caught.exception.name, message)

    def test_constraint_and_workflow_messages(self):
        clause = self.insertion_clause().sudo(self.buyer)
        self.assertMessage(
            AsrValidationError, 'clause.override_reason',
            "Expliquez par écrit pourquoi l'objectif d'heures de « %s » est fixé à la main."
            % clause.display_name, clause.write, {'hour_objective_override': 400})
        self.assertMessage(
            AsrValidationError, 'clause.labour_share',
            "La part de main-d'œuvre de la clause d'insertion « %s » doit être comprise entre "
            "0 et 100 %% (valeur saisie : 120.0)." % clause.display_name,
            clause.write, {'labour_share': 120})
        self.assertMessage(
            AsrUserError, 'purchase_order.market_not_validated',
            "Le bon de commande %s ne peut pas être confirmé : l'examen social du marché « %s » "
            "n'est pas encore validé (étape en cours : À examiner)."
            % (self.order.name, self.market.display_name),
            self.order.sudo(self.buyer).button_confirm)
        self.assertMessage(
            AsrValidationError, 'lot.award_before_consultation',
            "Le lot « Maçonnerie » ne peut pas être attribué (10/01/2025) avant sa consultation "
            "(15/01/2025).", self.lot.sudo(self.buyer).write, {
                'partner_id': self.contractor.id, 'amount_awarded': 1.0,
                'date_award': '2025-01-10'})

    def test_access_messages(self):
        self.insertion_clause()
        self.assertMessage(
            AsrAccessError, 'market.buyer_in_charge',
            "Seul l'acheteur en charge du marché ou un responsable ASR peut le faire.",
            self.market.sudo(self.other_buyer).action_examined)
        self.market.sudo(self.buyer).action_examined()
        self.market.sudo(self.manager).action_give_opinion('reserved', 'Objectif à revoir.')
        self.assertMessage(AsrAccessError, 'market.manager_only',
                           "Seul un responsable ASR valide un examen.",
                           self.market.sudo(self.buyer).action_validate)
        self.assertMessage(
            AsrUserError, 'market.reason_missing',
            "L'avis du facilitateur sur le marché « %s » est réservé : rédigez le motif de "
            "l'acheteur pour ne pas le suivre avant de valider l'examen."
            % self.market.display_name, self.market.sudo(self.manager).action_validate)
        # Odoo's own access check, in French too
        with self.assertRefused(AccessError, 'acl'):
            self.market.sudo(self.user('asr_fr_nobody', [])).read(['name'])

    def test_legal_check_names_the_article(self):
        self.env['asr.clause'].create({'clause_type': 'reserved_esat_ea',
                                       'lot_id': self.lot.id})
        self.assertMessage(
            AsrValidationError, 'legal.double_reservation',
            "Un lot ne peut être réservé qu'à une seule catégorie : Marché réservé aux "
            "ESAT/EA, Marché réservé aux SIAE. (article L2113-14 du code de la commande "
            "publique)", self.env['asr.clause'].sudo(self.buyer).create,
            {'clause_type': 'reserved_siae', 'lot_id': self.lot.id})
