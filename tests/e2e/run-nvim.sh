#!/usr/bin/env bash
# End-to-end test with a real editor: headless Neovim and its built-in LSP
# client drive `terms lsp` on a copy of examples/ with a mistake in it.
# Usage: run-nvim.sh TERMS_BINARY SOURCE_DIR
# Exit status: 0 pass, 1 fail, 77 skipped (no nvim here; never skipped under CI=true).
set -euo pipefail
terms_binary=$(realpath "$1")
source_dir=$2

if ! command -v nvim >/dev/null 2>&1; then
  if [[ "${CI:-}" == true ]]; then
    echo "FAIL: nvim is not installed (tools/setup-test-tools.sh installs it)" >&2
    exit 1
  fi
  echo "SKIP: nvim is not installed; run tools/setup-test-tools.sh to install Neovim" >&2
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$source_dir/examples" "$work/examples"
deal="$work/examples/article/interim-2020.terms"
# The mistake: a misspelt facility. And a clause laid out badly, for formatting.
sed -i -e 's/freeze yongbyon verified by iaea;/freeze yongbyn verified by iaea;/' \
       -e 's/^    provide hfo;$/    provide   hfo ;/' "$deal"
grep -q 'freeze yongbyn verified by iaea;' "$deal"
grep -q '^    provide   hfo ;$' "$deal"

# What the formatter makes of the file once the typo is fixed: the expected
# buffer after the editor's formatting request and the fix.
sed -e 's/freeze yongbyn/freeze yongbyon/' "$deal" > "$work/examples/article/fixed.terms"
"$terms_binary" fmt "$work/examples/article/fixed.terms" > "$work/expected-formatted.terms"
rm "$work/examples/article/fixed.terms"

export TERMS_BINARY="$terms_binary" TERMS_E2E_EXPECTED="$work/expected-formatted.terms"
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache"
cd "$work"
status=0
timeout 90 nvim --headless -n -i NONE -u "$source_dir/tests/e2e/nvim_init.lua" "$deal" > "$work/out.txt" 2> "$work/err.txt" || status=$?
cat "$work/out.txt"
if [[ $status -ne 0 ]]; then
  echo "FAIL: nvim exited with status $status" >&2
  cat "$work/err.txt" >&2
  exit 1
fi
grep -q '^PASS e2e' "$work/out.txt" || { echo "FAIL: no PASS line" >&2; cat "$work/err.txt" >&2; exit 1; }
