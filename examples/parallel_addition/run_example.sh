#!/usr/bin/env bash
# The parallel-addition example: generates the task file, runs every task through
# `cloud_tasks worker` with the Python command worker, and checks the sums.
# Usage: run_example.sh [path/to/cloud_tasks]   (env EXAMPLE_TASKS, default 1000)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(cd "$(dirname "${1:-build/cloud_tasks}")" && pwd)/$(basename "${1:-build/cloud_tasks}")"
tasks="${EXAMPLE_TASKS:-1000}"
out="$here/out"
rm -rf "$out" && mkdir -p "$out"

python3 "$here/generate_tasks.py" "$out/addition_tasks.json" --tasks "$tasks"
"$bin" validate_task_file --task-file "$out/addition_tasks.json"

echo "Running $tasks tasks, $(nproc) at a time..."
start=$(date +%s.%N)
ADDITION_OUTPUT_DIR="$out/results" "$bin" worker \
  --task-file "$out/addition_tasks.json" --event-log-file "$out/events.log" --max-runtime 60 \
  -- python3 "$here/worker_addition.py"
end=$(date +%s.%N)

python3 - "$out" "$tasks" "$start" "$end" <<'PY'
import json, os, sys
out, n, start, end = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
tasks = json.load(open(os.path.join(out, "addition_tasks.json")))
events = [json.loads(l) for l in open(os.path.join(out, "events.log"))]
done = {e["task_id"]: e for e in events if e["event_type"] == "task_completed" and not e["retry"]}
bad = 0
for t in tasks:
    s = t["data"]["num1"] + t["data"]["num2"]
    e = done.get(t["task_id"])
    path = os.path.join(out, "results", t["task_id"] + ".txt")
    if e is None or e["result"] != {"sum": s} or int(open(path).read()) != s:
        bad += 1
print(f"{len(done)}/{n} tasks completed, {bad} wrong or missing, {n / (end - start):.0f} tasks/s")
print(f"Events: {os.path.join(out, 'events.log')}  Results: {os.path.join(out, 'results')}")
sys.exit(1 if bad else 0)
PY
