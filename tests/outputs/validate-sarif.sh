#!/usr/bin/env bash
# Validates `--format sarif` of `terms lint`, `terms check` and `terms test`
# against the official SARIF 2.1.0 JSON schema with a real validator (ajv-cli
# with ajv-formats; the schema file ships in the npm package
# @microsoft/sarif-multitool-linux). tools/setup-test-tools.sh installs both.
#
#   validate-sarif.sh TERMS_BINARY SOURCE_DIR [TOOLS_DIR]
#
# Exit 77 (skipped) when the tools are missing, except under CI=true, where a
# missing tool is a failure (CI installs them).
set -uo pipefail
terms="$1"
root="$2"
tools="${3:-${TERMS_TEST_TOOLS:-/opt/terms-test-tools}}"
ajv="$tools/node_modules/.bin/ajv"
schema="$tools/node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json"

if [[ ! -x "$ajv" || ! -f "$schema" || ! -d "$tools/node_modules/ajv-formats" ]]; then
  echo "ajv-cli, ajv-formats or the SARIF schema is missing under $tools: run tools/setup-test-tools.sh"
  if [[ "${CI:-}" == "true" ]]; then exit 1; fi
  exit 77
fi

cd "$root" || exit 1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Outputs with errors, warnings, infos, related locations, fixes, a file
# without a span (a missing input), non-ASCII text, and an empty run.
declare -A runs=(
  [lint-formats]="lint --format sarif tests/golden/lint/lib/formats tests/golden/lint/rules"
  [lint-examples]="lint --format sarif examples"
  [lint-missing]="lint --format sarif tests/golden/lint/lib/formats/clean.terms no-such-file.terms"
  [lint-config]="lint --format sarif --config tests/golden/lint/lib/configs/unknown-rule.json examples/article"
  [check-errors]="check --format sarif tests/golden/names tests/golden/semantics"
  [check-examples]="check --format sarif examples"
  [test-examples]="test --format sarif examples"
)
failed=0
count=0
for name in "${!runs[@]}"; do
  # shellcheck disable=SC2086
  "$terms" ${runs[$name]} > "$work/$name.json" 2>/dev/null
  status=$?
  if [[ $status -gt 2 ]]; then
    echo "FAIL $name: terms exited with $status"
    failed=1
    continue
  fi
  if ! output="$("$ajv" validate --spec=draft2020 --strict=false -c ajv-formats -s "$schema" -d "$work/$name.json" 2>&1)"; then
    echo "FAIL $name: not valid SARIF 2.1.0"
    echo "$output" | head -40
    failed=1
    continue
  fi
  results=$(node -e 'const s=require(process.argv[1]); console.log(s.runs[0].results.length)' "$work/$name.json")
  echo "ok   $name: valid SARIF 2.1.0, $results results"
  count=$((count + 1))
done
if [[ $failed -ne 0 ]]; then exit 1; fi
echo "$count SARIF logs valid"
