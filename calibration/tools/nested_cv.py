#!/usr/bin/env python3
"""Nested leave-one-out for the prior widths of the calibrated throughput model.

`foreprint calibrate --cv` reports a leave-one-out error for one choice of prior standard
deviations (Priors() in calibration/fitter.cc). Those widths were chosen by looking at
leave-one-out errors, which makes that figure slightly optimistic. This script measures the
optimism: for every held-out run it picks the widths from GRID by an inner leave-one-out on the
other runs only, then predicts the held-out run with the fit on the others under those widths.

Usage:  calibration/tools/nested_cv.py [--exe build/foreprint] [--jobs 2]
Prints the nested figure, the widths chosen and the plain leave-one-out error per grid point.
Takes about 3 minutes on 2 cores (24 grid points × 74 leave-one-out passes of 0.2 s).
"""
import argparse
import csv
import itertools
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# (modality, slope_log_params = slope_log_count, slope_year)
GRID = list(itertools.product(["1.0", "0.3", "0.1"], ["0.5", "0.2", "0.1", "0.05"], ["0.3", "0.1"]))


def calibrate_cv(exe, data_dir, widths):
    modality, slope, year = widths
    cmd = [exe, "calibrate", "--cv", "--json", "--prior", "modality=" + modality, "--prior",
           "slope_log_params=" + slope, "--prior", "slope_log_count=" + slope, "--prior", "slope_year=" + year]
    env = dict(os.environ, FOREPRINT_DATA_DIR=data_dir)
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    return [r for r in json.loads(out)["cv"]["time"] if r["actual_device_hours"] and not r["imputed_count"]]


def median_abs_err(rows):
    return statistics.median(abs(r["foreprint"] / r["actual_device_hours"] - 1) for r in rows)


def data_dir_without(tmp, name, header, rows):
    """A data directory identical to the checkout except that run `name` is flagged held_out."""
    d = os.path.join(tmp, "d%d" % abs(hash(name)))
    os.makedirs(os.path.join(d, "calibration", "data"))
    for sub in ["hardware_db", "calibration/fitted.yaml", "calibration/data/oce_devices.csv"]:
        os.symlink(os.path.join(ROOT, sub), os.path.join(d, sub))
    with open(os.path.join(d, "calibration", "data", "runs.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, header)
        w.writeheader()
        for r in rows:
            if r["name"] == name and not r["flag"]:
                r = dict(r, flag="held_out")
            w.writerow(r)
    return d


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--exe", default=os.path.join(ROOT, "build", "foreprint"))
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()

    runs_csv = os.path.join(ROOT, "calibration", "data", "runs.csv")
    header = next(csv.reader(open(runs_csv, newline="")))
    rows = list(csv.DictReader(open(runs_csv, newline="")))
    with ThreadPoolExecutor(args.jobs) as ex:
        full = dict(zip(GRID, ex.map(lambda g: calibrate_cv(args.exe, ROOT, g), GRID)))
    names = [r["name"] for r in full[GRID[0]]]
    actual = {r["name"]: r["actual_device_hours"] for r in full[GRID[0]]}
    loo = {g: {r["name"]: r["foreprint"] for r in full[g]} for g in GRID}

    with tempfile.TemporaryDirectory() as tmp:
        def outer(name):
            d = data_dir_without(tmp, name, header, rows)
            best = min(GRID, key=lambda g: median_abs_err(calibrate_cv(args.exe, d, g)))
            return name, best

        with ThreadPoolExecutor(args.jobs) as ex:
            chosen = list(ex.map(outer, names))

    err = [abs(loo[g][n] / actual[n] - 1) for n, g in chosen]
    lnerr = [abs(math.log(loo[g][n] / actual[n])) for n, g in chosen]
    print("nested leave-one-out over %d runs: median |pred/actual - 1| %.1f %%, within +-25 %% %.1f %%, "
          "median |ln| %.3f" % (len(err), 100 * statistics.median(err), 100 * sum(e <= 0.25 for e in err) / len(err),
                                statistics.median(lnerr)))
    print("widths chosen (modality, slopes, year): " +
          ", ".join("%s x%d" % (g, k) for g, k in Counter(g for _, g in chosen).most_common()))
    print("\nplain leave-one-out per grid point (modality, slopes, year): median |pred/actual - 1|")
    for g in GRID:
        print("  %-22s %.1f %%" % (str(g), 100 * median_abs_err(full[g])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
