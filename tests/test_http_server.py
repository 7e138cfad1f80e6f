"""The real server: first request, every addon importable, the backend's CSS bundle."""
import re

from .conftest import login_session


def test_first_request_to_fresh_server_answers_200(odoo_server):
    assert odoo_server.first_response.status_code == 200
    assert 'name="login"' in odoo_server.first_response.text
    assert 'Traceback' not in odoo_server.log_after_first_request


def test_backend_css_bundle_compiles_with_lessc(odoo_server):
    session = login_session(odoo_server, 'admin')
    page = session.get(odoo_server.url + '/web', timeout=120)
    assert page.status_code == 200
    links = re.findall(r'href="(/web/content/[^"]*web\.assets_backend[^"]*\.css)"', page.text)
    assert links, 'no backend CSS bundle linked from /web'
    css = ''
    for link in links:
        resp = session.get(odoo_server.url + link, timeout=120)
        assert resp.status_code == 200
        css += resp.text
    # rules that exist only once the .less sources are compiled
    assert '.o_main_navbar' in css
    assert '.o_form_view' in css
    assert 'Could not execute command' not in css
    log = odoo_server.log()
    assert not re.search(r'ERROR.*(lessc|Could not execute command|Style error)', log), log[-3000:]


def test_portal_page_requires_login(odoo_server):
    resp = __import__('requests').get(odoo_server.url + '/my/asr/charters',
                                      allow_redirects=False, timeout=60)
    assert resp.status_code == 302
    assert '/web/login' in resp.headers['Location']
