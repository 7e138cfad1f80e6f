"""The lint gate of `make test` (and so of CI): flake8 on all Python, then checks that know Odoo.

    .venv/bin/python scripts/lint.py [--no-flake8] [ROOT]

Exits 1 and lists every finding as ``path:line: code message``. The Odoo-aware checks, on the
addons under ROOT/addons (tests excluded where said):

- ASR001 manifest: the keys name, version (11.0.x.y.z), license (LGPL-3 or AGPL-3), depends,
  data, installable; every file of data/demo exists.
- ASR002 a model (``_name`` in a class) without ``_description``.
- ASR003 a translation call on a formatted string, ``_("... %s" % x)``: the formatted text is
  never found in the .po; format after translating, ``_("... %s") % x``.
- ASR004 SQL built by formatting (``%``, ``+``, ``.format``, f-string, a variable) given to
  ``execute``: values go as parameters. Identifiers or fixed fragments composed on purpose
  carry a ``# sql-composed: <why>`` comment on the call's first line or the line above.
- ASR005 ``sudo()`` in a controller without a ``# sudo: <why>`` comment on its line or the
  line above (the page checks the user first, then reads or acts as the server).
- ASR006 a module of an addon's ``rules/`` package importing odoo: the rules are plain Python.
  Only another ASR addon's rules package may be imported (``odoo.addons.asr_x.rules...``,
  the one way to reach it in Odoo 11; itself plain Python).
- ASR007 a silent numeric fallback, ``value or 10``: a setting that must have a value is a
  required field with a default (from the rules' constant), read as it is. ``or 0`` (an empty
  number counted as nothing) is not a fallback and passes.
- ASR008 the superuser named by its id (``u.id != 1``, ``uid == 1``): compare with
  ``env.ref('base.user_root')`` or ``SUPERUSER_ID``.
- ASR009 XML ids: the same id defined in two files of an addon (a second record of the same
  id in one file updates it, as Odoo loads it: the demo does so after a workflow step), or a
  reference (``ref="..."``,
  ``%(...)d``, ``eval="ref('...')"``) to an id of an ASR addon that no file of that addon
  defines.
- ASR010 ``raise UserError/ValidationError/AccessError(...)`` in an addon (tests aside): raise
  the keyed classes of asr_charter/exceptions.py, so that code and tests tell the checks apart
  by their key, not by their translated wording.
"""
import ast
import os
import re
import subprocess
import sys
from xml.etree import ElementTree

VERSION_RE = re.compile(r'^11\.0\.\d+\.\d+\.\d+$')
LICENSES = ('LGPL-3', 'AGPL-3')
MANIFEST_KEYS = ('name', 'version', 'license', 'depends', 'data', 'installable')
SQL_MARK = '# sql-composed:'
BARE_ERRORS = ('UserError', 'ValidationError', 'AccessError')
SUDO_MARK = '# sudo:'
RULES_IMPORT_RE = re.compile(r'^odoo\.addons\.asr_\w+\.rules(\.|$)')
XML_REF_RES = (re.compile(r"""ref\(\s*['"]([\w.]+)['"]"""), re.compile(r'%\(([\w.]+)\)d'))
MODEL_NAME_RE = re.compile(r"""^\s+_name = ['"]([\w.]+)['"]""", re.M)
XML_REF_ATTRS = ('ref', 'inherit_id', 'parent', 'action', 'groups', 'model_id', 'group_id',
                 'menu', 'template')


def _python_files(folder, skip_tests=False):
    for base, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != '__pycache__'
                         and not (skip_tests and d == 'tests'))
        for name in sorted(files):
            if name.endswith('.py'):
                yield os.path.join(base, name)


def _marked(lines, lineno, mark):
    """Whether line ``lineno`` (1-based) or the line above carries ``mark``."""
    here = lines[lineno - 1] if lineno - 1 < len(lines) else ''
    above = lines[lineno - 2] if lineno >= 2 else ''
    return mark in here or above.strip().startswith(mark)


def check_manifest(addon_dir):
    path = os.path.join(addon_dir, '__manifest__.py')
    findings = []
    if not os.path.exists(path):
        return [(path, 1, 'ASR001', 'no __manifest__.py')]
    with open(path, encoding='utf-8') as handle:
        manifest = ast.literal_eval(handle.read())
    for key in MANIFEST_KEYS:
        if key not in manifest:
            findings.append((path, 1, 'ASR001', 'manifest without %r' % key))
    if 'version' in manifest and not VERSION_RE.match(manifest['version']):
        findings.append((path, 1, 'ASR001', 'version %r is not 11.0.x.y.z' % manifest['version']))
    if manifest.get('license') not in LICENSES:
        findings.append((path, 1, 'ASR001', 'license %r is not one of %s'
                         % (manifest.get('license'), ', '.join(LICENSES))))
    for key in ('data', 'demo'):
        for name in manifest.get(key, ()):
            if not os.path.exists(os.path.join(addon_dir, name)):
                findings.append((path, 1, 'ASR001', '%s file %s does not exist' % (key, name)))
    return findings


