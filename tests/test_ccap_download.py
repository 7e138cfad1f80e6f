"""The CCAP article of a lot downloaded as plain text, with access checked server-side."""
from .conftest import login_session


def _lot(server, market_key):
    return server.call('admin', 'asr.market', 'read', [server.ids[market_key]],
                       fields=['lot_ids'])[0]['lot_ids'][0]


def test_buyer_downloads_the_ccap_article_as_text(odoo_server):
    session = login_session(odoo_server, 'test_buyer')
    resp = session.get(odoo_server.url + '/asr/lot/%s/ccap.txt' % _lot(odoo_server, 'market'),
                       timeout=60)
    assert resp.status_code == 200
    assert resp.headers['Content-Type'].startswith('text/plain')
    assert 'attachment; filename="clauses_sociales_lot_1.txt"' == \
        resp.headers['Content-Disposition']
    text = resp.content.decode('utf-8')
    # 900,000 x 40 % / 30 EUR (default hourly cost) x 5 % = 600 h
    assert "Clause d'insertion (L2112-2)" in text
    assert 'au moins 600 heures' in text
    assert 'PCI (test)' in text


def test_ccap_article_of_another_charter_is_forbidden_to_its_non_facilitator(odoo_server):
    session = login_session(odoo_server, 'test_facilitator')
    resp = session.get(odoo_server.url + '/asr/lot/%s/ccap.txt'
                       % _lot(odoo_server, 'other_market'), timeout=60)
    assert resp.status_code == 403
