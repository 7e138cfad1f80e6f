"""Security over HTTP: ASR reports answer 403 to whoever may not read them, exports never
emit a formula from data, portal users have no write access to ASR models over RPC, and the
portal pages' reads of people are in the audit trail under the real user."""
import io
import json
import re
import xmlrpc.client

import openpyxl
import pytest

from .conftest import login_session, portal_pages

CHARTER_PDF = '/report/pdf/asr_charter.asr_charter_report_document/%s'
CCAP_HTML = '/report/html/asr_clauses.asr_market_lot_ccap_document/%s'
HOURS_XLSX = '/report/xlsx/asr_reporting.clause_hours_xlsx/%s'
HOSTILE = '=HYPERLINK("http://example.org/x","Cliquez")'


@pytest.fixture(scope='module')
def records(odoo_server):
    """A market of charter A named like a formula, its lot and insertion clause, and the
    other charter's market."""
    call = odoo_server.call
    charter = odoo_server.ids['charter']
    territory = call('admin', 'asr.charter', 'read', [charter],
                     ['territory_id'])[0]['territory_id'][0]
    market = call('admin', 'asr.market', 'create', {
        'name': HOSTILE, 'charter_id': charter, 'buyer_entity_id': territory,
        'amount_estimated': 300000.0, 'consultation_date': '2025-01-10',
        'lot_ids': [(0, 0, {'number': 1, 'name': '+SUM(1;2)', 'labour_share': 40.0,
                            'amount_estimated': 300000.0})]})
    lot = call('admin', 'asr.market', 'read', [market], ['lot_ids'])[0]['lot_ids'][0]
    clause = call('admin', 'asr.clause', 'create', {'clause_type': 'insertion', 'lot_id': lot,
                                                    'name': '=1+1'})
    other_lot = call('admin', 'asr.market', 'read', [odoo_server.ids['other_market']],
                     ['lot_ids'])[0]['lot_ids'][0]
    return {'charter': charter, 'market': market, 'lot': lot, 'clause': clause,
            'other_lot': other_lot}


@pytest.mark.parametrize('login, url, key', [
    ('test_other_facilitator', CHARTER_PDF, 'charter'),
    ('test_other_facilitator', CCAP_HTML, 'lot'),
    ('test_facilitator', CCAP_HTML, 'other_lot'),
    ('test_portal', HOURS_XLSX, 'clause'),
    ('test_internal', CHARTER_PDF, 'charter'),
    ('test_internal', HOURS_XLSX, 'clause'),
])
def test_reports_of_records_one_may_not_read_answer_403(odoo_server, records, login, url, key):
    session = login_session(odoo_server, login)
    resp = session.get(odoo_server.url + url % records[key], timeout=120)
    assert resp.status_code == 403


def test_report_of_a_record_that_does_not_exist_answers_403(odoo_server):
    session = login_session(odoo_server, 'test_buyer')
    resp = session.get(odoo_server.url + HOURS_XLSX % 987654321, timeout=120)
    assert resp.status_code == 403


def test_hours_spreadsheet_writes_data_never_formulas(odoo_server, records):
    session = login_session(odoo_server, 'test_buyer')
    resp = session.get(odoo_server.url + HOURS_XLSX % records['clause'], timeout=120)
    assert resp.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(resp.content)).active
    row = [cell for cell in next(sheet.iter_rows(min_row=2, max_row=2))]
    texts = {cell.value: cell.data_type for cell in row if isinstance(cell.value, str)}
    assert texts['=1+1'] == 's'  # the clause's name: a text, not a formula
    assert any(value.endswith(HOSTILE) for value in texts)  # the market's name
    assert set(texts.values()) == {'s'}
    assert not any(cell.data_type == 'f' for cell in row)


