#!/usr/bin/env bash
# Apply deploy/postgresql.conf to a PostgreSQL 15 cluster, its memory lines scaled to this host.
#
#   deploy/apply_postgresql.sh                   print what would be applied (nothing changes)
#   deploy/apply_postgresql.sh --conf-d          write /etc/postgresql/15/main/conf.d/90-asr.conf
#   deploy/apply_postgresql.sh --alter-system    ALTER SYSTEM each setting (postgresql.auto.conf)
#   ... --restart                                then restart the cluster (else: reload only)
#
# Memory rules (RAM from /proc/meminfo, or ASR_PG_RAM_MB): shared_buffers = 25 %,
# effective_cache_size = 70 %, maintenance_work_mem = RAM/16 capped at 2 GB; the other lines as
# in deploy/postgresql.conf. Runs psql and pg_ctlcluster as the postgres user (root or sudo).
# Cluster: ASR_PG_VERSION (15) and ASR_PG_CLUSTER (main). shared_buffers, max_connections,
# wal_level and max_wal_senders only take effect after a restart: the script lists what waits.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PROFILE="$ROOT/deploy/postgresql.conf"
VERSION=${ASR_PG_VERSION:-15}
CLUSTER=${ASR_PG_CLUSTER:-main}
MODE=print
RESTART=0
for arg in "$@"; do
    case "$arg" in
        --conf-d) MODE=conf-d ;;
        --alter-system) MODE=alter-system ;;
        --restart) RESTART=1 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "unknown option $arg" >&2; exit 2 ;;
    esac
done

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { (cd / && as_root su postgres -c "$1"); }

port=$(pg_conftool -s "$VERSION" "$CLUSTER" show port 2>/dev/null || echo 5432)
ram_mb=${ASR_PG_RAM_MB:-$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo)}
shared=$((ram_mb / 4))
cache=$((ram_mb * 70 / 100))
maint=$((ram_mb / 16)); [ "$maint" -gt 2048 ] && maint=2048

# the profile without comments, memory lines replaced by the host's values
settings=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$PROFILE" | awk -F'=' -v sb="${shared}MB" \
    -v ec="${cache}MB" -v mw="${maint}MB" '{
        name = $1; gsub(/[[:space:]]/, "", name); value = substr($0, index($0, "=") + 1)
        gsub(/^[[:space:]]+|[[:space:]]+$/, "", value)
        if (name == "shared_buffers") value = sb
        else if (name == "effective_cache_size") value = ec
        else if (name == "maintenance_work_mem") value = mw
        print name " = " value }')

echo "# host: ${ram_mb} MB of RAM, $(nproc) cores; cluster $VERSION/$CLUSTER"
echo "$settings"
case "$MODE" in
    print)
        echo "# (nothing applied: --conf-d or --alter-system applies it)"
        exit 0 ;;
    conf-d)
        target=/etc/postgresql/$VERSION/$CLUSTER/conf.d/90-asr.conf
        { echo "# written by deploy/apply_postgresql.sh from deploy/postgresql.conf"
          echo "$settings"; } | as_root tee "$target" >/dev/null
        as_root chown postgres:postgres "$target"
        echo "# written to $target (postgresql.conf includes conf.d/ on Debian)" ;;
    alter-system)
        while IFS= read -r line; do
            name=${line%% = *}; value=${line#* = }; value=${value//\'/}
            as_postgres "psql -p $port -qtAc \"ALTER SYSTEM SET $name = '$value'\""
        done <<< "$settings"
        echo "# written with ALTER SYSTEM (postgresql.auto.conf)" ;;
esac
if [ "$RESTART" = 1 ]; then
    as_root pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$CLUSTER" restart
    echo "# cluster restarted"
else
    as_root pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$CLUSTER" reload
    pending=$(as_postgres "psql -p $port -qtAc \"SELECT string_agg(name, ', ') FROM pg_settings WHERE pending_restart\"")
    echo "# reloaded; waiting for a restart (--restart): ${pending:-nothing}"
fi
