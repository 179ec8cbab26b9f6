#!/bin/bash
# Keeps what docs/RESULTS.md needs from a Docker experiment's output (the full folders hold event logs of every node):
#   experiments/keep-lab-results.sh EXPERIMENT_OUT_DIR [KEEP_DIR]
#     EXPERIMENT_OUT_DIR  e.g. runs/experiments/direct-cluster (./hearsay experiment run experiments/direct-cluster.exp)
#     KEEP_DIR            default experiments/results/lab/<its name> (checked in)
# Per repetition (CELL/rep-K, done ones only): result.json, udp.csv (kernel UDP counters per container before and after
# every event), and curve-sampled.csv: nodes that know against time per event (from ./hearsay curves), at most
# 300 points per event (every k-th learn, the first and the last kept). Never the control token.
set -eu
cd "$(dirname "$0")/.."
SRC=${1:?usage: experiments/keep-lab-results.sh EXPERIMENT_OUT_DIR [KEEP_DIR]}
DST=${2:-experiments/results/lab/$(basename "$SRC")}
for rep in "$SRC"/*/rep-*; do
  [ -f "$rep/DONE" ] || continue
  cell=$(basename "$(dirname "$rep")")
  out="$DST/$cell/$(basename "$rep")"
  mkdir -p "$out"
  cp "$rep/result.json" "$out/"
  [ -f "$rep/udp.csv" ] && cp "$rep/udp.csv" "$out/"
  if [ ! -f "$rep/curve.csv" ]; then
    ./hearsay curves "$rep" > "$out/curves.log" 2>&1 || echo "curves failed for $rep (see $out/curves.log)"
  fi
  if [ -f "$rep/curve.csv" ]; then
    python3 - "$rep/curve.csv" "$out/curve-sampled.csv" <<'PY'
import csv, sys
rows = {}
order = []
with open(sys.argv[1]) as f:
    for r in csv.DictReader(f):
        if r["event"] not in rows:
            rows[r["event"]] = []
            order.append(r["event"])
        rows[r["event"]].append(r)
with open(sys.argv[2], "w") as out:
    out.write("event,time_ms,count,round\n")
    for e in order:
        rs = rows[e]
        step = max(1, len(rs) // 300)
        keep = [r for i, r in enumerate(rs) if i % step == 0 or i == len(rs) - 1]
        for r in keep:
            out.write(f"{e},{r['time_ms']},{r['count']},{r['round']}\n")
PY
  fi
  [ -f "$rep/summary.json" ] && cp "$rep/summary.json" "$out/"
  rm -f "$out/curves.log"
  echo "kept $out"
done
