#!/usr/bin/env bash
# The local environment: `npm run env -- up|down|status|clean`.
# Starts on loopback, on free ports: etcd + kube-apiserver + kube-controller-manager, a private
# PostgreSQL cluster, Redis with ACLs, S3 (moto), Azure Blob (azurite), GCS (fake-gcs-server) and
# the virus scanner clamd (scripts/clamav), and Mailpit (SMTP with an API to read what was sent)
# once set-up has built it (an on-demand tool: scripts/env/optional-tools.ts).
# Writes .wspec/env.json, the one file tests, the demo and later code read endpoints from.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=toolchain.sh
. "$ROOT/scripts/toolchain.sh"
# shellcheck source=log.sh
. "$ROOT/scripts/log.sh"

STATE="${WSPEC_STATE_DIR:-$ROOT/.wspec}"
RUN="$STATE/run" LOGS="$STATE/logs" DATA="$STATE/data" PKI="$STATE/pki"
export PATH="$ROOT/node_modules/.bin:$STATE/bin:$PATH"
SERVICES=(etcd kube-apiserver kube-controller-manager postgres redis s3 azure-blob gcs clamd)
PG_BIN="/usr/lib/postgresql/$POSTGRES_MAJOR/bin"
AS_PG=(); [ "$(id -u)" = 0 ] && AS_PG=(runuser -u postgres --)

usage() { echo "usage: npm run env -- up|down|status|clean" >&2; exit 2; }

# ---------- ports and secrets (kept across restarts so URLs stay stable) ----------
# SO_REUSEADDR as the servers themselves set it: a port whose old connections linger in TIME_WAIT
# after a crash is still usable, so a restarted service keeps its address.
port_free() { python3 -c 'import socket,sys; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT_NAMES=(ETCD_PORT ETCD_PEER_PORT APISERVER_PORT PG_PORT REDIS_PORT S3_PORT AZURE_PORT GCS_PORT CLAMD_PORT MAILPIT_SMTP_PORT MAILPIT_HTTP_PORT)
load_ports() {
  [ -f "$STATE/ports.env" ] && . "$STATE/ports.env"
  local taken=" "
  for n in "${PORT_NAMES[@]}"; do
    local p="${!n:-}"
    # A port is kept if it is free now, or if our own running service holds it.
    if [ -z "$p" ] || { ! port_free "$p" && ! owned_port "$n"; } || [[ "$taken" == *" $p "* ]]; then
      p=$(free_port); while [[ "$taken" == *" $p "* ]]; do p=$(free_port); done
    fi
    printf -v "$n" '%s' "$p"; taken+="$p "
  done
  : > "$STATE/ports.env"; for n in "${PORT_NAMES[@]}"; do echo "$n=${!n}" >> "$STATE/ports.env"; done
}
owned_port() {
  case "$1" in
    ETCD_PORT|ETCD_PEER_PORT) running etcd ;; APISERVER_PORT) running kube-apiserver ;;
    PG_PORT) running postgres ;; REDIS_PORT) running redis ;; S3_PORT) running s3 ;;
    AZURE_PORT) running azure-blob ;; GCS_PORT) running gcs ;; CLAMD_PORT) running clamd ;;
    MAILPIT_SMTP_PORT|MAILPIT_HTTP_PORT) running mailpit ;; *) return 1 ;;
  esac
}
load_secrets() {
  if [ ! -f "$STATE/secrets.env" ]; then
    ( umask 077; {
      echo "PG_PASSWORD=$(openssl rand -hex 16)"
      echo "REDIS_PASSWORD=$(openssl rand -hex 16)"
      echo "S3_ACCESS_KEY_ID=wspec$(openssl rand -hex 6)"
      echo "S3_SECRET_ACCESS_KEY=$(openssl rand -hex 20)"
      echo "AZURE_ACCOUNT_KEY=$(openssl rand -base64 64 | tr -d '\n')"
      echo "PULUMI_PASSPHRASE=$(openssl rand -hex 16)"
    } > "$STATE/secrets.env" )
  fi
  . "$STATE/secrets.env"
}
AZURE_ACCOUNT=wspeclocal

