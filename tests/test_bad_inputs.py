"""Bad input, whoever sends it and however: over XML-RPC as the real role's user, through each
import wizard and through each portal form. For every case below the server must refuse,
answer in French (the fragment given) and leave the number of records, and the record written
to, unchanged. Over XML-RPC and JSON-RPC (and for a file refused whole) the refusal is the exact
exception expected: a ValidationError, or a UserError for the cases of USER_ERRORS.

Channels: ``rpc`` (create or write or a workflow method over XML-RPC), ``jsonrpc`` (the same
over the web client's JSON-RPC, for what XML-RPC cannot carry: NUL bytes, integers beyond 32
bits), ``import`` (a file through the statement or registry import, refused whole or row by
row), ``portal`` (a form of the facilitator's portal pages, CSRF token included).
"""
import ast
import base64
import io
import re
import xmlrpc.client
import zipfile

import pytest
import xlsxwriter

from .conftest import login_session

# what an untranslated or technical message would contain
ENGLISH = (' must ', ' the ', ' is not ', 'could not', 'Traceback', 'out of range',
           'violates', 'Error', 'invalid input', 'NUL (0x00)')
MB = 1024 * 1024


# Odoo 11's xmlrpc/2 fault codes: 2 for a UserError (and a MissingError), 3 AccessDenied,
# 4 AccessError; anything else, a ValidationError included, is fault 1 with the server's
# traceback, whose last line names the exception's class
FAULT_KINDS = {2: 'UserError', 3: 'AccessDenied', 4: 'AccessError'}
REFUSALS = ('ValidationError', 'UserError', 'AccessError')


def exception_kind(path):
    """Odoo's exception class behind a class path, keyed by asr_charter.exceptions or not:
    'odoo.addons.asr_charter.exceptions.AsrValidationError' -> 'ValidationError'."""
    name = path.strip().rsplit('.', 1)[-1]
    return name[3:] if name.startswith('Asr') else name


def fault_kind(fault):
    """The exception that an XML-RPC fault carries (see FAULT_KINDS)."""
    if fault.faultCode != 1:
        return FAULT_KINDS.get(fault.faultCode, fault.faultCode)
    return exception_kind(fault.faultString.strip().splitlines()[-1].split(':', 1)[0])


def fault_message(fault):
    """The user's message of an XML-RPC fault (the last line of a server traceback)."""
    text = fault.faultString.strip()
    if fault.faultCode != 1:
        return text
    path, _sep, rest = text.splitlines()[-1].partition(': ')
    if exception_kind(path) not in REFUSALS:
        return text
    try:
        args = ast.literal_eval(rest)  # Odoo's exceptions print as ('message', value)
    except (ValueError, SyntaxError):
        return rest
    return args[0] if isinstance(args, tuple) and args else str(args)


def csv_data(lines, encoding='utf-8'):
    return base64.b64encode('\n'.join(';'.join(map(str, line)) for line in lines)
                            .encode(encoding)).decode()


def xlsx_declaring(rows, columns):
    """A tiny XLSX whose sheet declares ``rows`` x ``columns`` cells (its <dimension>)."""
    stream = io.BytesIO()
    book = xlsxwriter.Workbook(stream, {'in_memory': True})
    book.add_worksheet().write_row(0, 0, ['beneficiary', 'month', 'modality', 'hours'])
    book.close()
    source = zipfile.ZipFile(io.BytesIO(stream.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == 'xl/worksheets/sheet1.xml':
                data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:%s%d"/>' % (
                    _letters(columns).encode(), rows), data)
            target.writestr(item, data)
    return base64.b64encode(out.getvalue()).decode()


def _letters(number):
    text = ''
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(65 + rest) + text
    return text


