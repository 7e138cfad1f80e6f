"""The facilitator's penalty pages on the portal, as the real portal user of the French demo:
the list and the detail with each cause's arithmetic, a reduction proposed with the
registered letter, bad input refused in French with nothing written, CSRF, forged ids,
oversized letters, and no way in for a back-office buyer."""
import re

from .conftest import login_session


def _token(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def _open_penalty(call):
    """A penalty of the demo the facilitator may still propose a reduction on."""
    rows = call('admin', 'asr.penalty', 'search_read',
                [('state', 'in', ('draft', 'proposed')), ('reduction_state', '!=', 'proposed'),
                 ('amount_total', '>', 0)],
                ['name', 'amount_total', 'reduction_state'], order='id')
    assert rows, 'the demo has a computed or proposed penalty with an amount due'
    return rows[0]


def test_facilitator_reads_and_proposes_a_reduction(demo_server):
    call = demo_server.call
    penalty = _open_penalty(call)
    session = login_session(demo_server, 'facilitateur')
    home = session.get(demo_server.url + '/my', timeout=60).text
    assert '/my/asr/penalties' in home
    listing = session.get(demo_server.url + '/my/asr/penalties', timeout=60).text
    assert penalty['name'] in listing
    assert 'Pénalités des clauses' in listing
    url = '%s/my/asr/penalties/%s' % (demo_server.url, penalty['id'])
    page = session.get(url, timeout=60).text
    assert 'heures x' in page or 'jours x' in page
    assert 'Proposer une réduction' in page

    # above the total: refused in French, the form kept, nothing written
    too_much = '%.2f' % (penalty['amount_total'] + 1)
    resp = session.post(url + '/reduction', data={
        'csrf_token': _token(page), 'amount': too_much.replace('.', ','),
        'reason': 'Difficultés de recrutement signalées.'}, timeout=60)
    assert resp.status_code == 200
    assert 'au plus égale au montant de la pénalité' in resp.text
    assert 'Difficultés de recrutement signalées.' in resp.text
    row = call('admin', 'asr.penalty', 'read', [penalty['id']], ['reduction_state'])[0]
    assert row['reduction_state'] == penalty['reduction_state']

    # without the CSRF token: refused
    resp = session.post(url + '/reduction', data={'amount': '10', 'reason': 'x'}, timeout=60)
    assert resp.status_code == 400

    # an oversized letter: refused before it is read, in French
    resp = session.post(url + '/reduction', data={
        'csrf_token': _token(page), 'amount': '10', 'reason': 'Lettre trop lourde'},
        files={'letter': ('lettre.pdf', b'%PDF' + b'0' * (10 * 1024 * 1024 + 10))},
        timeout=120)
    assert 'trop volumineuse' in resp.text

    # a reduction with its registered letter: recorded, signed by the facilitator
    resp = session.post(url + '/reduction', data={
        'csrf_token': _token(page), 'amount': '100,50',
        'reason': 'Difficultés signalées par lettre recommandée du 02/06/2026.',
        'letter_date': '2026-06-02'},
        files={'letter': ('lrar.pdf', b'%PDF-1.4 lettre recommandee')}, timeout=60)
    assert resp.status_code == 200
    assert 'a été enregistrée' in resp.text
    row = call('admin', 'asr.penalty', 'read', [penalty['id']], [
        'reduction_state', 'reduction_proposed', 'reduction_proposed_by_id',
        'reduction_letter_date', 'reduction_letter_name', 'state'])[0]
    facilitator = call('admin', 'res.users', 'search', [('login', '=', 'facilitateur')])[0]
    assert row['reduction_state'] == 'proposed'
    assert row['reduction_proposed'] == 100.5
    assert row['reduction_proposed_by_id'][0] == facilitator
    assert row['reduction_letter_date'] == '2026-06-02'
    assert row['reduction_letter_name'] == 'lrar.pdf'


def test_forged_ids_and_other_users(demo_server):
    call = demo_server.call
    session = login_session(demo_server, 'facilitateur')
    missing = max(call('admin', 'asr.penalty', 'search', [])) + 1000
    resp = session.get('%s/my/asr/penalties/%s' % (demo_server.url, missing), timeout=60)
    assert resp.status_code == 403
    # a valid token of the session (the CSRF check passes): the id is what is refused
    penalty = _open_penalty(call)
    page = session.get('%s/my/asr/penalties/%s' % (demo_server.url, penalty['id']),
                       timeout=60).text
    resp = session.post('%s/my/asr/penalties/%s/reduction' % (demo_server.url, missing),
                        data={'csrf_token': _token(page), 'amount': '1', 'reason': 'x'},
                        timeout=60)
    assert resp.status_code == 403
    # portal users have no write access over RPC: the controller writes after its checks
    try:
        call('facilitateur', 'asr.penalty', 'write', [penalty['id']],
             {'reduction_proposed': 1.0})
        raise AssertionError('the facilitator wrote a penalty over RPC')
    except Exception as err:  # xmlrpc Fault: AccessError
        assert getattr(err, 'faultCode', None) == 4
    # a back-office buyer is sent back to their portal home, sees no penalty page
    buyer = login_session(demo_server, 'acheteur')
    resp = buyer.get(demo_server.url + '/my/asr/penalties', timeout=60, allow_redirects=False)
    assert resp.status_code in (302, 303)
    resp = buyer.get('%s/my/asr/penalties/%s' % (demo_server.url, penalty['id']), timeout=60)
    assert resp.status_code == 403