# ---------- process bookkeeping ----------
pidfile() { printf '%s/%s.pid' "$RUN" "$1"; }
pid_of() {
  if [ "$1" = postgres ]; then head -1 "$(pg_data)/postmaster.pid" 2>/dev/null || true
  else cat "$(pidfile "$1")" 2>/dev/null || true; fi
}
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null && [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" != Z ]; }
running() { alive "$(pid_of "$1")"; }
# spawn NAME CMD...: own session (so `down` can stop its whole process group), logs in .wspec/logs.
spawn() {
  local name="$1"; shift
  setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! > "$(pidfile "$name")"
}
stop_group() {
  local name="$1" pid; pid=$(pid_of "$name")
  if alive "$pid"; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do alive "$pid" || break; sleep 0.1; done
    alive "$pid" && { kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; }
  fi
  rm -f "$(pidfile "$name")"
}

# PostgreSQL runs as the postgres user when we are root: its data, socket and log must be
# reachable by that user, so a state dir it cannot enter (under /root, or mkdtemp's 0700) moves
# them to /var/lib/wspec/<hash of the state dir>.
pg_home() {
  if [ ${#AS_PG[@]} -gt 0 ] && ! runuser -u postgres -- test -x "$STATE" 2>/dev/null; then
    printf '/var/lib/wspec/%s' "$(printf '%s' "$STATE" | sha1sum | cut -c1-12)"
  else
    printf '%s' "$DATA"
  fi
}
pg_data() { printf '%s/postgres' "$(pg_home)"; }

# ---------- health ----------
curl_ok() { curl -fsS --max-time 2 -o /dev/null "$@" 2>/dev/null; }
curl_any() { curl -sS --max-time 2 -o /dev/null "$@" 2>/dev/null; }
healthy() {
  case "$1" in
    etcd) curl -fsS --max-time 2 "http://127.0.0.1:$ETCD_PORT/health" 2>/dev/null | grep -q '"health":"true"' ;;
    kube-apiserver) curl_ok --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" "https://127.0.0.1:$APISERVER_PORT/readyz" ;;
    kube-controller-manager) running kube-controller-manager ;;
    postgres) "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" ;;
    redis) [ "$(REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli -h 127.0.0.1 -p "$REDIS_PORT" --user default ping 2>/dev/null)" = PONG ] ;;
    s3) curl_ok "http://127.0.0.1:$S3_PORT/moto-api/data.json" ;;
    azure-blob) curl_any "http://127.0.0.1:$AZURE_PORT/$AZURE_ACCOUNT?comp=list" ;;
    gcs) curl_ok "http://127.0.0.1:$GCS_PORT/storage/v1/b?project=wspec-local" ;;
    clamd) clamd_ping ;;
    mailpit) curl_ok "http://127.0.0.1:$MAILPIT_HTTP_PORT/readyz" ;;
  esac
}
# clamd's own PING command (z-prefixed: NUL-terminated), answered PONG once its database is loaded.
clamd_ping() {
  local reply=""
  { exec 3<>"/dev/tcp/127.0.0.1/$CLAMD_PORT"; } 2>/dev/null || return 1
  printf 'zPING\0' >&3; IFS= read -r -d '' -t 2 reply <&3 || true; exec 3<&- 3>&-
  [ "$reply" = PONG ]
}
wait_healthy() { # NAME TIMEOUT_S
  local deadline=$(( $(date +%s) + $2 ))
  until healthy "$1"; do
    if ! running "$1"; then die "$1 exited during start; last lines of $LOGS/$1.log:
$(tail -n 15 "$LOGS/$1.log" 2>/dev/null)"; fi
    [ "$(date +%s)" -ge "$deadline" ] && die "$1 not healthy after $2 s; see $LOGS/$1.log"
    sleep 0.1
  done
}

