#!/usr/bin/env bash
# The whole-process benchmarks: one command, one table.
#
#   bench/run.sh [--sizes "1 10 100"] [--no-cedar] [--out FILE]
#
# Builds Terms in Release mode (build-bench/), generates term libraries of
# about 1, 10 and 100 MB (deterministic, seed 1; cached in bench/.data/), and
# times over each library, on one core and on all cores:
#   terms check, terms lint, terms fmt --check
# with the baselines `cat` and `wc -l` over the same files (the floor set by
# reading the bytes), and reports files/s, MB/s, clauses/s, peak memory and the
# ratio of each time to the `cat` baseline. Then the Cedar peer (cedar-wasm
# under Node.js, 10,000 policies): parse and validate, as ratios of bytes/s
# and rules/s. Prints a Markdown table (also written to --out, default
# bench/results.md). Run it on a quiet machine: it measures wall time.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes="1 10 100"
cedar=1
out=bench/results.md
while (($#)); do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --no-cedar) cedar=0; shift ;;
    --out) out=$2; shift 2 ;;
    *) echo "usage: bench/run.sh [--sizes \"1 10 100\"] [--no-cedar] [--out FILE]" >&2; exit 2 ;;
  esac
done

tools/setup-deps.sh
build=build-bench
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTERMS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target terms gen_library measure >/dev/null
terms=$PWD/$build/terms
measure=$PWD/$build/bench/measure
cores=$(nproc)
# `terms check` and `terms fmt` take --jobs since issue 7's second round; an
# older binary (measured for comparison) runs them on one core only, so ask.
if "$terms" fmt --help 2>&1 | grep -q -- '--jobs'; then fmt_jobs=1; else fmt_jobs=0; fi
if "$terms" check --help 2>&1 | grep -q -- '--jobs'; then check_jobs=1; else check_jobs=0; fi
data=bench/.data