@pytest.fixture(scope='module')
def data(odoo_server):
    """Charter A with a market of the buyer (to examine) holding an insertion clause in
    execution, a social-action clause, a validated person, an entry, a monthly report; a
    person of charter B; an examined market waiting for the facilitator's opinion."""
    call = odoo_server.call
    d = {'charter': odoo_server.ids['charter'], 'other_charter': odoo_server.ids['other_charter']}
    d['territory'] = call('admin', 'asr.charter', 'read', [d['charter']],
                          ['territory_id'])[0]['territory_id'][0]
    rsa = call('admin', 'ir.model.data', 'xmlid_to_res_id', 'asr_beneficiaries.criterion_rsa')
    market = call('admin', 'asr.market', 'create', {
        'name': 'Marché des saisies erronées', 'charter_id': d['charter'],
        'buyer_entity_id': d['territory'], 'amount_estimated': 500000.0,
        'consultation_date': '2024-10-01', 'duration_months': 36,
        'user_id': odoo_server.ids['buyer'],
        'lot_ids': [(0, 0, {'number': 1, 'name': 'Espaces verts', 'labour_share': 50.0,
                            'amount_estimated': 500000.0})]})
    lot = call('admin', 'asr.market', 'read', [market], ['lot_ids'])[0]['lot_ids'][0]
    clause = call('admin', 'asr.clause', 'create', {'clause_type': 'insertion', 'lot_id': lot})
    social = call('admin', 'asr.clause', 'create', {
        'clause_type': 'social_action', 'lot_id': lot,
        'action_ids': [(0, 0, {'action': 'immersion', 'people_count': 4})]})
    contractor = call('admin', 'res.partner', 'create', {'name': 'Paysagistes (test)',
                                                         'is_company': True})
    call('admin', 'asr.market.lot', 'write', [lot], {
        'partner_id': contractor, 'amount_awarded': 480000.0, 'date_award': '2024-12-01',
        'date_start': '2025-01-01', 'date_end': '2026-12-31'})
    # the clauses run (set by the administrator), the market stays open to the buyer's edits
    call('admin', 'asr.clause', 'write', [clause, social], {'state': 'execution'})

    def person(charter, last_name):
        person_id = call('admin', 'asr.beneficiary', 'create', {
            'charter_id': charter, 'last_name': last_name, 'first_name': 'Test',
            'birth_date': '1990-05-05', 'criterion_ids': [(6, 0, [rsa])], 'proof_kind': 'caf'})
        call('admin', 'asr.beneficiary', 'action_validate_eligibility', [person_id],
             context={'validation_date': '2024-12-15'})
        return person_id

    d.update({'market': market, 'lot': lot, 'clause': clause, 'social': social,
              'person': person(d['charter'], 'Saisie'),
              'stranger': person(d['other_charter'], 'Ailleurs'),
              'action': call('admin', 'asr.clause', 'read', [social],
                             ['action_ids'])[0]['action_ids'][0]})
    d['entry'] = call('admin', 'asr.hour.entry', 'create', {
        'clause_id': clause, 'beneficiary_id': d['person'], 'month': '2025-03-01',
        'modality': 'cdi', 'hours': 100.0})
    d['report'] = call('admin', 'asr.monthly.report', 'create', {'clause_id': clause,
                                                                 'month': '2025-03-01'})
    d['codes'] = {key: call('admin', model, 'read', [d[key]], ['code'])[0]['code']
                  for key, model in (('person', 'asr.beneficiary'),
                                     ('stranger', 'asr.beneficiary'),
                                     ('clause', 'asr.clause'))}
    examined = call('admin', 'asr.market', 'create', {
        'name': 'Marché en attente d’avis (saisies)', 'charter_id': d['charter'],
        'buyer_entity_id': d['territory'], 'amount_estimated': 100000.0,
        'consultation_date': '2025-02-01',
        'lot_ids': [(0, 0, {'number': 1, 'name': 'Lot', 'amount_estimated': 100000.0,
                            'no_disposition': True,
                            'no_disposition_reason': 'Fournitures sur catalogue.'})]})
    call('admin', 'asr.market', 'action_examined', [examined])
    d['examined'] = examined
    return d


def entry(d, **vals):
    values = {'clause_id': d['clause'], 'beneficiary_id': d['person'], 'month': '2025-04-01',
              'modality': 'cdd', 'hours': 20.0}
    values.update(vals)
    return values


def person(d, **vals):
    values = {'charter_id': d['charter'], 'last_name': 'Nouveau', 'first_name': 'Test',
              'birth_date': '1991-01-01'}
    values.update(vals)
    return values


def market(d, **vals):
    values = {'name': 'Marché créé', 'charter_id': d['charter'],
              'buyer_entity_id': d['territory'], 'amount_estimated': 1000.0,
              'consultation_date': '2025-01-10'}
    values.update(vals)
    return values


def hours_row(*cells):
    """An hours statement of one row for the clause (PERSON, STRANGER: the references of
    the person of charter A and of the person of charter B), refused row by row."""
    def case(d):
        row = [d['codes'].get(cell.lower(), cell) if cell in ('PERSON', 'STRANGER') else cell
               for cell in cells]
        return ({'kind': 'hours', 'clause_id': d['clause'], 'filename': 'releve.csv',
                 'file': csv_data([['beneficiary', 'month', 'modality', 'hours'], row])},
                'row')
    return case


def people_row(*cells):
    """A list of people of one row for charter A, refused row by row."""
    def case(d):
        return ({'kind': 'beneficiaries', 'charter_id': d['charter'], 'filename': 'liste.csv',
                 'file': csv_data([['last_name', 'first_name', 'birth_date', 'gender', 'zip',
                                    'qpv'], list(cells)])}, 'row')
    return case


def registry_row(*cells):
    """A registry of inclusive suppliers of one row, refused row by row."""
    return lambda d: ({'registry': True, 'filename': 'siae.csv',
                       'file': csv_data([['siret', 'name', 'kind'], list(cells)])}, 'row')


