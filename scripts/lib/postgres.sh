# Sourced by scripts/test: a private PostgreSQL server for the run-catalog tests (docs/catalog.md).
# Installs Debian's postgresql when missing (without its default cluster), starts a throw-away cluster in a temp
# directory on a free loopback port as an unprivileged user (PostgreSQL refuses to run as root), and exports
# JIOC_TEST_PG_URL / JIOC_TEST_PG_USER for the JUnit and pytest catalog tests. jioc_pg_stop stops it by its PID.
# Where PostgreSQL cannot be installed the variables stay unset and those tests are skipped, saying why.
JIOC_PG_DIR=""
JIOC_PG_PID=""
JIOC_PG_RUNAS=()

jioc_pg_start() {
  local root=$1
  if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    echo "installing postgresql" >&2
    # The package would create and start a "main" cluster on port 5432; the tests need only their own.
    if [[ ! -e /etc/postgresql-common/createcluster.conf ]]; then
      mkdir -p /etc/postgresql-common
      echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
    fi
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >&2 \
      || { echo "== PostgreSQL: cannot install Debian's postgresql; the PostgreSQL catalog tests are skipped" >&2; return 0; }
  fi
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  if [[ $(id -u) -eq 0 ]]; then
    local user=nobody
    getent passwd postgres >/dev/null && user=postgres
    JIOC_PG_RUNAS=(runuser -u "$user" --)
  fi
  JIOC_PG_DIR=$(mktemp -d /tmp/jioc-pg.XXXXXX)
  [[ $(id -u) -eq 0 ]] && chown "${JIOC_PG_RUNAS[2]}" "$JIOC_PG_DIR"
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  if ! "${JIOC_PG_RUNAS[@]}" "$bin/initdb" -D "$JIOC_PG_DIR/data" -U jioc --auth=trust -E UTF8 --no-sync \
        >"$JIOC_PG_DIR/initdb.log" 2>&1; then
    echo "== PostgreSQL: initdb failed; the PostgreSQL catalog tests are skipped:" >&2
    tail -5 "$JIOC_PG_DIR/initdb.log" >&2
    return 0
  fi
  if ! "${JIOC_PG_RUNAS[@]}" "$bin/pg_ctl" -D "$JIOC_PG_DIR/data" -l "$JIOC_PG_DIR/server.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $JIOC_PG_DIR -c fsync=off" start >/dev/null; then
    echo "== PostgreSQL: the server did not start; the PostgreSQL catalog tests are skipped:" >&2
    tail -5 "$JIOC_PG_DIR/server.log" >&2
    return 0
  fi
  JIOC_PG_PID=$(head -1 "$JIOC_PG_DIR/data/postmaster.pid")
  export JIOC_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/postgres" JIOC_TEST_PG_USER=jioc
  export JIOC_TEST_PG_PSQL="$bin/psql"
  echo "== PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (pid $JIOC_PG_PID)"
}

jioc_pg_stop() {
  [[ -n "$JIOC_PG_PID" ]] || return 0
  # SIGINT is PostgreSQL's "fast shutdown"; wait for that PID only.
  kill -INT "$JIOC_PG_PID" 2>/dev/null || true
  local i
  for i in $(seq 100); do kill -0 "$JIOC_PG_PID" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$JIOC_PG_PID" 2>/dev/null && kill -KILL "$JIOC_PG_PID" 2>/dev/null
  JIOC_PG_PID=""
  if [[ -n "$JIOC_PG_DIR" ]]; then rm -rf "$JIOC_PG_DIR"; fi
}
