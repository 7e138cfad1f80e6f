"""The facilitator's opinion through the portal: listed markets, CSRF, server-side access."""
import re

from .conftest import browser_login, login_session


def _state(server, market_id):
    return server.call('admin', 'asr.market', 'read', [market_id],
                       fields=['state', 'opinion', 'opinion_text', 'opinion_author_id'])[0]


def _csrf(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_portal_lists_only_markets_of_the_facilitators_charter(odoo_server):
    session = login_session(odoo_server, 'test_facilitator')
    page = session.get(odoo_server.url + '/my/asr/markets', timeout=60).text
    assert 'Construction de la médiathèque (test)' in page
    assert "Marché d'un autre territoire (test)" not in page
    assert 'Marchés en attente de votre avis' in page


def test_opinion_posted_from_portal(odoo_server):
    session = login_session(odoo_server, 'test_facilitator')
    url = odoo_server.url + '/my/asr/markets/%s' % odoo_server.ids['market']
    page = session.get(url, timeout=60).text
    assert 'Gros œuvre' in page and 'L2112-2' in page
    # empty reasons: French error, nothing written
    data = {'csrf_token': _csrf(page), 'opinion': 'reserved', 'text': '  '}
    resp = session.post(url + '/opinion', data=data, timeout=60)
    assert resp.status_code == 200
    assert "Rédigez les motifs de l'avis." in resp.text
    assert _state(odoo_server, odoo_server.ids['market'])['state'] == 'examined'
    resp = session.post(url + '/opinion', data={
        'csrf_token': _csrf(page), 'opinion': 'reserved',
        'text': 'Objectif réaliste ; prévoir un GEIQ.',
        'recommendation': "Clause d'insertion de 5 %."}, timeout=60)
    assert resp.status_code == 200 and 'Votre avis a été enregistré' in resp.text
    state = _state(odoo_server, odoo_server.ids['market'])
    assert state['state'] == 'opinion'
    assert state['opinion'] == 'reserved'
    assert state['opinion_text'] == 'Objectif réaliste ; prévoir un GEIQ.'
    assert state['opinion_author_id'][1].endswith('Nina Facilitatrice')


def test_opinion_on_another_charters_market_is_forbidden(odoo_server):
    session = login_session(odoo_server, 'test_facilitator')
    own = session.get(odoo_server.url + '/my/asr/markets/%s' % odoo_server.ids['market_ui'],
                      timeout=60).text
    other = odoo_server.ids['other_market']
    assert session.get(odoo_server.url + '/my/asr/markets/%s' % other,
                       timeout=60).status_code == 403
    resp = session.post(odoo_server.url + '/my/asr/markets/%s/opinion' % other, data={
        'csrf_token': _csrf(own), 'opinion': 'favourable',
        'text': 'Intrusion'}, timeout=60)
    assert resp.status_code == 403
    assert _state(odoo_server, other)['state'] == 'examined'


def test_opinion_without_csrf_token_is_refused(odoo_server):
    session = login_session(odoo_server, 'test_facilitator')
    market = odoo_server.ids['market_ui']
    resp = session.post(odoo_server.url + '/my/asr/markets/%s/opinion' % market,
                        data={'opinion': 'favourable', 'text': 'Sans jeton'}, timeout=60)
    assert resp.status_code == 400
    assert _state(odoo_server, market)['state'] == 'examined'


def test_buyer_cannot_use_the_facilitator_portal(odoo_server):
    session = login_session(odoo_server, 'test_buyer')
    resp = session.get(odoo_server.url + '/my/asr/markets/%s' % odoo_server.ids['market_ui'],
                       timeout=60)
    assert resp.status_code == 403


def test_facilitator_gives_opinion_in_browser(browser, odoo_server):
    page = browser_login(browser, odoo_server, 'test_facilitator')
    page.goto(odoo_server.url + '/my')
    page.click('.o_asr_portal_markets a')
    page.click('tr:has-text("Voirie du quartier des Bleuets (test)") a')
    page.wait_for_selector('form.o_asr_opinion_form')
    assert 'Gros œuvre' in page.inner_text('table.o_asr_market_lots')
    page.check('input[name="opinion"][value="favourable"]')
    page.fill('textarea[name="text"]', 'Clause bien dimensionnée.')
    with page.expect_navigation():
        page.click('form.o_asr_opinion_form button[type="submit"]')
    assert 'Votre avis a été enregistré' in page.inner_text('.o_asr_opinion_saved')
    assert _state(odoo_server, odoo_server.ids['market_ui'])['opinion'] == 'favourable'
    page.close()
