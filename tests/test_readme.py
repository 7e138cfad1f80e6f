"""The readme fragments of the addons say what the code has (issue 12, point 7).

Each addon has the OCA readme fragments readme/DESCRIPTION.rst, USAGE.rst, CONFIGURE.rst and
CONTRIBUTORS.rst (a bullet list): not empty, valid reStructuredText (parsed with docutils, as
OCA's readme generator does), no title of their own (the generator gives each its section):
a subsection is underlined with "~", the level below. No Odoo server or database: the
fragments, the XML, the Python and the i18n/fr.po files are read.

CONVENTION. What a fragment cites of the application is written in one of these standard
reStructuredText markups, and checked against the code: our addons (every addons/*/**/*.xml,
whatever its folder, the Python, the fr.po) and the Odoo addons they depend on, found in the
virtualenv (for Odoo's own menus, groups, routes and labels). Labels are compared in French,
through the fr.po of their addon.

  markup                                        is a...  checked against
  ``/my/asr/hours``        literal, "/..."      route    a path of an @http.route of a
                                                         controllers/*.py; <int:page>, <id>...
                                                         stand for any one path segment
  ``asr.market``           literal, "asr...."   model    a _name of a class; or model + field:
  ``asr.market.user_id``                        field    a field declared on that model
  ``asr_beneficiaries.x``  literal, "<addon>."  id       an XML id the addon defines, or a
                                                         system parameter key its Python reads
                                                         ('asr_x.key_%s': any word for %s)
  *A > B > C*              emphasis with " > "  menu     the whole path of menu labels from a
                                                         top-level menu (<menuitem> name and
                                                         parent, or its action's name)
  *ASR / Acheteur*         emphasis with " / "  group    category / name of a res.groups
  *ASR : ...*              emphasis "ASR : ..." cron     the name of an ir.cron
  `Coût horaire`           interpreted text     field    a field label (field_description)
  **Valider l'examen**     strong emphasis      label    a text of the interface: any French
                                                         text (msgstr) of a fr.po, HTML left out
  a table whose first header cell starts with   columns  its first column lists all the
  "Colonne"                                              columns of one spreadsheet of the
                                                         code, in order; and every spreadsheet
                                                         (the _columns of an xlsx report, the
                                                         *_TEMPLATE_COLUMNS of the import
                                                         templates) has such a table

Other emphasis and literals are not checked: write concepts in plain *emphasis*, never in
**strong** (which must be a label of the interface).
"""
import ast
import functools
import glob
import io
import os
import re
from collections import namedtuple
from xml.etree import ElementTree

import pytest
from docutils import nodes
from docutils.core import publish_doctree

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = os.path.join(ROOT, 'addons')
FRAGMENTS = ('DESCRIPTION.rst', 'USAGE.rst', 'CONFIGURE.rst', 'CONTRIBUTORS.rst')
MENU_SEP = ' > '
GROUP_SEP = ' / '
CRON_PREFIX = 'ASR : '
PLACEHOLDER_RE = re.compile(r'<[^<>/]*>')
SPACES_RE = re.compile(r'\s+')
# a section title's underline (or overline): one punctuation character repeated
UNDERLINE_RE = re.compile(r'^([^\w\s])\1+$')
TAG_RE = re.compile(r'<[^<>]+>')

Citation = namedtuple('Citation', 'kind value line')
Project = namedtuple('Project', 'addons routes menus models fields identifiers groups crons '
                                'field_labels ui_labels spreadsheets')


def _norm(text):
    """Spaces (no-break ones too) collapsed, typographic apostrophes made straight."""
    text = (text or '').replace('\u2019', "'").replace('\u00a0', ' ').replace('\u202f', ' ')
    return SPACES_RE.sub(' ', text).strip()


# -- reading the code ------------------------------------------------------------------------
def _our_addons():
    return sorted(os.path.basename(os.path.dirname(path))
                  for path in glob.glob(os.path.join(ADDONS, '*', '__manifest__.py')))


def _manifest(addon_dir):
    with open(os.path.join(addon_dir, '__manifest__.py'), encoding='utf-8') as handle:
        return ast.literal_eval(handle.read())


def _odoo_addons_dir():
    """The addons shipped with Odoo in the virtualenv (found without importing odoo)."""
    import importlib.util
    spec = importlib.util.find_spec('odoo')
    for location in (spec.submodule_search_locations or []) if spec else []:
        path = os.path.join(location, 'addons')
        if os.path.isdir(path):
            return path
    return None