def _literal(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


def _extends_itself(values):
    """``_name`` repeated in ``_inherit``: an extension of the model, described where the
    model is defined."""
    inherit = _literal(values['_inherit']) if '_inherit' in values else None
    inherit = [inherit] if isinstance(inherit, str) else list(inherit or ())
    return _literal(values['_name']) in inherit


def _is_formatting(node):
    return (isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add))
            or isinstance(node, ast.JoinedStr)
            or (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == 'format'))


def check_python(path, in_rules=False, in_controllers=False):
    with open(path, encoding='utf-8') as handle:
        source = handle.read()
    lines = source.splitlines()
    tree = ast.parse(source, path)
    findings = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            values = {target.id: stmt.value for stmt in node.body
                      if isinstance(stmt, ast.Assign)
                      for target in stmt.targets if isinstance(target, ast.Name)}
            if '_name' in values and '_description' not in values \
                    and not _extends_itself(values):
                findings.append((path, node.lineno, 'ASR002',
                                 'model class %s without _description' % node.name))
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id == '_' and node.args \
                    and _is_formatting(node.args[0]):
                findings.append((path, node.lineno, 'ASR003',
                                 'translation of a formatted string: format after _()'))
            if isinstance(func, ast.Attribute) and func.attr == 'execute' and node.args:
                query = node.args[0]
                if (_is_formatting(query) or isinstance(query, ast.Name)) \
                        and not _marked(lines, node.lineno, SQL_MARK):
                    findings.append((path, node.lineno, 'ASR004',
                                     'SQL composed by formatting: pass values as parameters, '
                                     'or say why with "%s"' % SQL_MARK))
            if in_controllers and isinstance(func, ast.Attribute) and func.attr == 'sudo' \
                    and not _marked(lines, node.lineno, SUDO_MARK):
                findings.append((path, node.lineno, 'ASR005',
                                 'sudo() in a controller: say why with "%s"' % SUDO_MARK))
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) \
                and isinstance(node.exc.func, ast.Name) and node.exc.func.id in BARE_ERRORS:
            findings.append((path, node.lineno, 'ASR010',
                             'raise %s: raise the keyed Asr%s with a key naming the check'
                             % (node.exc.func.id, node.exc.func.id)))
        elif isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
            last = node.values[-1]
            if isinstance(last, ast.Num) and last.n and not isinstance(last.n, bool):
                findings.append((path, node.lineno, 'ASR007',
                                 'silent fallback "or %s": a required field with a default'
                                 % last.n))
        elif isinstance(node, ast.Compare) and _superuser_by_id(node):
            findings.append((path, node.lineno, 'ASR008',
                             "the superuser by its id: use env.ref('base.user_root') or "
                             "SUPERUSER_ID"))
        elif in_rules and isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) \
                else [node.module or '']
            if any((name == 'odoo' or name.startswith('odoo.'))
                   and not RULES_IMPORT_RE.match(name) for name in modules):
                findings.append((path, node.lineno, 'ASR006',
                                 'a rules module imports odoo: keep the rules plain Python'))
    return findings


def _superuser_by_id(node):
    """``x.id == 1``, ``uid != 1`` and the like."""
    sides = [node.left] + list(node.comparators)
    named = any(isinstance(side, ast.Attribute) and side.attr in ('id', 'uid', '_uid')
                or isinstance(side, ast.Name) and side.id in ('uid', 'user_id')
                for side in sides)
    return named and any(isinstance(side, ast.Num) and side.n == 1 for side in sides)


