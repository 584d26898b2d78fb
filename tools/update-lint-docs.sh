#!/usr/bin/env bash
# Regenerates the rule sections of docs/lint.md (between the BEGIN RULES and
# END RULES markers) from the lint registry, via `terms lint --explain all`.
# A unit test (tests/unit/lint) fails while the two differ.
#
# Build directory: build/ (override with TERMS_BUILD_DIR).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${TERMS_BUILD_DIR:-$root/build}"
case "$build" in /*) ;; *) build="$root/$build" ;; esac
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -G Ninja >/dev/null
fi
cmake --build "$build" --target terms >/dev/null

doc="$root/docs/lint.md"
generated="$(mktemp)"
trap 'rm -f "$generated" "$generated.new"' EXIT
"$build/terms" lint --explain all > "$generated"
awk -v gen="$generated" '
  /^<!-- BEGIN RULES/ { print; while ((getline line < gen) > 0) print line; skipping = 1; next }
  /^<!-- END RULES/ { skipping = 0 }
  !skipping { print }
' "$doc" > "$generated.new"
if cmp -s "$generated.new" "$doc"; then
  echo "docs/lint.md is up to date"
else
  mv "$generated.new" "$doc"
  echo "docs/lint.md updated; review the diff with: git diff -- docs/lint.md"
fi