def _addon_dirs():
    """{addon: directory} of our addons and of the Odoo addons they depend on, directly or
    not: the code whose menus, groups, routes and labels a fragment may cite."""
    dirs = {name: os.path.join(ADDONS, name) for name in _our_addons()}
    odoo_dir = _odoo_addons_dir()
    todo = [dep for addon in list(dirs) for dep in _manifest(dirs[addon]).get('depends', [])]
    while todo:
        name = todo.pop()
        if name in dirs:
            continue
        path = os.path.join(odoo_dir, name) if odoo_dir else None
        if path and os.path.exists(os.path.join(path, '__manifest__.py')):
            dirs[name] = path
            todo.extend(_manifest(path).get('depends', []))
    return dirs


def _files(addon_dir, ext, skip=('tests', 'static', '__pycache__', 'node_modules')):
    for base, dirs, files in os.walk(addon_dir):
        dirs[:] = sorted(d for d in dirs if d not in skip)
        for name in sorted(files):
            if name.endswith(ext):
                yield os.path.join(base, name)


def _po_string(lines):
    return ''.join(ast.literal_eval(line) for line in lines)


def read_po(path):
    """[(references, msgid, msgstr)] of a .po file, fuzzy entries left out."""
    entries = []
    refs, flags, current, parts = [], '', None, {'msgid': [], 'msgstr': []}

    def close():
        if parts['msgid'] and 'fuzzy' not in flags:
            entries.append((refs, _po_string(parts['msgid']), _po_string(parts['msgstr'])))

    with open(path, encoding='utf-8') as handle:
        for line in handle:
            line = line.strip()
            if not line:
                close()
                refs, flags, current, parts = [], '', None, {'msgid': [], 'msgstr': []}
            elif line.startswith('#:'):
                refs = refs + line[2:].split()
            elif line.startswith('#,'):
                flags += line
            elif line.startswith('msgid '):
                current = 'msgid'
                parts[current].append(line[6:])
            elif line.startswith('msgstr '):
                current = 'msgstr'
                parts[current].append(line[7:])
            elif line.startswith('"') and current:
                parts[current].append(line)
    close()
    return entries


def _ref(addon, ref):
    return ref if '.' in ref else '%s.%s' % (addon, ref)


def _xml_elements(addon_dir):
    """Every element of the addon's XML files, whatever their folder."""
    for path in _files(addon_dir, '.xml'):
        try:
            tree = ElementTree.parse(path)
        except ElementTree.ParseError:
            continue
        for element in tree.getroot().iter():
            yield element


def _field_values(record):
    """{field name: (text, ref)} of a <record>."""
    return {field.get('name'): ((field.text or '').strip(), field.get('ref'))
            for field in record.findall('field')}


def _routes(addon_dir):
    """Paths of the @http.route of the addon's controllers."""
    found = []
    for path in _files(os.path.join(addon_dir, 'controllers'), '.py'):
        with open(path, encoding='utf-8') as handle:
            tree = ast.parse(handle.read(), path)
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for decorator in node.decorator_list:
                func = getattr(decorator, 'func', None)
                if not (isinstance(decorator, ast.Call) and 'route' in (
                        getattr(func, 'attr', None), getattr(func, 'id', None))):
                    continue
                args = list(decorator.args[:1]) + [kw.value for kw in decorator.keywords
                                                   if kw.arg == 'route']
                for arg in args:
                    try:
                        value = ast.literal_eval(arg)
                    except ValueError:
                        continue
                    found += [value] if isinstance(value, str) else list(value)
    return found


def _python(addon_dir):
    """(models {name}, fields {model: {field}}, strings {str}, report columns
    {report _name: [msgid]}, template columns {constant: [title]}) of the addon's Python."""
    models, fields, strings, reports, templates = set(), {}, set(), {}, {}
    for path in _files(addon_dir, '.py'):
        with open(path, encoding='utf-8') as handle:
            try:
                tree = ast.parse(handle.read(), path)
            except SyntaxError:
                continue
        for node in ast.walk(tree):
            if _string(node) is not None:
                strings.add(_string(node))
            elif isinstance(node, ast.ClassDef):
                _read_class(node, models, fields, reports)
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                    and isinstance(node.targets[0], ast.Name) \
                    and node.targets[0].id.endswith('_TEMPLATE_COLUMNS'):
                try:
                    value = ast.literal_eval(node.value)
                except ValueError:
                    continue
                templates[node.targets[0].id] = [title for _name, title in value]
    return models, fields, strings, reports, templates


