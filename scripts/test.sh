#!/usr/bin/env bash
# make test: set up, refresh the template database when an addon changed, run the whole suite.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$ROOT/scripts/setup.sh" --browser
source "$ROOT/scripts/env.sh"
cd "$ROOT"
# the lint gate first: flake8 and the Odoo-aware checks (scripts/lint.py); a finding stops here
"$VENV/bin/python" scripts/lint.py
TPL=asr_test_tpl
DEMO_TPL=asr_test_demo_tpl
DB=asr_test
MODULES=asr_charter,asr_clauses,asr_beneficiaries,asr_reporting
want=$( (find addons -type f ! -name '*.pyc' ! -path '*/__pycache__/*' -print0 | sort -z \
         | xargs -0 sha1sum; sha1sum requirements.txt requirements-oca.txt scripts/db.py) \
        | sha1sum | cut -c1-40)
# template databases, rebuilt when an addon changed: $TPL without demo data (the tests seed
# their own), $DEMO_TPL with the French demo (the browser journeys start from it, as a user
# of `make demo` would)
build_template() {
    local name=$1; shift
    local have
    have=$(psql -tAc "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname='$name'")
    if [ "$have" != "$want" ]; then
        echo "[test] addons changed: rebuilding the template database $name"
        dropdb --if-exists "$name"
        if ! "$VENV/bin/python" scripts/db.py "$CONF" "$name" --modules "$MODULES" --lang fr_FR \
                --attachments-in-db "$@" > ".run/test-install-$name.log" 2>&1; then
            tail -60 ".run/test-install-$name.log"; dropdb --if-exists "$name"; exit 1
        fi
        psql -qc "COMMENT ON DATABASE $name IS '$want'"
    else
        echo "[test] template database $name is up to date: no install"
    fi
}
build_template "$TPL"
build_template "$DEMO_TPL" --demo
dropdb --if-exists "$DB"
createdb -T "$TPL" "$DB"
# pytest-odoo reads HOST/PORT/USER/PASSWORD from the environment as database settings
unset HOST PORT USER PASSWORD
export ASR_TEST_TEMPLATE="$TPL" ASR_TEST_DEMO_TEMPLATE="$DEMO_TPL" ASR_ODOO_CONF="$CONF"
exec "$VENV/bin/pytest" --odoo-config="$CONF" --odoo-database="$DB" "$@"
