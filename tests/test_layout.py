"""The OCA layout of the four addons (README "Layout"), read from the files (no database):
one model per Python file, views named after their model, wizards beside their views, SQL
views under report/, security files named alike, the application flag on the addon that owns
the root menu."""
import ast
import os
import re
from xml.etree import ElementTree

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = ('asr_charter', 'asr_clauses', 'asr_beneficiaries', 'asr_reporting')
CODE_FOLDERS = ('models', 'wizards', 'report', 'controllers')
# view records that belong to no model of their own
OTHER_VIEW_FILES = ('menus.xml', 'portal_templates.xml', 'assets.xml')


@pytest.fixture(autouse=True)
def load_registry():
    """pytest-odoo opens a database for every test; this one reads files only."""
    yield


def _path(*parts):
    return os.path.join(ROOT, 'addons', *parts)


def _manifest(addon):
    with open(_path(addon, '__manifest__.py'), encoding='utf-8') as handle:
        return ast.literal_eval(handle.read())


def _model_classes(path):
    """[(class name, _name or _inherit, is an SQL view)] of the model classes of a file."""
    with open(path, encoding='utf-8') as handle:
        tree = ast.parse(handle.read(), path)
    found = []
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        values = {target.id: stmt.value for stmt in node.body if isinstance(stmt, ast.Assign)
                  for target in stmt.targets if isinstance(target, ast.Name)}
        name = values.get('_name') or values.get('_inherit')
        if name is None:
            continue
        name = name.s if isinstance(name, ast.Str) else [e.s for e in name.elts][0]
        auto = values.get('_auto')
        found.append((node.name, name, isinstance(auto, ast.NameConstant) and auto.value is False))
    return found


def _python_files():
    for addon in ADDONS:
        for folder in CODE_FOLDERS:
            base = _path(addon, folder)
            if os.path.isdir(base):
                for name in sorted(os.listdir(base)):
                    if name.endswith('.py') and name != '__init__.py':
                        yield addon, folder, os.path.join(base, name)


def test_one_model_per_python_file_named_after_it():
    problems = []
    for addon, folder, path in _python_files():
        classes = _model_classes(path)
        if len(classes) > 1:
            problems.append('%s holds %s' % (path, [c[0] for c in classes]))
        for _class, name, _view in classes:
            expected = name.replace('.', '_') + '.py'
            if folder != 'controllers' and os.path.basename(path) != expected \
                    and not name.startswith('report.'):
                problems.append('%s holds %s (expected in %s)' % (path, name, expected))
    assert problems == []


def test_sql_views_live_in_report():
    problems = ['%s: SQL view %s outside report/' % (path, name)
                for _addon, folder, path in _python_files()
                for _class, name, view in _model_classes(path) if view and folder != 'report']
    views = [name for _addon, folder, path in _python_files()
             for _class, name, view in _model_classes(path) if view]
    assert problems == []
    assert len(views) >= 4  # the check reads the models it means to check


def _view_models(path):
    """The models of the records of a file: views and window actions (model, res_model),
    server actions and others bound to a model (model_id: base.model_res_users -> res.users,
    read as underscores since the reference drops the dots)."""
    models = set()
    for record in ElementTree.parse(path).getroot().iter('record'):
        for field in record.findall('field'):
            if field.get('name') in ('model', 'res_model') and field.text:
                models.add(field.text.strip())
            elif field.get('name') == 'model_id' and field.get('ref'):
                models.add(field.get('ref').split('.')[-1][len('model_'):])
    return models


def test_each_views_file_holds_the_views_of_its_model():
    problems, checked = [], 0
    for addon in ADDONS:
        for folder in ('views', 'wizards', 'report'):
            base = _path(addon, folder)
            if not os.path.isdir(base):
                continue
            for name in sorted(os.listdir(base)):
                if not name.endswith('.xml'):
                    continue
                path = os.path.join(base, name)
                models = _view_models(path)
                if name in OTHER_VIEW_FILES:
                    if models:  # menus, portal pages and assets, no view or action of a model
                        problems.append('%s holds views or actions of %s' % (path, sorted(models)))
                    continue
                if not name.endswith('_views.xml'):
                    if folder == 'views' or models - {'ir.actions.report'}:
                        problems.append('%s: views in a file not named <model>_views.xml'
                                        % path)
                    continue
                model = name[:-len('_views.xml')]
                checked += 1
                strangers = {m for m in models if m.replace('.', '_') != model}
                if strangers:
                    problems.append('%s holds views of %s' % (path, sorted(strangers)))
    assert problems == []
    assert checked >= 25


