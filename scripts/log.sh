# Progress and error helpers shared by the scripts.
# shellcheck shell=bash
WSPEC_T0="${WSPEC_T0:-$(date +%s)}"
export WSPEC_T0
step() { printf '[wspec %4ss] %s\n' "$(( $(date +%s) - WSPEC_T0 ))" "$*" >&2; }
die() { printf 'wspec: %s\n' "$*" >&2; exit 1; }
# Runs a long command, printing a heartbeat every 30 s so a cold build visibly progresses.
with_heartbeat() {
  local label="$1"; shift
  local start; start=$(date +%s)
  "$@" &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && step "$label: still working ($(( $(date +%s) - start ))s)"
  done
  wait "$pid"
}
