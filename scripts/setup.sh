#!/usr/bin/env bash
# Installs the pinned toolchain into ~/.cache/wspec/tools/<tool>-<version>/ (idempotent).
# Each tool comes from its official download where that is reachable, else is built from the Go
# module proxy (or PyPI / Debian). Usage: scripts/setup.sh [tool ...]   (default: all but the
# on-demand tools, which the tests that need them install: OPTIONAL_TOOLS)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=toolchain.sh
. "$ROOT/scripts/toolchain.sh"
# shellcheck source=log.sh
. "$ROOT/scripts/log.sh"

ALL_TOOLS=(apt clamav-db node-modules etcd kubernetes pulumi pulumi-resource-kubernetes fake-gcs-server moto project-bin)
# Built only when a test first needs it (scripts/env/optional-tools.ts), so `npm start` stays fast.
OPTIONAL_TOOLS=(mailpit schemathesis)
TOOLS=("$@"); [ ${#TOOLS[@]} -eq 0 ] && TOOLS=("${ALL_TOOLS[@]}")

ARCH=$(uname -m); case "$ARCH" in x86_64) GOARCH=amd64 ;; aarch64|arm64) GOARCH=arm64 ;; *) GOARCH=$ARCH ;; esac
export GOMODCACHE="${GOMODCACHE:-$WSPEC_CACHE/go/mod}" GOCACHE="${GOCACHE:-$WSPEC_CACHE/go/build}"
export GOTOOLCHAIN=local GOFLAGS=-mod=mod
mkdir -p "$WSPEC_TOOLS" "$WSPEC_CACHE/build"

# One installer per tool at a time: `npm start` and `npm test` may race on a cold machine.
lock_tool() {
  # Cached tools are shared by every checkout; node_modules and .wspec/bin belong to this one.
  local dir="$WSPEC_CACHE"
  case "$1" in node-modules|project-bin) dir="${WSPEC_STATE_DIR:-$ROOT/.wspec}"; mkdir -p "$dir" ;; esac
  exec 9>"$dir/.setup-$1.lock"
  if ! flock -n 9; then step "$1: another set-up is installing it; waiting"; flock 9; fi
}

have() { [ -x "$1" ]; }
# fail TOOL VAR WHAT: the one line a user sees when a tool cannot be obtained.
fail() { die "$1: official release not reachable; $3; provide it with $2=/path/to/binary"; }
need_go() {
  command -v go >/dev/null || die "$1: official release not reachable and 'go' is not installed to build it; install Go >= 1.25 or provide it with $2=/path/to/$1"
}
# try_download URL DEST: official release where reachable (quietly fails fast when it is not).
try_download() {
  [ "${WSPEC_TRY_DOWNLOADS:-1}" = 1 ] || return 1
  curl -fsSL --connect-timeout 5 --max-time 600 -o "$2" "$1" 2>/dev/null
}
# finish TOOL VERSION STAGING: moves a completed build into the cache atomically.
finish() {
  local dest; dest=$(tool_dir "$1" "$2")
  rm -rf "$dest"; mv "$3" "$dest"
  step "$1 $2 ready in $dest"
}
staging() { local d="$WSPEC_CACHE/build/$1-$2.staging"; rm -rf "$d"; mkdir -p "$d/bin"; printf '%s' "$d"; }
wrapper() { local d="$WSPEC_CACHE/build/$1-$2"; rm -rf "$d"; mkdir -p "$d"; printf '%s' "$d"; }

