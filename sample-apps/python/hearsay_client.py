#!/usr/bin/env python3
"""A hearsay local API client using only the Python 3 standard library.

    hearsay_client.py [--api http://127.0.0.1:7400] [--node N|a.b.c.d:port] COMMAND ...

Commands:
    broadcast TEXT            broadcast an event whose payload is TEXT (UTF-8)
    members                   list the node's member table
    tail [--count N] [--types event,data,member] [--timeout S]
                              print notices (one JSON object per line) as they arrive, by long-polling the
                              inbox; stops after N notices or S seconds without any (default: forever)
    request TO TEXT [--timeout-ms MS]
                              send TEXT to member TO (a.b.c.d:port) and print its reply
    kv-put KEY VALUE | kv-get KEY
                              use the replicated key-value sample application

Exit status: 0 on success, 1 on an API error (its JSON error is printed on stderr), 2 on bad usage.
"""

import argparse
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


class ApiError(Exception):
    def __init__(self, status, body):
        super().__init__("HTTP %d: %s" % (status, body))
        self.status = status
        self.body = body


class HearsayClient:
    """Calls one node's local API (node None: the process's first node)."""

    def __init__(self, api="http://127.0.0.1:7400", node=None):
        self.api = api.rstrip("/")
        self.prefix = "/v1" if node is None else "/v1/nodes/" + urllib.parse.quote(str(node), safe="")

    def _call(self, method, path, body=None, raw=False, timeout=70):
        data = None
        headers = {}
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        req = urllib.request.Request(self.api + self.prefix + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                payload = resp.read()
        except urllib.error.HTTPError as err:
            raise ApiError(err.code, err.read().decode("utf-8", "replace")) from None
        if raw:
            return payload.decode("utf-8")
        return json.loads(payload.decode("utf-8")) if payload else None

    def broadcast(self, text):
        return self._call("POST", "/events", {"payload": text})

    def members(self):
        return self._call("GET", "/members")

    def request(self, to, text, timeout_ms=1000):
        return self._call("POST", "/requests", {"to": to, "data": text, "timeout_ms": timeout_ms})

    def reply(self, to, correlation_id, text):
        return self._call("POST", "/replies", {"to": to, "correlation_id": correlation_id, "data": text})

    def inbox(self, after=None, timeout_ms=0, types=None, max_items=256):
        query = {"timeout_ms": timeout_ms, "max": max_items}
        if after is not None:
            query["after"] = after
        if types:
            query["types"] = types
        return self._call("GET", "/inbox?" + urllib.parse.urlencode(query))

    def tail(self, types=None, poll_ms=10000):
        """Yield notices as they arrive, forever (from the moment of the first call)."""
        after = self.inbox(types=types)["next"]
        while True:
            batch = self.inbox(after=after, timeout_ms=poll_ms, types=types)
            after = batch["next"]
            for item in batch["items"]:
                yield item

    def kv_put(self, key, value):
        return self._call("PUT", "/apps/kv/" + urllib.parse.quote(key, safe=""), value.encode("utf-8"))

    def kv_get(self, key):
        return self._call("GET", "/apps/kv/" + urllib.parse.quote(key, safe=""), raw=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description="hearsay local API client (stdlib only)")
    parser.add_argument("--api", default="http://127.0.0.1:7400", help="local API base URL")
    parser.add_argument("--node", default=None, help="hosted node: index or a.b.c.d:port (default: the first)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("broadcast")
    p.add_argument("text")
    sub.add_parser("members")
    p = sub.add_parser("tail")
    p.add_argument("--count", type=int, default=0, help="stop after this many notices (0: never)")
    p.add_argument("--types", default=None, help="comma list of event, data, member")
    p.add_argument("--timeout", type=float, default=0, help="stop after this many seconds without a notice (0: never)")
    p = sub.add_parser("request")
    p.add_argument("to")
    p.add_argument("text")
    p.add_argument("--timeout-ms", type=int, default=1000)
    p = sub.add_parser("kv-put")
    p.add_argument("key")
    p.add_argument("value")
    p = sub.add_parser("kv-get")
    p.add_argument("key")
    args = parser.parse_args(argv)

    client = HearsayClient(args.api, args.node)
    try:
        if args.command == "broadcast":
            print(json.dumps(client.broadcast(args.text)))
        elif args.command == "members":
            table = client.members()
            for m in table["members"]:
                print("%-22s %-8s incarnation %d" % (m["address"], m["status"], m["incarnation"]))
        elif args.command == "tail":
            seen = 0
            after = client.inbox(types=args.types)["next"]
            print(json.dumps({"tailing": True, "after": after}), flush=True)
            quiet_since = time.monotonic()
            while args.count == 0 or seen < args.count:
                wait_ms = 10000 if args.timeout == 0 else max(1, int(min(10, args.timeout) * 1000))
                batch = client.inbox(after=after, timeout_ms=wait_ms, types=args.types)
                after = batch["next"]
                for item in batch["items"]:
                    print(json.dumps(item), flush=True)
                    seen += 1
                    quiet_since = time.monotonic()
                    if args.count and seen >= args.count:
                        break
                if args.timeout and time.monotonic() - quiet_since >= args.timeout:
                    break
        elif args.command == "request":
            print(json.dumps(client.request(args.to, args.text, args.timeout_ms)))
        elif args.command == "kv-put":
            print(json.dumps(client.kv_put(args.key, args.value)))
        elif args.command == "kv-get":
            print(client.kv_get(args.key))
    except ApiError as err:
        print(err.body, file=sys.stderr)
        return 1
    except urllib.error.URLError as err:
        print("cannot reach the local API at %s: %s" % (args.api, err.reason), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
