#!/usr/bin/env bash
# Starts a throw-away PostgreSQL on 127.0.0.1 for ler-server's two-instance test, and prints the
# line to export its URL:   eval "$(bash .ci/postgres.sh)"
# Installs Debian's postgresql when missing (CI runs as root); the server runs as the
# unprivileged `postgres` user (initdb refuses root), with its data in a temporary folder, and
# stops when its folder is removed or the machine's session ends.
set -euo pipefail

PORT=${LER_TEST_POSTGRES_PORT:-55432}
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "echo 'postgresql is not installed and this is not root: PostgreSQL tests skip' >&2"
        exit 0
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
BIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n1)")
RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    RUN_AS=(runuser -u postgres --)
fi
DATA=$(mktemp -d /tmp/ler-pg.XXXXXX)
[ "$(id -u)" -eq 0 ] && chown postgres "$DATA"
"${RUN_AS[@]}" "$BIN/initdb" -D "$DATA/db" -U ler --auth=trust -E UTF8 >&2
"${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DATA/db" -l "$DATA/log" -w \
    -o "-h 127.0.0.1 -p $PORT -k $DATA -c fsync=off" start >&2
"${RUN_AS[@]}" "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U ler ler_test >&2
echo "export LER_TEST_POSTGRES_URL=postgres://ler@127.0.0.1:$PORT/ler_test"
echo "export LER_TEST_POSTGRES_DATA=$DATA"
