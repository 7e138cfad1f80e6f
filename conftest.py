"""Root pytest configuration.

pytest-odoo 1.0.1 looks for an addon manifest above every collected path and crashes on paths
that are not inside an addon (it then reads '/__manifest__.py'). Its hook is 'firstresult', so
answering first for those paths (collect them: they are ours) keeps it from running there;
likewise its module factory would import every test module as an addon module.
"""
from pathlib import Path

MANIFEST = '__manifest__.py'


def _inside_addon(path):
    # the same walk as pytest-odoo's _find_manifest_path
    level = 0
    while level < 5 and not (path.parent / MANIFEST).is_file():
        path = path.parent
        level += 1
    return (path.parent / MANIFEST).is_file()


def pytest_ignore_collect(collection_path, config):
    path = Path(str(collection_path))
    if '__pycache__' in path.parts:
        return True
    if not _inside_addon(path):
        return False
    return None


def pytest_pycollect_makemodule(module_path, parent):
    """Plain pytest modules outside the addons (pytest-odoo would import them as addons)."""
    import pytest
    path = Path(str(module_path))
    if _inside_addon(path):
        return None
    if path.name == '__init__.py':
        return pytest.Package.from_parent(parent, path=path)
    return pytest.Module.from_parent(parent, path=path)
