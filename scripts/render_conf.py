"""Render an Odoo configuration (odoo.conf, deploy/odoo.prod.conf) into .run/: absolute paths,
computed values and environment overrides.

    python scripts/render_conf.py odoo.conf .run/odoo.conf
    python scripts/render_conf.py deploy/odoo.prod.conf .run/odoo.prod.conf   (make prod-conf)

Relative paths (addons_path, data_dir, logfile) are taken from the template's directory.
``workers = auto`` becomes 2 x cores + 1 (cores: ASR_CORES, else the machine's).
Overrides: ASR_DB_HOST, ASR_DB_PORT, ASR_DB_USER, ASR_DB_PASSWORD, ASR_HTTP_PORT, and for a
production profile ASR_DB_NAME (db_name and dbfilter ^name$), ASR_WORKERS, ASR_DATA_DIR,
ASR_LOGFILE, ASR_ADMIN_PASSWD.
"""
import configparser
import os
import sys

OVERRIDES = {
    'ASR_DB_HOST': 'db_host',
    'ASR_DB_PORT': 'db_port',
    'ASR_DB_USER': 'db_user',
    'ASR_DB_PASSWORD': 'db_password',
    'ASR_HTTP_PORT': 'http_port',
    'ASR_WORKERS': 'workers',
    'ASR_DATA_DIR': 'data_dir',
    'ASR_LOGFILE': 'logfile',
    'ASR_ADMIN_PASSWD': 'admin_passwd',
}


def auto_workers(cores=None):
    """The rule of thumb for Odoo's prefork server: 2 workers per core, plus one."""
    cores = cores or int(os.environ.get('ASR_CORES') or 0) or os.cpu_count() or 1
    return 2 * cores + 1


def _absolute(root, path):
    return path if os.path.isabs(path) else os.path.normpath(os.path.join(root, path))


def render(src, dst):
    root = os.path.dirname(os.path.abspath(src))
    conf = configparser.ConfigParser(inline_comment_prefixes=None, interpolation=None)
    conf.read(src)
    opts = conf['options']
    opts['addons_path'] = ','.join(_absolute(root, p.strip())
                                   for p in opts['addons_path'].split(','))
    opts['data_dir'] = _absolute(root, opts.get('data_dir') or '.run/filestore')
    for env, key in OVERRIDES.items():
        if os.environ.get(env):
            opts[key] = os.environ[env]
    if os.environ.get('ASR_DB_NAME'):
        opts['db_name'] = os.environ['ASR_DB_NAME']
        opts['dbfilter'] = '^%s$' % os.environ['ASR_DB_NAME']
    if opts.get('workers', '').strip() == 'auto':
        opts['workers'] = str(auto_workers())
    if opts.get('logfile') not in (None, '', 'False'):
        opts['logfile'] = _absolute(root, opts['logfile'])
        os.makedirs(os.path.dirname(opts['logfile']), exist_ok=True)
    with open(dst, 'w') as fh:
        conf.write(fh)


if __name__ == '__main__':
    render(sys.argv[1], sys.argv[2])
