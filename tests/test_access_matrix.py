"""The access matrix of the ASR application, run over XML-RPC as real users of every role.

The matrix below is the specification: one line per model and operation, one column per role,
each cell the outcome the server must give. The test runs every cell against the running
server, as the user of the column, on records of charter A (and of charter B where the line
says so), and fails listing every cell that differs.

Outcomes:
    ok      the operation succeeds (and a read returns the record, the person's name...)
    none    it succeeds but the record is not in the answer (filtered by the record rules)
    denied  an access error (XML-RPC fault 4): the role may not do this here
    masked  the record is read, but the person appears by reference (B-00042), not by name

Roles: buyer (ASR / Buyer), manager (ASR / Manager), finance (ASR / Finance), suivi_a (ASR /
Personal data, staff of charter A's facilitator), fac_a and fac_b (portal users of the
facilitators of charters A and B), internal (an employee without ASR group), portal (a portal
customer). "x_a" operations target charter A, "x_b" charter B; write, unlink and workflow
operations work on a fresh record created for the cell.
"""
import base64
import xmlrpc.client

import pytest

ROLES = {'buyer': 'test_buyer', 'manager': 'test_manager', 'finance': 'test_finance',
         'suivi_a': 'test_staff', 'fac_a': 'test_facilitator',
         'fac_b': 'test_other_facilitator', 'internal': 'test_internal',
         'portal': 'test_portal'}

MATRIX = """
operation                    buyer   manager finance suivi_a fac_a   fac_b   internal portal
person.read_a                denied  denied  denied  ok      ok      denied  denied   denied
person.read_b                denied  denied  denied  denied  denied  ok      denied   denied
person.search_on_name_a      denied  denied  denied  ok      ok      none    denied   denied
person.read_group_gender_a   denied  denied  denied  ok      ok      none    denied   denied
person.name_search_a         denied  denied  denied  ok      ok      none    denied   denied
person.name_search_code_a    denied  denied  denied  ok      ok      none    denied   denied
person.export_data_a         denied  denied  denied  ok      ok      denied  denied   denied
person.create_a              denied  denied  denied  ok      denied  denied  denied   denied
person.create_b              denied  denied  denied  denied  denied  denied  denied   denied
person.write_a               denied  denied  denied  ok      denied  denied  denied   denied
person.write_state_a         denied  denied  denied  denied  denied  denied  denied   denied
person.write_charter_a       denied  denied  denied  denied  denied  denied  denied   denied
person.validate_a            denied  denied  denied  ok      denied  denied  denied   denied
person.unlink_a              denied  denied  denied  ok      denied  denied  denied   denied
entry.read_hours_a           ok      ok      ok      ok      ok      denied  denied   denied
entry.read_person_a          denied  denied  denied  ok      ok      denied  denied   denied
entry.search_on_person_a     denied  denied  denied  ok      ok      none    denied   denied
entry.read_group_person_a    denied  denied  denied  ok      ok      none    denied   denied
entry.export_person_a        denied  denied  denied  ok      ok      denied  denied   denied
entry.create_a               denied  denied  denied  ok      denied  denied  denied   denied
entry.write_hours_a          denied  denied  denied  ok      denied  denied  denied   denied
entry.write_state_a          denied  denied  denied  denied  denied  denied  denied   denied
entry.write_charter_a        denied  denied  denied  denied  denied  denied  denied   denied
entry.validate_a             denied  denied  denied  ok      denied  denied  denied   denied
entry.unlink_a               denied  denied  denied  ok      denied  denied  denied   denied
market.read_a                ok      ok      ok      ok      ok      denied  denied   denied
market.read_b                ok      ok      ok      ok      denied  ok      denied   denied
market.write_a               ok      ok      denied  denied  denied  denied  denied   denied
market.write_b               denied  ok      denied  denied  denied  denied  denied   denied
market.write_state_a         denied  denied  denied  denied  denied  denied  denied   denied
market.validate_a            denied  ok      denied  denied  denied  denied  denied   denied
market.create                ok      ok      denied  denied  denied  denied  denied   denied
clause.read_a                ok      ok      ok      ok      ok      denied  denied   denied
clause.write_state_a         denied  denied  denied  denied  denied  denied  denied   denied
clause.close_a               ok      ok      denied  denied  denied  denied  denied   denied
report.read_a                ok      ok      ok      ok      ok      denied  denied   denied
report.write_received_a      denied  denied  denied  denied  denied  denied  denied   denied
report.receive_a             ok      ok      denied  ok      denied  denied  denied   denied
report.receive_b             denied  ok      denied  denied  denied  denied  denied   denied
record.create_a              ok      ok      denied  ok      denied  denied  denied   denied
record.create_validated_a    denied  denied  denied  denied  denied  denied  denied   denied
record.unlink_b              denied  ok      denied  denied  denied  denied  denied   denied
charter.read_a               ok      ok      ok      ok      ok      denied  denied   denied
charter.write_state_a        denied  denied  denied  denied  denied  denied  denied   denied
hour_report.read_group_a     ok      ok      ok      ok      ok      none    denied   denied
export_wizard.person_a       denied  denied  denied  ok      ok      denied  denied   denied
export_wizard.person_b       denied  denied  denied  denied  denied  ok      denied   denied
export_wizard.run_a          denied  denied  denied  ok      denied  denied  denied   denied
anonymise_wizard.person_a    denied  denied  denied  ok      ok      denied  denied   denied
reject_wizard.entry_a        ok      ok      ok      ok      ok      denied  denied   denied
reject_wizard.run_a          denied  denied  denied  ok      denied  denied  denied   denied
import_wizard.hours_a        denied  denied  denied  ok      denied  denied  denied   denied
import_wizard.people_b       denied  denied  denied  denied  denied  denied  denied   denied
"""


