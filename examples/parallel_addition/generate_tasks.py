#!/usr/bin/env python3
"""Writes the parallel-addition task file: N tasks `addition-task-000001`... with data
{"num1", "num2"} drawn from -99999..99999 (seeded, so the file is reproducible)."""
import argparse
import json
import random

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("output", help="task file to write (.json)")
parser.add_argument("--tasks", type=int, default=10000, help="number of tasks (default: 10000)")
parser.add_argument("--seed", type=int, default=42, help="random seed (default: 42)")
args = parser.parse_args()

rng = random.Random(args.seed)
tasks = [{"task_id": f"addition-task-{i:06d}",
          "data": {"num1": rng.randint(-99999, 99999), "num2": rng.randint(-99999, 99999)}}
         for i in range(1, args.tasks + 1)]
with open(args.output, "w") as f:
    json.dump(tasks, f, indent=2)
    f.write("\n")
