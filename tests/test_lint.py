"""The lint gate (scripts/lint.py): each Odoo-aware check fires on the code it is meant to
catch, and the project has none of it (ASR006 is the check that no rules module imports
odoo)."""
import importlib.util
import os
import textwrap

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_spec = importlib.util.spec_from_file_location('asr_lint', os.path.join(ROOT, 'scripts',
                                                                        'lint.py'))
lint = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lint)


@pytest.fixture(autouse=True)
def load_registry():
    """pytest-odoo opens a database for every test; these read files only."""
    yield


BAD_MODEL = '''
from odoo import _, models


class Thing(models.Model):
    _name = 'x.thing'

    def init(self):
        self.env.cr.execute("SELECT * FROM x WHERE name = '%s'" % self.name)
        # sql-composed: the table is the model's
        self.env.cr.execute("DROP VIEW %s" % self._table)

    def warn(self, name):
        raise ValueError(_("No %s here" % name))

    def fine(self, name):
        self.env.cr.execute("SELECT 1 WHERE %s", (name,))
        return _("No %s here") % name


class Extension(models.Model):
    _name = 'x.other'
    _inherit = ['x.other', 'mail.thread']
'''


def _addon(tmp_path, manifest, files):
    addon = tmp_path / 'addons' / 'x_addon'
    addon.mkdir(parents=True)
    (addon / '__manifest__.py').write_text(manifest)
    for name, text in files.items():
        path = addon / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return str(tmp_path)


def _codes(root):
    return sorted((os.path.basename(path), line, code)
                  for path, line, code, _message in lint.odoo_checks(root))


def test_each_check_fires(tmp_path):
    manifest = ("{'name': 'X', 'version': '11.0.1', 'license': 'MIT', "
                "'depends': ['base'], 'data': ['views/missing.xml']}")
    files = {
        'models/thing.py': BAD_MODEL,
        'rules/hours.py': 'from odoo import fields\nimport math\n',
        'rules/shared.py': 'from odoo.addons.asr_charter.rules.inputs import DATE_MIN\n',
        'controllers/main.py': ('def page(record):\n'
                                '    # sudo: checked above\n'
                                '    record.sudo().read()\n'
                                '    return record.sudo()\n'),
        'tests/test_x.py': 'class T(object):\n    _name = "x"\n',
    }
    root = _addon(tmp_path, manifest, files)
    codes = _codes(root)
    manifest = [c for c in codes if c[2] == 'ASR001']
    assert len(manifest) == 4  # installable missing, version, license, missing data file
    assert ('thing.py', 5, 'ASR002') in codes          # no _description
    assert ('thing.py', 9, 'ASR004') in codes          # value formatted into SQL
    assert ('thing.py', 11, 'ASR004') not in codes     # composed on purpose, said why
    assert ('thing.py', 14, 'ASR003') in codes         # _() of a formatted string
    assert ('main.py', 4, 'ASR005') in codes           # sudo() without a reason
    assert ('main.py', 3, 'ASR005') not in codes
    assert ('hours.py', 1, 'ASR006') in codes          # a rules module importing odoo
    assert not [c for c in codes if c[0] in ('shared.py', 'test_x.py')]
    assert not [c for c in codes if c[0] == 'thing.py' and c[1] > 15]  # the fine ones
    assert lint.main(['lint.py', '--no-flake8', root]) == 1


def test_the_project_passes_its_own_gate():
    assert lint.odoo_checks(ROOT) == []


SETTINGS = '''
def due_day(clause, user):
    day = clause.report_due_day or 10
    if user.id != 1 and clause.count or 0:
        return day
    if not day:
        raise UserError("no day")
    if day > 28:
        raise AsrUserError('clause.report_due_day', "day")
    return clause.rate or 0.0
'''

VIEWS = '''<?xml version="1.0" encoding="utf-8"?>
<odoo>
    <record id="view_thing_form" model="ir.ui.view">
        <field name="model">x.thing</field>
        <field name="inherit_id" ref="x_addon.view_missing"/>
        <field name="arch" type="xml"><form/></field>
    </record>
    <record id="action_thing" model="ir.actions.act_window">
        <field name="res_model">x.thing</field>
        <field name="view_id" ref="view_thing_form"/>
    </record>
    <menuitem id="menu_thing" action="action_thing" parent="x_addon.menu_nowhere"
              groups="base.group_user"/>
    <record id="view_thing_form" model="ir.ui.view">
        <field name="priority">20</field>
    </record>
</odoo>
'''


def test_settings_superuser_and_xml_ids(tmp_path):
    manifest = ("{'name': 'X', 'version': '11.0.1.0.0', 'license': 'LGPL-3', "
                "'depends': ['base'], 'data': ['views/thing_views.xml', 'views/again.xml'], "
                "'installable': True}")
    again = VIEWS.replace('view_thing_form', 'view_other').replace('action_thing',
                                                                   'action_other')
    again = again.replace('menu_thing', 'menu_thing_again').replace(
        '<record id="view_other" model="ir.ui.view">\n        <field name="priority">',
        '<record id="action_thing" model="ir.ui.view">\n        <field name="priority">')
    root = _addon(tmp_path, manifest, {'models/settings.py': SETTINGS,
                                       'models/thing.py': BAD_MODEL.replace(
                                           'x.thing', 'x.thing'),
                                       'views/thing_views.xml': VIEWS,
                                       'views/again.xml': again})
    findings = [(os.path.basename(p), line, code, message)
                for p, line, code, message in lint.odoo_checks(root)]
    settings = sorted((line, code) for name, line, code, _m in findings
                      if name == 'settings.py')
    # 'or 0' and 'or 0.0' pass; the keyed error passes
    assert settings == [(3, 'ASR007'), (4, 'ASR008'), (7, 'ASR010')]
    unknown = sorted(m for name, _l, code, m in findings if code == 'ASR009'
                     and 'unknown' in m)
    assert unknown == ['reference to an unknown xml id x_addon.menu_nowhere'] * 2 + [
        'reference to an unknown xml id x_addon.view_missing'] * 2
    twice = [(name, m) for name, _l, code, m in findings if code == 'ASR009'
             and 'two files' in m]
    # view_thing_form twice in one file is an update; action_thing in two files is not
    assert twice == [('thing_views.xml', 'xml id x_addon.action_thing defined in two files '
                                         '(again.xml)')]