def hours_file_case(filename, data):
    """An hours statement refused whole."""
    return lambda d: ({'kind': 'hours', 'clause_id': d['clause'], 'filename': filename,
                       'file': data() if callable(data) else data}, 'file')


STAFF, BUYER, MANAGER = 'test_staff', 'test_buyer', 'test_manager'
P, E, M, L, C = ('asr.beneficiary', 'asr.hour.entry', 'asr.market', 'asr.market.lot',
                 'asr.clause')
# (name, channel, who, what, French fragment expected)
#   rpc, jsonrpc: what = lambda d: (model, method, args[, kwargs])
#   import: what = lambda d: (wizard values, expected outcome: 'file' refused whole, or 'row')
#   portal: what = lambda d: (url, form data)
CASES = [
    # -- people (ASR / Personal data) ------------------------------------------------------
    ('person blank last name', 'rpc', STAFF, lambda d: (P, 'create', [person(d, last_name='   ')]),
     'obligatoire'),
    ('person empty first name', 'rpc', STAFF,
     lambda d: (P, 'create', [person(d, first_name='')]), 'obligatoire'),
    ('person 100,000-character name', 'rpc', STAFF,
     lambda d: (P, 'create', [person(d, last_name='x' * 100000)]), 'limité à 100 caractères'),
    ('person NUL in a name', 'jsonrpc', STAFF,
     lambda d: (P, 'create', [person(d, last_name='Du\x00pont')]), 'caractère NUL'),
    ('person born in year 1', 'rpc', STAFF,
     lambda d: (P, 'create', [person(d, birth_date='0001-01-01')]), 'entre le 01/01/1900'),
    ('person born in 9999', 'rpc', STAFF,
     lambda d: (P, 'create', [person(d, birth_date='9999-12-31')]), 'entre le 01/01/1900'),
    ('person born on 30 February', 'rpc', STAFF,
     lambda d: (P, 'create', [person(d, birth_date='1990-02-30')]), 'date valide'),
    ('person birth date as words', 'rpc', STAFF,
     lambda d: (P, 'create', [person(d, birth_date='hier')]), 'date valide'),
    ('person aged 6', 'rpc', STAFF,
     lambda d: (P, 'create', [person(d, birth_date='2020-01-01')]), 'âge de'),
    ('person postal code ABCDE', 'rpc', STAFF,
     lambda d: (P, 'create', [person(d, zip='ABCDE')]), 'cinq chiffres'),
    ('person postal code of 4 digits', 'rpc', STAFF,
     lambda d: (P, 'write', [[d['person']], {'zip': '9400'}]), 'cinq chiffres'),
    ('person unknown gender', 'rpc', STAFF,
     lambda d: (P, 'create', [person(d, gender='robot')]), "n'est pas admise"),
    ('person charter that does not exist', 'rpc', STAFF,
     lambda d: (P, 'create', [person(d, charter_id=999999999)]), "n'existe pas"),
    ('person criterion that does not exist', 'rpc', STAFF,
     lambda d: (P, 'write', [[d['person']], {'criterion_ids': [(6, 0, [999999999])]}]),
     "n'existe pas"),
    ('person validity of 0 months', 'rpc', STAFF,
     lambda d: (P, 'write', [[d['person']], {'validity_months': 0}]), 'au moins un mois'),
    ('person validity of 2^40 months', 'jsonrpc', STAFF,
     lambda d: (P, 'write', [[d['person']], {'validity_months': 2 ** 40}]), 'au plus'),
    ('person validity of 1.5 months', 'rpc', STAFF,
     lambda d: (P, 'write', [[d['person']], {'validity_months': 1.5}]), 'nombre entier'),
    ('person QPV name without QPV', 'rpc', STAFF,
     lambda d: (P, 'write', [[d['person']], {'qpv_name': 'Mont-Mesly'}]), 'QPV'),
    ('person note of 6,000 characters', 'rpc', STAFF,
     lambda d: (P, 'write', [[d['person']], {'note': 'n' * 6000}]), 'limité à 5000'),
    ('person validated in the future', 'rpc', STAFF,
     lambda d: (P, 'action_validate_eligibility', [[d['pending']]],
                {'context': {'validation_date': '2999-01-01'}}), 'date de validation'),
    # -- hour entries ------------------------------------------------------------------------
    ('hours NaN', 'rpc', STAFF, lambda d: (E, 'create', [entry(d, hours=float('nan'))]),
     'nombre fini'),
    ('hours infinite', 'rpc', STAFF, lambda d: (E, 'create', [entry(d, hours=float('inf'))]),
     'nombre fini'),
    ('hours 1e300', 'rpc', STAFF, lambda d: (E, 'create', [entry(d, hours=1e300)]), 'au plus'),
    ('hours negative', 'rpc', STAFF, lambda d: (E, 'create', [entry(d, hours=-8.0)]),
     'doivent être positives'),
    ('hours zero', 'rpc', STAFF, lambda d: (E, 'create', [entry(d, hours=0.0)]),
     'doivent être positives'),
    ('hours as words', 'rpc', STAFF, lambda d: (E, 'create', [entry(d, hours='douze')]),
     'attend un nombre'),
    ('hours above the monthly cap', 'rpc', STAFF,
     lambda d: (E, 'create', [entry(d, hours=209.0)]), 'maximum mensuel de 208 heures'),
    ('hours NaN written', 'rpc', STAFF,
     lambda d: (E, 'write', [[d['entry']], {'hours': float('nan')}]), 'nombre fini'),
    ('hours month 13', 'rpc', STAFF, lambda d: (E, 'create', [entry(d, month='2025-13-01')]),
     'date valide'),
    ('hours month in year 1', 'rpc', STAFF,
     lambda d: (E, 'create', [entry(d, month='0001-01-01')]), 'entre le 01/01/1900'),
    ('hours outside the contract', 'rpc', STAFF,
     lambda d: (E, 'create', [entry(d, month='2027-03-01')]), 'en dehors des dates'),
    ('hours unknown modality', 'rpc', STAFF,
     lambda d: (E, 'create', [entry(d, modality='bogus')]), "n'est pas admise"),
    ('hours clause that does not exist', 'rpc', STAFF,
     lambda d: (E, 'create', [entry(d, clause_id=999999999)]), "n'existe pas"),
    ('hours clause given as text', 'rpc', STAFF,
     lambda d: (E, 'create', [entry(d, clause_id='CL-1')]), "n'existe pas"),
    ('hours person that does not exist', 'rpc', STAFF,
     lambda d: (E, 'create', [entry(d, beneficiary_id=999999999)]), "n'existe pas"),
    ('hours without a person', 'rpc', STAFF,
     lambda d: (E, 'create', [entry(d, beneficiary_id=False)]), 'Indiquez quelle personne'),
    ('hours of a person of another charter', 'rpc', STAFF,
     lambda d: (E, 'create', [entry(d, beneficiary_id=d['stranger'], hours=999.0)]),
     'pas suivie au titre de la charte'),
    ('hours twice the same month', 'rpc', STAFF,
     lambda d: (E, 'create', [entry(d, month='2025-03-01', modality='cdi')]), 'existe déjà'),
    ('subcontracting amount NaN', 'rpc', STAFF,
     lambda d: (E, 'create', [entry(d, modality='subcontracting_siae', beneficiary_id=False,
                                    amount=float('nan'))]), 'nombre fini'),
    ('subcontracting amount negative', 'rpc', STAFF,
     lambda d: (E, 'create', [entry(d, modality='subcontracting_siae', beneficiary_id=False,
                                    amount=-100.0)]), 'montant facturé supérieur à zéro'),
    ('hours batch with a bad row', 'rpc', STAFF,
     lambda d: (E, 'create', [[entry(d, month='2025-05-01'), entry(d, month='2025-06-01',
                                                                   hours=-1.0)]]),
     'doivent être positives'),
    ('hours batch with a non-dict row', 'rpc', STAFF,
     lambda d: (E, 'create', [[entry(d, month='2025-05-01'), 'bonjour']]),
     'ensemble de valeurs'),
    ('rejection reason of 3,000 characters', 'rpc', STAFF,
     lambda d: (E, 'action_reject', [[d['entry']], 'r' * 3000]), 'limité à 2000 caractères'),
    # -- markets, lots, clauses (the buyer in charge) ------------------------------------------
    ('market empty object', 'rpc', BUYER, lambda d: (M, 'create', [market(d, name='')]),
     'obligatoire'),
    ('market NUL in the object', 'jsonrpc', BUYER,
     lambda d: (M, 'write', [[d['market']], {'name': 'Marché\x00'}]), 'caractère NUL'),
    ('market amount NaN', 'rpc', BUYER,
     lambda d: (M, 'write', [[d['market']], {'amount_estimated': float('nan')}]), 'nombre fini'),
    ('market amount negative', 'rpc', BUYER,
     lambda d: (M, 'create', [market(d, amount_estimated=-5.0)]), 'doit être positif'),
    ('market amount 1e300', 'rpc', BUYER,
     lambda d: (M, 'create', [market(d, amount_estimated=1e300)]), 'au plus'),
    ('market duration 0', 'rpc', BUYER,
     lambda d: (M, 'write', [[d['market']], {'duration_months': 0}]), "d'au moins un mois"),
    ('market duration 2^40 months', 'jsonrpc', BUYER,
     lambda d: (M, 'write', [[d['market']], {'duration_months': 2 ** 40}]), 'au plus'),
    ('market consultation in year 1', 'rpc', BUYER,
     lambda d: (M, 'create', [market(d, consultation_date='0001-01-01')]),
     'entre le 01/01/1900'),
    ('market consultation in 9999', 'rpc', BUYER,
     lambda d: (M, 'create', [market(d, consultation_date='9999-12-31')]),
     'entre le 01/01/1900'),
    ('market unknown nature', 'rpc', BUYER,
     lambda d: (M, 'create', [market(d, nature='space')]), "n'est pas admise"),
    ('market services without category', 'rpc', BUYER,
     lambda d: (M, 'create', [market(d, nature='services')]), 'catégorie de services'),
    ('lot number negative', 'rpc', BUYER,
     lambda d: (L, 'write', [[d['lot']], {'number': -3}]), 'au moins 1'),
    ('lot number 2^40', 'jsonrpc', BUYER,
     lambda d: (L, 'write', [[d['lot']], {'number': 2 ** 40}]), 'au plus'),
    ('lot amount infinite', 'rpc', BUYER,
     lambda d: (L, 'write', [[d['lot']], {'amount_estimated': float('inf')}]), 'nombre fini'),
    ('lot labour share 150 %', 'rpc', BUYER,
     lambda d: (L, 'write', [[d['lot']], {'labour_share': 150.0}]), 'entre 0 et 100'),
    ('lot ends before it starts', 'rpc', BUYER,
     lambda d: (L, 'write', [[d['lot']], {'date_start': '2026-01-01', 'date_end': '2025-12-31'}]),
     'avant'),
    ('clause labour share NaN', 'rpc', BUYER,
     lambda d: (C, 'write', [[d['clause']], {'labour_share': float('nan')}]), 'nombre fini'),
    ('clause insertion rate 0', 'rpc', BUYER,
     lambda d: (C, 'write', [[d['clause']], {'insertion_rate': 0.0}]), 'entre 0 et 100'),
    ('clause hourly cost negative', 'rpc', BUYER,
     lambda d: (C, 'write', [[d['clause']], {'hourly_cost': -1.0}]), 'doit être positif'),
    ('clause report due on the 40th', 'rpc', BUYER,
     lambda d: (C, 'write', [[d['clause']], {'report_due_day': 40}]), 'entre 1 et 28'),
    ('clause objective overridden without reason', 'rpc', BUYER,
     lambda d: (C, 'write', [[d['clause']], {'hour_objective_override': 500}]), 'Expliquez'),
    ('clause award criterion weight 150', 'rpc', BUYER,
     lambda d: (C, 'create', [{'clause_type': 'award_criterion', 'lot_id': d['lot'],
                               'criterion_weight': 150.0}]), 'L2152-7'),
    ('opinion with a NUL byte', 'jsonrpc', MANAGER,
     lambda d: (M, 'action_give_opinion', [[d['examined']], 'favourable', 'Bien\x00']),
     'caractère NUL'),
    ('opinion of 60,000 characters', 'rpc', MANAGER,
     lambda d: (M, 'action_give_opinion', [[d['examined']], 'favourable', 'a' * 60000]),
     'limité à 10000 caractères'),
    ('opinion not in the list', 'rpc', MANAGER,
     lambda d: (M, 'action_give_opinion', [[d['examined']], 'excellent', 'Bien']),
     'Choisissez un avis'),
    # -- charter settings (ASR / Manager) ----------------------------------------------------
    ('charter hourly cost 0', 'rpc', MANAGER,
     lambda d: ('asr.charter', 'write', [[d['charter']], {'hourly_cost': 0.0}]),
     'doit être positif'),
    ('charter monthly cap NaN', 'rpc', MANAGER,
     lambda d: ('asr.charter', 'write', [[d['charter']], {'monthly_hour_cap': float('nan')}]),
     'nombre fini'),
    ('charter monthly cap 500', 'rpc', MANAGER,
     lambda d: ('asr.charter', 'write', [[d['charter']], {'monthly_hour_cap': 500.0}]),
     'entre 0 et 300'),
    ('charter retention 0 years', 'rpc', MANAGER,
     lambda d: ('asr.charter', 'write', [[d['charter']], {'retention_years': 0}]),
     'au moins un an'),
    ('charter committee interval 0', 'rpc', MANAGER,
     lambda d: ('asr.charter', 'write', [[d['charter']], {'committee_interval_months': 0}]),
     'au moins 1'),
    # -- monthly reports and actions carried out ---------------------------------------------
    ('report received in the future', 'rpc', STAFF,
     lambda d: ('asr.monthly.report', 'action_receive', [[d['report']], '2999-01-01']),
     'futur'),
    ('report received on no date', 'rpc', STAFF,
     lambda d: ('asr.monthly.report', 'action_receive', [[d['report']], 'bientôt']),
     'date réelle'),
    ('action carried out with 0 people', 'rpc', BUYER,
     lambda d: ('asr.social.action.record', 'create', [{
         'action_id': d['action'], 'date': '2025-06-01', 'people_count': 0}]),
     'au moins une personne'),
    ('action carried out outside the contract', 'rpc', BUYER,
     lambda d: ('asr.social.action.record', 'create', [{
         'action_id': d['action'], 'date': '2024-06-01', 'people_count': 2}]),
     'en dehors des dates'),
    ('action carried out for 2^40 people', 'jsonrpc', BUYER,
     lambda d: ('asr.social.action.record', 'create', [{
         'action_id': d['action'], 'date': '2025-06-01', 'people_count': 2 ** 40}]), 'au plus'),
    ('supplier with a wrong SIRET', 'rpc', MANAGER,
     lambda d: ('res.partner', 'create', [{'name': 'SIAE fausse', 'is_company': True,
                                          'asr_siret': '12345678901234'}]), "n'est pas valide"),
    # -- imports: whole file refused ------------------------------------------------------
    ('import of a 21 MB file', 'import', STAFF,
     hours_file_case('gros.csv', base64.b64encode(b'x' * (21 * MB)).decode()),
     'la limite est de 20 Mo'),
    ('import of an XLSX declaring 1,048,576 x 16,384 cells', 'import', STAFF,
     hours_file_case('geant.xlsx', lambda: xlsx_declaring(1048576, 16384)),
     'la limite est de'),
    ('import of 100,001 rows', 'import', STAFF,
     hours_file_case('long.csv', lambda: csv_data(
         [['beneficiary', 'month', 'modality', 'hours']]
         + [['B-1', '03/2025', 'cdi', '1']] * 100001)),
     'la limite est de 100000 lignes'),
    ('import of 60 columns', 'import', STAFF,
     hours_file_case('large.csv', csv_data([['c%s' % i for i in range(60)]])), '60 colonnes'),
    ('import of a CSV with NUL bytes', 'import', STAFF,
     hours_file_case('nul.csv', base64.b64encode(b'beneficiary;month\x00;hours\n').decode()),
     'caractères NUL'),
    ('import of a PDF', 'import', STAFF,
     hours_file_case('releve.pdf', base64.b64encode(b'%PDF-1.4').decode()),
     'Choisissez un fichier CSV ou XLSX'),
    ('import of a broken XLSX', 'import', STAFF,
     hours_file_case('casse.xlsx', base64.b64encode(b'PK\x03\x04 broken').decode()),
     'illisible'),
    ('import without the needed columns', 'import', STAFF,
     hours_file_case('cols.csv', csv_data([['nom', 'heures'], ['X', '1']])),
     'Colonnes absentes'),
    # -- imports: rows refused with their row, column and reason --------------------------------
    ('import hours NaN', 'import', STAFF, hours_row('PERSON', '05/2025', 'cdi', 'nan'),
     'nombre illisible (nan)'),
    ('import hours 1e300', 'import', STAFF, hours_row('PERSON', '05/2025', 'cdi', '1e300'),
     'nombre illisible'),
    ('import hours as words', 'import', STAFF, hours_row('PERSON', '05/2025', 'cdi', 'douze'),
     'nombre illisible (douze)'),
    ('import month 13/2025', 'import', STAFF, hours_row('PERSON', '13/2025', 'cdi', '5'),
     'mois illisible'),
    ('import month in year 1', 'import', STAFF, hours_row('PERSON', '01/0001', 'cdi', '5'),
     'mois illisible'),
    ('import unknown modality', 'import', STAFF, hours_row('PERSON', '05/2025', 'robot', '5'),
     'modalité inconnue'),
    ('import person of another charter', 'import', STAFF,
     hours_row('STRANGER', '05/2025', 'cdi', '5'), 'inconnu (ou hors de votre charte)'),
    ('import reference of 300 characters', 'import', STAFF,
     hours_row('B' * 300, '05/2025', 'cdi', '5'), 'trop long'),
    ('import hours above the cap', 'import', STAFF, hours_row('PERSON', '03/2025', 'etti', '150'),
     'maximum mensuel'),
    ('import person born on 31/02', 'import', STAFF,
     people_row('Fevrier', 'Test', '31/02/1990', 'F', '94000', 'non'), 'date illisible'),
    ('import person born in 1800', 'import', STAFF,
     people_row('Vieux', 'Test', '01/01/1800', 'F', '94000', 'non'), 'entre 1900 et 2100'),
    ('import person postal code ABCDE', 'import', STAFF,
     people_row('Lettres', 'Test', '01/01/1990', 'F', 'ABCDE', 'non'), 'cinq chiffres'),
    ('import person unknown gender', 'import', STAFF,
     people_row('Genre', 'Test', '01/01/1990', 'Z', '94000', 'non'), 'sexe inconnu'),
    ('import person QPV "maybe"', 'import', STAFF,
     people_row('Qpv', 'Test', '01/01/1990', 'F', '94000', 'peut-être'), 'écrivez oui ou non'),
    ('import person without last name', 'import', STAFF,
     people_row('', 'Test', '01/01/1990', 'F', '94000', 'non'), 'la valeur est absente'),
    ('import person name of 500 characters', 'import', STAFF,
     people_row('N' * 500, 'Test', '01/01/1990', 'F', '94000', 'non'), 'trop long'),
    ('registry with a wrong SIRET', 'import', MANAGER,
     registry_row('12345678901234', 'X', 'aci'), 'SIRET invalide'),
    ('registry with an unknown kind', 'import', MANAGER,
     registry_row('73282932000074', 'X', 'licorne'), 'type de structure inconnu'),
    ('registry with a name of 400 characters', 'import', MANAGER,
     registry_row('73282932000074', 'N' * 400, 'aci'), 'trop long'),
    # -- portal forms (the facilitator) ---------------------------------------------------------
    ('portal opinion with a NUL byte', 'portal', 'test_facilitator',
     lambda d: ('/my/asr/markets/%s/opinion' % d['examined'],
                {'opinion': 'favourable', 'text': 'Bien\x00'}), 'caractère NUL'),
    ('portal opinion of 20,000 characters', 'portal', 'test_facilitator',
     lambda d: ('/my/asr/markets/%s/opinion' % d['examined'],
                {'opinion': 'favourable', 'text': 'a' * 20000}), 'limité à 10000 caractères'),
    ('portal opinion of 2 MB', 'portal', 'test_facilitator',
     lambda d: ('/my/asr/markets/%s/opinion' % d['examined'],
                {'opinion': 'favourable', 'text': 'a' * (2 * MB)}), 'trop volumineux'),
    ('portal opinion not in the list', 'portal', 'test_facilitator',
     lambda d: ('/my/asr/markets/%s/opinion' % d['examined'],
                {'opinion': 'excellent', 'text': 'Bien'}), 'Choisissez un avis'),
    ('portal rejection with a NUL byte', 'portal', 'test_facilitator',
     lambda d: ('/my/asr/hours/%s/reject' % d['entry'], {'reason': 'Non\x00'}),
     'caractère NUL'),
    ('portal rejection of 3,000 characters', 'portal', 'test_facilitator',
     lambda d: ('/my/asr/hours/%s/reject' % d['entry'], {'reason': 'r' * 3000}),
     'limité à 2000 caractères'),
    ('portal validation with a forged proof', 'portal', 'test_facilitator',
     lambda d: ('/my/asr/beneficiaries/%s/validate' % d['pending'], {'proof_kind': 'forged'}),
     'Indiquez quel justificatif'),
]

