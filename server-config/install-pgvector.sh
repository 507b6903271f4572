#!/usr/bin/env bash
# Builds and installs the pgvector extension into the local PostgreSQL (as root), the way STACK.md
# measured it: Debian bookworm ships no pgvector package, but trixie's *source* package builds against
# PostgreSQL 15 in about 25 s. The trixie deb-src list lives in a private apt configuration under a
# temporary directory; the system's sources are never touched.
#
#   bash server-config/install-pgvector.sh          install when `vector` is not available yet
#
# Idempotent: does nothing when pg_available_extensions already lists `vector`.
# Exit codes: 0 installed or already there; 1 the build or install failed (loud: that is a bug to fix);
# 2 the prerequisites cannot be fetched (apt/network down, not root) - callers may go on without pgvector.
set -euo pipefail

say() { echo "install-pgvector: $*" >&2; }
PSQL=(psql -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-postgres}" -d postgres -tAqc)
MIRROR=${PGVECTOR_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=${PGVECTOR_DEBIAN_SUITE:-trixie}

available() {
  [[ "$("${PSQL[@]}" "select count(*) from pg_available_extensions where name = 'vector'" 2>/dev/null)" == "1" ]]
}

if available; then
  say "the vector extension is already available; nothing to do"
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  say "not root: cannot install packages or write into PostgreSQL's directories" >&2
  exit 2
fi
# the running server's major version (pg_config may not exist before the -dev package is installed)
PG_MAJOR=$("${PSQL[@]}" "select current_setting('server_version_num')::int / 10000" 2>/dev/null || true)
[[ "$PG_MAJOR" =~ ^[0-9]+$ ]] || { say "cannot reach PostgreSQL to tell its version (is it running on ${PGHOST:-127.0.0.1}:${PGPORT:-5432}?)"; exit 2; }

work=$(mktemp -d /tmp/pgvector-build.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/src"
echo "deb-src $MIRROR $SUITE main" > "$work/sources.list"
APT_PRIVATE=(-o Dir::Etc::SourceList="$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
             -o Dir::State::Lists="$work/lists" -o Dir::Cache="$work/cache" -o APT::Get::List-Cleanup=false)

say "installing postgresql-server-dev-$PG_MAJOR and the build tools (system apt sources)"
if ! { DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
         "postgresql-server-dev-$PG_MAJOR" make gcc dpkg-dev >"$work/apt-install.log" 2>&1 \
       || { apt-get update -q >"$work/apt-update.log" 2>&1 \
            && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
                 "postgresql-server-dev-$PG_MAJOR" make gcc dpkg-dev >"$work/apt-install.log" 2>&1; }; }; then
  tail -20 "$work/apt-install.log" >&2 || true
  say "cannot install postgresql-server-dev-$PG_MAJOR (apt or network unavailable?)"
  exit 2
fi

say "fetching the pgvector source package from $MIRROR $SUITE (private apt configuration)"
if ! apt-get "${APT_PRIVATE[@]}" update -q >"$work/apt-src-update.log" 2>&1; then
  tail -20 "$work/apt-src-update.log" >&2 || true
  say "cannot read the $SUITE source list from $MIRROR"
  exit 2
fi
if ! (cd "$work/src" && apt-get "${APT_PRIVATE[@]}" source --download-only -q pgvector >"$work/apt-source.log" 2>&1); then
  tail -20 "$work/apt-source.log" >&2 || true
  say "cannot download the pgvector source package"
  exit 2
fi

# From here on every failure is loud (exit 1): the sources are here, so a failure is a real bug.
dsc=$(ls "$work"/src/pgvector_*.dsc | head -1)
(cd "$work/src" && dpkg-source --no-check -x "$(basename "$dsc")" build >"$work/extract.log" 2>&1) || {
  cat "$work/extract.log" >&2; say "cannot unpack $dsc"; exit 1; }
say "building $(basename "$dsc" .dsc) against PostgreSQL $PG_MAJOR"
PG_CONFIG=/usr/lib/postgresql/$PG_MAJOR/bin/pg_config
[[ -x "$PG_CONFIG" ]] || { say "$PG_CONFIG is missing after installing postgresql-server-dev-$PG_MAJOR"; exit 1; }
(cd "$work/src/build" && make PG_CONFIG="$PG_CONFIG" with_llvm=no OPTFLAGS="" >"$work/make.log" 2>&1 \
   && make PG_CONFIG="$PG_CONFIG" with_llvm=no install >>"$work/make.log" 2>&1) || {
  tail -40 "$work/make.log" >&2; say "building or installing pgvector failed"; exit 1; }

if ! available; then
  say "installed, but PostgreSQL does not list the vector extension (is the server on ${PGHOST:-127.0.0.1}:${PGPORT:-5432} another installation than /usr/lib/postgresql/$PG_MAJOR?)"
  exit 1
fi
say "the vector extension is available: $("${PSQL[@]}" "select default_version from pg_available_extensions where name = 'vector'")"
