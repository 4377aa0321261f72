#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests and benchmarks: never a server to keep data in.
#
#   scripts/postgres.sh start          install PostgreSQL if missing, start a fresh server on 127.0.0.1
#                                      on a free port, print its URL (the only line on stdout)
#   scripts/postgres.sh stop URL|PORT  stop a server this script started and delete its data
#   scripts/postgres.sh install        install the server from Debian's packages when no binaries are found
#
# The server trusts every local connection, keeps its data under $DIPLOGRAPH_PG_ROOT (default /tmp)
# and runs without fsync: it is fast and disposable. initdb refuses to run as root, so under root
# (as in CI) the server runs as the 'postgres' user, created by Debian's package, or as a system
# user 'diplograph-pg' created here. Set PG_BINDIR to use server binaries from elsewhere.
set -euo pipefail

ROOT=${DIPLOGRAPH_PG_ROOT:-/tmp}
PREFIX=diplograph-pg-
SUPERUSER=diplograph

log() { echo "postgres.sh: $*" >&2; }
die() {
    log "$*"
    exit 1
}

# The directory holding initdb, pg_ctl and postgres, or nothing.
find_bindir() {
    local dir initdb
    if [ -n "${PG_BINDIR:-}" ]; then
        [ -x "$PG_BINDIR/initdb" ] && [ -x "$PG_BINDIR/pg_ctl" ] && [ -x "$PG_BINDIR/postgres" ] \
            || die "PG_BINDIR=$PG_BINDIR does not hold initdb, pg_ctl and postgres"
        echo "$PG_BINDIR"
        return 0
    fi
    # Debian keeps the server binaries off PATH, one directory per major version: take the newest.
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
            echo "$dir"
            return 0
        fi
    done
    initdb=$(command -v initdb || true)
    if [ -n "$initdb" ]; then
        dir=$(dirname "$(readlink -f "$initdb")")
        if [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
            echo "$dir"
            return 0
        fi
    fi
    return 1
}

install_server() {
    local sudo="" conf=/etc/postgresql-common/createcluster.conf
    if find_bindir >/dev/null; then
        return 0
    fi
    command -v apt-get >/dev/null \
        || die "no PostgreSQL server binaries and no apt-get: install PostgreSQL, or set PG_BINDIR"
    if [ "$(id -u)" != 0 ]; then
        sudo -n true 2>/dev/null \
            || die "no PostgreSQL server binaries; install them as root: apt-get install postgresql"
        sudo="sudo -n"
    fi
    log "installing PostgreSQL from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq >&2
    $sudo apt-get install -y -qq --no-install-recommends postgresql-common >&2
    # No default cluster: it would start a server on port 5432 that nothing here uses.
    if [ -f "$conf" ]; then
        $sudo sed -i -E 's/^#?[[:space:]]*create_main_cluster[[:space:]]*=.*/create_main_cluster = false/' "$conf"
    fi
    $sudo apt-get install -y -qq --no-install-recommends postgresql >&2
    find_bindir >/dev/null || die "PostgreSQL was installed but its server binaries were not found"
}

# The unprivileged account the server runs as when this script runs as root.
server_user() {
    if id -u postgres >/dev/null 2>&1; then
        echo postgres
        return 0
    fi
    if ! id -u diplograph-pg >/dev/null 2>&1; then
        useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin diplograph-pg \
            || die "running as root and could not create a user for the server"
    fi
    echo diplograph-pg
}

# Run a command as the server's user, from a directory that user can read.
as_server_user() {
    local dir=$1
    shift
    if [ "$(id -u)" != 0 ]; then
        (cd "$dir" && "$@")
    else
        (cd "$dir" && runuser -u "$(server_user)" -- "$@")
    fi
}

free_port() {
    if command -v python3 >/dev/null; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
        return 0
    fi
    local port
    while true; do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
}

start_server() {
    local bindir port dir attempt
    install_server
    bindir=$(find_bindir)
    for attempt in 1 2 3; do
        port=$(free_port)
        dir="$ROOT/$PREFIX$port"
        [ -e "$dir" ] && continue
        mkdir -m 700 "$dir"
        if [ "$(id -u)" = 0 ]; then
            chown "$(server_user)" "$dir"
        fi
        if ! as_server_user "$dir" "$bindir/initdb" -D "$dir/data" -U "$SUPERUSER" -A trust -E UTF8 \
            --locale=C >"$dir/initdb.log" 2>&1; then
            cat "$dir/initdb.log" >&2
            rm -rf "$dir"
            die "initdb failed (attempt $attempt)"
        fi
        # Throwaway data: no fsync, and a socket in the server's own directory, not /var/run.
        if as_server_user "$dir" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -s -w -t 60 \
            -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
                -c full_page_writes=off -c max_connections=200" start >&2; then
            echo "postgresql://$SUPERUSER@127.0.0.1:$port/postgres"
            return 0
        fi
        cat "$dir/data/server.log" >&2 || true
        rm -rf "$dir"
        log "could not start a server on port $port (attempt $attempt)"
    done
    die "could not start PostgreSQL"
}

stop_server() {
    local target=${1:-} port dir bindir
    [ -n "$target" ] || die "usage: $0 stop URL|PORT"
    port=${target#*@}
    port=${port%%/*}
    port=${port##*:}
    [[ $port =~ ^[0-9]+$ ]] || die "not a URL or port: $target"
    dir="$ROOT/$PREFIX$port"
    [ -d "$dir/data" ] || die "no server started by this script on port $port (no $dir/data)"
    bindir=$(find_bindir) || die "PostgreSQL server binaries not found"
    as_server_user "$dir" "$bindir/pg_ctl" -D "$dir/data" -m fast -s -w -t 60 stop >&2 || true
    rm -rf "$dir"
}

case "${1:-}" in
    start) start_server ;;
    stop) stop_server "${2:-}" ;;
    install) install_server ;;
    *) die "usage: $0 start | stop URL|PORT | install" ;;
esac
