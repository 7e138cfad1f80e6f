# Sourced by the scripts: paths, PATH with lessc, and libpq variables from .run/odoo.conf.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"
CONF="$ROOT/.run/odoo.conf"
export PATH="$ROOT/node_modules/.bin:$VENV/bin:$PATH"
eval "$("$VENV/bin/python" - "$CONF" <<'PY'
import configparser, shlex, sys
c = configparser.ConfigParser(); c.read(sys.argv[1]); o = c['options']
for env, key in (('PGHOST', 'db_host'), ('PGPORT', 'db_port'), ('PGUSER', 'db_user'),
                 ('PGPASSWORD', 'db_password')):
    if o.get(key) not in (None, '', 'False'):
        print('export %s=%s' % (env, shlex.quote(o[key])))
PY
)"
export PGDATABASE=postgres
db_exists() { [ "$(psql -tAc "SELECT 1 FROM pg_database WHERE datname='$1'")" = 1 ]; }
odoo_run() { "$VENV/bin/python" "$ROOT/scripts/odoo-bin" -c "$CONF" "$@"; }
