#!/usr/bin/env python3
"""Prints a Markdown table of a JMH JSON result (bench/results/jmh-*.json): one row per benchmark and parameters,
with throughput (ops/s, and M ops/s), the error, allocation per operation (-prof gc) and any secondary rate.

usage: bench/summarize.py bench/results/jmh-quick-XXXX.json
"""
import json
import sys


def main(path):
    rows = json.load(open(path))
    print("| benchmark | params | ops/s | ± (99.9%) | M ops/s | B/op | secondary |")
    print("|---|---|---:|---:|---:|---:|---|")
    for r in rows:
        name = r["benchmark"].split(".")[-2] + "." + r["benchmark"].split(".")[-1]
        params = " ".join(f"{k}={v}" for k, v in (r.get("params") or {}).items())
        primary = r["primaryMetric"]
        score, error = primary["score"], primary["scoreError"]
        secondary = r.get("secondaryMetrics", {})
        norm = secondary.get("gc.alloc.rate.norm", {}).get("score")
        extra = [f"{k} {v['score']:,.0f} {v['scoreUnit']}" for k, v in secondary.items() if not k.startswith("gc.")]
        error_text = f"{error:,.0f}" if error == error else "n/a"
        print(f"| {name} | {params} | {score:,.0f} | {error_text} | {score / 1e6:.2f} | "
              f"{'' if norm is None else f'{norm:.3f}'} | {'; '.join(extra)} |")


if __name__ == "__main__":
    main(sys.argv[1])
