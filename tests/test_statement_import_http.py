"""The templates of the statement import, downloaded as a user does from the wizard's links:
for the staff who import, in French, refused to the other roles."""
import io

import openpyxl
import pytest
import requests

from .conftest import login_session

TEMPLATE = '/asr/import/template/%s/%s'


def download(odoo_server, login, kind, fmt):
    session = login_session(odoo_server, login)
    return session.get(odoo_server.url + TEMPLATE % (kind, fmt), timeout=60,
                       allow_redirects=False)


def test_the_wizard_links_to_the_templates(odoo_server):
    arch = odoo_server.call('test_staff', 'asr.statement.import', 'fields_view_get',
                            view_type='form', context={'lang': 'fr_FR'})['arch']
    for kind in ('hours', 'beneficiaries'):
        for fmt in ('xlsx', 'csv'):
            assert 'href="%s"' % (TEMPLATE % (kind, fmt)) in arch
    assert 'Télécharger le modèle (XLSX)' in arch


def test_staff_download_the_xlsx_template_in_french(odoo_server):
    resp = download(odoo_server, 'test_staff', 'hours', 'xlsx')
    assert resp.status_code == 200
    assert 'modele-releve-heures.xlsx' in resp.headers['Content-Disposition']
    assert resp.headers['Content-Disposition'].startswith('attachment')
    book = openpyxl.load_workbook(io.BytesIO(resp.content))
    assert book.sheetnames == ['Relevé', 'Modalités', 'Aide']
    header = [cell.value for cell in book['Relevé'][1]]
    assert header[:2] == ['Code clause', 'Référence bénéficiaire']
    labels = [row[0] for row in book['Modalités'].iter_rows(min_row=2, values_only=True)]
    assert 'Intérim classique (entreprise de travail temporaire)' in labels
    assert 'temp_agency' not in labels


def test_staff_download_the_csv_template_for_french_excel(odoo_server):
    resp = download(odoo_server, 'test_staff', 'beneficiaries', 'csv')
    assert resp.status_code == 200
    assert 'modele-liste-beneficiaires.csv' in resp.headers['Content-Disposition']
    assert resp.headers['Content-Type'].startswith('text/csv')
    assert resp.content.startswith(b'\xef\xbb\xbf')
    assert resp.content[3:].decode('utf-8').startswith('Nom;Prénom;Date de naissance;')


@pytest.mark.parametrize('login', ['test_buyer', 'test_finance', 'test_manager',
                                   'test_facilitator', 'test_internal', 'test_portal'])
def test_other_roles_are_refused_the_templates(odoo_server, login):
    for kind in ('hours', 'beneficiaries'):
        resp = download(odoo_server, login, kind, 'xlsx')
        assert resp.status_code == 403, (login, kind, resp.status_code)


def test_anonymous_visitors_and_unknown_templates(odoo_server):
    resp = requests.get(odoo_server.url + TEMPLATE % ('hours', 'csv'), timeout=60,
                        allow_redirects=False)
    assert resp.status_code == 302
    assert '/web/login' in resp.headers['Location']
    assert download(odoo_server, 'test_staff', 'hours', 'pdf').status_code == 404
    assert download(odoo_server, 'test_staff', 'secret', 'csv').status_code == 404