COUNTED = ('asr.beneficiary', 'asr.hour.entry', 'asr.market', 'asr.market.lot', 'asr.clause',
           'asr.monthly.report', 'asr.social.action.record', 'res.partner')
WATCHED = (('asr.beneficiary', 'person', ['last_name', 'zip', 'validity_months', 'note',
                                          'criterion_ids', 'qpv_name', 'state']),
           ('asr.hour.entry', 'entry', ['hours', 'state', 'reject_reason']),
           ('asr.market', 'market', ['name', 'amount_estimated', 'duration_months']),
           ('asr.market', 'examined', ['state', 'opinion_text']),
           ('asr.market.lot', 'lot', ['number', 'amount_estimated', 'labour_share',
                                      'date_start', 'date_end']),
           ('asr.clause', 'clause', ['labour_share', 'insertion_rate', 'hourly_cost',
                                     'report_due_day', 'hour_objective_override']),
           ('asr.charter', 'charter', ['hourly_cost', 'monthly_hour_cap', 'retention_years',
                                       'committee_interval_months']),
           ('asr.monthly.report', 'report', ['received_date']))


def state_of(server, d):
    """Counts of every ASR model and the values of the records the cases write to."""
    counts = {model: server.call('admin', model, 'search_count', [],
                                 context={'active_test': False}) for model in COUNTED}
    values = {key: server.call('admin', model, 'read', [d[key]], fields)[0]
              for model, key, fields in WATCHED}
    return counts, values


