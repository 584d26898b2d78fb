#!/usr/bin/env bash
# Regenerates the expected outputs of the golden-file tests
# (tests/golden/**/*.terms.out) from the current `terms` binary, then shows
# which ones changed, so that a reviewer reads the diff.
#
#   tools/update-golden.sh                      every case
#   tools/update-golden.sh tests/golden/io      the cases under a folder
#   tools/update-golden.sh tests/golden/io/x.terms   one case
#
# Build directory: build/ (override with TERMS_BUILD_DIR).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${TERMS_BUILD_DIR:-$root/build}"
case "$build" in /*) ;; *) build="$root/$build" ;; esac

if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -G Ninja >/dev/null
fi
cmake --build "$build" --target terms test_golden

only=()
for arg in "$@"; do
  # Accept paths relative to the current directory or to the root.
  if [[ -e "$arg" ]]; then
    arg="$(realpath --relative-to="$root" "$arg")"
  fi
  only+=("${arg%/}")
done
filter="$(IFS=:; echo "${only[*]:-}")"

# Only the golden cases run; their OutputMatches test writes each .out file.
TERMS_UPDATE_GOLDEN=1 TERMS_GOLDEN_ONLY="$filter" \
  "$build/tests/test_golden" --gtest_filter='Cases/GoldenTest.*' --gtest_brief=1 || true

git -C "$root" status --short -- "${only[@]:-tests/golden}"
echo "review the changes with: git diff -- tests/golden" >&2
