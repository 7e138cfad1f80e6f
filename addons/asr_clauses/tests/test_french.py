"""What a French user reads: PDF file names, the CCAP text, the chatter of the examination."""
import time

from odoo.tools.safe_eval import safe_eval

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
