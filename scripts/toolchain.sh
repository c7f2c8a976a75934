# Pinned toolchain: the one place versions are named. Sourced by setup.sh and env.sh.
# shellcheck shell=bash
WSPEC_CACHE="${WSPEC_CACHE:-$HOME/.cache/wspec}"
WSPEC_TOOLS="$WSPEC_CACHE/tools"

PULUMI_VERSION="v3.274.1"
PULUMI_CLIPBOARD_REPLACE="github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e"
# pulumi-kubernetes' provider module is served only as a pseudo-version; its sdk/v4 is the
# version the provider's go.mod names.
K8S_PROVIDER_VERSION="v4.0.0-20260115033456-f47bc2d6f199"
K8S_PROVIDER_SDK_VERSION="v4.24.0"
# The release matching @pulumi/kubernetes, used where the official plugin download is reachable.
K8S_PROVIDER_RELEASE="v4.34.2"
ETCD_VERSION="v3.6.16"
KUBERNETES_VERSION="v1.35.4"
FAKE_GCS_VERSION="v1.56.1"
MOTO_VERSION="5.2.5"
# Only the notification tests need Mailpit: installed when they first need it, not by a plain set-up.
MAILPIT_VERSION="v1.33.1"
# The API fuzzer, installed by `npm run fuzz` (and its test) when first needed.
SCHEMATHESIS_VERSION="4.32.5"
POSTGRES_MAJOR="15"

tool_dir() { # tool version -> cache dir holding bin/
  printf '%s/%s-%s' "$WSPEC_TOOLS" "$1" "$2"
}

# tool_bin NAME: the binary the project uses for NAME. A WSPEC_<NAME>_BIN override (for example
# WSPEC_PULUMI_BIN=/usr/local/bin/pulumi) wins over the cache.
tool_bin() {
  local override
  case "$1" in
    pulumi) override="${WSPEC_PULUMI_BIN:-}"; dir=$(tool_dir pulumi "$PULUMI_VERSION") ;;
    pulumi-resource-kubernetes) override="${WSPEC_PULUMI_KUBERNETES_BIN:-}"
      dir=$(tool_dir pulumi-resource-kubernetes "$K8S_PROVIDER_RELEASE")
      [ -x "$dir/bin/$1" ] || dir=$(tool_dir pulumi-resource-kubernetes "$K8S_PROVIDER_VERSION") ;;
    etcd) override="${WSPEC_ETCD_BIN:-}"; dir=$(tool_dir etcd "$ETCD_VERSION") ;;
    kube-apiserver) override="${WSPEC_KUBE_APISERVER_BIN:-}"; dir=$(tool_dir kubernetes "$KUBERNETES_VERSION") ;;
    kube-controller-manager) override="${WSPEC_KUBE_CONTROLLER_MANAGER_BIN:-}"; dir=$(tool_dir kubernetes "$KUBERNETES_VERSION") ;;
    fake-gcs-server) override="${WSPEC_FAKE_GCS_BIN:-}"; dir=$(tool_dir fake-gcs-server "$FAKE_GCS_VERSION") ;;
    moto_server) override="${WSPEC_MOTO_BIN:-}"; dir=$(tool_dir moto "$MOTO_VERSION") ;;
    mailpit) override="${WSPEC_MAILPIT_BIN:-}"; dir=$(tool_dir mailpit "$MAILPIT_VERSION") ;;
    st) override="${WSPEC_SCHEMATHESIS_BIN:-}"; dir=$(tool_dir schemathesis "$SCHEMATHESIS_VERSION") ;;
    *) echo "tool_bin: unknown tool $1" >&2; return 2 ;;
  esac
  if [ -n "$override" ]; then printf '%s' "$override"; else printf '%s/bin/%s' "$dir" "$1"; fi
}