def run_rpc(server, who, spec):
    model, method, args = spec[:3]
    kwargs = spec[3] if len(spec) > 3 else {}
    try:
        server.call(who, model, method, *args, **kwargs)
    except xmlrpc.client.Fault as fault:
        return fault_message(fault), fault_kind(fault)
    return None, None


def run_jsonrpc(server, who, spec):
    model, method, args = spec[:3]
    kwargs = spec[3] if len(spec) > 3 else {}
    session = login_session(server, who)
    resp = session.post(server.url + '/web/dataset/call_kw', json={
        'jsonrpc': '2.0', 'method': 'call', 'id': 1,
        'params': {'model': model, 'method': method, 'args': args, 'kwargs': kwargs}},
        timeout=120)
    assert resp.status_code == 200, 'HTTP %s' % resp.status_code
    error = resp.json().get('error')
    if not error:
        return None, None
    return error['data']['message'], exception_kind(error['data']['name'])


def run_import(server, who, spec):
    values, expected = spec
    values = dict(values)
    model = 'asr.supplier.import' if values.pop('registry', False) else 'asr.statement.import'
    try:
        wizard = server.call(who, model, 'create', values)
        if model == 'asr.supplier.import':
            server.call(who, model, 'action_import', [wizard])
            result = server.call(who, model, 'read', [wizard],
                                 ['rejected_count', 'report', 'created_count'])[0]
            assert result['created_count'] == 0, 'a row was imported'
            return (result['report'] if result['rejected_count'] else None), None
        server.call(who, model, 'action_preview', [wizard])
        server.call(who, model, 'action_import', [wizard])
        result = server.call(who, model, 'read', [wizard],
                             ['new_count', 'rejected_count', 'preview_html'])[0]
    except xmlrpc.client.Fault as fault:
        assert expected == 'file', 'the file was refused whole: %s' % fault_message(fault)
        return fault_message(fault), fault_kind(fault)
    assert expected == 'row', 'the file was read: %s' % result
    assert result['new_count'] == 0, 'a row was imported'
    if not result['rejected_count']:
        return None, None
    return re.sub(r'<[^>]+>', ' ', result['preview_html']).replace('&#39;', "'"), None