# ---------- one-time material ----------
make_pki() {
  [ -f "$PKI/admin.crt" ] && return
  step "generating certificates (CA, apiserver, admin client, service-account keys)"
  mkdir -p "$PKI"; ( umask 077; cd "$PKI"
    ec() { openssl ecparam -name prime256v1 -genkey -noout -out "$1" 2>/dev/null; }
    ec ca.key; openssl req -x509 -new -key ca.key -subj "/CN=wspec-local-ca" -days 3650 -out ca.crt 2>/dev/null
    sign() { # name subject ext
      ec "$1.key"; openssl req -new -key "$1.key" -subj "$2" -out "$1.csr" 2>/dev/null
      openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -out "$1.crt" -extfile <(printf '%b' "$3") 2>/dev/null
      rm -f "$1.csr"
    }
    sign apiserver "/CN=kube-apiserver" "subjectAltName=DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,IP:127.0.0.1,IP:10.0.0.1\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment"
    sign admin "/O=system:masters/CN=admin" "extendedKeyUsage=clientAuth\nkeyUsage=digitalSignature,keyEncipherment"
    ec sa.key; openssl ec -in sa.key -pubout -out sa.pub 2>/dev/null )
}
write_kubeconfig() {
  local b64; b64() { base64 -w0 < "$1"; }
  ( umask 077; cat > "$STATE/kubeconfig" <<KC
apiVersion: v1
kind: Config
clusters:
- name: wspec-local
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority-data: $(b64 "$PKI/ca.crt")
users:
- name: admin
  user:
    client-certificate-data: $(b64 "$PKI/admin.crt")
    client-key-data: $(b64 "$PKI/admin.key")
contexts:
- name: wspec-local
  context: {cluster: wspec-local, user: admin}
current-context: wspec-local
KC
  )
}