# run LABEL JOBS-LABEL DIR CMD... -> appends a row
rows=()
declare -A cat_time
best_of() {  # best wall time and its maxrss over 3 runs: prints "wall rss status"
  local best="" rss="" st=""
  for _ in 1 2 3; do
    local line
    line=$("$measure" --quiet -- "$@" 2>&1 >/dev/null | tail -n 1)
    local w=${line#wall_s=}; w=${w%% *}
    local r=${line#*maxrss_kb=}; r=${r%% *}
    local s=${line##*status=}
    if [[ -z $best ]] || awk "BEGIN{exit !($w < $best)}"; then best=$w; rss=$r; st=$s; fi
  done
  echo "$best $rss $st"
}

row() {  # size tool cores wall rss status
  local size=$1 tool=$2 c=$3 wall=$4 rss=$5 st=$6
  local m="$data/lib-$size/MANIFEST"
  local files bytes clauses
  files=$(sed -n 's/^files=//p' "$m"); bytes=$(sed -n 's/^bytes=//p' "$m"); clauses=$(sed -n 's/^clauses=//p' "$m")
  local base=${cat_time[$size]}
  rows+=("$(awk -v s="$size" -v t="$tool" -v c="$c" -v w="$wall" -v r="$rss" -v f="$files" -v b="$bytes" \
      -v cl="$clauses" -v base="$base" -v st="$st" 'BEGIN {
      printf "| %s MB | %s | %s | %.3f | %.0f | %.1f | %.0f | %.1f | %.1fx | %s |", s, t, c, w, f / w, b / w / 1e6,
        cl / w, r / 1024, w / base, st }')")
}

for size in $sizes; do
  dir=$data/lib-$size
  if [[ ! -f $dir/MANIFEST ]]; then
    rm -rf "$dir"
    "$build/bench/gen_library" --out "$dir" --bytes $((size * 1000 * 1000)) --seed 1 >/dev/null
  fi
  mapfile -t files < <(find "$dir" -name '*.terms' | sort)
  printf '%s\0' "${files[@]}" > "$dir.list"
  read -r w r s < <(best_of sh -c "xargs -0 cat < '$dir.list' > /dev/null")
  cat_time[$size]=$w
  row "$size" "cat (baseline)" 1 "$w" "$r" "$s"
  read -r w r s < <(best_of sh -c "xargs -0 wc -l < '$dir.list' > /dev/null")
  row "$size" "wc -l (baseline)" 1 "$w" "$r" "$s"
  for jobs in 1 "$cores"; do
    # Text output (the default, what a person or a CI log reads), to /dev/null.
    if ((check_jobs)); then
      read -r w r s < <(best_of "$terms" check --jobs "$jobs" "$dir")
      row "$size" "terms check" "$jobs" "$w" "$r" "$s"
    elif [[ $jobs == 1 ]]; then
      read -r w r s < <(best_of "$terms" check "$dir")
      row "$size" "terms check" 1 "$w" "$r" "$s"
    fi
    read -r w r s < <(best_of "$terms" lint --jobs "$jobs" "$dir")
    row "$size" "terms lint" "$jobs" "$w" "$r" "$s"
    if ((fmt_jobs)); then
      read -r w r s < <(best_of "$terms" fmt --check --jobs "$jobs" "$dir")
      row "$size" "terms fmt --check" "$jobs" "$w" "$r" "$s"
    elif [[ $jobs == 1 ]]; then  # fmt has no --jobs: it runs on one core
      read -r w r s < <(best_of "$terms" fmt --check "$dir")
      row "$size" "terms fmt --check" 1 "$w" "$r" "$s"
    fi
  done
done

{
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); $(date -u +%Y-%m-%d)."
  echo
  echo "| library | tool | cores | wall s | files/s | MB/s | clauses/s | peak MiB | x cat | exit |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} | tee "$out"

if ((cedar)); then
  if command -v node >/dev/null && command -v npm >/dev/null; then
    (cd bench/cedar && [[ -d node_modules/@cedar-policy/cedar-wasm ]] || npm install --no-audit --no-fund >/dev/null 2>&1) || true
    if peer=$(node bench/cedar/peer.js 10000 3 2>/dev/null); then
      # Terms' one-core check figures on the largest library, per byte and per rule (clause).
      largest=${sizes##* }
      m="$data/lib-$largest/MANIFEST"
      one_core=(); ((check_jobs)) && one_core=(--jobs 1)  # check's default is one worker per core
      read -r w _ _ < <(best_of "$terms" check "${one_core[@]}" "$data/lib-$largest")
      node -e '
        const p = JSON.parse(process.argv[1]);
        const [w, bytes, clauses] = process.argv.slice(2).map(Number);
        const tb = bytes / w, tc = clauses / w;
        const pb = p.bytes / p.parse_s, vb = p.bytes / p.validate_s;
        const pr = p.policies / p.parse_s, vr = p.policies / p.validate_s;
        const f = (x) => x.toFixed(1);
        console.log("");
        console.log("| Cedar (cedar-wasm, " + p.policies + " policies, " + f(p.bytes / 1e6) + " MB) | MB/s | rules/s | terms check (1 core) per byte | per rule |");
        console.log("| --- | --- | --- | --- | --- |");
        console.log("| parse (checkParsePolicySet) | " + f(pb / 1e6) + " | " + Math.round(pr) + " | " + f(tb / pb) + "x | " + f(tc / pr) + "x |");
        console.log("| validate (validate) | " + f(vb / 1e6) + " | " + Math.round(vr) + " | " + f(tb / vb) + "x | " + f(tc / vr) + "x |");
      ' "$peer" "$w" "$(sed -n 's/^bytes=//p' "$m")" "$(sed -n 's/^clauses=//p' "$m")" | tee -a "$out"
    else
      echo "cedar peer: failed to run (see bench/cedar/peer.js)" | tee -a "$out"
    fi
  else
    echo "cedar peer: skipped (node and npm are not installed)" | tee -a "$out"
  fi
fi
