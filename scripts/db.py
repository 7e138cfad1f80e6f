"""Create an ASR database: French, with or without demo data, with the given addons installed.

    python scripts/db.py CONFIG NAME --modules asr_reporting [--demo] [--lang fr_FR]

Exits non-zero, naming the addons, when an addon did not install.
"""
import argparse
import sys

import odoo
from odoo.service import db as db_service


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('config')
    parser.add_argument('name')
    parser.add_argument('--modules', required=True)
    parser.add_argument('--demo', action='store_true')
    parser.add_argument('--lang', default='fr_FR')
    parser.add_argument('--attachments-in-db', action='store_true',
                        help="store attachments in the database, so that a copy made with "
                             "'createdb -T' (test databases) carries them")
    args = parser.parse_args(argv)

    odoo.tools.config.parse_config(['-c', args.config])
    odoo.tools.config['without_demo'] = '' if args.demo else 'all'
    modules = [m.strip() for m in args.modules.split(',') if m.strip()]

    db_service._create_empty_database(args.name)
    with odoo.api.Environment.manage():
        db_service._initialize_db(None, args.name, args.demo, args.lang, 'admin', 'admin', 'FR')
    registry = odoo.registry(args.name)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        if not env['res.users'].browse(odoo.SUPERUSER_ID).exists():
            sys.exit('database %s was not initialised (see the log above)' % args.name)
        if args.attachments_in_db:
            env['ir.config_parameter'].set_param('ir_attachment.location', 'db')
        to_install = env['ir.module.module'].search([('name', 'in', modules)])
        missing = set(modules) - set(to_install.mapped('name'))
        if missing:
            sys.exit('addons not found in the addons path: %s' % ', '.join(sorted(missing)))
        # the accounting first, alone: once installed, account installs the chart of the
        # company's country (l10n_fr), which Odoo would otherwise load after every addon of
        # the same pass. As in a real database, the chart (penalty account 7711, purchase
        # journal) then exists before the ASR addons and their demo (a penalty applied).
        accounting = (to_install | to_install.upstream_dependencies()).filtered(
            lambda m: m.name == 'account' and m.state == 'uninstalled')
        if accounting:
            accounting.button_immediate_install()
    registry = odoo.registry(args.name)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env['ir.module.module'].search([('name', 'in', modules)]).button_immediate_install()
    registry = odoo.registry(args.name)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {'lang': args.lang})
        mods = env['ir.module.module'].search([('name', 'in', modules)])
        failed = mods.filtered(lambda m: m.state != 'installed')
        if failed:
            sys.exit('addons not installed: %s' % ', '.join(failed.mapped('name')))
        if args.attachments_in_db:
            # every attachment into the database, field attachments (menu icons...) included
            # (ir.attachment.force_storage skips those)
            stored_in_files = env['ir.attachment'].search([
                ('store_fname', '!=', False),
                '|', ('res_field', '=', False), ('res_field', '!=', False)])
            for attachment in stored_in_files:
                attachment.write({'datas': attachment.datas})
        # auto-install addons whose dependencies are absent from the addons path stay marked
        # 'to install'; reset them as Odoo itself would, so every copy loads cleanly
        cr.execute("UPDATE ir_module_module SET state = 'uninstalled' "
                   "WHERE state IN ('to install', 'to upgrade', 'to remove')")
        # every user of the database works in French, demo users included
        env['res.users'].with_context(active_test=False).search([]).write({'lang': args.lang})
    print('[db] %s created (%s, demo data: %s)'
          % (args.name, args.lang, 'yes' if args.demo else 'no'))


if __name__ == '__main__':
    main()
