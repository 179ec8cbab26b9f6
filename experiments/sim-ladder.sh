#!/bin/bash
# The simulator's ladder for the rounds-versus-load answer (issue 10), one command:
#   experiments/sim-ladder.sh [OUT_DIR] [MAX_EXP]
#     OUT_DIR  default experiments/results/sim-ladder (checked in); resumable: finished folders are skipped
#     MAX_EXP  largest log2 N (default 24)
# Rounds fidelity (synchronous rounds), seed 1, N = 2^4, 2^6, ... for push-pull, median-counter (until quiescent),
# direct-addressing (unbounded and --max-answers B), tree (d = 4, 16) and star; loss 0 %, 1 %, 10 % for push-pull
# and direct addressing; direct addressing with its largest tree's root killed during the second event (the kept
# structure's), without and with 10 % loss. 30 runs per cell to 2^20 (the variants: to 2^16, then 10); 5 runs at
# 2^22 and 3 at 2^24, in order of use (the cost per run, measured, is in every folder's timing.properties: about 12 s per
# direct-addressing run at 2^20 on the shared 2 cores). One JVM at a time (one core): no lock needed (brief).
# Every folder keeps summary.json, phases.csv (structured strategies), rounds.csv, config.properties and
# timing.properties; the event logs (logs/, sparse 80 MiB Chronicle files) are deleted.
# HEARSAY=CMD runs another launcher (e.g. a frozen copy of the jar while the sources change).
# Then: ./hearsay results (writes docs/RESULTS.md from these folders).
set -u
cd "$(dirname "$0")/.."
OUT=${1:-experiments/results/sim-ladder}
MAX_EXP=${2:-24}
HEARSAY=${HEARSAY:-./hearsay}
mkdir -p "$OUT"
run() { # CELL EXP RUNS ARGS...
  local cell=$1 e=$2 runs=$3; shift 3
  [ "$e" -gt "$MAX_EXP" ] && return
  local dir="$OUT/$cell/n$(printf %02d "$e")"
  [ -f "$dir/summary.json" ] && return
  rm -rf "$dir"
  mkdir -p "$OUT/$cell"
  local start=$SECONDS
  if $HEARSAY sim --fidelity rounds --nodes $((1 << e)) --runs "$runs" --seed 1 --quiet --out "$dir" "$@" \
      > "$dir.log" 2>&1; then
    rm -rf "$dir/logs" "$dir.log"
    echo "$(date -u +%T) $cell 2^$e: $runs runs in $((SECONDS - start)) s"
  else
    echo "$(date -u +%T) failed: $cell 2^$e (see $dir.log)"
    rm -rf "$dir/logs"
  fi
}
cell() { # CELL ARGS... : 30 runs for 2^4 .. 2^20
  local name=$1; shift
  for e in 4 6 8 10 12 14 16 18 20; do run "$name" "$e" 30 "$@"; done
}
side() { # CELL ARGS... : 30 runs for 2^4 .. 2^16, 10 at 2^18 and 2^20 (the variants: loss, caps, a killed leader)
  local name=$1; shift
  for e in 4 6 8 10 12 14 16; do run "$name" "$e" 30 "$@"; done
  for e in 18 20; do run "$name" "$e" 10 "$@"; done
}
cell push-pull --strategy push-pull
cell direct-addressing --strategy direct-addressing
cell median-counter --strategy median-counter --until quiescent
cell tree-d4 --strategy tree --fanout 4
cell tree-d16 --strategy tree --fanout 16
cell star --strategy star
for l in 0.01 0.1; do
  side "push-pull-loss$l" --strategy push-pull --loss "$l"
  side "direct-addressing-loss$l" --strategy direct-addressing --loss "$l"
done
side direct-addressing-kill --strategy direct-addressing --kill-leader
side direct-addressing-b1024 --strategy direct-addressing --max-answers 1024
run push-pull 22 5 --strategy push-pull
run direct-addressing 22 5 --strategy direct-addressing
side direct-addressing-b64 --strategy direct-addressing --max-answers 64
side direct-addressing-kill-loss0.1 --strategy direct-addressing --kill-leader --loss 0.1
run tree-d16 22 5 --strategy tree --fanout 16
run star 22 5 --strategy star
run push-pull 24 3 --strategy push-pull
run direct-addressing 24 3 --strategy direct-addressing
side direct-addressing-b16384 --strategy direct-addressing --max-answers 16384
run tree-d4 22 5 --strategy tree --fanout 4
run median-counter 22 5 --strategy median-counter --until quiescent
run tree-d16 24 3 --strategy tree --fanout 16
run star 24 3 --strategy star
run tree-d4 24 3 --strategy tree --fanout 4
run median-counter 24 3 --strategy median-counter --until quiescent
