#!/usr/bin/env bash
# make demo: set up, create (or reuse) the French demo database asr_demo, serve Odoo.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$ROOT/scripts/setup.sh"
source "$ROOT/scripts/env.sh"
DB=asr_demo
MODULES=asr_charter,asr_clauses,asr_beneficiaries,asr_reporting
if [ "${RESET:-0}" = 1 ] && db_exists "$DB"; then
    echo "[demo] RESET=1: dropping $DB"
    dropdb "$DB"
fi
if db_exists "$DB"; then
    echo "[demo] reusing the database $DB (make demo RESET=1 rebuilds it)"
else
    echo "[demo] creating $DB with the ASR addons, their demo data and French (a few minutes)"
    "$VENV/bin/python" "$ROOT/scripts/db.py" "$CONF" "$DB" --modules "$MODULES" --demo \
        --lang fr_FR > "$ROOT/.run/demo-install.log" 2>&1 || {
        tail -40 "$ROOT/.run/demo-install.log"; echo "[demo] install failed, see .run/demo-install.log"; exit 1; }
fi
port=$(sed -n 's/^http_port *= *//p' "$CONF")
cat <<MSG

  ASR demo: http://127.0.0.1:${port}/web      (database $DB)
  Logins (password = login):
    admin         administrateur (ASR / Responsable)
    acheteur      Claire Martin, acheteuse (ASR / Acheteur)
    responsable   Karim Benali, responsable achats (ASR / Responsable)
    finance       Sophie Lefèvre, finance (ASR / Finance)
    suivi         Inès Morel, chargée de suivi PCI (ASR / Données personnelles : bénéficiaires,
                  validation des heures, import des relevés)
    facilitateur  Nadia Haddad, facilitatrice PCI (portail : http://127.0.0.1:${port}/my ;
                  avis sur les marchés : /my/asr/markets)
  Stop with Ctrl-C.

MSG
exec "$VENV/bin/python" "$ROOT/scripts/odoo-bin" -c "$CONF" -d "$DB" --db-filter="^${DB}\$" \
    --without-demo=
