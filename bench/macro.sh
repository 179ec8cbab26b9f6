#!/usr/bin/env bash
# Macro runs on this machine (loopback only); each writes its output to bench/results/<name>-<stamp>.txt with the
# command and the load average at start and end.
#
#   bench/macro.sh loopback        datagrams/s through one daemon thread (1 node: push, ping; 1,000 nodes: push)
#   bench/macro.sh memory          memory per hosted node, 1,000 nodes in one process (heap + direct, NMT diff)
#   bench/macro.sh cpu             CPU per node-second and per datagram, 1,000 nodes in one process (LAN profile,
#                                  idle membership, then 5 events/s): CpuPerNode
#   bench/macro.sh local-eager     ./hearsay local --nodes 1000 --timing eager (fanout 1, and fanout 3)
#   bench/macro.sh local-eager-busy   the same with --fanout 3 --idle busy (no parking between duty cycles)
#   bench/macro.sh local-periodic  ./hearsay local --nodes 1000 --timing periodic --gossip-period-ms 200
#   bench/macro.sh alloc           bytes allocated per operation of every hot-path operation (AllocationProbe)
#   bench/macro.sh sim             issue 3's figures: ./hearsay sim push-pull, rounds N=1e6 and 1e7, dissemination
#                                  N=1e6, wall time and peak RSS by /usr/bin/time -v
#   bench/macro.sh peers           hearsay beside ScaleCube and Atomix: N = 16 and 64, 2 interleaved trials each, fresh
#                                  JVMs per trial (PeerComparison; CSV, plot and ratio table in bench/results/peers-<stamp>/)
#   bench/macro.sh peers-large     the same at N = 256 (peers sharded over JVMs, hearsay in one), one trial, 5 events;
#                                  takes the Docker lock (more than one core for minutes); 1,024: the estimate, refused
#   bench/macro.sh peers-quick     the same, CI-sized: N = 8, one trial, 3 events, crash timed up to 40 s (~2-3 min)
#   bench/macro.sh all             all of the above in this order
#
# SEED (default 1) is passed to ./hearsay local. Run folders of ./hearsay local go to bench/results/runs/ (ignored by git).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"
seed="${SEED:-1}"
# the JVM flags: the argument file the build makes from the root pom (the one place they are written)
flags=("@$root/master-cli/target/classes/hearsay/jvm.options")
if [[ ! -f "$jar" ]] || [[ ! -f "$root/master-cli/target/classes/hearsay/jvm.options" ]]; then
  (cd "$root" && mvn -o -q -B -pl bench -am package -DskipTests)
fi
mkdir -p "$here/results/runs"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"

# record NAME COMMAND...: runs the command, output to the console and results/NAME-STAMP.txt with the conditions
record() {
  local name="$1"; shift
  local out="$here/results/$name-$stamp.txt"
  {
    echo "# $name  start $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg) cores: $(nproc) commit: $(git -C "$root" rev-parse --short HEAD)"
    echo "# command: $*" | sed "s#$root/#./#g; s#bench_java#java <JVM flags of macro.sh>#"
  } >> "$out"
  "$@" 2>&1 | grep -v '^SLF4J' | tee -a "$out"
  echo "# end $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out"
}

bench_java() {
  java "${flags[@]}" "$@"
}

loopback() {
  record loopback bench_java -cp "$jar" io.hearsay.bench.macro.LoopbackThroughput --nodes 1 --kind push --seconds 10 --warmup-s 5
  record loopback bench_java -cp "$jar" io.hearsay.bench.macro.LoopbackThroughput --nodes 1 --kind ping --seconds 10 --warmup-s 5
  record loopback bench_java -cp "$jar" io.hearsay.bench.macro.LoopbackThroughput --nodes 1000 --kind push --seconds 10 --warmup-s 5
}

peers_build() {
  (cd "$root" && mvn -o -q -B -pl bench,bench/peers-atomix -am package -DskipTests)
}

peers() {
  peers_build
  record peers java -Dhearsay.home="$root" -cp "$jar" io.hearsay.bench.peers.PeerComparison --nodes 16,64 --trials 2 \
    --out "$here/results/peers-$stamp"
}

peers-large() {
  peers_build
  # 1,024: the pre-flight estimate, and the refusal of what this machine cannot hold (exit 2 is the expected answer)
  record peers-large-1024 java -Dhearsay.home="$root" -cp "$jar" io.hearsay.bench.peers.PeerComparison --nodes 1024 \
    --trials 1 --out "$here/results/peers-large-$stamp" || true
  record peers-large flock -w 900 /work/brief/docker.lock java -Dhearsay.home="$root" -cp "$jar" \
    io.hearsay.bench.peers.PeerComparison --nodes 256 --trials 1 --events 5 --converge-s 150 --crash-s 90 --skip-unfit \
    --out "$here/results/peers-large-$stamp"
}

peers-quick() {
  peers_build
  record peers-quick java -Dhearsay.home="$root" -cp "$jar" io.hearsay.bench.peers.PeerComparison --quick \
    --out "$here/results/peers-quick-$stamp"
}

memory() {
  record memory bench_java -XX:NativeMemoryTracking=summary -cp "$jar" io.hearsay.bench.macro.MemoryPerNode --nodes 1000 --converge-s 180
}

local_run() {
  local name="$1"; shift
  local out="$here/results/runs/$name-$stamp"
  record "$name" "$root/hearsay" local --nodes 1000 --seed "$seed" --out "$out" "$@"
  if [[ -f "$out/summary.json" ]]; then
    echo "# summary.json: $(tr -d '\n ' < "$out/summary.json")" >> "$here/results/$name-$stamp.txt"
  fi
}

case "${1:-}" in
  loopback) loopback ;;
  memory) memory ;;
  cpu) record cpu bench_java -cp "$jar" io.hearsay.bench.macro.CpuPerNode --nodes 1000 --warmup-s 20 --seconds 15 ;;
  local-eager)
    local_run local-eager --timing eager
    local_run local-eager-fanout3 --timing eager --fanout 3 ;;
  local-eager-busy)
    local_run local-eager-fanout3-busy --timing eager --fanout 3 --idle busy ;;
  local-periodic) local_run local-periodic --timing periodic --gossip-period-ms 200 ;;
  sim)
    for n in 1000000 10000000; do
      record sim-rounds /usr/bin/time -v "$root/hearsay" sim --fidelity rounds --strategy push-pull --nodes "$n" \
        --seed "$seed" --quiet --out "$here/results/runs/sim-rounds-$n-$stamp"
    done
    record sim-dissemination /usr/bin/time -v "$root/hearsay" sim --fidelity dissemination --strategy push-pull \
      --nodes 1000000 --seed "$seed" --quiet --out "$here/results/runs/sim-dissemination-1000000-$stamp" ;;
  peers) peers ;;
  peers-large) peers-large ;;
  peers-quick) peers-quick ;;
  alloc) record alloc bench_java -cp "$jar" io.hearsay.bench.alloc.AllocationProbe '.*' 200000 ;;
  all)
    "$0" loopback; "$0" memory; "$0" local-eager; "$0" local-periodic; "$0" alloc; "$0" sim ;;
  *) echo "macro.sh: unknown run '${1:-}'; accepted: loopback, memory, cpu, local-eager, local-eager-busy, local-periodic, peers, peers-large, peers-quick, alloc, sim, all" >&2; exit 2 ;;
esac
