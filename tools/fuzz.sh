#!/usr/bin/env bash
# Builds and runs the libFuzzer targets in fuzz/ (see docs/hardening.md).
#
#   tools/fuzz.sh --build                 configure and build every fuzz target
#   tools/fuzz.sh --smoke                 build, then run each target briefly (CI)
#   tools/fuzz.sh TARGET [SECONDS]        a long run of one target (default 1800 s)
#   tools/fuzz.sh --repro TARGET FILE...  run a target once on saved inputs
#   tools/fuzz.sh --list                  the targets that are built
#
# Targets: parse, check, fmt, lsp, config (each built once its layer exists).
# Long runs keep their corpus in $TERMS_FUZZ_BUILD/corpus/TARGET, so a run
# continues where the last one stopped; crashes, hangs (over 10 s on one input)
# and out-of-memory inputs are saved to $TERMS_FUZZ_BUILD/artifacts/TARGET/.
# Each run appends one line (date, target, seconds, executions, exec/s,
# coverage, features, corpus size, result) to $TERMS_FUZZ_BUILD/fuzz-runs.tsv.
#
# Environment:
#   TERMS_FUZZ_BUILD     build directory (default: build-fuzz in the repository)
#   TERMS_FUZZ_CXX       clang++ to build with (default: clang++-14, else clang++)
#   TERMS_FUZZ_SMOKE     seconds per target in --smoke (default: 150 / number of targets, at most 30)
#   TERMS_FUZZ_NICE      niceness of fuzz runs (default: 10; the machine is shared)
#   TERMS_JOBS           parallel build jobs (default: number of cores)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${TERMS_FUZZ_BUILD:-$root/build-fuzz}
niceness=${TERMS_FUZZ_NICE:-10}
jobs=${TERMS_JOBS:-$(nproc)}
all_targets=(parse check fmt lsp config)

die() { echo "fuzz: $*" >&2; exit 2; }

pick_cxx() {
  if [[ -n ${TERMS_FUZZ_CXX:-} ]]; then echo "$TERMS_FUZZ_CXX"; return; fi
  for c in clang++-14 clang++; do
    if command -v "$c" >/dev/null 2>&1; then echo "$c"; return; fi
  done
  die "clang++ not found: run tools/setup-test-tools.sh (installs clang-14 and libclang-rt-14-dev)"
}