def _string(node):
    """The text of a string literal node, else None (ast.Str up to Python 3.7)."""
    value = getattr(node, 's', None) if isinstance(node, ast.Str) \
        else getattr(node, 'value', None) if type(node).__name__ == 'Constant' else None
    return value if isinstance(value, str) else None


def _read_class(node, models, fields, reports):
    """Models (_name), their fields (class attributes fields.X(...), on the _name or the
    _inherit of the class) and the column titles of an xlsx report (its _columns)."""
    values = {target.id: stmt.value for stmt in node.body if isinstance(stmt, ast.Assign)
              for target in stmt.targets if isinstance(target, ast.Name)}

    def literal(name):
        try:
            return ast.literal_eval(values[name]) if name in values else None
        except ValueError:
            return None

    name, inherit = literal('_name'), literal('_inherit')
    inherit = [inherit] if isinstance(inherit, str) else list(inherit or ())
    if name:
        models.add(name)
    targets = [name] if name else inherit
    declared = {target for target, value in values.items()
                if isinstance(value, ast.Call)
                and getattr(value.func, 'value', None) is not None
                and getattr(value.func.value, 'id', None) == 'fields'}
    for model in targets:
        fields.setdefault(model, set()).update(declared)
    if 'report.report_xlsx.abstract' in inherit and name:
        for stmt in node.body:
            if isinstance(stmt, ast.FunctionDef) and stmt.name == '_columns':
                reports[name] = [_string(call.args[0]) for call in ast.walk(stmt)
                                 if isinstance(call, ast.Call)
                                 and getattr(call.func, 'id', None) == '_'
                                 and call.args and _string(call.args[0]) is not None]


def _translate(po_entries, msgid):
    """The French of ``msgid`` in a .po file, or ``msgid`` itself when it has none."""
    for _refs, entry_id, entry_str in po_entries:
        if entry_id == msgid and entry_str:
            return entry_str
    return msgid


