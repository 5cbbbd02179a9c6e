#!/usr/bin/env bash
# The parallel-addition example: generates the original's 10,000-task file, runs every
# task through the C++ library worker, runs the first 500 through the Python command
# worker (`cloud_tasks worker -- python3 worker_addition.py`), and checks every sum.
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
echo "C++ library worker: $tasks tasks, $(nproc) at a time..."
t0=$(now)
"$build/examples/worker_addition" --task-file "$out/addition_tasks.json" --event-log-file "$out/events_cpp.log" \
  --max-runtime 60 --output-dir "$out/results_cpp"
t1=$(now)
echo "Command worker (Python): first $py_tasks tasks..."
ADDITION_OUTPUT_DIR="$out/results_py" "$build/cloud_tasks" worker \
  --task-file "$out/addition_tasks.json" --event-log-file "$out/events_py.log" --max-runtime 60 \
  --max-num-tasks "$py_tasks" -- "$python" "$here/worker_addition.py"
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
bad = check("C++ library worker", "events_cpp.log", "results_cpp", $tasks, $t1 - $t0)
bad += check("Python command worker", "events_py.log", "results_py", $py_tasks, $t2 - $t1)
print(f"Task file, events and results are in {out}")
sys.exit(1 if bad else 0)
PY
