#!/usr/bin/env bash
# Builds the whole project and test suite with AddressSanitizer and
# UndefinedBehaviorSanitizer (-DTERMS_SANITIZE=address,undefined) and runs ctest.
# Any sanitizer report aborts the test that triggered it, so a green run means
# no report. Used by CI (.ci/run); see docs/hardening.md.
#
#   tools/run-sanitizers.sh [extra ctest arguments, e.g. -L security]
#
# Environment:
#   TERMS_ASAN_BUILD   build directory (default: build-asan in the repository)
#   TERMS_SANITIZERS   sanitizer list (default: address,undefined)
#   TERMS_JOBS         parallel build and test jobs (default: number of cores)
#   CXX                compiler (default: the system c++, g++ 12 on Debian 12)
#
# Warnings are not errors here: instrumentation makes g++ warn about code that
# the ordinary -Werror build accepts; that build is the one that checks warnings.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${TERMS_ASAN_BUILD:-$root/build-asan}
sanitizers=${TERMS_SANITIZERS:-address,undefined}
jobs=${TERMS_JOBS:-$(nproc)}

generator=()
if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
if [[ -f $build/CMakeCache.txt ]]; then generator=(); fi  # keep the existing generator

echo "run-sanitizers: configuring $build with -fsanitize=$sanitizers" >&2
cmake -S "$root" -B "$build" "${generator[@]}" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTERMS_SANITIZE="$sanitizers" \
  -DTERMS_WERROR=OFF \
  -DTERMS_BUILD_TESTS=ON >/dev/null

echo "run-sanitizers: building" >&2
cmake --build "$build" -j "$jobs"

# Abort on the first report so ctest sees a failure; keep stack traces readable.
# Leak checking needs ptrace; LeakSanitizer turns itself off (with a message)
# where the container forbids it, and the rest of ASan still runs.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:detect_invalid_pointer_pairs=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:report_error_type=1}
if ! "$build/terms" --version >/dev/null 2>"$build/lsan-probe.txt"; then
  if grep -q "LeakSanitizer has encountered a fatal error" "$build/lsan-probe.txt"; then
    echo "run-sanitizers: LeakSanitizer cannot run here (ptrace is not permitted); running without leak checks" >&2
    export ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"
  fi
fi

echo "run-sanitizers: running the test suite under $sanitizers" >&2
cd "$build"
ctest --output-on-failure -j "$jobs" "$@"