install_apt() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  [ -x "/usr/lib/postgresql/$POSTGRES_MAJOR/bin/initdb" ] || missing+=("postgresql-$POSTGRES_MAJOR")
  command -v openssl >/dev/null || missing+=(openssl)
  command -v curl >/dev/null || missing+=(curl)
  command -v flock >/dev/null || missing+=(util-linux)
  python3 -c 'import venv' 2>/dev/null || missing+=(python3-venv)
  # The console's browser tests drive Debian's Chromium (playwright-core downloads no browser).
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  # The virus scanner of uploads (runtime/scan); its database is built offline (clamav-db).
  [ -x "${WSPEC_CLAMD_BIN:-/usr/sbin/clamd}" ] || missing+=(clamav-daemon)
  [ ${#missing[@]} -eq 0 ] && { step "system packages present"; return; }
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    step "apt-get install ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    # Debian starts packaged servers where it can; wspec runs its own private instances.
    command -v systemctl >/dev/null && systemctl disable --now redis-server postgresql \
      clamav-daemon clamav-daemon.socket clamav-freshclam >/dev/null 2>&1 || true
  else
    die "system packages missing: ${missing[*]}; install them (Debian: sudo apt-get install ${missing[*]}) and re-run"
  fi
}

# No internet for freshclam: the EICAR test signature and the project's own test signatures, in
# ~/.cache/wspec/clamav-db/<hash of the sources> (scripts/clamav). WSPEC_CLAMAV_DB names a real one.
install_clamav_db() {
  step "clamav test signature database in $(bash "$ROOT/scripts/clamav/clamav.sh" db)"
}

install_node_modules() {
  if [ -x "$ROOT/node_modules/.bin/node" ] && [ "$ROOT/node_modules/.package-lock.json" -nt "$ROOT/package-lock.json" ]; then
    step "node_modules up to date"; return
  fi
  step "npm ci (Node 24 and the project's packages)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
}

install_etcd() {
  local bin; bin=$(tool_bin etcd); have "$bin" && { step "etcd $ETCD_VERSION cached"; return; }
  [ -n "${WSPEC_ETCD_BIN:-}" ] && die "etcd: WSPEC_ETCD_BIN=$WSPEC_ETCD_BIN is not executable"
  local st; st=$(staging etcd "$ETCD_VERSION")
  step "etcd $ETCD_VERSION: trying the official release"
  if try_download "https://github.com/etcd-io/etcd/releases/download/$ETCD_VERSION/etcd-$ETCD_VERSION-linux-$GOARCH.tar.gz" "$st/etcd.tgz"; then
    tar -xzf "$st/etcd.tgz" -C "$st" && mv "$st/etcd-$ETCD_VERSION-linux-$GOARCH/etcd" "$st/bin/etcd"
  else
    need_go etcd WSPEC_ETCD_BIN
    local w; w=$(wrapper etcd "$ETCD_VERSION")
    step "etcd $ETCD_VERSION: building go.etcd.io/etcd/server/v3 from the Go module proxy (~3 min cold)"
    (cd "$w" && go mod init wspec.local/etcd >>"$w/build.log" 2>&1 \
      && go get -tool "go.etcd.io/etcd/server/v3@$ETCD_VERSION" >>"$w/build.log" 2>&1 && go mod tidy >>"$w/build.log" 2>&1) \
      || fail etcd WSPEC_ETCD_BIN "resolving go.etcd.io/etcd/server/v3@$ETCD_VERSION from the Go module proxy failed (log: $w/build.log)"
    (cd "$w" && CGO_ENABLED=0 with_heartbeat "etcd build" go build -trimpath -ldflags "-s -w" -o "$st/bin/etcd" go.etcd.io/etcd/server/v3) \
      || fail etcd WSPEC_ETCD_BIN "go build of go.etcd.io/etcd/server/v3 failed (output above)"
  fi
  finish etcd "$ETCD_VERSION" "$st"
}

install_kubernetes() {
  local api kcm; api=$(tool_bin kube-apiserver); kcm=$(tool_bin kube-controller-manager)
  have "$api" && have "$kcm" && { step "kube-apiserver and kube-controller-manager $KUBERNETES_VERSION cached"; return; }
  [ -n "${WSPEC_KUBE_APISERVER_BIN:-}${WSPEC_KUBE_CONTROLLER_MANAGER_BIN:-}" ] && die "kubernetes: WSPEC_KUBE_APISERVER_BIN / WSPEC_KUBE_CONTROLLER_MANAGER_BIN must both name executables"
  local st; st=$(staging kubernetes "$KUBERNETES_VERSION")
  step "kubernetes $KUBERNETES_VERSION: trying the official release binaries"
  if try_download "https://dl.k8s.io/$KUBERNETES_VERSION/bin/linux/$GOARCH/kube-apiserver" "$st/bin/kube-apiserver" \
    && try_download "https://dl.k8s.io/$KUBERNETES_VERSION/bin/linux/$GOARCH/kube-controller-manager" "$st/bin/kube-controller-manager"; then
    chmod +x "$st/bin/"*
  else
    need_go kube-apiserver WSPEC_KUBE_APISERVER_BIN
    local w; w=$(wrapper kubernetes "$KUBERNETES_VERSION")
    local staging_v="v0${KUBERNETES_VERSION#v1}"
    step "kubernetes $KUBERNETES_VERSION: resolving k8s.io/kubernetes (staging modules pinned to $staging_v)"
    (
      cd "$w"
      go mod init wspec.local/kubernetes >>"$w/build.log" 2>&1 || exit 1
      local gomod; gomod=$(go mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')
      [ -f "$gomod" ] || exit 1
      # k8s.io/kubernetes requires its staging modules at v0.0.0 with local replaces that a
      # dependency cannot use: point each at its published tag instead.
      awk '$2 == "v0.0.0" && $1 ~ /^k8s.io\// {print $1}' "$gomod" | sort -u | while read -r m; do
        go mod edit -replace "$m=$m@$staging_v"
      done
      grep '^godebug' "$gomod" >> go.mod || true
      go get -tool "k8s.io/kubernetes/cmd/kube-apiserver@$KUBERNETES_VERSION" "k8s.io/kubernetes/cmd/kube-controller-manager@$KUBERNETES_VERSION" >>"$w/build.log" 2>&1 || exit 1
      go mod tidy >>"$w/build.log" 2>&1
    ) || fail kubernetes "WSPEC_KUBE_APISERVER_BIN and WSPEC_KUBE_CONTROLLER_MANAGER_BIN" "resolving k8s.io/kubernetes@$KUBERNETES_VERSION from the Go module proxy failed (log: $w/build.log)"
    local ld="-s -w -X k8s.io/component-base/version.gitVersion=$KUBERNETES_VERSION -X k8s.io/client-go/pkg/version.gitVersion=$KUBERNETES_VERSION"
    for cmd in kube-apiserver kube-controller-manager; do
      step "kubernetes: building $cmd (kube-apiserver ~9 min cold, controller manager ~1 min after it)"
      (cd "$w" && with_heartbeat "$cmd build" go build -trimpath -ldflags "$ld" -o "$st/bin/$cmd" "k8s.io/kubernetes/cmd/$cmd") \
        || fail kubernetes "WSPEC_KUBE_APISERVER_BIN and WSPEC_KUBE_CONTROLLER_MANAGER_BIN" "go build of $cmd failed (output above)"
    done
  fi
  finish kubernetes "$KUBERNETES_VERSION" "$st"
}

install_pulumi() {
  local bin; bin=$(tool_bin pulumi); have "$bin" && { step "pulumi $PULUMI_VERSION cached"; return; }
  [ -n "${WSPEC_PULUMI_BIN:-}" ] && die "pulumi: WSPEC_PULUMI_BIN=$WSPEC_PULUMI_BIN is not executable"
  local st; st=$(staging pulumi "$PULUMI_VERSION")
  local parch=x64; [ "$GOARCH" = arm64 ] && parch=arm64
  step "pulumi $PULUMI_VERSION: trying the official release"
  if try_download "https://get.pulumi.com/releases/sdk/pulumi-$PULUMI_VERSION-linux-$parch.tar.gz" "$st/pulumi.tgz"; then
    tar -xzf "$st/pulumi.tgz" -C "$st" && mv "$st/pulumi/"* "$st/bin/"
  else
    need_go pulumi WSPEC_PULUMI_BIN
    local w; w=$(wrapper pulumi "$PULUMI_VERSION")
    step "pulumi $PULUMI_VERSION: resolving github.com/pulumi/pulumi/pkg/v3 (~1 min cold)"
    (
      cd "$w"
      go mod init wspec.local/pulumi >>"$w/build.log" 2>&1 || exit 1
      printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"\n' > tools.go
      # pkg/v3's own go.mod carries this replace; a dependency's replaces do not apply to us.
      go mod edit -require "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" -replace "github.com/atotto/clipboard=$PULUMI_CLIPBOARD_REPLACE" || exit 1
      go mod tidy >>"$w/build.log" 2>&1
    ) || fail pulumi WSPEC_PULUMI_BIN "resolving github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION from the Go module proxy failed (log: $w/build.log)"
    step "pulumi: building the CLI (~12 min cold on 2 cores)"
    # Without the version stamp the Automation API cannot parse `pulumi version`.
    (cd "$w" && with_heartbeat "pulumi build" go build -trimpath \
      -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
      -o "$st/bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi) \
      || fail pulumi WSPEC_PULUMI_BIN "go build of github.com/pulumi/pulumi/pkg/v3/cmd/pulumi failed (output above)"
  fi
  finish pulumi "$PULUMI_VERSION" "$st"
}

install_pulumi_resource_kubernetes() {
  local bin; bin=$(tool_bin pulumi-resource-kubernetes); have "$bin" && { step "pulumi-resource-kubernetes $K8S_PROVIDER_VERSION cached"; return; }
  [ -n "${WSPEC_PULUMI_KUBERNETES_BIN:-}" ] && die "pulumi-resource-kubernetes: WSPEC_PULUMI_KUBERNETES_BIN=$WSPEC_PULUMI_KUBERNETES_BIN is not executable"
  local parch=amd64; [ "$GOARCH" = arm64 ] && parch=arm64
  local rel; rel=$(staging pulumi-resource-kubernetes "$K8S_PROVIDER_RELEASE")
  step "pulumi-resource-kubernetes $K8S_PROVIDER_RELEASE: trying the official plugin release"
  if try_download "https://get.pulumi.com/releases/plugins/pulumi-resource-kubernetes-$K8S_PROVIDER_RELEASE-linux-$parch.tar.gz" "$rel/p.tgz"; then
    tar -xzf "$rel/p.tgz" -C "$rel/bin" pulumi-resource-kubernetes && rm -f "$rel/p.tgz"
    finish pulumi-resource-kubernetes "$K8S_PROVIDER_RELEASE" "$rel"; return
  fi
  rm -rf "$rel"
  need_go pulumi-resource-kubernetes WSPEC_PULUMI_KUBERNETES_BIN
  local st; st=$(staging pulumi-resource-kubernetes "$K8S_PROVIDER_VERSION")
  local w; w=$(wrapper pulumi-resource-kubernetes "$K8S_PROVIDER_VERSION")
  local mod=github.com/pulumi/pulumi-kubernetes/provider/v4
  step "pulumi-resource-kubernetes: resolving $mod@$K8S_PROVIDER_VERSION"
  (
    cd "$w"
    go mod init wspec.local/pulumi-resource-kubernetes >>"$w/build.log" 2>&1 || exit 1
    local src; src=$(go mod download -json "$mod@$K8S_PROVIDER_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    [ -d "$src/cmd/pulumi-resource-kubernetes" ] || exit 1
    # The module zip lacks the generated embed files: make them as its generate step does
    # (the schema with its version set, the mapping re-serialized).
    cp "$src/cmd/pulumi-resource-kubernetes/main.go" "$src/cmd/pulumi-resource-kubernetes/schema.json" \
       "$src/cmd/pulumi-resource-kubernetes/terraform-mapping.json" . || exit 1
    chmod u+w ./*
    python3 - "$K8S_PROVIDER_VERSION" <<'PY'
import json, sys
schema = json.load(open("schema.json"))
schema["version"] = sys.argv[1].lstrip("v")
json.dump(schema, open("schema-embed.json", "w"))
json.dump(json.load(open("terraform-mapping.json")), open("terraform-mapping-embed.json", "w"))
PY
    [ -s schema-embed.json ] || exit 1
    go mod edit -require "$mod@$K8S_PROVIDER_VERSION" -require "github.com/pulumi/pulumi-kubernetes/sdk/v4@$K8S_PROVIDER_SDK_VERSION" \
      -replace "github.com/atotto/clipboard=$PULUMI_CLIPBOARD_REPLACE" || exit 1
    go mod tidy >>"$w/build.log" 2>&1
  ) || fail pulumi-resource-kubernetes WSPEC_PULUMI_KUBERNETES_BIN "resolving $mod@$K8S_PROVIDER_VERSION from the Go module proxy failed (log: $w/build.log)"
  step "pulumi-resource-kubernetes: building (~8 min cold, 4.5 GB peak memory)"
  (cd "$w" && with_heartbeat "pulumi-resource-kubernetes build" go build -trimpath \
    -ldflags "-s -w -X $mod/pkg/version.Version=${K8S_PROVIDER_VERSION#v}" -o "$st/bin/pulumi-resource-kubernetes" .) \
    || fail pulumi-resource-kubernetes WSPEC_PULUMI_KUBERNETES_BIN "go build failed (output above)"
  finish pulumi-resource-kubernetes "$K8S_PROVIDER_VERSION" "$st"
}

install_fake_gcs_server() {
  local bin; bin=$(tool_bin fake-gcs-server); have "$bin" && { step "fake-gcs-server $FAKE_GCS_VERSION cached"; return; }
  [ -n "${WSPEC_FAKE_GCS_BIN:-}" ] && die "fake-gcs-server: WSPEC_FAKE_GCS_BIN=$WSPEC_FAKE_GCS_BIN is not executable"
  local st; st=$(staging fake-gcs-server "$FAKE_GCS_VERSION")
  step "fake-gcs-server $FAKE_GCS_VERSION: trying the official release"
  if try_download "https://github.com/fsouza/fake-gcs-server/releases/download/$FAKE_GCS_VERSION/fake-gcs-server_${FAKE_GCS_VERSION#v}_Linux_$GOARCH.tar.gz" "$st/f.tgz"; then
    tar -xzf "$st/f.tgz" -C "$st/bin" fake-gcs-server
  else
    need_go fake-gcs-server WSPEC_FAKE_GCS_BIN
    step "fake-gcs-server: building github.com/fsouza/fake-gcs-server@$FAKE_GCS_VERSION (~5 min cold)"
    GOBIN="$st/bin" with_heartbeat "fake-gcs-server build" go install -trimpath -ldflags "-s -w" "github.com/fsouza/fake-gcs-server@$FAKE_GCS_VERSION" \
      || fail fake-gcs-server WSPEC_FAKE_GCS_BIN "go install of github.com/fsouza/fake-gcs-server@$FAKE_GCS_VERSION failed (output above)"
  fi
  finish fake-gcs-server "$FAKE_GCS_VERSION" "$st"
}

install_moto() {
  local bin; bin=$(tool_bin moto_server)
  if [ -n "${WSPEC_MOTO_BIN:-}" ]; then have "$bin" && return; die "moto: WSPEC_MOTO_BIN=$WSPEC_MOTO_BIN is not executable"; fi
  local dest; dest=$(tool_dir moto "$MOTO_VERSION")
  [ -f "$dest/.complete" ] && { step "moto $MOTO_VERSION cached"; return; }
  command -v python3 >/dev/null || die "moto: python3 is not installed; install python3 (with venv) or set WSPEC_MOTO_BIN=/path/to/moto_server"
  # A virtualenv is not relocatable: build it where it lives, complete only once marked.
  rm -rf "$dest"
  step "moto $MOTO_VERSION: creating a virtualenv and installing moto[server] from PyPI (~3 min cold)"
  python3 -m venv "$dest" || die "moto: python3 -m venv failed; install python3-venv or set WSPEC_MOTO_BIN"
  with_heartbeat "moto install" "$dest/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION" \
    || { rm -rf "$dest"; die "moto: pip install moto[server]==$MOTO_VERSION failed; set WSPEC_MOTO_BIN=/path/to/moto_server"; }
  touch "$dest/.complete"
  step "moto $MOTO_VERSION ready in $dest"
}

install_mailpit() {
  local bin; bin=$(tool_bin mailpit); have "$bin" && { step "mailpit $MAILPIT_VERSION cached"; return; }
  [ -n "${WSPEC_MAILPIT_BIN:-}" ] && die "mailpit: WSPEC_MAILPIT_BIN=$WSPEC_MAILPIT_BIN is not executable"
  local st; st=$(staging mailpit "$MAILPIT_VERSION")
  # The module carries its built web UI, so `go install` is the whole build (no npm step).
  need_go mailpit WSPEC_MAILPIT_BIN
  step "mailpit: building github.com/axllent/mailpit@$MAILPIT_VERSION from the Go module proxy (~1.5 min cold on 2 cores)"
  GOBIN="$st/bin" with_heartbeat "mailpit build" go install -trimpath \
    -ldflags "-s -w -X github.com/axllent/mailpit/config.Version=$MAILPIT_VERSION" "github.com/axllent/mailpit@$MAILPIT_VERSION" \
    || fail mailpit WSPEC_MAILPIT_BIN "go install of github.com/axllent/mailpit@$MAILPIT_VERSION failed (output above)"
  finish mailpit "$MAILPIT_VERSION" "$st"
}

# The API fuzzer (`npm run fuzz` and its integration test): a virtualenv like moto's.
install_schemathesis() {
  local dest; dest=$(tool_dir schemathesis "$SCHEMATHESIS_VERSION")
  [ -f "$dest/.complete" ] && { step "schemathesis $SCHEMATHESIS_VERSION cached"; return; }
  command -v python3 >/dev/null || die "schemathesis: python3 is not installed; install python3 (with venv)"
  rm -rf "$dest"
  step "schemathesis $SCHEMATHESIS_VERSION: creating a virtualenv and installing it from PyPI (~1 min cold)"
  python3 -m venv "$dest" || die "schemathesis: python3 -m venv failed; install python3-venv"
  with_heartbeat "schemathesis install" "$dest/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" \
    || { rm -rf "$dest"; die "schemathesis: pip install schemathesis==$SCHEMATHESIS_VERSION failed"; }
  touch "$dest/.complete"
  step "schemathesis $SCHEMATHESIS_VERSION ready in $dest"
}

# .wspec/bin: the project's PATH entry for the Pulumi engine, which finds its plugins on PATH.
install_project_bin() {
  local b="${WSPEC_STATE_DIR:-$ROOT/.wspec}/bin"; mkdir -p "$b"
  for t in pulumi pulumi-resource-kubernetes etcd kube-apiserver kube-controller-manager fake-gcs-server moto_server; do
    local src; src=$(tool_bin "$t")
    have "$src" || die "$t: expected at $src after set-up; run 'npm run setup' or set its WSPEC_*_BIN"
    ln -sfn "$src" "$b/$t"
  done
  # Dynamic providers: @pulumi/pulumi ships the plugin as a script.
  ln -sfn "$ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs" "$b/pulumi-resource-pulumi-nodejs"
  ln -sfn "$ROOT/node_modules/.bin/azurite-blob" "$b/azurite-blob"
  step "project tools linked in $b"
}

for t in "${TOOLS[@]}"; do
  lock_tool "$t"
  case "$t" in
    apt) install_apt ;;
    clamav-db) install_clamav_db ;;
    node-modules) install_node_modules ;;
    etcd) install_etcd ;;
    kubernetes) install_kubernetes ;;
    pulumi) install_pulumi ;;
    pulumi-resource-kubernetes) install_pulumi_resource_kubernetes ;;
    fake-gcs-server) install_fake_gcs_server ;;
    moto) install_moto ;;
    project-bin) install_project_bin ;;
    mailpit) install_mailpit ;;
    schemathesis) install_schemathesis ;;
    *) die "setup: unknown tool '$t'; known: ${ALL_TOOLS[*]} ${OPTIONAL_TOOLS[*]}" ;;
  esac
done
step "set-up complete"
