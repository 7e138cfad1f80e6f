"""Finance pulls the penalties over XML-RPC with the example client of examples/ (run as a
program, as finance would run it) against the French demo, and marks them applied; a
penalty is never applied twice; a buyer cannot apply one."""
import os
import subprocess
import sys
import xmlrpc.client

import pytest

EXAMPLE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                       'examples', 'finance_penalties.py')


def run_example(server, *extra):
    command = [sys.executable, EXAMPLE, '--url', server.url, '--db', server.db,
               '--login', 'finance', '--password', 'finance',
               '--date-from', '2024-01-01', '--date-to', '2027-12-31'] + list(extra)
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=300)
    return done.returncode, done.stdout.decode(), done.stderr.decode()


def test_finance_lists_and_applies_the_notified_penalties(demo_server):
    call = demo_server.call
    notified = call('admin', 'asr.penalty', 'search_read', [('state', '=', 'notified')],
                    ['name', 'partner_siret', 'amount_total', 'partner_id'])
    assert notified, 'the demo has a penalty notified to its contractor'
    penalty = notified[0]

    code, out, err = run_example(demo_server)
    assert code == 0, err
    assert penalty['name'] in out
    assert 'SIRET %s' % (penalty['partner_siret'] or '-') in out
    assert 'montant dû' in out and '€' in out
    # the same figures as the server's
    euros = '{:,.2f} €'.format(penalty['amount_total']).replace(',', ' ').replace('.', ',')
    assert euros in out

    code, out, err = run_example(demo_server, '--apply')
    assert code == 0, err
    rows = call('finance', 'asr.penalty', 'read', [penalty['id']],
                ['state', 'invoice_id', 'invoice_ref'])
    assert rows[0]['state'] == 'applied'
    assert rows[0]['invoice_ref'] and '%s appliquée : %s' % (
        penalty['name'], rows[0]['invoice_ref']) in out
    refund = call('admin', 'account.invoice', 'read', [rows[0]['invoice_id'][0]],
                  ['type', 'partner_id', 'amount_total', 'origin'])[0]
    assert refund['origin'] == penalty['name']
    if refund['type'] == 'in_refund':
        assert refund['amount_total'] == penalty['amount_total']

    # nothing left to apply: never twice
    code, out, err = run_example(demo_server, '--apply')
    assert code == 0, err
    assert 'Aucune pénalité à appliquer' in out
    with pytest.raises(xmlrpc.client.Fault) as caught:
        call('finance', 'asr.penalty', 'action_apply', [penalty['id']])
    # fault 2: a UserError, in French
    assert caught.value.faultCode == 2, caught.value.faultString[-300:]
    assert 'déjà appliquée' in caught.value.faultString


def test_a_buyer_cannot_apply_a_penalty(demo_server):
    call = demo_server.call
    ids = call('admin', 'asr.penalty', 'search', [('state', '!=', 'applied')], limit=1)
    assert ids
    before = call('admin', 'asr.penalty', 'read', ids, ['state'])[0]['state']
    with pytest.raises(xmlrpc.client.Fault) as caught:
        call('acheteur', 'asr.penalty', 'action_apply', ids)
    assert caught.value.faultCode == 4, caught.value.faultString[-300:]
    assert call('admin', 'asr.penalty', 'read', ids, ['state'])[0]['state'] == before
    # nor write the state directly
    with pytest.raises(xmlrpc.client.Fault) as caught:
        call('acheteur', 'asr.penalty', 'write', ids, {'state': 'applied'})
    assert caught.value.faultCode == 4