def test_wizards_beside_their_views():
    problems = []
    for addon in ADDONS:
        base = _path(addon, 'wizards')
        if not os.path.isdir(base):
            continue
        files = set(os.listdir(base))
        for name in files:
            if name.endswith('_views.xml') and name[:-len('_views.xml')] + '.py' not in files:
                problems.append('%s/%s has no wizard beside it' % (addon, name))
        for name in os.listdir(_path(addon, 'views')):
            if _view_models(_path(addon, 'views', name)) & {
                    c[1] for _a, folder, path in _python_files() if _a == addon
                    and folder == 'wizards' for c in _model_classes(path)}:
                problems.append('%s/views/%s holds wizard views' % (addon, name))
    assert problems == []


def test_security_files_named_alike():
    for addon in ADDONS:
        files = sorted(os.listdir(_path(addon, 'security')))
        assert files == sorted(['ir.model.access.csv', '%s_security.xml' % addon]), addon
        data = _manifest(addon)['data']
        assert 'security/%s_security.xml' % addon in data
        assert 'security/ir.model.access.csv' in data


def test_the_application_is_the_addon_of_the_root_menu():
    applications = [addon for addon in ADDONS if _manifest(addon).get('application')]
    assert applications == ['asr_charter']
    with open(_path('asr_charter', 'views', 'menus.xml'), encoding='utf-8') as handle:
        menus = handle.read()
    root = re.search(r'<menuitem id="(\w+)"[^>]*web_icon=', menus)
    assert root, 'the root menu with its icon is in asr_charter/views/menus.xml'
    for addon in ADDONS[1:]:
        for base, _dirs, files in os.walk(_path(addon)):
            for name in files:
                if name.endswith('.xml'):
                    with open(os.path.join(base, name), encoding='utf-8') as handle:
                        assert 'web_icon=' not in handle.read(), (addon, name)


def test_every_manifest_file_exists_and_every_xml_is_loaded():
    for addon in ADDONS:
        manifest = _manifest(addon)
        listed = set(manifest.get('data', [])) | set(manifest.get('demo', []))
        for name in listed:
            assert os.path.exists(_path(addon, name)), (addon, name)
        for folder in ('views', 'wizards', 'report', 'security', 'data', 'demo'):
            base = _path(addon, folder)
            for name in (os.listdir(base) if os.path.isdir(base) else ()):
                if name.endswith(('.xml', '.csv')):
                    assert '%s/%s' % (folder, name) in listed, (addon, folder, name)


def _defined_and_extended(addon):
    """({_name defined by the addon}, {model of another addon or of the core it extends})."""
    defined, extended = set(), set()
    for _addon, _folder, path in _python_files():
        if _addon != addon or _folder == 'controllers':
            continue
        with open(path, encoding='utf-8') as handle:
            tree = ast.parse(handle.read(), path)
        for node in tree.body:
            if not isinstance(node, ast.ClassDef):
                continue
            values = {target.id: stmt.value for stmt in node.body
                      if isinstance(stmt, ast.Assign) for target in stmt.targets
                      if isinstance(target, ast.Name)}
            name, parents = values.get('_name'), values.get('_inherit')
            parents = [] if parents is None else (
                [parents.s] if isinstance(parents, ast.Str) else [e.s for e in parents.elts])
            if name is not None and name.s not in parents:
                defined.add(name.s)
            elif name is not None or parents:
                extended.add(name.s if name is not None else parents[0])
    return defined, extended


def _readme_section(title):
    with open(os.path.join(ROOT, 'README.md'), encoding='utf-8') as handle:
        text = handle.read()
    start = text.index('\n## %s\n' % title)
    end = text.find('\n## ', start + 1)
    return text[start:end if end > 0 else len(text)]


def test_readme_architecture_lists_the_models_of_each_addon():
    """The table "Models per addon" of README "Docs: architecture" is the code's."""
    section = _readme_section('Docs: architecture')
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip('|').split('|')]
        if len(cells) == 3 and cells[0].strip('`') in ADDONS and '.' in cells[1]:
            rows[cells[0].strip('`')] = [set(re.findall(r'`([\w.]+)`', cell)) for cell in cells[1:]]
    assert sorted(rows) == sorted(ADDONS)
    for addon in ADDONS:
        defined, extended = _defined_and_extended(addon)
        assert rows[addon][0] == defined, addon
        assert rows[addon][1] == extended, addon


def test_readme_architecture_says_where_each_rule_lives():
    """Every rules/ module of every addon has its line in README "Docs: architecture"."""
    section = _readme_section('Docs: architecture')
    listed = set()
    for line in section.splitlines():
        folder = None
        for token in re.findall(r'`([\w/]+\.py)`', line):
            if re.match(r'asr_\w+/rules/\w+\.py$', token):
                folder = os.path.dirname(token)
                listed.add(token)
            elif folder and '/' not in token:  # `suppliers.py` after `asr_x/rules/...py`
                listed.add('%s/%s' % (folder, token))
    modules = {'%s/rules/%s' % (addon, name) for addon in ADDONS
               for name in os.listdir(_path(addon, 'rules'))
               if name.endswith('.py') and name != '__init__.py'}
    assert modules - listed == set()
    assert listed - modules == set()