def parse_matrix(text):
    lines = [line.split() for line in text.strip().splitlines()]
    header = lines[0][1:]
    return {line[0]: dict(zip(header, line[1:])) for line in lines[1:]}


EXPECTED = parse_matrix(MATRIX)


class Cell(object):
    """Runs one operation as one user; the outcome is what the matrix says."""

    def __init__(self, server, data, login):
        self.server, self.data, self.login = server, data, login

    def call(self, model, method, *args, **kwargs):
        return self.server.call(self.login, model, method, *args, **kwargs)

    def admin(self, model, method, *args, **kwargs):
        return self.server.call('admin', model, method, *args, **kwargs)

    @staticmethod
    def found(rows, record_id):
        ids = [row['id'] if isinstance(row, dict) else row[0] if isinstance(row, (list, tuple))
               else row for row in rows]
        return 'ok' if record_id in ids else 'none'

    # -- people --------------------------------------------------------------------------
    def new_person(self, charter='charter_a', **vals):
        values = {'charter_id': self.data[charter], 'last_name': 'Jetable',
                  'first_name': 'Cellule', 'birth_date': '1992-02-02',
                  'criterion_ids': [(6, 0, [self.data['rsa']])], 'proof_kind': 'caf'}
        values.update(vals)
        return self.admin('asr.beneficiary', 'create', values)

    def person_read_a(self):
        row = self.call('asr.beneficiary', 'read', [self.data['person_a']], ['name'])[0]
        return 'ok' if row['name'] == 'MATRICE Alice' else 'masked'

    def person_read_b(self):
        row = self.call('asr.beneficiary', 'read', [self.data['person_b']], ['name'])[0]
        return 'ok' if row['name'] == 'MATRICE Bruno' else 'masked'

    def person_search_on_name_a(self):
        return self.found(self.call('asr.beneficiary', 'search_read',
                                    [('last_name', '=', 'Matrice')], ['id']),
                          self.data['person_a'])

    def person_read_group_gender_a(self):
        groups = self.call('asr.beneficiary', 'read_group', [('id', '=', self.data['person_a'])],
                           ['gender'], ['gender'])
        return 'ok' if sum(g['gender_count'] for g in groups) == 1 else 'none'

    def person_name_search_a(self):
        return self.found(self.call('asr.beneficiary', 'name_search', 'Matrice'),
                          self.data['person_a'])

    def person_name_search_code_a(self):
        code = 'B-%05d' % self.data['person_a']
        found = dict(self.call('asr.beneficiary', 'name_search', code))
        if self.data['person_a'] not in found:
            return 'none'
        return 'ok' if found[self.data['person_a']] == 'MATRICE Alice' else 'masked'

    def person_export_data_a(self):
        rows = self.call('asr.beneficiary', 'export_data', [self.data['person_a']],
                         ['last_name'])['datas']
        return 'ok' if rows == [['Matrice']] else 'none'

    def person_create_a(self):
        self.call('asr.beneficiary', 'create', {'charter_id': self.data['charter_a'],
                                                'last_name': 'Créé', 'first_name': 'Par'})
        return 'ok'

    def person_create_b(self):
        self.call('asr.beneficiary', 'create', {'charter_id': self.data['charter_b'],
                                                'last_name': 'Créé', 'first_name': 'Par'})
        return 'ok'

    def person_write_a(self):
        person = self.new_person()
        self.call('asr.beneficiary', 'write', [person], {'zip': '94100'})
        return 'ok'

    def person_write_state_a(self):
        person = self.new_person()
        self.call('asr.beneficiary', 'write', [person], {'state': 'validated',
                                                         'validation_date': '2025-01-01'})
        return 'ok'

    def person_write_charter_a(self):
        person = self.new_person()
        self.call('asr.beneficiary', 'write', [person], {'charter_id': self.data['charter_b']})
        return 'ok'

    def person_validate_a(self):
        person = self.new_person()
        self.call('asr.beneficiary', 'action_validate_eligibility', [person])
        state = self.admin('asr.beneficiary', 'read', [person], ['state'])[0]['state']
        return 'ok' if state == 'validated' else 'none'

    def person_unlink_a(self):
        person = self.new_person()
        self.call('asr.beneficiary', 'unlink', [person])
        return 'ok'

    # -- hour entries ----------------------------------------------------------------------
    def fresh_person(self):
        """A person of charter A validated in December 2024 (id, reference)."""
        person = self.new_person(last_name='Frais')
        self.admin('asr.beneficiary', 'action_validate_eligibility', [person],
                   context={'validation_date': '2024-12-15'})
        return person, self.admin('asr.beneficiary', 'read', [person], ['code'])[0]['code']

    def new_entry(self):
        return self.admin('asr.hour.entry', 'create', {
            'clause_id': self.data['clause_a'], 'beneficiary_id': self.fresh_person()[0],
            'month': '2025-02-01', 'modality': 'cdd', 'hours': 5.0})

    def next_month(self):
        """A month not reported yet (monthly reports are one per clause and month)."""
        self.data['month'] += 1
        year, month = divmod(self.data['month'], 12)
        return '%s-%02d-01' % (2010 + year, month + 1)

    def entry_read_hours_a(self):
        row = self.call('asr.hour.entry', 'read', [self.data['entry_a']], ['hours'])[0]
        return 'ok' if row['hours'] == 120.0 else 'none'

    def entry_read_person_a(self):
        row = self.call('asr.hour.entry', 'read', [self.data['entry_a']], ['beneficiary_id'])[0]
        return 'ok' if row['beneficiary_id'][1] == 'MATRICE Alice' else 'masked'

    def entry_search_on_person_a(self):
        return self.found(self.call('asr.hour.entry', 'search_read',
                                    [('beneficiary_id', '=', self.data['person_a'])], ['id']),
                          self.data['entry_a'])

    def entry_read_group_person_a(self):
        groups = self.call('asr.hour.entry', 'read_group', [('id', '=', self.data['entry_a'])],
                           ['hours', 'beneficiary_id'], ['beneficiary_id'])
        if not groups:
            return 'none'
        return 'ok' if groups[0]['beneficiary_id'][1] == 'MATRICE Alice' else 'masked'

    def entry_export_person_a(self):
        rows = self.call('asr.hour.entry', 'export_data', [self.data['entry_a']],
                         ['beneficiary_id'])['datas']
        return 'ok' if rows == [['MATRICE Alice']] else 'masked'

    def entry_create_a(self):
        self.call('asr.hour.entry', 'create', {
            'clause_id': self.data['clause_a'], 'beneficiary_id': self.fresh_person()[0],
            'month': '2025-02-01', 'modality': 'training', 'hours': 7.0})
        return 'ok'

    def entry_write_hours_a(self):
        entry = self.new_entry()
        self.call('asr.hour.entry', 'write', [entry], {'hours': 6.0})
        return 'ok'

    def entry_write_state_a(self):
        entry = self.new_entry()
        self.call('asr.hour.entry', 'write', [entry], {'state': 'validated'})
        return 'ok'

    def entry_write_charter_a(self):
        entry = self.new_entry()
        self.call('asr.hour.entry', 'write', [entry], {'charter_id': self.data['charter_b']})
        return 'ok'

    def entry_validate_a(self):
        entry = self.new_entry()
        self.call('asr.hour.entry', 'action_validate', [entry])
        return 'ok'

    def entry_unlink_a(self):
        entry = self.new_entry()
        self.call('asr.hour.entry', 'unlink', [entry])
        return 'ok'

    # -- markets, clauses, reports, actions, charters ------------------------------------------
    def market_read_a(self):
        return self.found(self.call('asr.market', 'read', [self.data['market_a']], ['name']),
                          self.data['market_a'])

    def market_read_b(self):
        return self.found(self.call('asr.market', 'read', [self.data['market_b']], ['name']),
                          self.data['market_b'])

    def market_write_a(self):
        self.call('asr.market', 'write', [self.data['market_a']],
                  {'cpv_code': '45000000'})
        return 'ok'

    def market_write_b(self):
        self.call('asr.market', 'write', [self.data['market_b']],
                  {'cpv_code': '45000000'})
        return 'ok'

    def market_write_state_a(self):
        self.call('asr.market', 'write', [self.data['market_a']], {
            'state': 'validated', 'validation_user_id': self.server.uid(self.login)})
        return 'ok'

    def new_market(self):
        market = self.admin('asr.market', 'create', {
            'name': 'Marché jetable (matrice)', 'charter_id': self.data['charter_a'],
            'buyer_entity_id': self.data['territory'], 'amount_estimated': 1000.0,
            'consultation_date': '2025-01-10', 'user_id': self.server.ids['buyer'],
            'lot_ids': [(0, 0, {'name': 'Lot', 'amount_estimated': 1000.0,
                                'no_disposition': True,
                                'no_disposition_reason': 'Fournitures sur catalogue.'})]})
        self.admin('asr.market', 'action_examined', [market])
        self.admin('asr.market', 'action_give_opinion', [market], 'favourable', 'Bien.')
        return market

    def market_validate_a(self):
        market = self.new_market()
        self.call('asr.market', 'action_validate', [market])
        return 'ok'

    def market_create(self):
        self.call('asr.market', 'create', {
            'name': 'Marché créé (matrice)', 'charter_id': self.data['charter_a'],
            'buyer_entity_id': self.data['territory'], 'amount_estimated': 1000.0,
            'consultation_date': '2025-01-10'})
        return 'ok'

    def clause_read_a(self):
        return self.found(self.call('asr.clause', 'read', [self.data['clause_a']], ['name']),
                          self.data['clause_a'])

    def clause_write_state_a(self):
        self.call('asr.clause', 'write', [self.data['social_a']], {'state': 'closed'})
        return 'ok'

    def clause_close_a(self):
        clause = self.admin('asr.clause', 'create', {
            'clause_type': 'progress_plan', 'lot_id': self.data['lot_a']})
        self.admin('asr.clause', 'action_start_execution', [clause])
        self.call('asr.clause', 'action_close', [clause])
        return 'ok'

    def report_read_a(self):
        return self.found(self.call('asr.monthly.report', 'read', [self.data['report_a']],
                                    ['month']), self.data['report_a'])

    def new_report(self, clause):
        return self.admin('asr.monthly.report', 'create', {
            'clause_id': self.data[clause], 'month': self.next_month()})

    def report_write_received_a(self):
        report = self.new_report('clause_a')
        self.call('asr.monthly.report', 'write', [report], {'received_date': '2026-01-05'})
        return 'ok'

    def report_receive_a(self):
        self.call('asr.monthly.report', 'action_receive', [self.new_report('clause_a')])
        return 'ok'

    def report_receive_b(self):
        self.call('asr.monthly.report', 'action_receive', [self.new_report('clause_b')])
        return 'ok'

    def record_create_a(self):
        self.call('asr.social.action.record', 'create', {
            'action_id': self.data['action_a'], 'date': '2025-06-01', 'people_count': 2})
        return 'ok'

    def record_create_validated_a(self):
        self.call('asr.social.action.record', 'create', {
            'action_id': self.data['action_a'], 'date': '2025-06-01', 'people_count': 2,
            'state': 'validated', 'validated_by_id': self.server.uid(self.login)})
        return 'ok'

    def record_unlink_b(self):
        record = self.admin('asr.social.action.record', 'create', {
            'action_id': self.data['action_b'], 'date': '2025-06-01', 'people_count': 1})
        self.call('asr.social.action.record', 'unlink', [record])
        return 'ok'

    def charter_read_a(self):
        return self.found(self.call('asr.charter', 'read', [self.data['charter_a']], ['name']),
                          self.data['charter_a'])

    def charter_write_state_a(self):
        self.call('asr.charter', 'write', [self.data['charter_a']], {'state': 'closed'})
        return 'ok'

    def hour_report_read_group_a(self):
        groups = self.call('asr.hour.report', 'read_group',
                           [('clause_id', '=', self.data['clause_a'])], ['hours', 'clause_id'],
                           ['clause_id'])
        return 'ok' if groups and groups[0]['hours'] else 'none'

    # -- wizards holding people --------------------------------------------------------------
    def export_wizard(self, person, name):
        wizard = self.call('asr.beneficiary.export', 'create', {'beneficiary_id': person})
        row = self.call('asr.beneficiary.export', 'read', [wizard], ['beneficiary_id'])[0]
        return 'ok' if row['beneficiary_id'][1] == name else 'masked'

    def export_wizard_person_a(self):
        return self.export_wizard(self.data['person_a'], 'MATRICE Alice')

    def export_wizard_person_b(self):
        return self.export_wizard(self.data['person_b'], 'MATRICE Bruno')

    def export_wizard_run_a(self):
        wizard = self.call('asr.beneficiary.export', 'create',
                           {'beneficiary_id': self.data['person_a']})
        self.call('asr.beneficiary.export', 'action_export', [wizard])
        return 'ok'

    def anonymise_wizard_person_a(self):
        wizard = self.call('asr.beneficiary.anonymise', 'create', {
            'beneficiary_ids': [(6, 0, [self.data['person_a']])], 'reason': 'Matrice'})
        row = self.call('asr.beneficiary.anonymise', 'read', [wizard], ['beneficiary_ids'])[0]
        return 'ok' if row['beneficiary_ids'] == [self.data['person_a']] else 'none'

    def reject_wizard_entry_a(self):
        wizard = self.call('asr.hour.entry.reject', 'create', {
            'entry_ids': [(6, 0, [self.data['entry_a']])], 'reason': 'Matrice'})
        return 'ok' if wizard else 'none'

    def reject_wizard_run_a(self):
        entry = self.new_entry()
        wizard = self.call('asr.hour.entry.reject', 'create', {
            'entry_ids': [(6, 0, [entry])], 'reason': 'Bulletin absent'})
        self.call('asr.hour.entry.reject', 'action_reject', [wizard])
        return 'ok'

    def import_wizard_hours_a(self):
        lines = ['beneficiary;month;modality;hours', '%s;02/2025;cdd;4' % self.fresh_person()[1]]
        wizard = self.call('asr.statement.import', 'create', {
            'kind': 'hours', 'clause_id': self.data['clause_a'], 'filename': 'releve.csv',
            'file': base64.b64encode('\n'.join(lines).encode()).decode()})
        self.call('asr.statement.import', 'action_preview', [wizard])
        return 'ok'

    def import_wizard_people_b(self):
        lines = ['last_name;first_name;birth_date', 'Sonde;Paul;01/01/1990']
        wizard = self.call('asr.statement.import', 'create', {
            'kind': 'beneficiaries', 'charter_id': self.data['charter_b'],
            'filename': 'liste.csv',
            'file': base64.b64encode('\n'.join(lines).encode()).decode()})
        self.call('asr.statement.import', 'action_preview', [wizard])
        return 'ok'