def _xml_ids(addon_dir):
    """{xml id: [(path, line)]} defined by the XML files of an addon, and the references
    [(path, line, full id)] they make."""
    defined, refs = {}, []
    addon = os.path.basename(addon_dir)
    for base, dirs, files in os.walk(addon_dir):
        dirs[:] = sorted(d for d in dirs if d not in ('static', 'tests', '__pycache__'))
        for name in sorted(files):
            if not name.endswith('.xml'):
                continue
            path = os.path.join(base, name)
            with open(path, encoding='utf-8') as handle:
                source = handle.read()
            for element in ElementTree.fromstring(source).iter():
                line = _line_of(source, element)
                xml_id = element.get('id')
                if xml_id and element.tag in ('record', 'template', 'menuitem', 'report',
                                              'act_window'):
                    full = xml_id if '.' in xml_id else '%s.%s' % (addon, xml_id)
                    defined.setdefault(full, []).append((path, line))
                texts = [element.get(attr) or '' for attr in XML_REF_ATTRS
                         if element.tag != 'field' or attr == 'ref']
                texts += [element.get('eval') or '', element.text or '',
                          element.get('name') or '' if element.tag == 'button' else '']
                for text in texts:
                    for regex in XML_REF_RES:
                        refs += [(path, line, ref) for ref in regex.findall(text)]
                for attr in XML_REF_ATTRS:
                    value = element.get(attr)
                    if value and (element.tag != 'field' or attr == 'ref') \
                            and not ('(' in value or ' ' in value):
                        refs += [(path, line, ref.strip().lstrip('!'))
                                 for ref in value.split(',') if ref.strip()]
        for name in sorted(files):
            path = os.path.join(base, name)
            if name.endswith('.py'):   # each model defines model_<name> (ir.model)
                with open(path, encoding='utf-8') as handle:
                    for model in MODEL_NAME_RE.findall(handle.read()):
                        defined.setdefault('%s.model_%s' % (addon, model.replace('.', '_')),
                                           []).append((path, 1))
            elif name.endswith('.csv'):
                with open(path, encoding='utf-8') as handle:
                    for number, row in enumerate(handle.read().splitlines()[1:], start=2):
                        xml_id = row.split(',')[0].strip()
                        if xml_id:
                            defined.setdefault('%s.%s' % (addon, xml_id), []).append(
                                (path, number))
    refs = [(path, line, ref if '.' in ref else '%s.%s' % (addon, ref))
            for path, line, ref in refs]
    return defined, refs


def _line_of(source, element):
    """The line of an element's id in the file (ElementTree keeps no line numbers)."""
    xml_id = element.get('id')
    if not xml_id:
        return 1
    index = source.find('id="%s"' % xml_id)
    return source.count('\n', 0, index) + 1 if index >= 0 else 1


def check_xml_ids(addons):
    """ASR009 over all ASR addons at once (an addon may refer to another's ids)."""
    findings, defined, refs = [], {}, []
    for addon in sorted(os.listdir(addons)):
        addon_dir = os.path.join(addons, addon)
        if not os.path.isdir(addon_dir):
            continue
        addon_defined, addon_refs = _xml_ids(addon_dir)
        for xml_id, places in addon_defined.items():
            files = sorted({path for path, _line in places})
            if xml_id.split('.')[0] == addon and len(files) > 1:
                findings.append((files[1], dict(places)[files[1]], 'ASR009',
                                 'xml id %s defined in two files (%s)' % (
                                     xml_id, os.path.basename(files[0]))))
            defined.setdefault(xml_id, []).extend(places)
        refs += addon_refs
    local = {name for name in os.listdir(addons) if os.path.isdir(os.path.join(addons, name))}
    for path, line, ref in refs:
        if ref.split('.')[0] in local and ref not in defined:
            findings.append((path, line, 'ASR009', 'reference to an unknown xml id %s' % ref))
    return findings


def odoo_checks(root):
    findings = []
    addons = os.path.join(root, 'addons')
    for addon in sorted(os.listdir(addons)):
        addon_dir = os.path.join(addons, addon)
        if not os.path.isdir(addon_dir):
            continue
        findings += check_manifest(addon_dir)
        for path in _python_files(addon_dir, skip_tests=True):
            relative = os.path.relpath(path, addon_dir).split(os.sep)
            findings += check_python(path, in_rules=relative[0] == 'rules',
                                     in_controllers=relative[0] == 'controllers')
    return findings + check_xml_ids(addons)


def main(argv):
    args = [arg for arg in argv[1:] if not arg.startswith('--')]
    root = os.path.abspath(args[0]) if args else \
        os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    status = 0
    if '--no-flake8' not in argv:
        targets = [name for name in ('addons', 'tests', 'scripts', 'bench')
                   if os.path.isdir(os.path.join(root, name))]
        status = subprocess.call([sys.executable, '-m', 'flake8'] + targets, cwd=root)
    findings = odoo_checks(root)
    for path, line, code, message in findings:
        print('%s:%s: %s %s' % (os.path.relpath(path, root), line, code, message))
    if findings or status:
        print('[lint] %d Odoo finding(s)%s' % (len(findings),
                                               ', flake8 failed' if status else ''))
        return 1
    print('[lint] flake8 and the Odoo checks: nothing to report')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
