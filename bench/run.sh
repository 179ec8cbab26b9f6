#!/usr/bin/env bash
# Runs hearsay's JMH benchmarks and writes the results (JSON + text) to bench/results/.
#
#   bench/run.sh [quick|full] [regex]
#
#   quick  1 fork, 2 x 1 s warm-up, 3 x 1 s measurement   (~5 min for everything on 2 cores)
#   full   2 forks, 5 x 2 s warm-up, 10 x 2 s measurement (~45 min; for a quiet machine)
#   regex  JMH benchmark filter, e.g. 'WireAdapter' or 'GossipNodePacket.*PING' (default: all)
#
# Every run also uses -prof gc (allocation per operation: gc.alloc.rate.norm, target 0 B/op).
# Extra JMH options can be passed in JMH_OPTS, e.g. JMH_OPTS='-p message=PING'.
# Builds bench/target/benchmarks.jar first when it is missing or older than the sources.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
mode="${1:-quick}"
filter="${2:-.*}"
case "$mode" in
  quick) opts=(-f 1 -wi 2 -w 1s -i 3 -r 1s) ;;
  full)  opts=(-f 2 -wi 5 -w 2s -i 10 -r 2s) ;;
  *) echo "run.sh: unknown mode '$mode'; accepted: quick, full" >&2; exit 2 ;;
esac

jar="$here/target/benchmarks.jar"
if [[ ! -f "$jar" ]] || [[ -n "$(find "$here/src" "$root/core/src/main" "$root/records/src/main" "$root/testing/src/main" "$root/daemon/src/main" -newer "$jar" -name '*.java' -print -quit)" ]]; then
  echo "run.sh: building $jar" >&2
  (cd "$root" && mvn -o -q -B -pl bench -am package -DskipTests)
fi

mkdir -p "$here/results"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
name="jmh-$mode-$stamp"
json="$here/results/$name.json"
text="$here/results/$name.txt"
{
  echo "# hearsay JMH run: mode=$mode filter=$filter"
  echo "# start $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg) cores: $(nproc) commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo n/a)"
  echo "# command: java @master-cli/target/classes/hearsay/jvm.options -jar $jar '$filter' ${opts[*]} -prof gc ${JMH_OPTS:-} -rf json -rff $json"
} > "$text"
# shellcheck disable=SC2086
java "@$root/master-cli/target/classes/hearsay/jvm.options" -jar "$jar" "$filter" "${opts[@]}" -prof gc ${JMH_OPTS:-} -rf json -rff "$json" | tee -a "$text"
echo "# end $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$text"
echo "run.sh: results in $json and $text" >&2
