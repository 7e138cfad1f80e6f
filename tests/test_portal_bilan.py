"""The facilitator's bilans on the portal, as the real portal user of the French demo: the
key figures of each charter's year, the annual bilan downloaded as PDF (read back: French,
no name) and as workbook, forged ids and other users refused."""
import io
import subprocess
import tempfile

import openpyxl

from .conftest import login_session


def _charter(call):
    rows = call('admin', 'asr.charter', 'search_read', [('state', '=', 'in_force')],
                ['name'], order='id')
    assert rows, 'the demo has a charter in force'
    return rows[0]


def test_facilitator_reads_key_figures_and_downloads_the_annual_bilan(demo_server):
    call = demo_server.call
    charter = _charter(call)
    session = login_session(demo_server, 'facilitateur')
    assert '/my/asr/bilans' in session.get(demo_server.url + '/my', timeout=60).text
    page = session.get(demo_server.url + '/my/asr/bilans', timeout=120).text
    assert 'Bilans des chartes' in page
    assert 'Heures validées sur la période' in page
    url = '%s/my/asr/bilans/%s/2026' % (demo_server.url, charter['id'])
    assert url.replace(demo_server.url, '') + '/pdf' in page

    resp = session.get(url + '/pdf', timeout=180)
    assert resp.status_code == 200
    assert resp.headers['Content-Type'] == 'application/pdf'
    assert 'bilan_charte_2026.pdf' in resp.headers['Content-Disposition']
    with tempfile.NamedTemporaryFile(suffix='.pdf') as handle:
        handle.write(resp.content)
        handle.flush()
        text = ' '.join(subprocess.check_output(['pdftotext', handle.name, '-'])
                        .decode().split())
    assert 'Bilan annuel de la charte 2026' in text
    assert 'Heures par modalité' in text
    people = call('admin', 'asr.beneficiary', 'search_read', [], ['last_name'])
    for person in people:
        assert person['last_name'] not in text, person['last_name']

    resp = session.get(url + '/xlsx', timeout=120)
    assert resp.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(resp.content))
    assert len(book.sheetnames) >= 4


def test_forged_ids_and_other_users(demo_server):
    call = demo_server.call
    charter = _charter(call)
    session = login_session(demo_server, 'facilitateur')
    missing = max(call('admin', 'asr.charter', 'search', [])) + 1000
    resp = session.get('%s/my/asr/bilans/%s/2026/pdf' % (demo_server.url, missing),
                       timeout=60)
    assert resp.status_code == 403
    resp = session.get('%s/my/asr/bilans/%s/2026/docx' % (demo_server.url, charter['id']),
                       timeout=60)
    assert resp.status_code == 404
    buyer = login_session(demo_server, 'acheteur')
    resp = buyer.get(demo_server.url + '/my/asr/bilans', timeout=60, allow_redirects=False)
    assert resp.status_code in (302, 303)
    resp = buyer.get('%s/my/asr/bilans/%s/2026/pdf' % (demo_server.url, charter['id']),
                     timeout=60)
    assert resp.status_code == 403
