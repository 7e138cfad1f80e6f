"""The French demo, as `make demo` builds it, reads in French: its chatter (messages, subjects,
authors, tracked fields and values), its company on the PDFs, the purchase order's file name.
"""
import io
import re
import subprocess
import tempfile

import requests
from PIL import Image

from .conftest import login_session

# English the demo's chatter showed before (labels, states, Odoo's words around them, the
# company and administrator of a blank database), matched as whole words
ENGLISH = (
    'Validated', 'Close', 'Closed', 'Insertion clause', 'Social examination', 'Examination',
    'To examine', 'Examined', 'Facilitator opinion', 'expected on', 'was due on', 'YourCompany',
    'Administrator', 'created', 'Todo', 'done by', 'Step done', 'Draft', 'In force',
    'Adopted', 'Status', 'State', 'Charter', 'Market (consultation)', 'Market lot',
    'Social clause', 'Monthly report', 'Received on', 'First name', 'Last name',
    'Outcome after 6 months', 'Employment', 'Unknown', 'To validate', 'Favourable', 'Works',
    'Supplies', 'Buyer in charge', 'Object', 'Contractor', 'Purchase Order', 'RFQ', 'Vendor',
    'Untaxed Amount', 'Hour objective', 'Planned', 'Held', 'Scranton',
)  # not 'Services' nor 'Disposition': French words too
MARKERS = re.compile(r'\b(%s)\b' % '|'.join(re.escape(word) for word in ENGLISH))
FRENCH = {'lang': 'fr_FR'}


def _text(html):
    return re.sub(r'\s+', ' ', re.sub(r'<[^>]+>', ' ', html or '')).strip()


def _demo_orders(server):
    return server.call('admin', 'purchase.order', 'search', [('asr_lot_id', '!=', False)])


def test_demo_chatter_has_no_english(demo_server):
    call = demo_server.call
    orders = _demo_orders(demo_server)
    ids = call('admin', 'mail.message', 'search', [
        '|', ('model', '=like', 'asr.%'),
        '&', ('model', '=', 'purchase.order'), ('res_id', 'in', orders)])
    assert len(ids) > 100
    english = []
    for start in range(0, len(ids), 200):
        for shown in call('admin', 'mail.message', 'message_format', ids[start:start + 200],
                          context=FRENCH):
            texts = [('subject', shown.get('subject') or ''),
                     ('body', _text(shown.get('body'))),
                     ('author', (shown.get('author_id') or [0, ''])[1] or '')]
            for tracking in shown.get('tracking_value_ids') or ():
                texts += [('field', tracking['changed_field'] or ''),
                          ('old value', str(tracking['old_value'] or '')),
                          ('new value', str(tracking['new_value'] or ''))]
            for where, text in texts:
                for word in sorted(set(MARKERS.findall(text))):
                    english.append('%s #%s, message %s, %s: %r in %r' % (
                        shown['model'], shown['res_id'], shown['id'], where, word, text[:100]))
    assert not english, '%d English words in the demo chatter:\n%s' % (
        len(english), '\n'.join(english[:80]))


def test_demo_company_is_the_buyers_organisation(demo_server):
    from stdnum.fr import siret
    company_id = demo_server.call('admin', 'ir.model.data', 'xmlid_to_res_id',
                                  'base.main_company')
    company = demo_server.call('admin', 'res.company', 'read', [company_id], fields=[
        'name', 'city', 'zip', 'street', 'company_registry', 'report_footer', 'logo',
        'partner_id'], context=FRENCH)[0]
    assert company['name'] == 'Grand Paris Sud Est Avenir'
    assert (company['zip'], company['city']) == ('94000', 'Créteil')
    assert company['logo']
    number = company['company_registry'].replace(' ', '')
    assert siret.is_valid(number), number
    assert number[:9] in company['report_footer'].replace(' ', '')
    address = demo_server.call('admin', 'res.partner', 'read', [company['partner_id'][0]],
                               fields=['contact_address'])[0]['contact_address']
    assert 'Scranton' not in address and 'Créteil' in address
    # the logo of the login page, the portal and the e-mails: the demo's (360 x 120), not
    # Odoo's "Your logo"
    logo = requests.get(demo_server.url + '/web/binary/company_logo',
                        params={'dbname': demo_server.db}, timeout=60)
    assert logo.status_code == 200
    assert Image.open(io.BytesIO(logo.content)).size == (180, 60)


def test_purchase_order_pdf_named_and_headed_in_french(demo_server):
    """The buyer prints the demo's purchase order: "Bon de commande - PO….pdf" (or "Demande
    de prix - …" before its confirmation), with the demo company in its header."""
    order_id = _demo_orders(demo_server)[0]
    order = demo_server.call('admin', 'purchase.order', 'read', [order_id],
                             fields=['name', 'state'])[0]
    session = login_session(demo_server, 'acheteur')
    # the web client's download (qwebactionmanager.js): a form posted with the page's token
    web = session.get(demo_server.url + '/web', timeout=120).text
    csrf = re.search(r'csrf_token: "([^"]+)"', web).group(1)
    data = '["/report/pdf/purchase.report_purchaseorder/%s", "qweb-pdf"]' % order_id
    resp = session.post(demo_server.url + '/report/download',
                        data={'data': data, 'token': '1', 'csrf_token': csrf}, timeout=300)
    assert resp.status_code == 200, resp.text[:500]
    assert resp.content.startswith(b'%PDF')
    disposition = requests.utils.unquote(resp.headers['Content-Disposition'])
    expected = ('Demande de prix - %s.pdf' if order['state'] in ('draft', 'sent')
                else 'Bon de commande - %s.pdf') % order['name']
    assert expected in disposition, disposition
    with tempfile.NamedTemporaryFile(suffix='.pdf') as handle:
        handle.write(resp.content)
        handle.flush()
        text = subprocess.check_output(['pdftotext', handle.name, '-']).decode()
    assert 'Grand Paris Sud Est Avenir' in text
    for english in ('Scranton', 'YourCompany', 'Request for Quotation', 'Purchase Order'):
        assert english not in text, english


def _open_action(page, server, xmlid):
    action_id = server.call('admin', 'ir.model.data', 'xmlid_to_res_id', xmlid)
    page.goto('%s/web#action=%s' % (server.url, action_id))
    page.wait_for_selector('.o_list_view td.o_data_cell')


def test_years_and_months_read_as_french_users_write_them(browser, demo_server):
    """Years without a thousands separator ("2024", not "2 024"), months as 10/2026."""
    from .conftest import browser_login
    page = browser_login(browser, demo_server, 'responsable')
    _open_action(page, demo_server, 'asr_charter.asr_charter_evaluation_action')
    years = page.locator('td.o_asr_year_cell').all_inner_texts()
    assert years and all(re.match(r'^20\d\d$', year.strip()) for year in years), years
    _open_action(page, demo_server, 'asr_beneficiaries.asr_monthly_report_action')
    months = page.locator('td.o_asr_month_cell').all_inner_texts()
    assert months and all(re.match(r'^\d\d/20\d\d$', month.strip()) for month in months), \
        months
    page.close()