# ---------- starters ----------
start_etcd() {
  spawn etcd "$(tool_bin etcd)" --name wspec --data-dir "$DATA/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "wspec=http://127.0.0.1:$ETCD_PEER_PORT" --unsafe-no-fsync --log-level warn
}
start_apiserver() {
  spawn kube-apiserver "$(tool_bin kube-apiserver)" --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
    --secure-port "$APISERVER_PORT" --bind-address 127.0.0.1 --advertise-address 127.0.0.1 \
    --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" --client-ca-file "$PKI/ca.crt" \
    --authorization-mode RBAC --service-cluster-ip-range 10.0.0.0/24 \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$PKI/sa.pub" --service-account-signing-key-file "$PKI/sa.key" \
    --disable-admission-plugins ServiceAccount --allow-privileged=true --endpoint-reconciler-type none
}
start_controller_manager() {
  spawn kube-controller-manager "$(tool_bin kube-controller-manager)" --kubeconfig "$STATE/kubeconfig" \
    --controllers namespace-controller,garbage-collector-controller --use-service-account-credentials=false \
    --leader-elect=false --bind-address 127.0.0.1 --secure-port 0
}
start_postgres() {
  local home data sock log; home=$(pg_home); data="$home/postgres"; sock="$home/pg-socket"; log="$home/postgres.log"
  mkdir -p "$data" "$sock"
  [ ${#AS_PG[@]} -gt 0 ] && chown postgres: "$home" "$data" "$sock"
  chmod 700 "$data" "$sock"
  touch "$log"; [ ${#AS_PG[@]} -gt 0 ] && chown postgres: "$log"
  [ "$log" = "$LOGS/postgres.log" ] || ln -sfn "$log" "$LOGS/postgres.log"
  if [ ! -f "$data/PG_VERSION" ]; then
    step "postgres: initdb (private cluster, scram-sha-256 on TCP)"
    rm -rf "${data:?}"/*
    local pw; pw=$(mktemp); printf '%s' "$PG_PASSWORD" > "$pw"
    [ ${#AS_PG[@]} -gt 0 ] && chown postgres: "$pw"
    "${AS_PG[@]}" "$PG_BIN/initdb" -D "$data" -U postgres --pwfile "$pw" --auth-local=trust \
      --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >>"$log" 2>&1 \
      || { rm -f "$pw"; die "postgres: initdb failed; see $log"; }
    rm -f "$pw"
  fi
  # The socket dir is private to the postgres user; fsync off: test data, not production.
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$data" -l "$log" -s \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null 2>&1 || true
}
start_redis() {
  mkdir -p "$DATA/redis"
  # Written once: tenants' ACL users (saved with ACL SAVE by the local target) survive restarts.
  [ -f "$DATA/redis/users.acl" ] || ( umask 077; printf 'user default on #%s ~* &* +@all\n' \
    "$(printf '%s' "$REDIS_PASSWORD" | sha256sum | cut -d' ' -f1)" > "$DATA/redis/users.acl" )
  spawn redis redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --dir "$DATA/redis" --aclfile "$DATA/redis/users.acl" --protected-mode yes
}
start_s3() {
  spawn s3 env TEST_SERVER_MODE=true "$(tool_bin moto_server)" -H 127.0.0.1 -p "$S3_PORT"
}
start_azure_blob() {
  mkdir -p "$DATA/azurite"
  # Started directly (not through npx, which would orphan it); telemetry off: no network here.
  spawn azure-blob env "AZURITE_ACCOUNTS=$AZURE_ACCOUNT:$AZURE_ACCOUNT_KEY" "$ROOT/node_modules/.bin/azurite-blob" \
    --blobHost 127.0.0.1 --blobPort "$AZURE_PORT" --location "$DATA/azurite" \
    --skipApiVersionCheck --loose --disableTelemetry --silent
}
start_gcs() {
  mkdir -p "$DATA/gcs"
  spawn gcs "$(tool_bin fake-gcs-server)" -scheme http -host 127.0.0.1 -port "$GCS_PORT" \
    -backend filesystem -filesystem-root "$DATA/gcs" -external-url "http://127.0.0.1:$GCS_PORT" \
    -public-host "127.0.0.1:$GCS_PORT" -log-level warn
}
# Above the largest tier's upload limit (enterprise, 100 MB), so every allowed upload is scanned.
CLAMD_STREAM_MAX_MB=101
start_clamd() {
  bash "$ROOT/scripts/clamav/clamav.sh" conf "$RUN/clamd.conf" "$CLAMD_PORT" "${CLAMD_STREAM_MAX_MB}M" 2>>"$LOGS/clamd.log" \
    || die "clamd: writing its configuration failed; see $LOGS/clamd.log"
  spawn clamd "$(bash "$ROOT/scripts/clamav/clamav.sh" bin)" -c "$RUN/clamd.conf"
}
# Mailpit only when set-up built it (`scripts/setup.sh mailpit`): plain SMTP on loopback accepting
# any credentials, so both an unauthenticated and an authenticated client can be tested.
mailpit_installed() { [ -x "$(tool_bin mailpit)" ]; }
start_mailpit() {
  mkdir -p "$DATA/mailpit"
  spawn mailpit "$(tool_bin mailpit)" --listen "127.0.0.1:$MAILPIT_HTTP_PORT" --smtp "127.0.0.1:$MAILPIT_SMTP_PORT" \
    --database "$DATA/mailpit/mailpit.db" --smtp-auth-accept-any --smtp-auth-allow-insecure --disable-version-check --quiet
}

write_env_json() {
  ( umask 077; node - > "$STATE/env.json.tmp" <<'JS'
const e = process.env;
const local = (p) => `http://127.0.0.1:${p}`;
const pgUrl = `postgres://postgres:${encodeURIComponent(e.PG_PASSWORD)}@127.0.0.1:${e.PG_PORT}/postgres`;
console.log(JSON.stringify({
  version: 1,
  root: e.ROOT,
  stateDir: e.STATE,
  logsDir: e.LOGS,
  kubernetes: { kubeconfig: `${e.STATE}/kubeconfig`, server: `https://127.0.0.1:${e.APISERVER_PORT}`, version: e.KUBERNETES_VERSION, etcd: local(e.ETCD_PORT) },
  postgres: { url: pgUrl, host: "127.0.0.1", port: Number(e.PG_PORT), user: "postgres", password: e.PG_PASSWORD, database: "postgres" },
  redis: { url: `redis://default:${encodeURIComponent(e.REDIS_PASSWORD)}@127.0.0.1:${e.REDIS_PORT}`, host: "127.0.0.1", port: Number(e.REDIS_PORT), username: "default", password: e.REDIS_PASSWORD },
  s3: { endpoint: local(e.S3_PORT), region: "us-east-1", accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY, forcePathStyle: true },
  azureBlob: {
    endpoint: `${local(e.AZURE_PORT)}/${e.AZURE_ACCOUNT}`, accountName: e.AZURE_ACCOUNT, accountKey: e.AZURE_ACCOUNT_KEY,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${e.AZURE_ACCOUNT};AccountKey=${e.AZURE_ACCOUNT_KEY};BlobEndpoint=${local(e.AZURE_PORT)}/${e.AZURE_ACCOUNT};`,
  },
  gcs: { endpoint: local(e.GCS_PORT), projectId: "wspec-local" },
  clamd: { host: "127.0.0.1", port: Number(e.CLAMD_PORT), address: `tcp://127.0.0.1:${e.CLAMD_PORT}`, streamMaxBytes: Number(e.CLAMD_STREAM_MAX_MB) * 1024 * 1024 },
  mailpit: { installed: e.MAILPIT_INSTALLED === "1", smtpHost: "127.0.0.1", smtpPort: Number(e.MAILPIT_SMTP_PORT), api: local(e.MAILPIT_HTTP_PORT) },
  pulumi: {
    bin: `${e.STATE}/bin/pulumi`, binDir: `${e.STATE}/bin`, version: e.PULUMI_VERSION,
    backendUrl: `file://${e.STATE}/pulumi-state`, home: `${e.WSPEC_CACHE}/pulumi-home`, passphrase: e.PULUMI_PASSPHRASE,
  },
}, null, 2));
JS
  ) && mv "$STATE/env.json.tmp" "$STATE/env.json"
}

cmd_up() {
  local t0; t0=$(date +%s)
  mkdir -p "$RUN" "$LOGS" "$DATA" "$STATE/pulumi-state" "$WSPEC_CACHE/pulumi-home"
  for b in etcd kube-apiserver kube-controller-manager fake-gcs-server moto_server pulumi pulumi-resource-kubernetes; do
    [ -x "$(tool_bin "$b")" ] || die "$b is not installed; run 'npm run setup' (or set its WSPEC_*_BIN)"
  done
  [ -x "$STATE/bin/pulumi-resource-pulumi-nodejs" ] || bash "$ROOT/scripts/setup.sh" project-bin
  [ -x "$(bash "$ROOT/scripts/clamav/clamav.sh" bin)" ] \
    || die "clamd is not installed; run 'npm run setup' (Debian package clamav-daemon) or set WSPEC_CLAMD_BIN"
  load_secrets; load_ports; make_pki; write_kubeconfig
  export ROOT STATE LOGS WSPEC_CACHE KUBERNETES_VERSION PULUMI_VERSION AZURE_ACCOUNT CLAMD_STREAM_MAX_MB "${PORT_NAMES[@]}" \
    PG_PASSWORD REDIS_PASSWORD S3_ACCESS_KEY_ID S3_SECRET_ACCESS_KEY AZURE_ACCOUNT_KEY PULUMI_PASSPHRASE

  # Independent services start together; the control plane goes in order.
  running etcd || start_etcd
  running postgres || start_postgres
  running redis || start_redis
  running s3 || start_s3
  running azure-blob || start_azure_blob
  running gcs || start_gcs
  running clamd || start_clamd
  MAILPIT_INSTALLED=0
  if mailpit_installed; then MAILPIT_INSTALLED=1; running mailpit || start_mailpit; fi
  export MAILPIT_INSTALLED
  wait_healthy etcd 30
  running kube-apiserver || start_apiserver
  wait_healthy kube-apiserver 60
  # CRDs before the controller manager: its garbage collector reads discovery only every 30 s.
  if ! running kube-controller-manager; then
    KUBECONFIG="$STATE/kubeconfig" node "$ROOT/scripts/env/apply-crds.ts" "$ROOT/crds" >>"$LOGS/crds.log" 2>&1 \
      || die "applying crds/*.yaml failed; see $LOGS/crds.log"
    start_controller_manager
  fi
  for s in postgres redis s3 azure-blob gcs clamd kube-controller-manager; do wait_healthy "$s" 60; done
  [ "$MAILPIT_INSTALLED" = 1 ] && wait_healthy mailpit 60
  write_env_json
  step "environment up in $(( $(date +%s) - t0 )) s; endpoints in $STATE/env.json"
}

cmd_down() {
  [ -d "$RUN" ] || { step "environment is not running"; return; }
  for s in kube-controller-manager kube-apiserver etcd redis s3 azure-blob gcs clamd mailpit; do stop_group "$s"; done
  local data; data=$(pg_data)
  if [ -f "$data/postmaster.pid" ]; then
    "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$data" -m fast -w -s stop >/dev/null 2>&1 || true
  fi
  rm -f "$STATE/env.json"
  step "environment down"
}

# down, then delete every piece of state: data, certificates, secrets, Pulumi state.
cmd_clean() {
  cmd_down
  local home; home=$(pg_home)
  [ "$home" = "$DATA" ] || rm -rf "$home"
  rm -rf "$DATA" "$PKI" "$RUN" "$STATE/ports.env" "$STATE/secrets.env" "$STATE/kubeconfig" "$STATE/pulumi-state" "$STATE/pulumi-work" "$STATE/policy-packs"
  step "environment state removed"
}

cmd_status() {
  [ -f "$STATE/ports.env" ] && . "$STATE/ports.env"
  [ -f "$STATE/secrets.env" ] && . "$STATE/secrets.env"
  local bad=0
  printf '%-24s %-8s %-8s %s\n' SERVICE PID PORT STATE
  local services=("${SERVICES[@]}")
  mailpit_installed && services+=(mailpit)
  for s in "${services[@]}"; do
    local port=""; case "$s" in etcd) port=${ETCD_PORT:-};; kube-apiserver) port=${APISERVER_PORT:-};; postgres) port=${PG_PORT:-};;
      redis) port=${REDIS_PORT:-};; s3) port=${S3_PORT:-};; azure-blob) port=${AZURE_PORT:-};; gcs) port=${GCS_PORT:-};;
      clamd) port=${CLAMD_PORT:-};; mailpit) port=${MAILPIT_SMTP_PORT:-};; esac
    local st=stopped
    # One retry: a loaded machine can miss a 2 s health deadline.
    if running "$s"; then if healthy "$s" || { sleep 1; healthy "$s"; }; then st=healthy; else st=unhealthy; bad=1; fi else bad=1; fi
    printf '%-24s %-8s %-8s %s\n' "$s" "$(pid_of "$s")" "${port:--}" "$st"
  done
  return $bad
}

case "${1:-}" in
  # One `up` at a time (tests in parallel may each ask for a service): a second one waits, then
  # finds what the first started running and leaves it alone. flock -o holds the lock in flock
  # itself, so the services this `up` starts never inherit it.
  up) if [ -z "${WSPEC_ENV_UP_LOCKED:-}" ]; then
        mkdir -p "$STATE"
        WSPEC_ENV_UP_LOCKED=1 exec flock -o "$STATE/.env-up.lock" bash "${BASH_SOURCE[0]}" up
      fi
      cmd_up ;; down) cmd_down ;; status) cmd_status ;; clean) cmd_clean ;; *) usage ;;
esac
