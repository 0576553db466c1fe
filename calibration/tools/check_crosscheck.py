#!/usr/bin/env python3
"""check_crosscheck.py -- compare the v4.0 rows of calibration/data/mlperf_runs.csv with the independent
read of round v4.0 in shared/reference/mlperf/crosscheck_v4.0.csv.

Usage: python3 calibration/tools/check_crosscheck.py [--runs calibration/data/mlperf_runs.csv]
                                                      [--crosscheck PATH]   (default <repo>/../shared/reference/mlperf/crosscheck_v4.0.csv,
                                                                             or $FOREPRINT_SHARED/reference/mlperf/...)

For every (submitter, system, benchmark) of the cross-check: accelerator count equal, number of result logs
and of scored runs equal, run_minutes (mean of the scored runs, no scaling_factor) within 0.5 %, units per run
within 0.5 %, and, for benchmarks with the same FLOPs convention (all but the LLMs), TFLOP/s per device within
0.5 %. Rows present on one side only are listed. A disagreement is accepted only when it is listed in
EXPLAINED below, with the reason (the investigation is in SOURCES.md); anything else fails (exit 1).
Python 3 standard library only.
"""
import argparse
import csv
import os
import sys

TOL = 0.005
# (submitter, system, benchmark, field) -> why the two reads differ and which is right
_FAILED = ("one run did not finish successfully (run_stop status 'aborted', or no run_stop); mlperf_logging's "
           "result_summarizer (mlcommons/logging, _compute_strong_score_standalone and _compute_olympic_average) "
           "counts it as the dropped slowest score and then drops only the fastest successful run, so %d runs are "
           "scored; the cross-check left that log out and dropped the fastest and slowest of the others. "
           "mlperf_runs.csv follows the official scorer")
EXPLAINED = {}
for _sub, _sys, _b, _n, _fields in [
        ("ASUSTeK", "ESC8000A-E12-8xH100-PCIE-80GB", "resnet", 3, ("runs_total", "runs_scored")),
        ("Dell", "XE9680x8H100-SXM-80GB", "resnet", 3, ("runs_total", "runs_scored")),
        ("Fujitsu", "PRIMERGY-CDI-L40Sx8", "resnet", 3, ("runs_total", "runs_scored")),
        ("NVIDIA", "eos_n8_ngc24.04_mxnet", "resnet", 3, ("runs_total", "runs_scored")),
        ("tinycorp", "tinybox_green", "resnet", 3, ("runs_total", "runs_scored")),
        ("Dell", "R760xax4L40S", "bert", 8, ("runs_total", "runs_scored", "run_minutes")),
        ("Fujitsu", "PRIMERGY-CDI-L40Sx16", "bert", 8, ("runs_total", "runs_scored", "run_minutes", "units_per_run")),
]:
    for _f in _fields:
        EXPLAINED[(_sub, _sys, _b, _f)] = _FAILED % _n
LLM = {"gpt3", "llama2_70b_lora", "llama31_405b"}


def rel(a, b):
    return abs(a - b) / abs(b) if b else (0.0 if a == 0 else float("inf"))


def load(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def compare(runs, cross):
    ours = {}
    for r in runs:
        if r["round"] != "v4.0":
            continue
        b = "ssd" if r["benchmark"] == "retinanet" else r["benchmark"]
        ours.setdefault((r["submitter"], r["system"], b), []).append(r)
    problems, agreed, explained = [], 0, []
    seen = set()
    for c in cross:
        key = (c["submitter"], c["system"], c["bench"])
        seen.add(key)
        rs = ours.get(key)
        if not rs:
            problems.append((key, "row", "in the cross-check, not in mlperf_runs.csv"))
            continue
        r = rs[0]
        diffs = []
        if int(r["count"]) != int(c["n_acc"]):
            diffs.append(("count", "ours %s, cross-check %s" % (r["count"], c["n_acc"])))
        if int(r["runs_total"]) != int(c["runs"]):
            diffs.append(("runs_total", "ours %s, cross-check %s" % (r["runs_total"], c["runs"])))
        if int(r["runs_scored"]) != int(c["used"]):
            diffs.append(("runs_scored", "ours %s, cross-check %s" % (r["runs_scored"], c["used"])))
        if not r["run_minutes"] or rel(float(r["run_minutes"]), float(c["score_min"])) > TOL:
            diffs.append(("run_minutes", "ours %s, cross-check %s" % (r["run_minutes"], c["score_min"])))
        if not r["units_per_run"] or rel(float(r["units_per_run"]), float(c["units_per_run"])) > TOL:
            diffs.append(("units_per_run", "ours %s, cross-check %s" % (r["units_per_run"], c["units_per_run"])))
        if c["bench"] not in LLM and r["flops_per_run"] and r["run_minutes"]:
            tf = float(r["flops_per_run"]) / (int(r["count"]) * float(r["run_minutes"]) * 60.0) / 1e12
            if rel(tf, float(c["tflops_per_dev"])) > TOL:
                diffs.append(("tflops_per_dev", "ours %.1f, cross-check %s" % (tf, c["tflops_per_dev"])))
        unexplained = []
        for field, text in diffs:
            why = EXPLAINED.get(key + (field,))
            if why:
                explained.append((key, field, text, why))
            else:
                unexplained.append((field, text))
        if unexplained:
            for field, text in unexplained:
                problems.append((key, field, text))
        elif not diffs:
            agreed += 1
    same_drop = []
    for key in sorted(ours):
        if key not in seen:
            r = ours[key][0]
            flags = r["flag"].split("|")
            why = EXPLAINED.get(key + ("row",))
            text = "in mlperf_runs.csv (%s), not in the cross-check" % r["flag"]
            if "duplicate" in flags:
                same_drop.append((key, "resubmitted runs (duplicate of %s)" % r["duplicate_of"]))
            elif "no_run_scored" in flags:
                same_drop.append((key, "no result log in the snapshot (missing_logs), no score"))
            elif why:
                explained.append((key, "row", text, why))
            else:
                problems.append((key, "row", text))
    return agreed, explained, problems, same_drop


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    shared = os.environ.get("FOREPRINT_SHARED", os.path.join(repo, "..", "shared"))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", default=os.path.join(repo, "calibration", "data", "mlperf_runs.csv"))
    ap.add_argument("--crosscheck", default=os.path.join(shared, "reference", "mlperf", "crosscheck_v4.0.csv"))
    a = ap.parse_args(argv)
    runs, cross = load(a.runs), load(a.crosscheck)
    agreed, explained, problems, same_drop = compare(runs, cross)
    print("cross-check v4.0: %d rows in the cross-check, %d agree on every field; %d mlperf_runs.csv rows that the "
          "cross-check leaves out are flagged in mlperf_runs.csv too" % (len(cross), agreed, len(same_drop)))
    for key, why in same_drop:
        print("both drop %s: %s" % ("/".join(key), why))
    for key, field, text, why in explained:
        print("explained  %s %s: %s -- %s" % ("/".join(key), field, text, why))
    for key, field, text in problems:
        print("DISAGREE   %s %s: %s" % ("/".join(key), field, text))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
