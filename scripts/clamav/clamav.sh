#!/usr/bin/env bash
# The local virus scanner's database and configuration (see README.md beside this file).
#   clamav.sh db                          builds the test database once; prints its directory
#   clamav.sh conf FILE PORT STREAM_MAX   writes a clamd.conf: loopback TCP PORT, the database,
#                                         StreamMaxLength STREAM_MAX (clamd syntax: 25M, 512K)
# No freshclam here (no internet): the database holds the EICAR test signature and the project's
# own test signatures. WSPEC_CLAMAV_DB names a real database directory to use instead.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# shellcheck source=../toolchain.sh
. "$ROOT/scripts/toolchain.sh"
# shellcheck source=../log.sh
. "$ROOT/scripts/log.sh"

CLAMD_BIN="${WSPEC_CLAMD_BIN:-/usr/sbin/clamd}"

# Keyed by the sources' hash: editing a signature builds a new directory, never a half-updated one.
db_dir() {
  local key; key=$(cat "$HERE/signatures.ndb" "$HERE/hashed-sample.txt" | sha256sum | cut -c1-12)
  printf '%s/clamav-db/%s' "$WSPEC_CACHE" "$key"
}

build_db() {
  if [ -n "${WSPEC_CLAMAV_DB:-}" ]; then
    [ -d "$WSPEC_CLAMAV_DB" ] || die "clamav: WSPEC_CLAMAV_DB=$WSPEC_CLAMAV_DB is not a directory"
    printf '%s' "$WSPEC_CLAMAV_DB"; return
  fi
  local dir; dir=$(db_dir)
  if [ ! -f "$dir/.complete" ]; then
    local st="$dir.staging.$$"; rm -rf "$st"; mkdir -p "$st"
    cp "$HERE/signatures.ndb" "$st/wspec-test.ndb"
    # .hdb lines are MD5:size:name (ClamAV signature format).
    printf '%s:%s:Wspec.Test.HashedSample\n' "$(md5sum < "$HERE/hashed-sample.txt" | cut -d' ' -f1)" \
      "$(wc -c < "$HERE/hashed-sample.txt" | tr -d ' ')" > "$st/wspec-test.hdb"
    touch "$st/.complete"
    rm -rf "$dir"; mkdir -p "$(dirname "$dir")"; mv "$st" "$dir"
    step "clamav: test signature database ready in $dir"
  fi
  printf '%s' "$dir"
}

write_conf() { # FILE PORT STREAM_MAX
  [ $# -eq 3 ] || die "usage: clamav.sh conf FILE PORT STREAM_MAX"
  [[ "$2" =~ ^[0-9]+$ ]] || die "clamav: PORT must be a number, got '$2'"
  [[ "$3" =~ ^[0-9]+[KM]?$ ]] || die "clamav: STREAM_MAX must be like 25M or 512K, got '$3'"
  local db; db=$(build_db)
  mkdir -p "$(dirname "$1")"
  # Foreground: the caller owns the process (its own session, stopped by pid). Logs go to stdout,
  # which the caller captures. SelfCheck reloads a database freshclam updated in production.
  cat > "$1" <<CONF
Foreground yes
LogTime yes
LogVerbose no
DatabaseDirectory $db
TCPSocket $2
TCPAddr 127.0.0.1
StreamMaxLength $3
MaxThreads 4
ReadTimeout 30
CommandReadTimeout 5
SelfCheck 600
ConcurrentDatabaseReload no
CONF
}

case "${1:-}" in
  db) build_db; echo ;;
  conf) shift; write_conf "$@" ;;
  bin) printf '%s\n' "$CLAMD_BIN" ;;
  *) die "usage: clamav.sh db | conf FILE PORT STREAM_MAX | bin" ;;
esac
