#!/usr/bin/env python3
"""Tables of the direct-addressing ladder from simulator run folders (experiments/direct-ladder.sh writes them).

Usage: python3 experiments/direct-ladder-table.py [RUNS_DIR]   (default runs/direct)
Every figure comes from the folders' summary.json (sim_figures per run) and phases.csv; nothing is typed by hand.
"""
import csv
import json
import math
import os
import sys


def load(folder):
    with open(os.path.join(folder, "summary.json")) as f:
        summary = json.load(f)
    phases = []
    path = os.path.join(folder, "phases.csv")
    if os.path.exists(path):
        with open(path) as f:
            phases = list(csv.DictReader(f))
    return summary, phases


def figures(summary, name):
    return [run.get(name) for run in summary.get("sim_figures", []) if run.get(name) is not None]


def mean(values):
    return sum(values) / len(values) if values else float("nan")


def dist(values):
    """value:count pairs; runs that did not finish (None or NaN, e.g. past --max-rounds) are counted as unfinished"""
    counts = {}
    unfinished = 0
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            unfinished += 1
            continue
        counts[int(v)] = counts.get(int(v), 0) + 1
    text = " ".join(f"{k}:{counts[k]}" for k in sorted(counts))
    return text + (f" unfinished:{unfinished}" if unfinished else "")


def stat(summary, name):
    s = summary["stats"].get(name)
    return s["mean"] if s and s.get("mean") is not None else float("nan")


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "runs/direct"
    folders = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    rows = []
    for name in folders:
        folder = os.path.join(root, name)
        if not os.path.exists(os.path.join(folder, "summary.json")):
            continue
        summary, phases = load(folder)
        rows.append((name, summary, phases))

    print("| folder | strategy | N | B | runs | rounds to all (mean) | rounds to all: distribution | peak in-degree (mean) |"
          " messages/node |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, s, _ in rows:
        b = figures(s, "max_answers")
        per_run = [e["rounds100"] for r in s["runs"] for e in r["events"]]
        print(f"| {name} | {s['strategy']} | {s['nodes']} | {int(b[0]) if b else 0} | {len(s['runs'])} | "
              f"{stat(s, 'rounds100'):.2f} | {dist(per_run) if per_run else ''} | {stat(s, 'max_received_per_round'):.0f} | "
              f"{stat(s, 'messages_per_node'):.1f} |")

    print()
    print("| folder | N | runs | structure rounds | one group | rumor rounds after the structure: distribution |"
          " steady rounds: distribution | merge phases with >= 30 active groups: min log s(k+1)/log s(k) |"
          " peak in-degree structure / steady (max) | max answered |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, s, phases in rows:
        if s["strategy"] != "direct-addressing":
            continue
        one = figures(s, "one_group")
        ratios = [float(p["log_size_ratio"]) for p in phases
                  if p["phase"].startswith("merge-") and int(p["active_groups"]) >= 30 and p["log_size_ratio"]]
        steady_peak = [int(p["peak_in_degree"]) for p in phases if p["phase"] == "steady"]
        print(f"| {name} | {s['nodes']} | {len(s['runs'])} | {int(mean(figures(s, 'structure_rounds')))} | "
              f"{int(sum(one))}/{len(one)} | {dist(figures(s, 'rumor_rounds'))} | {dist(figures(s, 'steady_rounds'))} | "
              f"{(min(ratios) if ratios else float('nan')):.3f} ({len(ratios)} phases) | "
              f"{int(max(figures(s, 'max_received_per_round_structure')))} / {max(steady_peak) if steady_peak else 0} | "
              f"{int(max(figures(s, 'max_answered_per_round')))} |")

    print()
    print("Per phase (median over runs of each column; first N of each direct-addressing folder):")
    print()
    print("| folder | phase | rounds | groups | active | size min / median / max | unclustered | hops | peak in-degree |"
          " messages/node | log s ratio |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, s, phases in rows:
        if s["strategy"] != "direct-addressing" or s["sim_figures"][0].get("max_answers", 0) != 0:
            continue
        order = []
        by = {}
        for p in phases:
            if p["phase"] not in by:
                order.append(p["phase"])
                by[p["phase"]] = []
            by[p["phase"]].append(p)

        def med(rows_, key):
            values = sorted(float(r[key]) for r in rows_ if r[key] != "")
            return values[len(values) // 2] if values else float("nan")

        for ph in order:
            r = by[ph]
            print(f"| {name} | {ph} | {med(r, 'rounds'):.0f} | {med(r, 'groups'):.0f} | {med(r, 'active_groups'):.0f} | "
                  f"{med(r, 'size_min'):.0f} / {med(r, 'size_median'):.0f} / {med(r, 'size_max'):.0f} | "
                  f"{med(r, 'unclustered'):.0f} | {med(r, 'max_hops_to_leader'):.0f} | {med(r, 'peak_in_degree'):.0f} | "
                  f"{med(r, 'messages_per_node'):.2f} | "
                  f"{'' if math.isnan(med(r, 'log_size_ratio')) else format(med(r, 'log_size_ratio'), '.3f')} |")


if __name__ == "__main__":
    main()
