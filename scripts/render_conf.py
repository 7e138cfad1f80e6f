"""Render odoo.conf into .run/odoo.conf: absolute paths and environment overrides.

Overrides: ASR_DB_HOST, ASR_DB_PORT, ASR_DB_USER, ASR_DB_PASSWORD, ASR_HTTP_PORT.
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
}


def render(src, dst):
    root = os.path.dirname(os.path.abspath(src))
    conf = configparser.ConfigParser(inline_comment_prefixes=None)
    conf.read(src)
    opts = conf['options']
    opts['addons_path'] = ','.join(
        os.path.join(root, p.strip()) if not os.path.isabs(p.strip()) else p.strip()
        for p in opts['addons_path'].split(','))
    if not os.path.isabs(opts.get('data_dir', '')):
        opts['data_dir'] = os.path.join(root, opts.get('data_dir') or '.run/filestore')
    for env, key in OVERRIDES.items():
        if os.environ.get(env):
            opts[key] = os.environ[env]
    with open(dst, 'w') as fh:
        conf.write(fh)


if __name__ == '__main__':
    render(sys.argv[1], sys.argv[2])