def run_portal(server, who, spec):
    url, form = spec
    session = login_session(server, who)
    # the session's CSRF token, from a page every user gets (the login form)
    token = re.search(r'name="csrf_token" value="([^"]+)"', session.get(
        server.url + '/web/login', timeout=60).text)
    resp = session.post(server.url + url, data=dict(form, csrf_token=token.group(1)),
                        timeout=120)
    assert resp.status_code == 200, 'HTTP %s' % resp.status_code
    found = re.search(r'alert-danger[^"]*"[^>]*>(.*?)</div>', resp.text, re.S)
    return (found.group(1).strip().replace('&#39;', "'").replace('&quot;', '"')
            if found else None), None


# each runner answers (the user's message or None, the exception that refused or None: rows
# refused in an import and portal forms answer with a page, not an exception)
RUNNERS = {'rpc': run_rpc, 'jsonrpc': run_jsonrpc, 'import': run_import,
           'portal': run_portal}
# the cases refused by a UserError (XML-RPC fault 2): a request that cannot be done as asked
# (a workflow method's argument, a file refused whole once read); every other RPC case is a
# value refused by a ValidationError (the 21 MB file too: the upload limit of every field)
USER_ERRORS = {
    'person validated in the future', 'opinion not in the list',
    'report received in the future', 'report received on no date',
    'import of an XLSX declaring 1,048,576 x 16,384 cells',
    'import of 100,001 rows', 'import of 60 columns', 'import of a CSV with NUL bytes',
    'import of a PDF', 'import of a broken XLSX', 'import without the needed columns'}


