#!/usr/bin/env bash
# bench_local_job: 5,000 trivial tasks through `cloud_tasks run --provider local` (one
# instance with 2 task slots: durable queue, events, job database, report) against GNU
# `parallel -j2` running the same command on the same inputs, in the same run.
# Prints both wall times and the ratio (goal: cloud_tasks at least 3x faster).
# Usage: bench_local_job.sh [BUILD_DIR] [TASKS]
set -euo pipefail
build="$(cd "${1:-build}" && pwd)"
n="${2:-5000}"
work="$(mktemp -d "${TMPDIR:-/tmp}/bench_local_job.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"
python3 -c "
import json, sys
n = int(sys.argv[1])
json.dump([{'task_id': f'task-{i:06d}', 'data': {'i': i}} for i in range(n)], open('tasks.json', 'w'))
open('inputs.txt', 'w').write(''.join(f'task-{i:06d}\n' for i in range(n)))" "$n"
cat > config.yml <<YAML
provider: local
local:
  job_id: bench-local-job
  state_dir: $work/state
  max_instances: 1
  max_tasks_per_instance: 2
  scaling_check_interval: 1
  keepalive_interval: 30
  startup_script: |
    #!/bin/bash
    exec $build/cloud_tasks worker -- /bin/true
YAML
now() { date +%s.%N; }
t0=$(now)
"$build/cloud_tasks" run --config config.yml --task-file tasks.json --force > run.log 2>&1 || { cat run.log; exit 1; }
t1=$(now)
grep -q "Completed: $n" run.log || { echo "bench_local_job: not every task completed"; tail -30 run.log; exit 1; }
if command -v parallel >/dev/null; then
  parallel -j2 /bin/true {} < inputs.txt
  t2=$(now)
  python3 - "$n" "$t0" "$t1" "$t2" <<'PY'
import sys
n, t0, t1, t2 = int(sys.argv[1]), *map(float, sys.argv[2:])
ours, peer = t1 - t0, t2 - t1
print(f"cloud_tasks run --provider local: {n} tasks in {ours:.2f} s ({n / ours:.0f} tasks/s), with queue, events and job DB")
print(f"GNU parallel -j2:                 {n} tasks in {peer:.2f} s ({n / peer:.0f} tasks/s)")
print(f"ratio (parallel time / cloud_tasks time): {peer / ours:.2f}x (goal >= 3x)")
PY
else
  echo "cloud_tasks run: $n tasks in $(python3 -c "print(round($t1 - $t0, 2))") s; GNU parallel not installed (make bench installs it)"
fi
