#!/usr/bin/env bash
# The parallel-addition example: generates the original's 10,000-task file and runs two
# jobs with `cloud_tasks run` on the local provider (2 instances each): every task through
# the C++ library worker, then the first 500 through the Python program run by
# `cloud_tasks worker -- python3 worker_addition.py`. Checks every sum.
# Usage: run_example.sh BUILD_DIR      (env EXAMPLE_TASKS, default 10000)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$(cd "${1:-build}" && pwd)"
tasks="${EXAMPLE_TASKS:-10000}"
python=/usr/bin/python3; [ -x "$python" ] || python=python3  # the system interpreter starts fastest
py_tasks=$(( tasks < 500 ? tasks : 500 ))
out="$here/out"
rm -rf "$out" && mkdir -p "$out"

python3 "$here/generate_tasks.py" "$out/addition_tasks.json" --tasks "$tasks"
"$build/cloud_tasks" validate_task_file --task-file "$out/addition_tasks.json"

now() { date +%s.%N; }
# One job on the local provider: 2 "instances" (detached worker processes) fed by the
# local durable queue, events recorded in the job database and copied to a JSON-lines file.
run_job() {  # run_job NAME TASKS WORKER_COMMAND...
  local name=$1 n=$2; shift 2
  local dir="$out/$name"
  mkdir -p "$dir"
  python3 - "$out/addition_tasks.json" "$dir/tasks.json" "$n" <<'SLICE'
import json, sys
json.dump(json.load(open(sys.argv[1]))[:int(sys.argv[3])], open(sys.argv[2], "w"))
SLICE
  local cmd=""
  for a in "$@"; do cmd+=" $(printf '%q' "$a")"; done
  cat > "$dir/config.yml" <<YAML
provider: local
local:
  job_id: $name
  state_dir: $dir/state
  max_instances: 2
  scaling_check_interval: 2
  keepalive_interval: 10
  max_runtime: 60
  startup_script: |
    #!/bin/bash
    export ADDITION_OUTPUT_DIR=$(printf '%q' "$dir/results")
    exec$cmd
YAML
  (cd "$dir" && "$build/cloud_tasks" run --config config.yml --task-file tasks.json --output-file events.jsonl --force)
}

echo "Job 1: $tasks tasks, C++ library worker, local provider with 2 instances..."
t0=$(now)
run_job addition-cpp "$tasks" "$build/examples/worker_addition" --output-dir "$out/addition-cpp/results"
t1=$(now)
echo "Job 2: $py_tasks tasks, Python program through 'cloud_tasks worker --', local provider with 2 instances..."
run_job addition-py "$py_tasks" "$build/cloud_tasks" worker -- "$python" "$here/worker_addition.py"
t2=$(now)

python3 - "$out" <<PY
import json, os, sys
out = sys.argv[1]
tasks = json.load(open(os.path.join(out, "addition_tasks.json")))
def check(label, events_file, results_dir, n, seconds):
    done = {}
    for line in open(os.path.join(out, events_file)):
        e = json.loads(line)
        if e["event_type"] == "task_completed" and not e["retry"]:
            done[e["task_id"]] = e
    bad = 0
    for t in tasks[:n]:
        s = t["data"]["num1"] + t["data"]["num2"]
        e = done.get(t["task_id"])
        path = os.path.join(out, results_dir, t["task_id"] + ".txt")
        if e is None or e["result"] != {"sum": s} or not os.path.exists(path) or int(open(path).read()) != s:
            bad += 1
    print(f"{label}: {len(done)}/{n} tasks completed, {bad} wrong or missing, {n / seconds:.0f} tasks/s")
    return bad
bad = check("Job 1, C++ library worker", "addition-cpp/events.jsonl", "addition-cpp/results", $tasks, $t1 - $t0)
bad += check("Job 2, Python command worker", "addition-py/events.jsonl", "addition-py/results", $py_tasks, $t2 - $t1)
print(f"Task file, events and results are in {out}")
sys.exit(1 if bad else 0)
PY
