#!/usr/bin/env bash
# Installs the engine tier's toolchain, pinned in scripts/engine/versions.env:
#   - the AWS provider, built with `go build` from the Go module proxy;
#   - OpenTofu, built the same way;
#   - moto's server, from PyPI, in a virtualenv.
# Into ${PRIVATELINK_ENGINE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/cross-region-privatelink/engine},
# outside the repo. Idempotent: a part whose stamp matches its pin is kept, so
# a re-run costs a second; a part half-built by an interrupted run is rebuilt.
#
# Layout of the engine home:
#   bin/tofu                       the engine
#   mirror/<host>/hashicorp/aws/<version>/linux_amd64/terraform-provider-aws_v<version>
#                                  a filesystem mirror, for registry.opentofu.org and
#                                  registry.terraform.io alike (cdktf writes `source = "aws"`)
#   tofurc                         the CLI config: that mirror only, no network
#   moto/                          the virtualenv of moto[server]
#   stamps/                        one file per part: what was installed
#   build/                         the wrapper Go modules
# Go's module and build caches stay Go's own (go env GOMODCACHE GOCACHE).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"

home="${PRIVATELINK_ENGINE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/cross-region-privatelink/engine}"
mkdir -p "$home/bin" "$home/stamps" "$home/build"
# Go must not take a toolchain line from anywhere but this machine's Go.
export GOTOOLCHAIN=local GOFLAGS=-mod=mod

goos="$(go env GOOS)"
goarch="$(go env GOARCH)"
platform="${goos}_${goarch}"

log() { printf 'engine:install: %s\n' "$*" >&2; }

# stamp NAME VALUE: true when the part NAME was installed as VALUE.
has_stamp() { [[ -f "$home/stamps/$1" && "$(cat "$home/stamps/$1")" == "$2" ]]; }
put_stamp() { printf '%s' "$2" > "$home/stamps/$1"; }

# time_build LABEL COMMAND...: runs a build, logging its wall time and peak memory.
time_build() {
  local label="$1"
  shift
  local report="$home/build/$label.time"
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f "%e s, peak RSS %M KiB" -o "$report" "$@"
    log "$label: $(cat "$report")"
  else
    "$@"
  fi
}

install_provider() {
  local want="$PROVIDER_VERSION $PROVIDER_PSEUDO_VERSION $platform"
  local file="terraform-provider-aws_v${PROVIDER_VERSION}"
  local binary="$home/mirror/registry.opentofu.org/hashicorp/aws/$PROVIDER_VERSION/$platform/$file"
  if has_stamp provider "$want" && [[ -x "$binary" ]]; then
    log "hashicorp/aws v$PROVIDER_VERSION: already installed"
    return
  fi
  log "hashicorp/aws v$PROVIDER_VERSION: building $PROVIDER_MODULE@$PROVIDER_PSEUDO_VERSION (cold: tens of minutes)"
  local dir="$home/build/aws"
  rm -rf "$dir"
  mkdir -p "$dir"
  # The wrapper: the provider's own go directive and godebug settings, its
  # release commit, and (were there any) that commit's replace directives.
  local mod
  mod="$(GOFLAGS= go mod download -json "$PROVIDER_MODULE@$PROVIDER_PSEUDO_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')"
  {
    echo "module privatelink.engine/aws"
    echo
    grep -E '^go [0-9]' "$mod"
    sed -n '/^godebug/p' "$mod"
    echo
    echo "require $PROVIDER_MODULE $PROVIDER_PSEUDO_VERSION"
    sed -n '/^replace (/,/^)/p; /^replace [^(]/p' "$mod"
  } > "$dir/go.mod"
  (cd "$dir" && go mod download "$PROVIDER_MODULE" && go get "$PROVIDER_MODULE@$PROVIDER_PSEUDO_VERSION")
  mkdir -p "$(dirname "$binary")"
  (cd "$dir" && time_build provider go build -trimpath \
    -ldflags "-s -w -X $PROVIDER_MODULE/version.ProviderVersion=$PROVIDER_VERSION" \
    -o "$binary.tmp" "$PROVIDER_MODULE")
  mv "$binary.tmp" "$binary"
  # The same binary under the Terraform registry's host name.
  local other="$home/mirror/registry.terraform.io/hashicorp/aws/$PROVIDER_VERSION/$platform"
  mkdir -p "$other"
  ln -f "$binary" "$other/$file"
  put_stamp provider "$want"
}

install_tofu() {
  local want="$TOFU_VERSION $platform"
  if has_stamp tofu "$want" && [[ -x "$home/bin/tofu" ]]; then
    log "OpenTofu v$TOFU_VERSION: already installed"
    return
  fi
  log "OpenTofu v$TOFU_VERSION: building $TOFU_MODULE@v$TOFU_VERSION"
  local dir="$home/build/tofu"
  rm -rf "$dir"
  mkdir -p "$dir"
  local mod
  mod="$(GOFLAGS= go mod download -json "$TOFU_MODULE@v$TOFU_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')"
  {
    echo "module privatelink.engine/tofu"
    echo
    grep -E '^go [0-9]' "$mod"
    # godebug, single-line or block, as the release has it
    sed -n '/^godebug (/,/^)/p; /^godebug [^(]/p' "$mod"
    echo
    echo "require $TOFU_MODULE v$TOFU_VERSION"
    echo "replace $TOFU_REPLACE"
  } > "$dir/go.mod"
  # The pinned replace must be the release's own: refuse a drifted pin.
  if ! grep -qF "replace $TOFU_REPLACE" "$mod"; then
    log "the replace directives of $TOFU_MODULE@v$TOFU_VERSION are not the pinned ones; update TOFU_REPLACE in versions.env:"
    sed -n '/^replace/,/^)/p' "$mod" >&2
    exit 1
  fi
  (cd "$dir" && go get "$TOFU_MODULE/cmd/tofu@v$TOFU_VERSION")
  (cd "$dir" && time_build tofu go build -trimpath \
    -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" \
    -o "$home/bin/tofu.tmp" "$TOFU_MODULE/cmd/tofu")
  mv "$home/bin/tofu.tmp" "$home/bin/tofu"
  put_stamp tofu "$want"
}

install_moto() {
  local want="$MOTO_VERSION $(sha256sum "$here/moto-requirements.txt" | cut -c1-16)"
  if has_stamp moto "$want" && [[ -x "$home/moto/bin/moto_server" ]]; then
    log "moto v$MOTO_VERSION: already installed"
    return
  fi
  log "moto v$MOTO_VERSION: installing into a virtualenv"
  rm -rf "$home/moto"
  python3 -m venv "$home/moto"
  "$home/moto/bin/pip" install --quiet --disable-pip-version-check \
    --require-virtualenv -r "$here/moto-requirements.txt"
  put_stamp moto "$want"
}

write_cli_config() {
  # Every provider from the mirror; nothing from a network registry.
  cat > "$home/tofurc.tmp" <<EOF
provider_installation {
  filesystem_mirror {
    path    = "$home/mirror"
    include = ["registry.opentofu.org/hashicorp/aws", "registry.terraform.io/hashicorp/aws"]
  }
}
EOF
  mv "$home/tofurc.tmp" "$home/tofurc"
}

install_moto
install_tofu
install_provider
write_cli_config
log "ready in $home"