def test_csv_export_escapes_formulas(odoo_server, records):
    session = login_session(odoo_server, 'test_buyer')
    token = re.search(r'name="csrf_token" value="([^"]+)"',
                      session.get(odoo_server.url + '/web/login', timeout=60).text).group(1)
    fields = [{'name': 'name', 'label': '=Objet'}, {'name': 'reference', 'label': 'Référence'}]
    data = {'model': 'asr.market', 'fields': fields, 'ids': [records['market']], 'domain': [],
            'import_compat': False}
    resp = session.post(odoo_server.url + '/web/export/csv', data={
        'data': json.dumps(data), 'token': 'x', 'csrf_token': token}, timeout=120)
    assert resp.status_code == 200
    lines = resp.content.decode('utf-8').splitlines()
    assert lines[0].startswith('"\'=Objet"')
    assert lines[1].startswith('"\'=HYPERLINK(')


def _count(call, model):
    """The number of records of ``model`` (archived included); None for an abstract model
    (a mixin: no table)."""
    try:
        return call('admin', model, 'search_count', [], context={'active_test': False})
    except xmlrpc.client.Fault as fault:
        assert 'UndefinedTable' in fault.faultString, (model, fault.faultString[-300:])
        return None


def test_portal_users_have_no_write_access_over_rpc(odoo_server, records):
    """No ASR model grants create, write or unlink to the facilitator's portal group; over
    XML-RPC every attempt is refused, and so are the back office's workflow buttons."""
    call = odoo_server.call
    group = call('admin', 'ir.model.data', 'xmlid_to_res_id',
                 'asr_charter.group_asr_facilitator')
    rights = call('admin', 'ir.model.access', 'search_read', [
        ('group_id', '=', group), ('model_id.model', '=like', 'asr.%'), '|', '|',
        ('perm_write', '=', True), ('perm_create', '=', True), ('perm_unlink', '=', True)],
        ['name'])
    assert rights == []
    models = call('admin', 'ir.model', 'search_read', [('model', '=like', 'asr.%'),
                                                       ('transient', '=', False)], ['model'])
    checked = 0
    for model in [m['model'] for m in models]:
        try:
            ids = call('test_facilitator', model, 'search', [], limit=1)
        except xmlrpc.client.Fault as fault:
            # not even readable: an AccessError (fault 4), nothing else
            assert fault.faultCode == 4, (model, 'search', fault.faultString[-300:])
            ids = []
        count = _count(call, model)
        for method, args in (('create', [{}]), ('write', [ids, {}]), ('unlink', [ids])):
            if method != 'create' and not ids:
                continue
            with pytest.raises(xmlrpc.client.Fault) as err:
                call('test_facilitator', model, method, *args)
            assert err.value.faultCode == 4, (model, method, err.value.faultString[-300:])
            checked += 1
        # nothing created nor deleted
        assert _count(call, model) == count, model
    assert checked >= 20
    for model, method, field in (('asr.market', 'action_give_opinion', 'state'),
                                 ('asr.hour.entry', 'action_validate', 'state'),
                                 ('asr.beneficiary', 'action_validate_eligibility', 'state')):
        ids = call('test_facilitator', model, 'search', [], limit=1)
        before = call('admin', model, 'read', ids, [field])
        args = [ids, 'favourable', 'Par RPC'] if method == 'action_give_opinion' else [ids]
        with pytest.raises(xmlrpc.client.Fault) as err:
            call('test_facilitator', model, method, *args)
        assert err.value.faultCode == 4, (model, method, err.value.faultString[-300:])
        assert call('admin', model, 'read', ids, [field]) == before, (model, method)


def test_portal_reads_of_people_are_audited_under_the_facilitator(odoo_server):
    call = odoo_server.call
    person = call('admin', 'asr.beneficiary', 'create', {
        'charter_id': odoo_server.ids['charter'], 'last_name': 'Lecture',
        'first_name': 'Portail', 'birth_date': '1994-04-04'})
    session = login_session(odoo_server, 'test_facilitator')
    page = portal_pages(session, odoo_server, '/my/asr/beneficiaries')
    assert 'LECTURE Portail' in page
    logs = call('admin', 'asr.access.log', 'search_read', [
        ('beneficiary_id', '=', person), ('operation', '=', 'read')], ['user_id', 'channel'])
    assert (odoo_server.ids['facilitator'], 'portal') in [
        (log['user_id'][0], log['channel']) for log in logs]
    assert 1 not in [log['user_id'][0] for log in logs]  # not the superuser
