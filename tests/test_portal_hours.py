"""The facilitator validates hours and eligibility through the portal: lists of their charters,
CSRF, the models' checks run as the user, server-side access."""
import re

import pytest

from .conftest import login_session, portal_pages


@pytest.fixture(scope='module')
def portal_hours(odoo_server):
    """A market of its own on the facilitator's charter with an insertion clause in execution,
    a validated person and three entries waiting; a person whose eligibility is to validate;
    one entry on the other facilitator's charter."""
    call = odoo_server.call

    def clause_in_execution(name, charter_id, contractor_name):
        market = call('admin', 'asr.market', 'create', {
            'name': name, 'charter_id': charter_id, 'nature': 'works',
            'buyer_entity_id': call('admin', 'asr.charter', 'read', [charter_id],
                                    fields=['territory_id'])[0]['territory_id'][0],
            'amount_estimated': 600000.0, 'consultation_date': '2024-11-04',
            'duration_months': 24,
            'lot_ids': [(0, 0, {'number': 1, 'name': 'Espaces verts', 'labour_share': 50.0,
                                'amount_estimated': 600000.0})]})
        lot = call('admin', 'asr.market', 'read', [market],
                   fields=['lot_ids'])[0]['lot_ids'][0]
        call('admin', 'asr.clause', 'create', {'clause_type': 'insertion', 'lot_id': lot})
        contractor = call('admin', 'res.partner', 'create',
                          {'name': contractor_name, 'is_company': True})
        call('admin', 'asr.market.lot', 'write', [lot], {
            'partner_id': contractor, 'amount_awarded': 580000.0, 'date_award': '2024-12-10',
            'date_start': '2025-01-01', 'date_end': '2026-12-31'})
        clause = call('admin', 'asr.clause', 'search', [('lot_id', '=', lot)])[0]
        call('admin', 'asr.clause', 'write', [clause], {'state': 'execution'})
        return clause

    rsa = call('admin', 'ir.model.data', 'xmlid_to_res_id', 'asr_beneficiaries.criterion_rsa')

    def person(charter_id, last_name, first_name, validated=True):
        person_id = call('admin', 'asr.beneficiary', 'create', {
            'charter_id': charter_id, 'last_name': last_name, 'first_name': first_name,
            'birth_date': '1993-02-11', 'criterion_ids': [(6, 0, [rsa])],
            'proof_kind': 'caf' if validated else False})
        if validated:
            call('admin', 'asr.beneficiary', 'action_validate_eligibility', [person_id],
                 context={'validation_date': '2025-01-15'})
        return person_id

    def entry(clause, person_id, month, hours):
        return call('admin', 'asr.hour.entry', 'create', {
            'clause_id': clause, 'beneficiary_id': person_id, 'month': month,
            'modality': 'cdd', 'hours': hours})

    clause = clause_in_execution('Entretien des parcs (test portail)',
                                 odoo_server.ids['charter'], 'Jardins du Morbras (test)')
    lina = person(odoo_server.ids['charter'], 'Démo', 'Lina')
    ids = {
        'clause': clause, 'lina': lina,
        'to_validate': entry(clause, lina, '2025-05-01', 121.5),
        'to_reject': entry(clause, lina, '2025-06-01', 98.0),
        'kept': entry(clause, lina, '2025-07-01', 77.0),
        'pending_person': person(odoo_server.ids['charter'], 'Démo', 'Noé', validated=False),
        'no_proof_person': person(odoo_server.ids['charter'], 'Démo', 'Sacha',
                                  validated=False),
    }
    call('admin', 'asr.hour.entry', 'action_submit', [ids['to_validate']])
    other_clause = clause_in_execution("Parcs d'un autre territoire (test portail)",
                                       odoo_server.ids['other_charter'], 'Paysages (test)')
    other_person = person(odoo_server.ids['other_charter'], 'Démo', 'Ailleurs')
    ids['other_entry'] = entry(other_clause, other_person, '2025-05-01', 60.0)
    ids['other_person'] = person(odoo_server.ids['other_charter'], 'Démo', 'Loin',
                                 validated=False)
    return ids


