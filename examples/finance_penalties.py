#!/usr/bin/env python3
"""Finance pulls the penalties to deduct over Odoo's XML-RPC API, and marks them applied.

Lists the penalties approved by a responsable and notified to the contractor (state
``notified``: ready to apply) whose period meets the period given, with the contract, the
contractor and its SIRET, each cause, the amount due and the invoice reference; with
``--apply``, applies each one (a vendor credit note, or a deduction line on the contractor's
next draft bill, as the company is set up) and prints the invoice reference read back.

    python3 examples/finance_penalties.py --url http://localhost:8069 --db asr_demo \\
        --login finance --password finance --date-from 2026-01-01 --date-to 2026-12-31 \\
        [--apply]

Standard library only. Exit code 0 when everything went through, 1 on an error of the
server (its French message printed), 2 on bad arguments.
"""
import argparse
import sys
import xmlrpc.client

FIELDS = ['name', 'market_id', 'lot_id', 'partner_id', 'partner_siret', 'clause_id',
          'date_from', 'date_to', 'amount_missing_hours', 'amount_late_reports',
          'amount_social_actions', 'capped_part', 'reduction_amount', 'amount_total',
          'state', 'invoice_ref']
CAUSES = [('amount_missing_hours', 'heures manquantes'),
          ('amount_late_reports', 'rapports en retard'),
          ('amount_social_actions', 'actions sociales'),
          ('capped_part', 'écrêté (plafond)'), ('reduction_amount', 'réduction')]


def euros(value):
    """1234.5 -> '1 234,50 €'."""
    return '{:,.2f} €'.format(value or 0.0).replace(',', ' ').replace('.', ',')


def french_date(value):
    return '/'.join(reversed(value.split('-'))) if value else ''


def name(value):
    """The name of a many2one as XML-RPC returns it ([id, name] or False)."""
    return value[1] if value else ''


class Client:
    """The few calls this example needs, as the user given."""

    def __init__(self, url, db, login, password):
        self.db, self.password = db, password
        common = xmlrpc.client.ServerProxy('%s/xmlrpc/2/common' % url, allow_none=True)
        self.uid = common.authenticate(db, login, password, {})
        if not self.uid:
            raise SystemExit('Identifiant ou mot de passe refusé pour %s.' % login)
        self.models = xmlrpc.client.ServerProxy('%s/xmlrpc/2/object' % url, allow_none=True)

    def call(self, model, method, *args, **kwargs):
        return self.models.execute_kw(self.db, self.uid, self.password, model, method,
                                      list(args), kwargs)


def penalties_to_apply(client, date_from, date_to):
    domain = [('state', '=', 'notified'), ('date_from', '<=', date_to),
              ('date_to', '>=', date_from)]
    return client.call('asr.penalty', 'search_read', domain, fields=FIELDS,
                       order='date_from, id')


def describe(row):
    causes = ', '.join('%s %s' % (label, euros(row[field])) for field, label in CAUSES
                       if row[field])
    return ('%s | marché %s | lot %s | titulaire %s (SIRET %s) | période du %s au %s | %s | '
            'montant dû %s | facture %s' % (
                row['name'], name(row['market_id']), name(row['lot_id']),
                name(row['partner_id']), row['partner_siret'] or '-',
                french_date(row['date_from']), french_date(row['date_to']),
                causes or 'aucun motif', euros(row['amount_total']),
                row['invoice_ref'] or '-'))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--url', required=True)
    parser.add_argument('--db', required=True)
    parser.add_argument('--login', required=True)
    parser.add_argument('--password', required=True)
    parser.add_argument('--date-from', required=True, help='AAAA-MM-JJ')
    parser.add_argument('--date-to', required=True, help='AAAA-MM-JJ')
    parser.add_argument('--apply', action='store_true',
                        help='appliquer chaque pénalité listée (avoir ou retenue)')
    args = parser.parse_args(argv)
    try:
        client = Client(args.url, args.db, args.login, args.password)
        rows = penalties_to_apply(client, args.date_from, args.date_to)
        if not rows:
            print('Aucune pénalité à appliquer du %s au %s.' % (
                french_date(args.date_from), french_date(args.date_to)))
            return 0
        print('%s pénalité(s) à appliquer :' % len(rows))
        for row in rows:
            print(describe(row))
        if args.apply:
            for row in rows:
                client.call('asr.penalty', 'action_apply', [row['id']])
                done = client.call('asr.penalty', 'read', [row['id']],
                                   fields=['state', 'invoice_ref'])[0]
                print('%s appliquée : %s' % (row['name'], done['invoice_ref']))
    except xmlrpc.client.Fault as fault:
        print('Erreur du serveur : %s' % fault.faultString.strip(),
              file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
