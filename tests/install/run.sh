#!/usr/bin/env bash
# Installs Terms from a build tree into a temporary prefix, builds the tiny
# consumer against the installed package with find_package(Terms), runs it and
# compares its output. Usage: tests/install/run.sh BUILD_DIR
set -euo pipefail
build=$1
src=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
cmake -S "$src/consumer" -B "$tmp/build" -G Ninja -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/build" >/dev/null
actual=$("$tmp/build/consumer")
expected='terms 0.1.0
hanoi-2019: unacceptable
  fails sanctions-retained
  fails no-all-for-partial
  fails milestones
  fails proportional-relief
  fails builds-on-previous'
if [[ "$actual" != "$expected" ]]; then
  echo "consumer printed:"; echo "$actual"; echo "expected:"; echo "$expected"
  exit 1
fi
echo "installed package: find_package(Terms) and the public API work"
