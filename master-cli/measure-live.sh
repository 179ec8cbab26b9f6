#!/usr/bin/env bash
# Measures the master collecting from a loopback cluster: N nodes in P daemon processes (./hearsay daemon), one
# ./hearsay serve at the default report interval. Prints the master's CPU (share of one core) and resident memory over
# a window, reports absorbed per second, then injects one event from the dashboard's API and compares when each node
# learned it (the daemons' logs) with when the dashboard showed it (the master's log), through ./hearsay curves.
#   master-cli/measure-live.sh [NODES=1000] [PROCESSES=4] [WINDOW_S=60]
# With daemons it then makes one member lossy (loss p=1, from the dashboard's fault form) and compares when the nodes
# themselves first held it suspect or dead (their logs) with when the dashboard's view matrix first showed it so, and
# prints the master's sweep time (its poll of every process, /api/view pollMs) over the window.
# SOURCE=load: instead of daemons, one ./hearsay live-load answering for NODES synthetic node identities in PROCESSES
# control endpoints (real SBE live reports; no gossip): the master's side at a scale real nodes do not fit here.
# Loopback only; everything it starts stops at the end (and after a bounded time in any case).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
nodes="${1:-1000}"; processes="${2:-4}"; window="${3:-60}"
out="${OUT:-$root/runs/measure-live-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out/daemons/logs" "$out/master"
# the nodes take base .. base + N - 1 (BASE_PORT, default 23000), the daemons' control ports base + 1900 .., the dashboard base + 1980
base="${BASE_PORT:-23000}"; control=$((base + 1900)); http=$((base + 1980))
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
"$root/hearsay" help serve >/dev/null   # builds the jar once
per=$((nodes / processes)); controls=""
if [ "${SOURCE:-daemons}" = load ]; then
  timeout $((window + 600)) "$root/hearsay" live-load --nodes "$nodes" --processes "$processes" \
    --duration-s $((window + 500)) --log-dir "$out/daemons/logs/generator" --endpoints-file "$out/endpoints" \
    >"$out/live-load.out" 2>&1 &
  pids+=($!)
  until [ -s "$out/endpoints" ]; do sleep 0.5; done
  controls=$(cat "$out/endpoints")
else
# FORMATION=roster (default): every daemon starts from the roster of all N members (the lab's formation); seeds: one seed.
# PROFILE: the daemons' timing profile (default local; wan: 1 s rounds, what the 1,000-node soak runs)
join=(--seeds 127.0.0.1:$base)
if [ "${FORMATION:-roster}" = roster ]; then
  for i in $(seq 0 $((nodes - 1))); do echo "127.0.0.1:$((base + i))"; done >"$out/roster.txt"
  join=(--roster "$out/roster.txt")
fi
for p in $(seq 0 $((processes - 1))); do
  timeout $((window + 600)) "$root/hearsay" daemon --bind 127.0.0.1 --port $((base + p * per)) --nodes "$per" \
    "${join[@]}" --profile "${PROFILE:-local}" --control-port $((control + p)) --log-dir "$out/daemons/logs/p$p" \
    --seed $((p + 1)) >"$out/daemon-$p.out" 2>&1 &
  pids+=($!); controls="$controls${controls:+,}127.0.0.1:$((control + p))"
done
fi
timeout $((window + 600)) "$root/hearsay" serve --control "$controls" --port $http --log-dir "$out/master" \
  >"$out/serve.out" 2>&1 &
serve_launcher=$!; pids+=($serve_launcher)
view() { curl -s --max-time 5 "http://127.0.0.1:$http/api/view" || echo '{}'; }
field() { python3 -c "import json,sys; v=json.load(sys.stdin); print(v.get('$1', 0))"; }
deadline=$((SECONDS + 300)); serve_ms=$(date +%s%3N)
until [ "$(view | python3 -c "import json,sys; v=json.load(sys.stdin); print(int(v.get('nodes',0)==$nodes and v.get('viewEntries',0)>=$nodes*$nodes*0.999))")" = 1 ]; do
  [ $SECONDS -lt $deadline ] || { echo "measure-live: no full view of $nodes nodes within 300 s; last view: $(view | head -c 300)" >&2; exit 1; }
  view | python3 -c "import json,sys; v=json.load(sys.stdin); print(v.get('atMs', 0), v.get('pollMs', 0), v.get('viewEntries', 0))" >>"$out/sweeps-forming"
  sleep 2
done
echo "  full view of $nodes x $nodes held $(( $(date +%s%3N) - serve_ms )) ms after serve started (polls meanwhile, atMs pollMs entries: sweeps-forming)" \
  | tee "$out/figures-forming.txt"
master=$(pgrep -P "$serve_launcher" java || pgrep -P "$serve_launcher" | head -1)   # timeout runs the launcher, which execs the JVM
ticks() { awk '{print $14 + $15}' "/proc/$master/stat"; }
hz=$(getconf CLK_TCK)
r0=$(view | field reportsTotal); t0=$(ticks); s0=$SECONDS; rss_max=0; : >"$out/sweeps"
while [ $((SECONDS - s0)) -lt "$window" ]; do
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$master/status"); [ "$rss" -gt "$rss_max" ] && rss_max=$rss
  view | python3 -c "import json,sys; v=json.load(sys.stdin); print(v.get('atMs', 0), v.get('pollMs', 0))" >>"$out/sweeps"
  sleep 1
