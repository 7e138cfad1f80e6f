#!/usr/bin/env bash
# make test: set up, refresh the template database when an addon changed, run the whole suite.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$ROOT/scripts/setup.sh" --browser
source "$ROOT/scripts/env.sh"
cd "$ROOT"
TPL=asr_test_tpl
DB=asr_test
MODULES=asr_charter,asr_clauses,asr_beneficiaries,asr_reporting
want=$( (find addons -type f ! -name '*.pyc' ! -path '*/__pycache__/*' -print0 | sort -z \
         | xargs -0 sha1sum; sha1sum requirements.txt requirements-oca.txt scripts/db.py) \
        | sha1sum | cut -c1-40)
have=$(psql -tAc "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname='$TPL'")
if [ "$have" != "$want" ]; then
    echo "[test] addons changed: rebuilding the template database $TPL"
    dropdb --if-exists "$TPL"
    if ! "$VENV/bin/python" scripts/db.py "$CONF" "$TPL" --modules "$MODULES" --lang fr_FR --attachments-in-db \
            > .run/test-install.log 2>&1; then
        tail -60 .run/test-install.log; dropdb --if-exists "$TPL"; exit 1
    fi
    psql -qc "COMMENT ON DATABASE $TPL IS '$want'"
else
    echo "[test] template database $TPL is up to date: no install"
fi
dropdb --if-exists "$DB"
createdb -T "$TPL" "$DB"
# pytest-odoo reads HOST/PORT/USER/PASSWORD from the environment as database settings
unset HOST PORT USER PASSWORD
export ASR_TEST_TEMPLATE="$TPL" ASR_ODOO_CONF="$CONF"
exec "$VENV/bin/pytest" --odoo-config="$CONF" --odoo-database="$DB" "$@"
