"""Refresh the translation templates of the ASR addons and merge them into their fr.po.

    .venv/bin/python scripts/i18n.py .run/odoo.conf DATABASE [addon ...]

DATABASE has the addons installed (up to date with the code: run Odoo with -u first). For
each addon, writes i18n/<addon>.pot from the code and data, then merges it into i18n/fr.po
with msgmerge (new terms come with an empty translation, obsolete ones are dropped); prints
how many terms still lack a French translation. Nothing is translated automatically.
"""
import io
import os
import subprocess
import sys

import odoo

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = ('asr_charter', 'asr_clauses', 'asr_beneficiaries', 'asr_reporting')


def untranslated(po_path):
    """Number of msgids of ``po_path`` without msgstr."""
    out = subprocess.run(['msgattrib', '--untranslated', '--no-obsolete', po_path],
                         stdout=subprocess.PIPE, check=True).stdout.decode()
    return max(0, out.count('\nmsgid ') - 1)


def main(argv):
    conf, database = argv[1], argv[2]
    addons = argv[3:] or ADDONS
    odoo.tools.config.parse_config(['-c', conf, '-d', database])
    registry = odoo.registry(database)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        for addon in addons:
            folder = os.path.join(ROOT, 'addons', addon, 'i18n')
            buffer = io.BytesIO()
            odoo.tools.trans_export(False, [addon], buffer, 'po', cr)
            pot = os.path.join(folder, '%s.pot' % addon)
            with open(pot, 'wb') as handle:
                handle.write(buffer.getvalue())
            po = os.path.join(folder, 'fr.po')
            subprocess.run(['msgmerge', '--quiet', '--update', '--backup=none',
                            '--no-fuzzy-matching', '--no-wrap', po, pot], check=True)
            subprocess.run(['msgattrib', '--no-obsolete', '--no-wrap', '-o', po, po],
                           check=True)
            print('%s: %s terms without French' % (addon, untranslated(po)))


if __name__ == '__main__':
    main(sys.argv)
