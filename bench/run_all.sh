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
echo "=== bench_local_job"
"$(dirname "$0")/local_job/bench_local_job.sh" "$build"