@functools.lru_cache(maxsize=None)
def project():
    """What the fragments may cite, read from the code."""
    dirs = _addon_dirs()
    ours = _our_addons()
    po = {addon: read_po(os.path.join(path, 'i18n', 'fr.po'))
          if os.path.exists(os.path.join(path, 'i18n', 'fr.po')) else []
          for addon, path in dirs.items()}
    by_ref = {}
    for addon, entries in po.items():
        for refs, _msgid, msgstr in entries:
            for ref in refs:
                if msgstr:
                    by_ref.setdefault(ref, msgstr)
    by_msgid = {addon: {msgid: msgstr for _refs, msgid, msgstr in entries if msgstr}
                for addon, entries in po.items()}

    def french(xml_id, ref, english):
        """The French of a record's text: its entry in a fr.po (``ref``: model,field), else
        its English text translated by the fr.po of the addon that defines it."""
        addon = xml_id.split('.')[0]
        return _norm(by_ref.get('model:%s:%s' % (ref, xml_id))
                     or by_msgid.get(addon, {}).get(english) or english or '')

    field_labels = {_norm(msgstr) for entries in po.values()
                    for refs, _msgid, msgstr in entries if msgstr
                    and any(ref.startswith('model:ir.model.fields,field_description:')
                            for ref in refs)}
    ui_labels = set()
    for entries in po.values():
        for _refs, _msgid, msgstr in entries:
            label = _norm(TAG_RE.sub('', msgstr))
            ui_labels |= {label, label.rstrip(' :')} if label else set()

    menus, actions, groups, categories, crons, identifiers = {}, {}, {}, {}, set(), set()
    report_files = {}
    routes, models, model_fields, reports, templates = [], set(), {}, {}, {}
    for addon, path in dirs.items():
        for element in _xml_elements(path):
            xml_id = element.get('id')
            full = _ref(addon, xml_id) if xml_id else None
            if full and element.tag in ('record', 'menuitem', 'template', 'report',
                                        'act_window'):
                identifiers.add(full)
            if element.tag == 'menuitem':
                menu = menus.setdefault(full, {})
                for attr, key in (('name', 'name'), ('parent', 'parent'),
                                  ('action', 'action')):
                    if element.get(attr):
                        menu[key] = element.get(attr) if key == 'name' \
                            else _ref(addon, element.get(attr))
            elif element.tag == 'report':
                report_files[element.get('name')] = element.get('file') or element.get('name')
            elif element.tag == 'record':
                model, values = element.get('model'), _field_values(element)
                if model == 'ir.ui.menu':
                    menu = menus.setdefault(full, {})
                    if values.get('name', ('',))[0]:
                        menu['name'] = values['name'][0]
                    if values.get('parent_id', (None, None))[1]:
                        menu['parent'] = _ref(addon, values['parent_id'][1])
                elif model in ('ir.actions.act_window', 'ir.actions.server'):
                    actions[full] = values.get('name', ('',))[0]
                elif model == 'res.groups':
                    category = values.get('category_id', (None, None))[1]
                    group = groups.setdefault(full, {})
                    if values.get('name', ('',))[0]:
                        group['name'] = values['name'][0]
                    if category:
                        group['category'] = _ref(addon, category)
                elif model == 'ir.module.category':
                    categories[full] = values.get('name', ('',))[0]
                elif model == 'ir.cron':
                    english = values.get('name', ('',))[0]
                    crons.add(french(full, 'ir.cron,cron_name', None)
                              or french(full, 'ir.cron,name', english))
                elif model == 'ir.actions.report':
                    file_name = values.get('report_file', values.get('report_name', ('',)))[0]
                    if values.get('report_name', ('',))[0]:
                        report_files[values['report_name'][0]] = file_name
        routes += _routes(path)
        if addon in ours:
            a_models, a_fields, strings, a_reports, a_templates = _python(path)
            models |= a_models
            for model, names in a_fields.items():
                model_fields.setdefault(model, set()).update(names)
            # system parameter keys read by the code: 'asr_x.key_%s'
            identifiers |= {s for s in strings if re.match(r'^%s\.[\w%%]+$' % addon, s)}
            reports.update({name: (addon, msgids) for name, msgids in a_reports.items()})
            templates.update({name: [_norm(t) for t in titles]
                              for name, titles in a_templates.items()})

    def menu_name(xml_id):
        menu = menus[xml_id]
        return french(xml_id, 'ir.ui.menu,name',
                      menu.get('name') or actions.get(menu.get('action')))

    def menu_path(xml_id, seen=()):
        parent = menus[xml_id].get('parent')
        if xml_id in seen or (parent and parent not in menus):
            return None  # a loop, or a parent in an addon that is not installed
        head = menu_path(parent, seen + (xml_id,)) if parent else ()
        return None if head is None else head + (menu_name(xml_id),)

    menu_paths = {menu_path(xml_id) for xml_id in menus} - {None}
    group_names = set()
    for xml_id, group in groups.items():
        name = french(xml_id, 'res.groups,name', group.get('name'))
        category = group.get('category')
        if category:
            category = french(category, 'ir.module.category,name', categories.get(category))
        group_names.add('%s / %s' % (category, name) if category else name)
    # an xlsx report is named by its file (<report file="...">), its titles translated
    spreadsheets = {report_files.get(name[len('report.'):], name):
                    [_norm(_translate(po[addon], msgid)) for msgid in msgids]
                    for name, (addon, msgids) in reports.items()}
    spreadsheets.update(templates)
    return Project(addons=set(ours), routes=routes, menus=menu_paths, models=models,
                   fields=model_fields, identifiers=identifiers, groups=group_names,
                   crons=crons, field_labels=field_labels, ui_labels=ui_labels,
                   spreadsheets=spreadsheets)


# -- reading the fragments -------------------------------------------------------------------
def _walk(node, condition=None):
    """The nodes under ``node`` (docutils 0.18 renamed traverse to findall)."""
    return list(getattr(node, 'findall', None) and node.findall(condition)
                or node.traverse(condition))


def _line(node):
    while node is not None and node.line is None:
        node = node.parent
    return node.line if node is not None else 0


def _table_rows(table):
    """[(header?, [cell text])] of a docutils table."""
    rows = []
    for part in _walk(table, lambda n: isinstance(n, (nodes.thead, nodes.tbody))):
        for row in part.children:
            if isinstance(row, nodes.row):
                rows.append((isinstance(part, nodes.thead),
                             [_norm(entry.astext()) for entry in row.children]))
    return rows


