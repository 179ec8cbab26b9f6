#!/bin/sh
# Container entrypoint: exempt the gossip ports from connection tracking in this namespace, then run
# `hearsay ARGS...` (daemon, master, ...) or, when the first argument is not a hearsay command, the given program.
#
# Thousands of nodes talking to random peers fill the kernel's conntrack table (262,144 flows, 30 s per
# unanswered UDP flow); Docker's DNS rules switch tracking on in every container of a user-defined network.
# A raw-priority (-300, before conntrack at -200) nftables chain marks our UDP ports notrack.
# HEARSAY_NOTRACK_PORTS: a port or range (default 7000-9999). Failure is reported, never fatal.
set -e
# HEARSAY_CONSOLE_LOG: a file in the host-mounted run folder that takes this container's stdout and stderr
if [ -n "${HEARSAY_CONSOLE_LOG:-}" ]; then
  exec >>"$HEARSAY_CONSOLE_LOG" 2>&1
fi
ports="${HEARSAY_NOTRACK_PORTS:-7000-9999}"
if command -v nft >/dev/null 2>&1; then
  if nft -f - 2>/tmp/notrack.err <<NFT
table inet hearsay_raw {
  chain prerouting { type filter hook prerouting priority raw; policy accept; udp dport $ports notrack; udp sport $ports notrack; }
  chain output { type filter hook output priority raw; policy accept; udp dport $ports notrack; udp sport $ports notrack; }
}
NFT
  then
    echo "hearsay-entrypoint: notrack udp $ports" >&2
  else
    echo "hearsay-entrypoint: WARNING could not install notrack rules (need NET_ADMIN): $(cat /tmp/notrack.err)" >&2
  fi
fi
# Swarm lab: the master's host reaches the overlay through the lab's gateway container; answers to it go back the same way
if [ -n "${HEARSAY_GATEWAY:-}" ] && [ -n "${HEARSAY_GATEWAY_NET:-}" ]; then
  ip route replace "$HEARSAY_GATEWAY_NET" via "$HEARSAY_GATEWAY" 2>/tmp/route.err \
    || echo "hearsay-entrypoint: WARNING no route to $HEARSAY_GATEWAY_NET via $HEARSAY_GATEWAY: $(cat /tmp/route.err)" >&2
fi
case "${1:-}" in
  daemon|master|inject|cluster|fault|report|sim|local)
    # JVM flags: the jar's argument file (made by the build from the root pom), copied in by docker/build-image.
    # HEARSAY_JAVA_OPTS: heap and GC for this container (set by `hearsay cluster up` from the nodes per container)
    # shellcheck disable=SC2086
    exec java @/opt/hearsay/jvm.options ${HEARSAY_JAVA_OPTS:--Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss256k} \
      -jar /opt/hearsay/hearsay.jar "$@"
    ;;
  *)
    exec "$@"
    ;;
esac