@pytest.fixture(scope='module')
def prepared(odoo_server, data):
    """A person waiting for the validation of their eligibility (portal case)."""
    data['pending'] = odoo_server.call('admin', 'asr.beneficiary', 'create', {
        'charter_id': data['charter'], 'last_name': 'Attente', 'first_name': 'Portail',
        'birth_date': '1990-05-05'})
    return data


@pytest.mark.parametrize('case', CASES, ids=[case[0] for case in CASES])
def test_bad_input_is_refused_in_french_and_writes_nothing(odoo_server, prepared, case):
    name, channel, who, what, french = case
    before = state_of(odoo_server, prepared)
    message, refusal = RUNNERS[channel](odoo_server, who, what(prepared))
    assert message, '%s: accepted' % name
    if channel in ('rpc', 'jsonrpc') or refusal is not None:
        expected = 'UserError' if name in USER_ERRORS else 'ValidationError'
        assert refusal == expected, '%s: refused by %s, %s expected: %r' % (
            name, refusal, expected, message[:300])
    assert french in message, '%s: %r' % (name, message[:500])
    for marker in ENGLISH:
        assert marker not in message, '%s: not French: %r' % (name, message[:500])
    after = state_of(odoo_server, prepared)
    assert after == before, '%s: something was written' % name


def test_at_least_sixty_bad_inputs_over_every_channel():
    channels = [case[1] for case in CASES]
    assert len(CASES) >= 60
    assert {'rpc', 'jsonrpc', 'import', 'portal'} == set(channels)
    assert len({case[0] for case in CASES}) == len(CASES)
    assert USER_ERRORS <= {case[0] for case in CASES}
