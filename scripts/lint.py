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
"""
import ast
import os
import re
import subprocess
import sys

VERSION_RE = re.compile(r'^11\.0\.\d+\.\d+\.\d+$')
LICENSES = ('LGPL-3', 'AGPL-3')
MANIFEST_KEYS = ('name', 'version', 'license', 'depends', 'data', 'installable')
SQL_MARK = '# sql-composed:'
SUDO_MARK = '# sudo:'
RULES_IMPORT_RE = re.compile(r'^odoo\.addons\.asr_\w+\.rules(\.|$)')


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
        elif in_rules and isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) \
                else [node.module or '']
            if any((name == 'odoo' or name.startswith('odoo.'))
                   and not RULES_IMPORT_RE.match(name) for name in modules):
                findings.append((path, node.lineno, 'ASR006',
                                 'a rules module imports odoo: keep the rules plain Python'))
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
    return findings


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
