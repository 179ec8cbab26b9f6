# Shared helpers of the docker/ scripts (sourced, not run).
# Every name the lab creates starts with "hearsay" so that `down` can find and remove all of it.

HEARSAY_DOCKER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HEARSAY_ROOT="$(cd "$HEARSAY_DOCKER_DIR/.." && pwd)"

# Names and addresses (override through the environment). The subnets are private ranges that exist
# only on the interfaces these scripts create; nothing outside them is ever addressed.
: "${HEARSAY_BASE_IMAGE:=hearsay-base:bookworm}"
: "${HEARSAY_NODE_IMAGE:=hearsay-node:latest}"
: "${HEARSAY_MACVLAN_NET:=hearsay-mv}"
: "${HEARSAY_BRIDGE_NET:=hearsay-br}"
: "${HEARSAY_VETH_PARENT:=hsveth0}"        # macvlan parent: one end of a veth pair we create
: "${HEARSAY_VETH_PEER:=hsveth1}"          # the other end, up, attached to nothing
: "${HEARSAY_SHIM:=hsshim0}"               # host-side macvlan interface: how the host reaches macvlan nodes
: "${HEARSAY_MACVLAN_SUBNET:=10.213.0.0/16}"
: "${HEARSAY_MACVLAN_RANGE:=10.213.0.0/17}" # Docker assigns from here; the shim sits outside it
: "${HEARSAY_MACVLAN_GATEWAY:=10.213.255.253}"
: "${HEARSAY_SHIM_ADDR:=10.213.255.254}"
: "${HEARSAY_BRIDGE_SUBNET:=10.214.0.0/16}"
: "${HEARSAY_BRIDGE_GATEWAY:=10.214.0.1}"
: "${HEARSAY_ENGINE_TIMEOUT_S:=90}"
: "${HEARSAY_DOCKERD_LOG:=/var/log/hearsay-dockerd.log}"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# wait_until DEADLINE_S DESCRIPTION CMD...: polls CMD every 0.2 s until it succeeds or the deadline passes.
wait_until() {
  local deadline_s="$1" what="$2"; shift 2
  local end=$(( $(date +%s) + deadline_s ))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$end" ]; then
      return 1
    fi
    sleep 0.2
  done
}

engine_up() { docker info >/dev/null 2>&1; }

# Docker Swarm (cluster up --engine swarm): the overlay network, the gateway container that joins it and the lab's
# bridge (the host routes the overlay's subnet through it), and the marker saying the lab put this engine in swarm mode.
: "${HEARSAY_OVERLAY_NET:=hearsay-ov}"
: "${HEARSAY_OVERLAY_SUBNET:=10.215.0.0/16}"
: "${HEARSAY_SWARM_GATEWAY:=hearsay-swarm-gw}"
: "${HEARSAY_SWARM_GATEWAY_IP:=10.214.0.3}"
: "${HEARSAY_SWARM_MARKER:=/run/hearsay-swarm-init}"