def parse(text, source='<fragment>'):
    """(doctree, [problem]) of an RST text: the docutils messages (warnings and errors)."""
    stream = io.StringIO()
    doctree = publish_doctree(text, source_path=source, settings_overrides={
        'warning_stream': stream, 'report_level': 2, 'halt_level': 5,
        'file_insertion_enabled': False, 'raw_enabled': False, 'doctitle_xform': False})
    problems = ['%s:%s: reStructuredText: %s' % (source, msg.get('line') or 0,
                                                 _norm(msg.astext())[:300])
                for msg in _walk(doctree, nodes.system_message) if msg['level'] >= 2]
    return doctree, problems


def citations(doctree):
    """[Citation] of what a fragment cites, as the module's docstring says."""
    found = []
    for node in _walk(doctree):
        if isinstance(node, nodes.literal):
            value = _norm(node.astext())
            if value.startswith('/'):
                found.append(Citation('route', value, _line(node)))
            elif value.startswith('asr.'):
                found.append(Citation('model', value, _line(node)))
            elif '.' in value and value.split('.')[0] in project().addons:
                found.append(Citation('identifier', value, _line(node)))
        elif isinstance(node, nodes.emphasis):
            value = _norm(node.astext())
            if value.startswith(CRON_PREFIX):
                found.append(Citation('cron', value, _line(node)))
            elif MENU_SEP in value:
                found.append(Citation('menu', value, _line(node)))
            elif GROUP_SEP in value:
                found.append(Citation('group', value, _line(node)))
        elif isinstance(node, nodes.title_reference):
            found.append(Citation('field label', _norm(node.astext()), _line(node)))
        elif isinstance(node, nodes.strong):
            found.append(Citation('label', _norm(node.astext()), _line(node)))
        elif isinstance(node, nodes.table):
            rows = _table_rows(node)
            if rows and rows[0][0] and rows[0][1] and rows[0][1][0].startswith('Colonne'):
                columns = tuple(cells[0] for header, cells in rows if not header)
                found.append(Citation('columns', columns, _line(node)))
    return found


def _route_matches(cited, declared):
    cited_norm = PLACEHOLDER_RE.sub('<>', cited)
    if cited_norm == PLACEHOLDER_RE.sub('<>', declared):
        return True
    pattern = '^%s$' % '[^/]+'.join(re.escape(part) for part in PLACEHOLDER_RE.split(declared))
    return bool(re.match(pattern, cited))


def _identifier_exists(value, identifiers):
    if value in identifiers:
        return True
    return any('%' in ident and re.match('^%s$' % re.escape(ident).replace(
        re.escape('%s'), r'\w+').replace(re.escape('%d'), r'\d+'), value)
        for ident in identifiers)


def check_citation(citation):
    """None when ``citation`` is what the code has, else why not."""
    code = project()
    kind, value = citation.kind, citation.value
    if kind == 'route':
        if not any(_route_matches(value, route) for route in code.routes):
            return 'no @http.route declares %s' % value
    elif kind == 'model':
        if value in code.models:
            return None
        model, _dot, field = value.rpartition('.')
        if model not in code.models:
            return 'no model %s (nor field of a model)' % value
        if field not in code.fields.get(model, ()):
            return 'the model %s has no field %s' % (model, field)
    elif kind == 'identifier':
        if not _identifier_exists(value, code.identifiers):
            return 'no XML id nor system parameter %s in the addon' % value
    elif kind == 'menu':
        path = tuple(_norm(part) for part in value.split(MENU_SEP))
        if path not in code.menus:
            near = sorted(' > '.join(p) for p in code.menus if p[-1] == path[-1])
            hint = ' (menus of that name: %s)' % '; '.join(near) if near else ''
            return 'no menu %s%s' % (' > '.join(path), hint)
    elif kind == 'group':
        if value not in code.groups:
            return 'no group %s' % value
    elif kind == 'cron':
        if value not in code.crons:
            return 'no scheduled action %s' % value
    elif kind == 'field label':
        if value not in code.field_labels:
            return 'no field labelled %s in French' % value
    elif kind == 'label':
        if value not in code.ui_labels:
            return 'no French text %s in the fr.po files' % value
    elif kind == 'columns':
        if list(value) not in code.spreadsheets.values():
            unknown = [c for c in value if not any(c in cols
                                                   for cols in code.spreadsheets.values())]
            return 'columns %s are not those of a spreadsheet of the code%s' % (
                ', '.join(value), ' (unknown: %s)' % ', '.join(unknown) if unknown else
                ' (incomplete or out of order)')
    return None


