"""The charter's one-page QWeb PDF, rendered by wkhtmltopdf and read back with pdftotext."""
import subprocess
import tempfile
from unittest import mock

from odoo.tools import config

from .common import CharterCase


class TestCharterPdf(CharterCase):

    def test_charter_pdf_is_one_french_page(self):
        self.charter.action_adopt()
        self.charter.action_put_in_force()
        report = self.env.ref('asr_charter.asr_charter_report')
        # in test mode Odoo 11 answers HTML unless a report directory is configured: set one
        # so that wkhtmltopdf really runs
        with tempfile.TemporaryDirectory() as outdir, \
                mock.patch.dict(config.options, {'test_report_directory': outdir}):
            pdf, kind = report.render_qweb_pdf(self.charter.ids)
        self.assertEqual(kind, 'pdf')
        self.assertTrue(pdf.startswith(b'%PDF'))
        with tempfile.NamedTemporaryFile(suffix='.pdf') as fh:
            fh.write(pdf)
            fh.flush()
            text = subprocess.check_output(['pdftotext', '-layout', fh.name, '-']).decode()
            info = subprocess.check_output(['pdfinfo', fh.name]).decode()
        self.assertRegex(info, r'Pages:\s+1\n')
        self.assertIn('Charte de test', text)
        self.assertIn('CT2021.1/007', text)
        self.assertIn('15/03/2021', text)
        self.assertIn('En vigueur', text)
        self.assertIn('Facilitateur A (test)', text)
        self.assertIn('Signataires', text)
        self.assertIn('EPT Sud (test)', text)