done
r1=$(view | field reportsTotal); t1=$(ticks); span=$((SECONDS - s0))
heap=$(jcmd "$master" GC.heap_info 2>/dev/null | awk '/used/ {print; exit}' || true)
python3 - "$t0" "$t1" "$hz" "$span" "$r0" "$r1" "$rss_max" "$nodes" "$processes" <<'PY' | tee "$out/figures.txt"
import sys
t0, t1, hz, span, r0, r1, rss, n, p = map(float, sys.argv[1:])
print(f"master collecting from {int(n)} nodes in {int(p)} processes at the default 1 s interval, {int(span)} s window:")
print(f"  CPU {100 * (t1 - t0) / hz / span:.1f} % of one core; peak RSS {rss / 1024:.0f} MiB; reports absorbed {(r1 - r0) / span:.0f}/s")
PY
echo "  heap: $heap" | tee -a "$out/figures.txt"
sort -u "$out/sweeps" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {if (NR) printf "  sweep (one poll of every process): p50 %d ms, max %d ms over %d polls\n", a[int((NR+1)/2)], a[NR], NR}' \
  | tee -a "$out/figures.txt"
curl -s --max-time 10 -X POST "http://127.0.0.1:$http/api/inject" -d "payload=measure" >/dev/null
deadline=$((SECONDS + 60))
until [ "$(view | field knowing)" -ge "$nodes" ]; do [ $SECONDS -lt $deadline ] || break; sleep 0.5; done
sleep 2
if [ "${SOURCE:-daemons}" != load ]; then
  # a membership change: one member made lossy; when does the dashboard's matrix show the others holding it down?
  member="127.0.0.1:$((base + nodes / 2))"; column=$((nodes / 2))   # the node list is sorted by address: by port here
  fault_ms=$(date +%s%3N)
  curl -s --max-time 10 -X POST "http://127.0.0.1:$http/api/fault" --data-urlencode action=apply \
    --data-urlencode "node=$member" --data-urlencode "spec=loss p=1" >/dev/null
  python3 - "$http" "$nodes" "$column" >"$out/membership-dashboard.txt" <<'PY'
import json, sys, time, urllib.request
http, n, col = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
first = full = 0
end = time.time() + 120
while time.time() < end and not full:
    try:
        m = json.load(urllib.request.urlopen(f"http://127.0.0.1:{http}/api/matrix?rowFrom=0&rowTo={n}&colFrom={col}&colTo={col + 1}", timeout=5))
    except Exception:
        time.sleep(0.1); continue
    down = sum(c["suspect"] + c["dead"] for c in m["cells"])
    now = int(time.time() * 1000)
    if down > 0 and not first: first = now
    if down >= n - 1: full = now
    time.sleep(0.05)
print("first_ms", first); print("all_ms", full)
PY
fi
cleanup; trap - EXIT
"$root/hearsay" curves "$out/daemons" >"$out/curves-daemons.txt" 2>&1 || true
"$root/hearsay" curves "$out/master" >"$out/curves-master.txt" 2>&1 || true
echo "nodes' own learn times:  $(grep -m1 -iE 't50|t100' "$out/curves-daemons.txt" || tail -1 "$out/curves-daemons.txt")" | tee -a "$out/figures.txt"
echo "as the dashboard saw them: $(grep -m1 -iE 't50|t100' "$out/curves-master.txt" || tail -1 "$out/curves-master.txt")" | tee -a "$out/figures.txt"
if [ "${SOURCE:-daemons}" != load ]; then
  java "@$root/master-cli/target/classes/hearsay/jvm.options" -cp "$root/master-cli/target/hearsay.jar" "$root/master-cli/measure/MemberChangeTimes.java" "$out/daemons/logs" \
    "$member" "$fault_ms" >"$out/membership-nodes.txt" 2>&1 || true
  python3 - "$out" "$fault_ms" <<'PY' | tee -a "$out/figures.txt"
import sys
out, fault = sys.argv[1], int(sys.argv[2])
def read(name):
    d = {}
    for line in open(f"{out}/{name}"):
        k, _, v = line.partition(" ")
        if v.strip().lstrip("-").isdigit(): d[k] = int(v)
    return d
nodes, dash = read("membership-nodes.txt"), read("membership-dashboard.txt")
print(f"membership change (one member lossy at t=0, {nodes.get('observers', 0)} observers logged it down):")
print(f"  nodes' own logs: first {nodes.get('first_ms', 0) - fault} ms, last observer {nodes.get('all_ms', 0) - fault} ms")
if dash.get("first_ms"):
    print(f"  dashboard's matrix: first {dash['first_ms'] - fault} ms (+{dash['first_ms'] - nodes.get('first_ms', 0)} ms), "
          + (f"all {dash['all_ms'] - fault} ms (+{dash['all_ms'] - nodes.get('all_ms', 0)} ms)" if dash.get("all_ms") else "not all within 120 s"))
else:
    print("  dashboard's matrix: not shown within 120 s")
PY
fi
echo "measure-live: results in $out"