def check_text(text, source='<fragment>'):
    """(problems, citations) of one fragment's text."""
    doctree, problems = parse(text, source)
    lines = text.splitlines()
    for number, line in enumerate(lines[1:], start=2):
        above = lines[number - 2].strip()
        if UNDERLINE_RE.match(line.strip()) and above and not UNDERLINE_RE.match(above) \
                and line.strip()[0] != '~':
            problems.append('%s:%s: subsection underlined with %r: use ~' % (
                source, number, line.strip()[0]))
    found = citations(doctree)
    for citation in found:
        problem = check_citation(citation)
        if problem:
            problems.append('%s:%s: %s' % (source, citation.line, problem))
    return problems, found


def fragment_paths():
    return sorted(glob.glob(os.path.join(ADDONS, '*', 'readme', '*.rst')))


@functools.lru_cache(maxsize=None)
def all_fragments():
    """{path: (problems, citations)} of every fragment of every addon."""
    result = {}
    for path in fragment_paths():
        with open(path, encoding='utf-8') as handle:
            result[path] = check_text(handle.read(), os.path.relpath(path, ROOT))
    return result


# -- the tests -------------------------------------------------------------------------------
@pytest.fixture(scope='session', autouse=True)
def load_registry():
    """These tests read files only: pytest-odoo's fixture of the same name, which loads an
    Odoo registry (hence a database) before every test, is not needed here, so that this file
    also runs on its own: ``.venv/bin/pytest tests/test_readme.py``."""
    yield


def missing_fragments(readme_dir):
    """What a readme folder lacks of the four fragments (missing or empty)."""
    missing = []
    for name in FRAGMENTS:
        path = os.path.join(readme_dir, name)
        if not os.path.exists(path):
            missing.append('%s is missing' % name)
            continue
        with open(path, encoding='utf-8') as handle:
            if not handle.read().strip():
                missing.append('%s is empty' % name)
    return missing


@pytest.mark.parametrize('addon', _our_addons())
def test_each_addon_has_its_fragments(addon):
    missing = missing_fragments(os.path.join(ADDONS, addon, 'readme'))
    assert not missing, '%s: %s' % (addon, '; '.join(missing))


def test_missing_fragments_are_reported(tmp_path):
    (tmp_path / 'DESCRIPTION.rst').write_text('Un module.\n', encoding='utf-8')
    (tmp_path / 'USAGE.rst').write_text('\n  \n', encoding='utf-8')
    assert missing_fragments(str(tmp_path)) == [
        'USAGE.rst is empty', 'CONFIGURE.rst is missing', 'CONTRIBUTORS.rst is missing']


def test_contributors_are_a_bullet_list():
    for addon in _our_addons():
        path = os.path.join(ADDONS, addon, 'readme', 'CONTRIBUTORS.rst')
        if not os.path.exists(path):
            continue  # reported by test_each_addon_has_its_fragments
        with open(path, encoding='utf-8') as handle:
            doctree, _problems = parse(handle.read(), path)
        lists = [child for child in doctree.children if isinstance(child, nodes.bullet_list)]
        assert lists and len(doctree.children) == len(lists), \
            '%s: a bullet list of contributors only' % path


def test_fragments_cite_what_the_code_has():
    problems = [problem for path, (found, _citations) in sorted(all_fragments().items())
                for problem in found]
    assert not problems, '\n'.join(problems)


def test_every_spreadsheet_of_the_code_is_documented():
    documented = [list(c.value) for _problems, found in all_fragments().values()
                  for c in found if c.kind == 'columns']
    missing = ['%s: %s' % (name, ', '.join(columns))
               for name, columns in sorted(project().spreadsheets.items())
               if columns not in documented]
    assert not missing, 'spreadsheets whose columns no fragment lists (a table whose first ' \
                        'header is "Colonne"):\n' + '\n'.join(missing)