def outcome(cell, operation):
    try:
        return getattr(cell, operation.replace('.', '_'))()
    except xmlrpc.client.Fault as fault:
        if fault.faultCode == 4:
            return 'denied'
        return 'error: %s' % fault.faultString.strip().splitlines()[-1][:200]


@pytest.fixture(scope='module')
def matrix_data(odoo_server):
    """Charter A (the facilitator's) and charter B, each with an awarded lot, an insertion
    clause and a social-action clause in execution, a validated person, an hour entry, a
    monthly report and an action carried out. The buyer is in charge of the market of A."""
    call = odoo_server.call
    data = {'charter_a': odoo_server.ids['charter'], 'charter_b': odoo_server.ids['other_charter'],
            'month': 0}
    data['territory'] = call('admin', 'asr.charter', 'read', [data['charter_a']],
                             ['territory_id'])[0]['territory_id'][0]
    data['rsa'] = call('admin', 'ir.model.data', 'xmlid_to_res_id',
                       'asr_beneficiaries.criterion_rsa')
    contractor = call('admin', 'res.partner', 'create', {'name': 'Titulaire (matrice)',
                                                         'is_company': True})
    for key, charter, buyer, first in (('a', data['charter_a'], odoo_server.ids['buyer'],
                                        'Alice'),
                                       ('b', data['charter_b'], odoo_server.ids['manager'],
                                        'Bruno')):
        market = call('admin', 'asr.market', 'create', {
            'name': 'Marché de la matrice %s' % key.upper(), 'charter_id': charter,
            'buyer_entity_id': data['territory'], 'amount_estimated': 900000.0,
            'consultation_date': '2024-10-01', 'duration_months': 36, 'user_id': buyer,
            'lot_ids': [(0, 0, {'number': 1, 'name': 'Voirie', 'labour_share': 40.0,
                                'amount_estimated': 900000.0})]})
        lot = call('admin', 'asr.market', 'read', [market], ['lot_ids'])[0]['lot_ids'][0]
        clause = call('admin', 'asr.clause', 'create', {'clause_type': 'insertion',
                                                        'lot_id': lot})
        social = call('admin', 'asr.clause', 'create', {
            'clause_type': 'social_action', 'lot_id': lot,
            'action_ids': [(0, 0, {'action': 'company_visit', 'people_count': 10})]})
        call('admin', 'asr.market', 'action_examined', [market])
        call('admin', 'asr.market', 'action_give_opinion', [market], 'favourable', 'Bien.')
        call('admin', 'asr.market', 'action_validate', [market])
        call('admin', 'asr.market.lot', 'write', [lot], {
            'partner_id': contractor, 'amount_awarded': 880000.0, 'date_award': '2024-12-01',
            'date_start': '2025-01-01', 'date_end': '2028-12-31'})
        call('admin', 'asr.clause', 'action_start_execution', [clause, social])
        person = call('admin', 'asr.beneficiary', 'create', {
            'charter_id': charter, 'last_name': 'Matrice', 'first_name': first,
            'birth_date': '1990-01-01', 'gender': 'female',
            'criterion_ids': [(6, 0, [data['rsa']])], 'proof_kind': 'caf'})
        call('admin', 'asr.beneficiary', 'action_validate_eligibility', [person],
             context={'validation_date': '2024-12-15'})
        entry = call('admin', 'asr.hour.entry', 'create', {
            'clause_id': clause, 'beneficiary_id': person, 'month': '2025-01-01',
            'modality': 'cdi', 'hours': 120.0})
        call('admin', 'asr.hour.entry', 'action_validate', [entry])
        report = call('admin', 'asr.monthly.report', 'create', {'clause_id': clause,
                                                                'month': '2025-01-01'})
        action = call('admin', 'asr.clause', 'read', [social], ['action_ids'])[0]['action_ids'][0]
        data.update({'market_' + key: market, 'lot_' + key: lot, 'clause_' + key: clause,
                     'social_' + key: social, 'person_' + key: person, 'entry_' + key: entry,
                     'report_' + key: report, 'action_' + key: action})
    return data


@pytest.mark.parametrize('operation', sorted(EXPECTED))
def test_access_matrix(odoo_server, matrix_data, operation):
    differences = []
    for role, expected in EXPECTED[operation].items():
        got = outcome(Cell(odoo_server, matrix_data, ROLES[role]), operation)
        if got != expected:
            differences.append('%s as %s: expected %s, got %s' % (
                operation, role, expected, got))
    assert not differences, '\n'.join(differences)


def test_the_matrix_covers_every_role_and_asr_model(odoo_server):
    assert all(set(cells) == set(ROLES) for cells in EXPECTED.values())
    models = {operation.split('.')[0] for operation in EXPECTED}
    assert {'person', 'entry', 'market', 'clause', 'report', 'record', 'charter',
            'hour_report', 'export_wizard', 'anonymise_wizard', 'reject_wizard',
            'import_wizard'} <= models
