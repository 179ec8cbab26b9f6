#!/bin/bash
# The simulator's rounds-versus-load ladder for direct addressing (issue 10), one command:
#   experiments/direct-ladder.sh [OUT_DIR]          (default runs/direct; resumable: finished folders are skipped)
#   python3 experiments/direct-ladder-table.py OUT_DIR
# Rounds fidelity only (synchronous rounds, the array models of io.hearsay.sim.direct); about 15 min on 2 cores.
# Every run folder holds summary.json, rounds.csv and (structured strategies) phases.csv.
set -u
cd "$(dirname "$0")/.."
OUT=${1:-runs/direct}
mkdir -p "$OUT"
run() {
  local name=$1; shift
  [ -f "$OUT/$name/summary.json" ] && return
  ./hearsay sim "$@" --seed 1 --out "$OUT/$name" > "$OUT/$name.log" 2>&1 || echo "failed: $name (see $OUT/$name.log)"
  echo "$(date -u +%T) $name"
}
for e in 10 12 14 16; do run da-n$e --nodes $((1 << e)) --strategy direct-addressing --runs 100; done
for e in 10 12 14 16; do run pp-n$e --nodes $((1 << e)) --strategy push-pull --runs 30; done
run da-n18 --nodes $((1 << 18)) --strategy direct-addressing --runs 30
run pp-n18 --nodes $((1 << 18)) --strategy push-pull --runs 10
run da-n20 --nodes $((1 << 20)) --strategy direct-addressing --runs 20
run pp-n20 --nodes $((1 << 20)) --strategy push-pull --runs 10
for b in 16 64 256 1024; do run da-n16-b$b --nodes 65536 --strategy direct-addressing --max-answers $b --runs 10; done
for d in 2 4 16 256; do run tree-n16-d$d --nodes 65536 --strategy tree --fanout $d --runs 10; done
run star-n16 --nodes 65536 --strategy star --runs 10
for b in 64 1024; do run star-n16-b$b --nodes 65536 --strategy star --max-answers $b --runs 5; done
run mc-n16 --nodes 65536 --strategy median-counter --runs 30
for l in 0.01 0.1; do run da-n16-loss$l --nodes 65536 --strategy direct-addressing --loss $l --runs 10; done