def test_the_checks_are_not_vacuous():
    """The code is read (routes, menus, models... found) and the fragments do cite it."""
    code = project()
    assert len(code.routes) >= 15 and '/my/asr/hours/<int:entry_id>/validate' in code.routes
    assert ('Achats responsables', 'Marchés', 'Marchés') in code.menus
    assert ('Achats responsables', 'Bilans', "Suivi des heures d'insertion") in code.menus
    assert {'asr.charter', 'asr.market', 'asr.clause', 'asr.hour.entry'} <= code.models
    assert 'hourly_cost' in code.fields['asr.charter']
    assert {'ASR / Acheteur', 'ASR / Responsable', 'ASR / Finance',
            'ASR / Facilitateur (portail)', 'ASR / Données personnelles'} <= code.groups
    assert len(code.crons & {c for c in code.crons if c.startswith(CRON_PREFIX)}) >= 3
    assert 'suivi_heures_insertion' in code.spreadsheets
    assert code.spreadsheets['suivi_heures_insertion'][:2] == ['Clause', 'Marché']
    cited = {}
    for _problems, found in all_fragments().values():
        for citation in found:
            cited.setdefault(citation.kind, set()).add(citation.value)
    minimum = {'route': 8, 'menu': 20, 'model': 8, 'group': 5, 'cron': 3,
               'field label': 15, 'label': 15, 'columns': 3, 'identifier': 2}
    short = {kind: len(cited.get(kind, ())) for kind, count in minimum.items()
             if len(cited.get(kind, ())) < count}
    assert not short, 'fewer citations than expected: %s' % short


GOOD = """\
Le facilitateur ouvre ``/my/asr/markets`` puis ``/my/asr/markets/<id>`` et valide les heures
(``/my/asr/hours/<int:entry_id>/validate``). L'acheteur ouvre
*Achats responsables > Marchés > Marchés* (groupe *ASR / Acheteur*) et le bouton
**Valider l'examen** ; le modèle ``asr.market`` et son champ ``asr.market.user_id`` ;
le champ `Coût horaire de la main-d'œuvre` ; la tâche
*ASR : rapports mensuels attendus et relances* ; le paramètre
``asr_beneficiaries.batch_rows_hours``.

======================  ==========
Colonne                 Contenu
======================  ==========
Clause                  a
Marché                  b
Lot                     c
Titulaire               d
Début du contrat        e
Fin du contrat          f
Objectif d'heures       g
Heures réalisées        h
Objectif atteint        i
Heures manquantes       j
======================  ==========
"""

BAD = """\
Voir ``/my/asr/invoices`` et ``/my/asr/markets/<id>/delete``, le menu
*Achats responsables > Marchés > Factures*, le groupe *ASR / Comptable*, le modèle
``asr.invoice``, le champ ``asr.market.invoice_id``, le champ `Numéro de facture imaginaire`,
le bouton **Payer la facture imaginaire**, la tâche *ASR : facturer chaque nuit*, le
paramètre ``asr_beneficiaries.no_such_key``.

======================  ==========
Colonne                 Contenu
======================  ==========
Clause                  a
Bon de commande         b
======================  ==========

Titre
=====

Texte.
"""


def test_a_good_text_passes():
    problems, found = check_text(GOOD, 'good.rst')
    assert not problems, '\n'.join(problems)
    assert {c.kind for c in found} == {'route', 'menu', 'group', 'label', 'model',
                                       'field label', 'cron', 'identifier', 'columns'}


def test_made_up_citations_are_reported():
    problems, _found = check_text(BAD, 'bad.rst')
    text = '\n'.join(problems)
    for expected in ('no @http.route declares /my/asr/invoices',
                     'no @http.route declares /my/asr/markets/<id>/delete',
                     'no menu Achats responsables > Marchés > Factures',
                     'no group ASR / Comptable', 'no model asr.invoice',
                     'the model asr.market has no field invoice_id',
                     'no field labelled Numéro de facture imaginaire',
                     'no French text Payer la facture imaginaire',
                     'no scheduled action ASR : facturer chaque nuit',
                     'no XML id nor system parameter asr_beneficiaries.no_such_key',
                     'unknown: Bon de commande',
                     "subsection underlined with '='"):
        assert expected in text, 'not reported: %s\n%s' % (expected, text)


def test_titles_and_broken_markup_are_reported():
    """A title of its own (underlined with "=", or over- and underlined) would sit at the
    level of the generated README's sections: subsections only, underlined with "~"."""
    problems, _found = check_text('Titre\n~~~~~\n\nTexte.\n', 'subsection.rst')
    assert not problems, problems
    for title in ('Usage\n=====\n\nTexte.\n', '=====\nUsage\n=====\n\nTexte.\n',
                  'Usage\n-----\n\nTexte.\n'):
        problems, _found = check_text(title, 'title.rst')
        assert any('use ~' in p for p in problems), (title, problems)
    problems, _found = check_text('Texte *non fermé.\n', 'broken.rst')
    assert any('reStructuredText' in p for p in problems), problems