build_targets() {
  local cxx generator=()
  cxx=$(pick_cxx)
  if [[ ! -f $build/CMakeCache.txt ]] && command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
  cmake -S "$root/fuzz" -B "$build" "${generator[@]}" -DCMAKE_CXX_COMPILER="$cxx" >/dev/null
  local built=()
  for t in "${all_targets[@]}"; do
    # Ninja's `help` target does not list every executable: read the build files.
    if grep -qsE "^(build )?fuzz_$t:" "$build/build.ninja" "$build/Makefile"; then built+=("fuzz_$t"); fi
  done
  ((${#built[@]})) || die "no fuzz target could be configured"
  nice -n "$niceness" cmake --build "$build" -j "$jobs" --target "${built[@]}"
}

built_targets() {
  for t in "${all_targets[@]}"; do
    if [[ -x $build/fuzz_$t ]]; then echo "$t"; fi
  done
}

# Files of the repository (not build trees) whose name matches $1.
repo_files() {
  find "$root" -path "$root/build*" -prune -o -path "$root/.git" -prune -o -type f -name "$1" -print | sort
}

# The seed corpus of a target, rebuilt on every run from the repository.
make_seeds() {
  local t=$1 dir=$build/seeds/$1
  rm -rf "$dir"
  mkdir -p "$dir"
  case $t in
    parse|fmt)
      local i=0
      while IFS= read -r f; do
        cp "$f" "$dir/$(printf '%04d' $i)-$(basename "$f")"
        i=$((i + 1))
      done < <(repo_files '*.terms')
      ;;
    check)
      # A bundle: the files of one example directory tree, the root first,
      # each after a `#file: PATH` line (fuzz/check_fuzzer.cpp splits them).
      local i=0 lib
      while IFS= read -r f; do
        {
          printf '#file: main.terms\n'
          cat "$f"
          printf '\n'
          for lib in "$(dirname "$f")"/*.terms "$(dirname "$f")"/../lib/*.terms; do
            [[ -f $lib && $lib != "$f" ]] || continue
            case $lib in
              */../lib/*) printf '#file: ../lib/%s\n' "$(basename "$lib")" ;;
              *) printf '#file: %s\n' "$(basename "$lib")" ;;
            esac
            cat "$lib"
            printf '\n'
          done
        } >"$dir/$(printf '%04d' $i)-$(basename "$f")"
        i=$((i + 1))
      done < <(repo_files '*.terms')
      ;;
    config)
      local i=0
      while IFS= read -r f; do
        cp "$f" "$dir/$(printf '%04d' $i)-terms.json"
        i=$((i + 1))
      done < <(repo_files 'terms.json')
      ;;
  esac
  if [[ -d $root/fuzz/seeds/$t ]]; then cp "$root/fuzz/seeds/$t"/* "$dir/" 2>/dev/null || true; fi
}

dict_for() {
  case $1 in
    lsp|config) echo "$root/fuzz/json.dict" ;;
    *) echo "$root/fuzz/terms.dict" ;;
  esac
}

max_len_for() {
  case $1 in
    lsp) echo 16384 ;;
    config) echo 4096 ;;
    *) echo 8192 ;;
  esac
}

# run TARGET SECONDS: one run; prints and records its statistics; fails on a finding.
run() {
  local t=$1 seconds=$2
  local bin=$build/fuzz_$t
  [[ -x $bin ]] || die "fuzz_$t is not built (tools/fuzz.sh --build; its layer may have no sources yet)"
  make_seeds "$t"
  local corpus=$build/corpus/$t artifacts=$build/artifacts/$t logs=$build/logs
  mkdir -p "$corpus" "$artifacts" "$logs"
  local log
  log=$logs/$t-$(date +%Y%m%d-%H%M%S).log
  local status=0
  local dict_args=()
  local dict
  dict=$(dict_for "$t")
  if [[ -f $dict ]]; then dict_args=(-dict="$dict"); fi
  echo "fuzz: $t for ${seconds}s (log: $log)" >&2
  # detect_leaks: a leak on an input is a finding too (where ptrace allows LSan).
  # -entropic=0: libFuzzer 14's entropic scheduler spends most of its time in
  # UpdateFeatureFrequency on these grammars (tens of thousands of features);
  # the classic scheduler runs about six times as many inputs per second.
  ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
  nice -n "$niceness" "$bin" "$corpus" "$build/seeds/$t" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len_for "$t")" \
    -artifact_prefix="$artifacts/" -print_final_stats=1 -entropic=0 "${dict_args[@]}" >"$log" 2>&1 || status=$?
  summarize "$t" "$seconds" "$log" "$status"
  return "$status"
}

# summarize TARGET SECONDS LOG STATUS: one line for people, one for fuzz-runs.tsv.
summarize() {
  local t=$1 seconds=$2 log=$3 status=$4
  local execs eps cov ft corp result
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  corp=$(grep -o 'corp: [0-9]*/[0-9]*[a-zA-Z]*' "$log" | tail -1 | cut -d' ' -f2)
  if ((status == 0)); then result=ok; else result="FINDING (exit $status)"; fi
  printf 'fuzz: %-6s %6ss  %12s execs  %8s exec/s  cov %6s  ft %7s  corpus %-12s %s\n' \
    "$t" "$seconds" "${execs:-?}" "${eps:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$t" "$seconds" \
    "${execs:-}" "${eps:-}" "${cov:-}" "${ft:-}" "${corp:-}" "$result" >>"$build/fuzz-runs.tsv"
  if ((status != 0)); then
    grep -E 'ERROR|SUMMARY|fuzz property|Test unit written|deadly signal|timeout' "$log" | head -20 >&2 || true
  fi
}

case ${1:-} in
  --build)
    build_targets
    ;;
  --list)
    built_targets
    ;;
  --smoke)
    build_targets
    mapfile -t targets < <(built_targets)
    per=${TERMS_FUZZ_SMOKE:-$((150 / ${#targets[@]}))}
    ((per > 30 && ${TERMS_FUZZ_SMOKE:-0} == 0)) && per=30
    failed=0
    for t in "${targets[@]}"; do run "$t" "$per" || failed=1; done
    exit "$failed"
    ;;
  --repro)
    shift
    t=${1:?--repro TARGET FILE...}
    shift
    exec "$build/fuzz_$t" -runs=1 "$@"
    ;;
  ''|-h|--help)
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    ;;
  *)
    t=$1
    seconds=${2:-1800}
    [[ " ${all_targets[*]} " == *" $t "* ]] || die "unknown target \`$t\` (targets: ${all_targets[*]})"
    [[ -x $build/fuzz_$t ]] || build_targets
    run "$t" "$seconds"
    ;;
esac
