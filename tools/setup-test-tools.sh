#!/usr/bin/env bash
# Installs the tools that some tests use to check Terms' output with real
# consumers, idempotently and without questions. CI (.ci/run, through
# ./dev test) runs it; locally the tests that need a missing tool are skipped.
#
#   - ajv-cli with ajv-formats, and the SARIF 2.1.0 JSON schema that the npm
#     package @microsoft/sarif-multitool-linux ships (sarif-2.1.0.json), to
#     validate `--format sarif` (tests/outputs.cmake);
#   - Debian's python3-junitparser, to parse `--format junit`.
#
# The npm packages go to /opt/terms-test-tools (override with
# TERMS_TEST_TOOLS); tests/outputs.cmake looks there.
set -euo pipefail

tools_dir="${TERMS_TEST_TOOLS:-/opt/terms-test-tools}"
export DEBIAN_FRONTEND=noninteractive

sudo_if_needed() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

apt_updated=0
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $apt_updated -eq 0 ]]; then
    sudo_if_needed apt-get update -qq
    apt_updated=1
  fi
  sudo_if_needed apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# JUnit consumer, and node/npm for the SARIF validator (unless a node is
# already installed some other way).
apt_install python3-junitparser
if ! command -v npm >/dev/null 2>&1; then apt_install nodejs npm; fi

# SARIF validator and schema, pinned.
if [[ ! -x "$tools_dir/node_modules/.bin/ajv" || ! -f "$tools_dir/node_modules/ajv-formats/package.json" ||
      ! -f "$tools_dir/node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json" ]]; then
  sudo_if_needed mkdir -p "$tools_dir"
  if [[ ! -f "$tools_dir/package.json" ]]; then
    echo '{"name": "terms-test-tools", "private": true}' | sudo_if_needed tee "$tools_dir/package.json" >/dev/null
  fi
  (cd "$tools_dir" && sudo_if_needed npm install --no-audit --no-fund --loglevel=error \
    ajv-cli@5.0.0 ajv-formats@3.0.1 @microsoft/sarif-multitool-linux@5.7.0 >/dev/null)
fi
echo "test tools ready: ajv, the SARIF 2.1.0 schema ($tools_dir), junitparser"

# Neovim (Debian 12's 0.7) for the editor end-to-end test of `terms lsp`
# (tests/e2e.cmake, tests/e2e/): headless, with its built-in LSP client.
apt_install neovim

# clang 14 with its runtimes, for the libFuzzer targets (fuzz/, tools/fuzz.sh)
# and LeakSanitizer; the sanitizer suite itself builds with g++
# (tools/run-sanitizers.sh).
apt_install clang-14 libclang-rt-14-dev
echo "fuzzing tools ready: $(clang++-14 --version | head -1)"
