#!/usr/bin/env python3
"""Command worker for the parallel-addition example: `cloud_tasks worker -- worker_addition.py`.

Reads the task ({"task_id", "data": {"num1", "num2"}}) from stdin, writes the sum to
$ADDITION_OUTPUT_DIR/<task_id>.txt and the JSON result {"sum": ...} to
$RMS_CLOUD_TASKS_RESULT_FILE. Optional behaviour for trying failure handling:
  ADDITION_TASK_DELAY             seconds to sleep per task (default 0)
  ADDITION_EXCEPTION_PROBABILITY  chance of raising an exception (exit 1, traceback on stderr)
  ADDITION_TIMEOUT_PROBABILITY    chance of sleeping forever (the worker's --max-runtime ends it)
  ADDITION_EXIT_PROBABILITY       chance of exiting with status 3
  ADDITION_RETRY_PROBABILITY      chance of asking for a retry (exit 75)
"""
import json
import os
import random
import sys
import time


def chance(name):
    return random.random() < float(os.environ.get(name, "0") or 0)


def main():
    task = json.load(sys.stdin)
    data = task["data"]
    total = data["num1"] + data["num2"]
    time.sleep(float(os.environ.get("ADDITION_TASK_DELAY", "0") or 0))
    if chance("ADDITION_EXCEPTION_PROBABILITY"):
        raise ZeroDivisionError("simulated failure in task " + task["task_id"])
    if chance("ADDITION_TIMEOUT_PROBABILITY"):
        time.sleep(10**6)
    if chance("ADDITION_EXIT_PROBABILITY"):
        sys.exit(3)
    if chance("ADDITION_RETRY_PROBABILITY"):
        sys.exit(75)
    out_dir = os.environ.get("ADDITION_OUTPUT_DIR", "results")
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, task["task_id"] + ".txt"), "w") as f:
        f.write(f"{total}\n")
    with open(os.environ["RMS_CLOUD_TASKS_RESULT_FILE"], "w") as f:
        json.dump({"sum": total}, f)


if __name__ == "__main__":
    main()