def _entry(server, entry_id):
    return server.call('admin', 'asr.hour.entry', 'read', [entry_id],
                       fields=['state', 'reject_reason', 'validated_by_id'])[0]


def _person(server, person_id):
    return server.call('admin', 'asr.beneficiary', 'read', [person_id],
                       fields=['state', 'proof_kind', 'validator_id'])[0]


def _csrf(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def _session_token(server, session):
    """The session's CSRF token, from a page every user gets (the login form)."""
    return _csrf(session.get(server.url + '/web/login', timeout=60).text)


def test_portal_home_links_to_hours_and_people(odoo_server, portal_hours):
    session = login_session(odoo_server, 'test_facilitator')
    page = session.get(odoo_server.url + '/my', timeout=60).text
    assert 'href="/my/asr/hours"' in page
    assert 'href="/my/asr/beneficiaries"' in page


def test_waiting_hours_are_listed_with_the_person(odoo_server, portal_hours):
    session = login_session(odoo_server, 'test_facilitator')
    page = portal_pages(session, odoo_server, '/my/asr/hours')
    assert 'DÉMO Lina' in page
    assert '05/2025' in page and '06/2025' in page
    assert 'Jardins du Morbras (test)' in page
    assert '/my/asr/hours/%s/validate' % portal_hours['to_validate'] in page
    assert '/my/asr/hours/%s/reject' % portal_hours['to_reject'] in page
    # the other charter's entry is not listed
    assert '/my/asr/hours/%s/' % portal_hours['other_entry'] not in page
    assert 'Ailleurs' not in page


def test_facilitator_validates_hours(odoo_server, portal_hours):
    session = login_session(odoo_server, 'test_facilitator')
    page = session.get(odoo_server.url + '/my/asr/hours', timeout=60).text
    resp = session.post(odoo_server.url + '/my/asr/hours/%s/validate'
                        % portal_hours['to_validate'], data={'csrf_token': _csrf(page)},
                        timeout=60)
    assert resp.status_code == 200
    assert 'o_asr_hours_validated' in resp.text
    state = _entry(odoo_server, portal_hours['to_validate'])
    assert state['state'] == 'validated'
    assert state['validated_by_id'][0] == odoo_server.ids['facilitator']
    # now among the last validated or rejected entries, no more a validate button
    assert '/my/asr/hours/%s/validate' % portal_hours['to_validate'] not in resp.text


def test_empty_reason_shows_the_french_error_and_keeps_the_entry(odoo_server, portal_hours):
    session = login_session(odoo_server, 'test_facilitator')
    page = session.get(odoo_server.url + '/my/asr/hours', timeout=60).text
    resp = session.post(odoo_server.url + '/my/asr/hours/%s/reject' % portal_hours['kept'],
                        data={'csrf_token': _csrf(page), 'reason': '   '}, timeout=60)
    assert resp.status_code == 200
    assert 'Indiquez pourquoi les heures sont rejetées.' in resp.text
    assert 'o_asr_hours_error' in resp.text
    assert _entry(odoo_server, portal_hours['kept'])['state'] == 'draft'


def test_facilitator_rejects_hours_with_a_reason(odoo_server, portal_hours):
    session = login_session(odoo_server, 'test_facilitator')
    page = session.get(odoo_server.url + '/my/asr/hours', timeout=60).text
    resp = session.post(odoo_server.url + '/my/asr/hours/%s/reject' % portal_hours['to_reject'],
                        data={'csrf_token': _csrf(page),
                              'reason': 'Contrat de travail non fourni.'}, timeout=60)
    assert resp.status_code == 200 and 'o_asr_hours_rejected' in resp.text
    state = _entry(odoo_server, portal_hours['to_reject'])
    assert state['state'] == 'rejected'
    assert state['reject_reason'] == 'Contrat de travail non fourni.'
    assert 'Contrat de travail non fourni.' in resp.text


def test_other_facilitator_is_forbidden(odoo_server, portal_hours):
    session = login_session(odoo_server, 'test_other_facilitator')
    page = session.get(odoo_server.url + '/my/asr/hours', timeout=60).text
    assert 'DÉMO Lina' not in page
    token = _session_token(odoo_server, session)
    resp = session.post(odoo_server.url + '/my/asr/hours/%s/validate' % portal_hours['kept'],
                        data={'csrf_token': token}, timeout=60)
    assert resp.status_code == 403
    resp = session.post(odoo_server.url + '/my/asr/hours/%s/reject' % portal_hours['kept'],
                        data={'csrf_token': token, 'reason': 'Intrusion'}, timeout=60)
    assert resp.status_code == 403
    resp = session.post(odoo_server.url + '/my/asr/beneficiaries/%s/validate'
                        % portal_hours['pending_person'],
                        data={'csrf_token': token, 'proof_kind': 'caf'}, timeout=60)
    assert resp.status_code == 403
    assert _entry(odoo_server, portal_hours['kept'])['state'] == 'draft'
    assert _person(odoo_server, portal_hours['pending_person'])['state'] == 'draft'


def test_validate_without_csrf_token_is_refused(odoo_server, portal_hours):
    session = login_session(odoo_server, 'test_facilitator')
    resp = session.post(odoo_server.url + '/my/asr/hours/%s/validate' % portal_hours['kept'],
                        data={}, timeout=60)
    assert resp.status_code == 400
    assert _entry(odoo_server, portal_hours['kept'])['state'] == 'draft'


def test_buyer_cannot_use_the_hours_portal(odoo_server, portal_hours):
    session = login_session(odoo_server, 'test_buyer')
    resp = session.get(odoo_server.url + '/my/asr/hours', timeout=60, allow_redirects=False)
    # not a facilitator: the page sends them back to their portal home (a redirection, not
    # a 403), the action refuses (403)
    assert resp.status_code == 302
    assert resp.headers['Location'].endswith('/my')
    token = _session_token(odoo_server, session)
    resp = session.post(odoo_server.url + '/my/asr/hours/%s/validate' % portal_hours['kept'],
                        data={'csrf_token': token}, timeout=60)
    assert resp.status_code == 403
    assert _entry(odoo_server, portal_hours['kept'])['state'] == 'draft'


def test_facilitator_validates_an_eligibility(odoo_server, portal_hours):
    session = login_session(odoo_server, 'test_facilitator')
    page = session.get(odoo_server.url + '/my/asr/beneficiaries', timeout=60).text
    assert 'DÉMO Noé' in page and 'DÉMO Sacha' in page
    assert 'Ailleurs' not in page and 'Loin' not in page
    assert '/my/asr/beneficiaries/%s/validate' % portal_hours['pending_person'] in page
    # no proof chosen: the model's French error, nothing written
    resp = session.post(odoo_server.url + '/my/asr/beneficiaries/%s/validate'
                        % portal_hours['no_proof_person'],
                        data={'csrf_token': _csrf(page), 'proof_kind': ''}, timeout=60)
    assert resp.status_code == 200
    assert 'Indiquez quel justificatif vous avez vu avant de valider DÉMO Sacha.' in resp.text
    assert _person(odoo_server, portal_hours['no_proof_person'])['state'] == 'draft'
    resp = session.post(odoo_server.url + '/my/asr/beneficiaries/%s/validate'
                        % portal_hours['pending_person'],
                        data={'csrf_token': _csrf(page), 'proof_kind': 'france_travail'},
                        timeout=60)
    assert resp.status_code == 200 and 'o_asr_beneficiary_validated' in resp.text
    state = _person(odoo_server, portal_hours['pending_person'])
    assert state['state'] == 'validated'
    assert state['proof_kind'] == 'france_travail'
    assert state['validator_id'][0] == odoo_server.ids['facilitator']
