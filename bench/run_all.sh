#!/usr/bin/env bash
# Runs every benchmark program against its peer and prints the figures.
# Usage: bench/run_all.sh [build-dir]
set -euo pipefail
build="${1:-build}"
for b in "$build"/bench/bench_*; do
  [ -x "$b" ] || continue
  echo "=== $(basename "$b")"
  "$b"
  echo
done
