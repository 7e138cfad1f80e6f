"""Every list of the facilitator's portal is paginated (Odoo's pager, /page/<n> routes): a page
shows at most a page of rows, the next page the rest, a page beyond the last shows the last one,
and the short lists beside them link to their whole list.

A facilitator structure of its own, with more records than a page on each list, so that the
other tests' facilitator sees nothing of them."""
import re

import pytest

from .conftest import PASSWORDS, login_session

PAGE = 40  # PORTAL_PAGE_SIZE of asr_charter/controllers/portal.py
SHORT = 20  # PORTAL_SHORT_LIST_SIZE
MORE = 3  # rows beyond the first page
LOGIN = 'test_pager_facilitator'


@pytest.fixture(scope='module')
def pager_data(odoo_server):
    """One facilitator structure and its portal user; PAGE + MORE charters of theirs, the first
    one with PAGE + MORE members in force, PAGE + MORE technical committees, PAGE + MORE markets
    waiting for the opinion, a market of PAGE + MORE lots, an insertion clause with PAGE + MORE
    hour entries to validate, PAGE + MORE people to validate and PAGE + MORE validated."""
    call = odoo_server.call
    PASSWORDS.setdefault(LOGIN, 'pager-pw-1')
    group = call('admin', 'ir.model.data', 'xmlid_to_res_id',
                 'asr_charter.group_asr_facilitator')
    structure = call('admin', 'res.partner', 'create',
                     {'name': 'Structure pagination (test)', 'is_company': True})
    territory = call('admin', 'res.partner', 'create',
                     {'name': 'Territoire pagination (test)', 'is_company': True})
    person = call('admin', 'res.partner', 'create', {
        'name': 'Pia Pagination', 'parent_id': structure, 'email': 'pia@example.org'})
    user = call('admin', 'res.users', 'create', {
        'login': LOGIN, 'password': PASSWORDS[LOGIN], 'partner_id': person, 'lang': 'fr_FR',
        'groups_id': [(6, 0, [group])]})
    count = PAGE + MORE
    partners = call('admin', 'res.partner', 'load', ['name', 'is_company'],
                    [['Partenaire pagination %02d' % i, '1'] for i in range(count - 2)])['ids']

    def charter(name, extra_members=()):
        members = [(0, 0, {'partner_id': partner, 'role': role, 'membership': 'signatory',
                           'date_join': '2019-12-11'})
                   for partner, role in [(territory, 'public_buyer'),
                                         (structure, 'facilitator')]]
        members += [(0, 0, {'partner_id': partner, 'role': 'employment_actor',
                            'employment_kind': 'plie', 'membership': 'partner',
                            'date_join': '2020-01-06'}) for partner in extra_members]
        return call('admin', 'asr.charter', 'create', {
            'name': name, 'territory_id': territory, 'act_number': 'CT2019.5/116-9',
            'act_date': '2019-12-11', 'member_ids': members})

    main = charter('Charte pagination 00 (test)', partners)
    call('admin', 'asr.charter', 'action_adopt', [main])
    call('admin', 'asr.charter', 'action_put_in_force', [main])
    charters = [main] + [charter('Charte pagination %02d (test)' % i)
                         for i in range(1, count)]
    committees = [call('admin', 'asr.charter.committee', 'create', {
        'charter_id': main, 'date': '%s-%02d-15' % (2020 + i // 12, i % 12 + 1)})
        for i in range(count)]

    def market(name, lots, consultation='2026-03-02'):
        return call('admin', 'asr.market', 'create', {
            'name': name, 'charter_id': main, 'buyer_entity_id': territory,
            'nature': 'works', 'amount_estimated': 100000.0 * lots,
            'consultation_date': consultation, 'duration_months': 24,
            'lot_ids': [(0, 0, {'number': n, 'name': 'Lot pagination %02d' % n,
                                'labour_share': 40.0, 'amount_estimated': 100000.0,
                                'clause_ids': [(0, 0, {'clause_type': 'insertion'})]})
                        for n in range(1, lots + 1)]})

    waiting = [market('Marché en attente %02d (pagination)' % i, 1) for i in range(count)]
    call('admin', 'asr.market', 'action_examined', waiting)
    many_lots = market('Marché aux nombreux lots (pagination)', count)

    # an insertion clause in execution, people to validate, validated people and their hours
    awarded = market('Marché en exécution (pagination)', 1, consultation='2024-11-04')
    lot = call('admin', 'asr.market', 'read', [awarded], ['lot_ids'])[0]['lot_ids'][0]
    contractor = call('admin', 'res.partner', 'create',
                      {'name': 'Bâtisseurs pagination (test)', 'is_company': True})
    call('admin', 'asr.market.lot', 'write', [lot], {
        'partner_id': contractor, 'amount_awarded': 90000.0, 'date_award': '2024-12-10',
        'date_start': '2025-01-01', 'date_end': '2026-12-31'})
    clause = call('admin', 'asr.clause', 'search', [('lot_id', '=', lot)])[0]
    call('admin', 'asr.clause', 'write', [clause], {'state': 'execution'})
    rsa = call('admin', 'ir.model.data', 'xmlid_to_res_id', 'asr_beneficiaries.criterion_rsa')

    def person(last_name, first_name, proof):
        return call('admin', 'asr.beneficiary', 'create', {
            'charter_id': main, 'last_name': last_name, 'first_name': first_name,
            'birth_date': '1990-06-01', 'criterion_ids': [(6, 0, [rsa])],
            'proof_kind': proof})

    pending = [person('Attente', 'P%02d' % i, False) for i in range(count)]
    validated = [person('Valide', 'V%02d' % i, 'caf') for i in range(count)]
    call('admin', 'asr.beneficiary', 'action_validate_eligibility', validated,
         context={'validation_date': '2025-01-15'})
    # 4 people x 11 months: the first PAGE + MORE entries, all waiting
    rows = [{'clause_id': clause, 'beneficiary_id': validated[p],
             'month': '2025-%02d-01' % month, 'modality': 'cdd', 'hours': 7.0}
            for month in range(2, 13) for p in range(4)][:count]
    entries = call('admin', 'asr.hour.entry', 'create', rows)
    return {'user': user, 'charters': charters, 'main': main, 'committees': committees,
            'waiting': waiting, 'many_lots': many_lots, 'clause': clause,
            'entries': entries, 'pending': pending, 'validated': validated}


def _get(session, server, path):
    resp = session.get(server.url + path, timeout=120)
    assert resp.status_code == 200, (path, resp.status_code)
    return resp.text


def _table(html, css_class):
    """The HTML of the first table with ``css_class``."""
    start = html.rindex('<table', 0, html.index(css_class))
    return html[start:html.index('</table>', start)]


def _ids(html, pattern):
    """The ids matched by ``pattern`` (one group), in order, without repeats."""
    found = []
    for value in re.findall(pattern, html):
        if int(value) not in found:
            found.append(int(value))
    return found


def _pager_links(html):
    """The pages the pager of the page links to, and the active page."""
    pager = re.search(r'<ul class="[^"]*pagination[^"]*">(.*?)</ul>', html, re.S)
    if not pager:
        return [], None
    links = re.findall(r'href="([^"]*)"', pager.group(1))
    active = re.search(r'<li class="active">\s*<a href="([^"]+)"', pager.group(1))
    return links, active.group(1) if active else None


@pytest.fixture(scope='module')
def session(odoo_server, pager_data):
    return login_session(odoo_server, LOGIN)


def _check_pages(session, server, base, extract, expected):
    """Page 1 shows the first PAGE rows of ``expected``, page 2 the rest, a page beyond the
    last the last page; the pager links the two pages."""
    first = _get(session, server, base)
    second = _get(session, server, base + '/page/2')
    beyond = _get(session, server, base + '/page/999')
    assert extract(first) == expected[:PAGE]
    assert extract(second) == expected[PAGE:]
    assert extract(beyond) == expected[PAGE:]
    links, active = _pager_links(first)
    assert base + '/page/2' in links and active == base
    links, active = _pager_links(second)
    assert base in links and active == base + '/page/2'
    return first, second


def test_home_counts_every_record_of_the_facilitator(odoo_server, pager_data, session):
    page = _get(session, odoo_server, '/my')
    count = str(PAGE + MORE)
    for css in ('o_asr_portal_charters', 'o_asr_portal_markets', 'o_asr_portal_hours',
                'o_asr_portal_beneficiaries'):
        item = page[page.index(css):]
        assert re.match(r'[^>]*>\s*<span class="badge">%s</span>' % count, item), css


def test_charters_are_paginated(odoo_server, pager_data, session):
    # newest adoption first, then newest record: all were adopted the same day
    expected = sorted(pager_data['charters'], reverse=True)
    _check_pages(session, odoo_server, '/my/asr/charters',
                 lambda html: _ids(_table(html, 'o_asr_charters'), r'/my/asr/charters/(\d+)"'),
                 expected)


def test_charter_members_are_paginated(odoo_server, pager_data, session):
    base = '/my/asr/charters/%s' % pager_data['main']
    members = odoo_server.call('admin', 'asr.charter.member', 'search_read',
                               [('charter_id', '=', pager_data['main'])], ['partner_id'],
                               order='membership desc, role, id')
    expected = [m['partner_id'][1] for m in members]
    assert len(expected) == PAGE + MORE
    _check_pages(session, odoo_server, base,
                 lambda html: re.findall(r'<tr>\s*<td>([^<]+)</td>',
                                         _table(html, 'o_asr_members')),
                 expected)


def test_charter_page_shows_the_last_committees_and_links_to_all(odoo_server, pager_data,
                                                                 session):
    base = '/my/asr/charters/%s' % pager_data['main']
    page = _get(session, odoo_server, base)
    listed = page.split('o_asr_committees', 1)[1].split('</ul>', 1)[0]
    assert listed.count('<li') == SHORT
    assert 'Comité technique du 15/07/2023' in listed  # the newest: 2020 + 42 months
    assert 'Comité technique du 15/01/2020' not in listed
    more = page.split('o_asr_committees_more', 1)[1].split('</p>', 1)[0]
    assert 'href="%s/committees"' % base in more
    assert 'Voir tous les comités techniques' in more
    assert '<span class="badge">%s</span>' % (PAGE + MORE) in more


def test_charter_committees_are_paginated(odoo_server, pager_data, session):
    def dates(html):
        return re.findall(r'Comité technique du (\d\d/\d\d/\d{4})',
                          _table(html, 'o_asr_committees'))
    every = ['15/%02d/%s' % (i % 12 + 1, 2020 + i // 12) for i in range(PAGE + MORE)]
    first, _second = _check_pages(
        session, odoo_server, '/my/asr/charters/%s/committees' % pager_data['main'], dates,
        every[::-1])
    assert 'Comités techniques' in first and 'Charte pagination 00 (test)' in first


def test_markets_waiting_are_paginated(odoo_server, pager_data, session):
    # same consultation date: by record
    _check_pages(session, odoo_server, '/my/asr/markets',
                 lambda html: _ids(_table(html, 'o_asr_markets_waiting'),
                                   r'/my/asr/markets/(\d+)"'),
                 sorted(pager_data['waiting']))


def test_market_lots_are_paginated(odoo_server, pager_data, session):
    first, _second = _check_pages(
        session, odoo_server, '/my/asr/markets/%s' % pager_data['many_lots'],
        lambda html: [int(n) for n in re.findall(r'<td>(\d+) — Lot pagination',
                                                 _table(html, 'o_asr_market_lots'))],
        list(range(1, PAGE + MORE + 1)))
    assert 'Marché aux nombreux lots (pagination)' in first


def _waiting_entries(server, data):
    return server.call('admin', 'asr.hour.entry', 'search',
                       [('charter_id', '=', data['main']),
                        ('state', 'in', ('draft', 'submitted'))], order='month, id')


def _entry_rows(html):
    return sorted(int(i) for i in re.findall(
        r'<tr class="o_asr_hour_entry[^"]*" data-entry-id="(\d+)"', html))


def test_hours_waiting_are_paginated(odoo_server, pager_data, session):
    waiting = _waiting_entries(odoo_server, pager_data)
    assert len(waiting) == PAGE + MORE
    first = _get(session, odoo_server, '/my/asr/hours')
    second = _get(session, odoo_server, '/my/asr/hours/page/2')
    beyond = _get(session, odoo_server, '/my/asr/hours/page/999')
    # the oldest months first; on a page, grouped by clause
    assert _entry_rows(first) == sorted(waiting[:PAGE])
    assert _entry_rows(second) == sorted(waiting[PAGE:])
    assert _entry_rows(beyond) == sorted(waiting[PAGE:])
    assert first.count('o_asr_hours_clause') == 1
    assert '02/2025' in first and '12/2025' not in first
    assert '12/2025' in second
    assert _pager_links(first)[1] == '/my/asr/hours'
    assert '/my/asr/hours/page/2' in _pager_links(first)[0]
    assert _pager_links(second)[1] == '/my/asr/hours/page/2'


def test_refused_rejection_is_shown_on_the_entrys_page(odoo_server, pager_data, session):
    entry = _waiting_entries(odoo_server, pager_data)[-1]
    token = re.search(r'name="csrf_token" value="([^"]+)"',
                      _get(session, odoo_server, '/my/asr/hours/page/2')).group(1)
    resp = session.post(odoo_server.url + '/my/asr/hours/%s/reject' % entry,
                        data={'csrf_token': token, 'reason': '  '}, timeout=120)
    assert resp.status_code == 200
    assert 'Indiquez pourquoi les heures sont rejetées.' in resp.text
    assert re.search(r'<tr class="o_asr_hour_entry danger" data-entry-id="%s"' % entry,
                     resp.text)
    assert _pager_links(resp.text)[1] == '/my/asr/hours/page/2'


def test_validation_goes_back_to_the_entrys_page(odoo_server, pager_data, session):
    before = _waiting_entries(odoo_server, pager_data)
    entry = before[PAGE]
    token = re.search(r'name="csrf_token" value="([^"]+)"',
                      _get(session, odoo_server, '/my/asr/hours/page/2')).group(1)
    resp = session.post(odoo_server.url + '/my/asr/hours/%s/validate' % entry,
                        data={'csrf_token': token}, timeout=120)
    assert resp.status_code == 200
    assert resp.url.endswith('/my/asr/hours/page/2?validated=%s' % entry)
    assert 'o_asr_hours_validated' in resp.text
    assert _entry_rows(resp.text) == sorted(before[PAGE + 1:])


def _people_rows(html, css_class):
    return _ids(_table(html, css_class), r'data-person-id="(\d+)"')


def test_people_to_validate_are_paginated(odoo_server, pager_data, session):
    # by name: ATTENTE P00, P01...
    _check_pages(session, odoo_server, '/my/asr/beneficiaries',
                 lambda html: _people_rows(html, 'o_asr_beneficiaries_pending'),
                 pager_data['pending'])


def test_people_page_shows_the_first_validated_and_links_to_all(odoo_server, pager_data,
                                                                session):
    page = _get(session, odoo_server, '/my/asr/beneficiaries/page/2')
    # eligible until the same day: by record
    assert _people_rows(page, 'o_asr_beneficiaries_validated') == \
        pager_data['validated'][:SHORT]
    more = page.split('o_asr_beneficiaries_validated_more', 1)[1].split('</p>', 1)[0]
    assert 'href="/my/asr/beneficiaries/validated"' in more
    assert 'Voir toutes les personnes validées' in more
    assert '<span class="badge">%s</span>' % (PAGE + MORE) in more


def test_validated_people_are_paginated(odoo_server, pager_data, session):
    first, _second = _check_pages(
        session, odoo_server, '/my/asr/beneficiaries/validated',
        lambda html: _people_rows(html, 'o_asr_beneficiaries_validated'),
        pager_data['validated'])
    assert 'VALIDE V00' in first and 'Personnes validées' in first


def test_refused_eligibility_is_shown_on_the_persons_page(odoo_server, pager_data, session):
    person = pager_data['pending'][-1]  # ATTENTE P42, on page 2
    token = re.search(r'name="csrf_token" value="([^"]+)"',
                      _get(session, odoo_server, '/my/asr/beneficiaries/page/2')).group(1)
    resp = session.post(odoo_server.url + '/my/asr/beneficiaries/%s/validate' % person,
                        data={'csrf_token': token, 'proof_kind': ''}, timeout=120)
    assert resp.status_code == 200
    assert 'avant de valider ATTENTE P%02d' % (PAGE + MORE - 1) in resp.text
    assert re.search(r'<tr class="o_asr_beneficiary danger" data-person-id="%s"' % person,
                     resp.text)
    assert _pager_links(resp.text)[1] == '/my/asr/beneficiaries/page/2'


@pytest.mark.parametrize('path', [
    '/my/asr/charters/%(main)s/page/2', '/my/asr/charters/%(main)s/committees',
    '/my/asr/charters/%(main)s/committees/page/2'])
def test_other_facilitator_is_sent_back_from_the_charters_pages(odoo_server, pager_data, path):
    session = login_session(odoo_server, 'test_facilitator')
    resp = session.get(odoo_server.url + path % pager_data, timeout=60,
                       allow_redirects=False)
    assert resp.status_code == 302
    assert resp.headers['Location'].endswith('/my')


def test_other_facilitator_sees_nothing_of_the_pages(odoo_server, pager_data):
    session = login_session(odoo_server, 'test_facilitator')
    assert session.get(odoo_server.url + '/my/asr/markets/%s/page/2'
                       % pager_data['many_lots'], timeout=60).status_code == 403
    page = _get(session, odoo_server, '/my/asr/beneficiaries/validated')
    assert 'VALIDE V' not in page
    page = _get(session, odoo_server, '/my/asr/hours/page/2')
    assert 'data-entry-id="%s"' % pager_data['entries'][0] not in page


def test_buyer_is_sent_back_from_the_validated_people(odoo_server, pager_data):
    session = login_session(odoo_server, 'test_buyer')
    for path in ('/my/asr/beneficiaries/validated', '/my/asr/beneficiaries/page/2',
                 '/my/asr/hours/page/2'):
        resp = session.get(odoo_server.url + path, timeout=60, allow_redirects=False)
        assert resp.status_code == 302, path
        assert resp.headers['Location'].endswith('/my')
