#!/usr/bin/env bash
# Installs the Debian 12 packages Terms builds and tests with, when missing.
# Idempotent and non-interactive; safe to run on every build.
set -euo pipefail

packages=(
  g++ cmake make ninja-build pkg-config
  tao-pegtl-dev libfmt-dev nlohmann-json3-dev libgtest-dev
)
# Extra packages for the optional test suites (SARIF/JUnit validation, editor tests,
# benchmarks) are added by TERMS_SETUP_EXTRA=1.
if [[ "${TERMS_SETUP_EXTRA:-0}" == 1 ]]; then
  packages+=(libbenchmark-dev)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
