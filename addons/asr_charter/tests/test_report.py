"""The charter's one-page QWeb PDF, rendered by wkhtmltopdf and read back with pdftotext."""
import subprocess
import tempfile

from .common import CharterCase


class TestCharterPdf(CharterCase):

    def test_charter_pdf_is_one_french_page(self):
        self.charter.action_adopt()
        self.charter.action_put_in_force()
        report = self.env.ref('asr_charter.asr_charter_report')
        pdf, kind = report.with_context(force_report_rendering=True).render_qweb_pdf(
            self.charter.ids)
        self.assertEqual(kind, 'pdf')
        self.assertTrue(pdf.startswith(b'%PDF'))
        with tempfile.NamedTemporaryFile(suffix='.pdf') as fh:
            fh.write(pdf)
            fh.flush()
            text = subprocess.check_output(['pdftotext', '-layout', fh.name, '-']).decode()
            info = subprocess.check_output(['pdfinfo', fh.name]).decode()
        self.assertIn('Pages:          1', info)
        self.assertIn('Charte de test', text)
        self.assertIn('CT2021.1/007', text)
        self.assertIn('15/03/2021', text)
        self.assertIn('En vigueur', text)
        self.assertIn('Facilitateur A (test)', text)
        self.assertIn('Signataires', text)
        self.assertIn('EPT Sud (test)', text)
