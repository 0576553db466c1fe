#!/usr/bin/env python3
"""Tests of calibration/tools/import_mlperf.py and check_crosscheck.py (unittest, standard library only).

    python3 tests/calibration/tools/import_mlperf_test.py [SHARED]

SHARED is the shared reference directory (the one holding mlperf/ or reference/mlperf/); default
$FOREPRINT_SHARED, else <repo root>/../shared/reference. The MLPerf sample files are read where they are,
never copied; the bad-input cases use small synthetic rounds written to a temporary directory.

Known answers are recomputed here independently of the importer (own regex parsing of the MLLOG lines,
trapezoidal integration of the power readings) and compared with what the importer writes.
"""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
IMPORTER = os.path.join(REPO, "calibration", "tools", "import_mlperf.py")
CROSSCHECK = os.path.join(REPO, "calibration", "tools", "check_crosscheck.py")
DEVICES = os.path.join(REPO, "hardware_db", "devices.yaml")
COMMITTED = os.path.join(REPO, "calibration", "data", "mlperf_runs.csv")
COMMITTED_POWER = os.path.join(REPO, "calibration", "data", "mlperf_power.csv")
SHARED_ARG = None


def mlperf_dir():
    base = SHARED_ARG or os.environ.get("FOREPRINT_SHARED") or os.path.join(REPO, "..", "shared", "reference")
    for cand in (os.path.join(base, "mlperf"), os.path.join(base, "reference", "mlperf")):
        if os.path.isdir(os.path.join(cand, "samples")):
            return os.path.normpath(cand)
    raise unittest.SkipTest("MLPerf samples not found under %s" % base)


def run_importer(rounds_dir, out_dir, *extra):
    return subprocess.run([sys.executable, IMPORTER, "--rounds-dir", rounds_dir, "--out-dir", out_dir,
                           "--devices", DEVICES] + list(extra), capture_output=True, text=True)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


TIME = re.compile(r'"time_ms":\s*([0-9.]+)')
KEY = re.compile(r'"key":\s*"([a-z_]+)"')


def mllog(path):
    """(time_ms, key, line) of every :::MLLOG line -- a deliberately separate, minimal parser"""
    out = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if ":::MLLOG" not in line:
                continue
            t, k = TIME.search(line), KEY.search(line)
            if t and k:
                out.append((float(t.group(1)), k.group(1), line))
    return out


def run_window(path):
    ev = mllog(path)
    start = next(t for t, k, _ in ev if k == "run_start")
    stop = next(t for t, k, _ in ev if k == "run_stop")
    return start, stop


def trapezoid_kwh(path, w0, w1, shift_ms=0.0):
    """energy of one power file over [w0, w1]: readings (W) at their timestamps, duplicates at one timestamp
    averaged, linear interpolation between readings, constant beyond the first/last reading"""
    pts = {}
    for t, k, line in mllog(path):
        if k == "power_reading":
            v = float(re.search(r'"value":\s*([0-9.eE+-]+)', line).group(1))
            pts.setdefault(t + shift_ms, []).append(v)
    ts = sorted(pts)
    vs = [sum(pts[t]) / len(pts[t]) for t in ts]

    def p(t):
        if t <= ts[0]:
            return vs[0]
        if t >= ts[-1]:
            return vs[-1]
        lo, hi = 0, len(ts) - 1
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if ts[mid] <= t:
                lo = mid
            else:
                hi = mid
        f = (t - ts[lo]) / (ts[hi] - ts[lo])
        return vs[lo] + f * (vs[hi] - vs[lo])

    grid = sorted(set([w0, w1] + [t for t in ts if w0 < t < w1]))
    e = sum(0.5 * (p(a) + p(b)) * (b - a) for a, b in zip(grid, grid[1:]))
    return e / 3.6e9


class SampleImport(unittest.TestCase):
    """the importer on shared/reference/mlperf/samples (plain-folder rounds)"""

    @classmethod
    def setUpClass(cls):
        cls.mlperf = mlperf_dir()
        cls.samples = os.path.join(cls.mlperf, "samples")
        cls.tmp = tempfile.mkdtemp(prefix="mlperf_test_")
        cls.out = os.path.join(cls.tmp, "out")
        cls.proc = run_importer(cls.samples, cls.out)
        if cls.proc.returncode != 0:
            raise AssertionError("importer failed on the samples (exit %d):\n%s" % (cls.proc.returncode, cls.proc.stderr))
        cls.rows = read_csv(os.path.join(cls.out, "mlperf_runs.csv"))
        cls.power = read_csv(os.path.join(cls.out, "mlperf_power.csv"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def row(self, rnd, submitter, system, bench):
        rs = [r for r in self.rows if (r["round"], r["submitter"], r["system"], r["benchmark"]) == (rnd, submitter, system, bench)]
        self.assertEqual(len(rs), 1, (rnd, submitter, system, bench))
        return rs[0]

    def test_rows(self):
        keys = sorted((r["round"], r["submitter"], r["system"], r["benchmark"]) for r in self.rows)
        self.assertEqual(keys, [
            ("v0.7", "Google", "tpu-v3-32-TF2.0", "resnet"),
            ("v4.0", "Google", "cloud-tpu-v5p-1024-maxtext", "gpt3"),
            ("v4.0", "NVIDIA", "eos_n64_ngc24.04_nemo", "gpt3"),
            ("v4.1", "Dell", "8xXE9680x8H100-SXM-80GB-POWER", "llama2_70b_lora"),
            ("v5.0", "AMD", "MI300X_EPYC_9575F_pytorch", "llama2_70b_lora"),
        ])

    def test_amd_mi300x_lora(self):
        r = self.row("v5.0", "AMD", "MI300X_EPYC_9575F_pytorch", "llama2_70b_lora")
        self.assertEqual(r["device"], "MI300X")
        self.assertEqual(r["accelerator_name"], "AMD Instinct MI300X 192GB HBM3")
        self.assertEqual((r["count"], r["nodes"]), ("8", "1"))
        d = os.path.join(self.samples, "v5.0", r["source_folder"])
        mins = []
        for name in sorted(os.listdir(d)):
            if name.startswith("result_"):
                a, b = run_window(os.path.join(d, name))
                mins.append((b - a) / 60000.0)
        self.assertEqual(len(mins), 2)
        # two runs only: no olympic drop is possible, the mean of both (flagged few_runs)
        self.assertAlmostEqual(float(r["run_minutes"]), sum(mins) / 2, places=4)
        self.assertEqual((r["runs_total"], r["runs_scored"]), ("2", "2"))
        self.assertIn("few_runs", r["flag"].split("|"))
        self.assertEqual(float(r["units_per_run"]), 3072)          # run_stop samples_count, packed sequences
        self.assertEqual(float(r["tokens_per_run"]), 3072 * 8192)
        self.assertEqual((r["training"], r["flops_convention"]), ("lora", "llm_4N_6Lsd"))
        per_token = 4 * 68.98e9 + 6 * 80 * 8192 * 8192
        self.assertAlmostEqual(float(r["flops_per_run"]) / (per_token * 3072 * 8192), 1.0, places=6)
        # the samples hold no benchmark code: precision falls back to the stated rule and says so
        self.assertTrue(r["precision_source"].startswith("rule:"))
        self.assertIn("precision_rule", r["flag"].split("|"))

    def test_nvidia_512_h100_gpt3(self):
        r = self.row("v4.0", "NVIDIA", "eos_n64_ngc24.04_nemo", "gpt3")
        self.assertEqual((r["device"], r["count"], r["nodes"]), ("H100-SXM5-80GB", "512", "64"))
        log = os.path.join(self.samples, "v4.0", r["source_folder"], "result_0.txt")
        a, b = run_window(log)
        self.assertAlmostEqual(float(r["run_minutes"]), (b - a) / 60000.0, places=4)
        trained = [int(re.search(r'"value":\s*(\d+)', ln).group(1)) for t, k, ln in mllog(log) if k == "trained_samples"]
        self.assertEqual(float(r["units_per_run"]), trained[-1])
        self.assertEqual(r["unit"], "token")
        per_token = 6 * 174.6e9 + 6 * 96 * 2048 * 12288
        self.assertAlmostEqual(float(r["flops_per_unit"]) / per_token, 1.0, places=9)
        self.assertEqual((r["params"], r["n_layers"], r["seq_len"], r["d_model"]), ("174600000000", "96", "2048", "12288"))

    def test_tpu_chip_count(self):
        # TPU system names count TensorCores; the system JSON counts chips
        r = self.row("v4.0", "Google", "cloud-tpu-v5p-1024-maxtext", "gpt3")
        self.assertEqual((r["device"], r["count"]), ("TPUv5p", "512"))
        r = self.row("v0.7", "Google", "tpu-v3-32-TF2.0", "resnet")
        self.assertEqual((r["device"], r["count"]), ("TPUv3", "16"))
        # v0.7 logs: largest eval epoch_num x 1,281,167 images
        log = os.path.join(self.samples, "v0.7", r["source_folder"], "result_0.txt")
        epochs = [int(re.search(r'"epoch_num":\s*(\d+)', ln).group(1)) for t, k, ln in mllog(log) if k == "eval_accuracy"]
        self.assertEqual(float(r["units_per_run"]), max(epochs) * 1281167)

    def test_dell_power(self):
        rs = [p for p in self.power if p["submitter"] == "Dell"]
        self.assertEqual(len(rs), 1)
        p = rs[0]
        d = os.path.join(self.samples, "v4.1", "Dell", "results", "8xXE9680x8H100-SXM-80GB-POWER", "llama2_70b_lora")
        w0, w1 = run_window(os.path.join(d, "result_0.txt"))
        pd = os.path.join(d, "power", "result_0")
        nodes = sorted(f for f in os.listdir(pd) if f.startswith("node_"))
        self.assertEqual(int(p["node_files"]), len(nodes))
        self.assertEqual(int(p["node_files_duplicate"]), 0)
        hand = sum(trapezoid_kwh(os.path.join(pd, f), w0, w1) for f in nodes)
        # importer: sample-and-hold; here: trapezoid -- the two must agree closely on 1 s samples
        self.assertAlmostEqual(float(p["node_kwh"]) / hand, 1.0, delta=0.01)
        # the switch file's clock runs 5 h behind the nodes'
        self.assertEqual(p["interconnect_clock_shift_h"], "5")
        self.assertEqual(p["interconnect_kind"], "measured")
        sw = trapezoid_kwh(os.path.join(pd, "sw_0.txt"), w0, w1, shift_ms=5 * 3600 * 1000.0)
        self.assertAlmostEqual(float(p["interconnect_kwh"]) / sw, 1.0, delta=0.02)
        self.assertEqual((p["measurement"], p["conversion_eff"]), ("AC", "0.96"))
        watts = hand * 1000.0 / (64 * (w1 - w0) / 3.6e6)
        self.assertAlmostEqual(float(p["node_w_per_acc"]) / watts, 1.0, delta=0.01)
        self.assertTrue(800 < watts < 1000, watts)     # ~890 W per H100 at the wall, host included

    def test_deterministic(self):
        out2 = os.path.join(self.tmp, "out2")
        proc = run_importer(self.samples, out2)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        for name in ("mlperf_runs.csv", "mlperf_power.csv"):
            with open(os.path.join(self.out, name), "rb") as a, open(os.path.join(out2, name), "rb") as b:
                self.assertEqual(a.read(), b.read(), name)


def mini_round(root, rnd="v4.0", accel="AMD Instinct MI300X", apn="8", logs=None):
    """a minimal synthetic round: one system, five ResNet runs"""
    base = os.path.join(root, rnd, "Acme")
    os.makedirs(os.path.join(base, "systems"))
    res = os.path.join(base, "results", "sys1", "resnet")
    os.makedirs(res)
    with open(os.path.join(base, "systems", "sys1.json"), "w") as f:
        json.dump({"submitter": "Acme", "division": "closed", "status": "available", "number_of_nodes": "1",
                   "accelerators_per_node": apn, "accelerator_model_name": accel, "framework": "test"}, f)

    def line(t, key, md=None):
        return ':::MLLOG {"namespace": "", "time_ms": %d, "event_type": "POINT_IN_TIME", "key": "%s", ' \
               '"value": null, "metadata": %s}\n' % (t, key, json.dumps(md or {}))
    for k in range(5):
        t0 = 1700000000000 + k * 10 ** 7
        text = logs[k] if logs and k in logs else (
            line(t0, "run_start") + line(t0 + 6e5, "eval_accuracy", {"epoch_num": 35}) +
            line(t0 + (600 + 10 * k) * 1000, "run_stop", {"status": "success"}))
        with open(os.path.join(res, "result_%d.txt" % k), "w") as f:
            f.write(text)
    return res


class BadInput(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="mlperf_bad_")
        self.rounds = os.path.join(self.tmp, "rounds")
        self.out = os.path.join(self.tmp, "out")
        os.makedirs(self.rounds)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def assertFails(self, proc, *needles):
        self.assertEqual(proc.returncode, 2, proc.stdout + proc.stderr)
        for n in needles:
            self.assertIn(n, proc.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.out, "mlperf_runs.csv")))
        self.assertFalse(os.path.exists(os.path.join(self.out, "mlperf_power.csv")))

    def test_good_mini_round(self):
        mini_round(self.rounds)
        proc = run_importer(self.rounds, self.out)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        rows = read_csv(os.path.join(self.out, "mlperf_runs.csv"))
        self.assertEqual(len(rows), 1)
        # 600, 610, 620, 630, 640 s: drop fastest and slowest -> 620 s
        self.assertAlmostEqual(float(rows[0]["run_minutes"]), 620 / 60.0, places=6)
        self.assertEqual(float(rows[0]["units_per_run"]), 35 * 1281167)

    def test_not_a_round(self):
        os.makedirs(os.path.join(self.rounds, "v4.0", "junk"))
        with open(os.path.join(self.rounds, "v4.0", "junk", "file.txt"), "w") as f:
            f.write("hello\n")
        proc = run_importer(self.rounds, self.out)
        self.assertFails(proc, os.path.join(self.rounds, "v4.0"), ": layout: not an MLPerf Training round")

    def test_no_round_at_all(self):
        os.makedirs(os.path.join(self.rounds, "something_else"))
        proc = run_importer(self.rounds, self.out)
        self.assertFails(proc, ": rounds: no round found")

    def test_log_without_run_stop(self):
        t0 = 1700000000000
        bad = ':::MLLOG {"namespace": "", "time_ms": %d, "event_type": "INTERVAL_START", "key": "run_start", ' \
              '"value": null, "metadata": {}}\n' % t0
        res = mini_round(self.rounds, logs={2: bad})
        proc = run_importer(self.rounds, self.out)
        self.assertFails(proc, os.path.join(res, "result_2.txt") + ": run_stop: missing")

    def test_non_numeric_count(self):
        mini_round(self.rounds, apn="eight")
        proc = run_importer(self.rounds, self.out)
        self.assertFails(proc, os.path.join(self.rounds, "v4.0", "Acme", "systems", "sys1.json") +
                         ": accelerators_per_node: not a whole number: 'eight'")

    def test_unresolved_accelerator(self):
        mini_round(self.rounds, accel="Acme Quantum Tensor Unit 9000")
        proc = run_importer(self.rounds, self.out)
        self.assertFails(proc, os.path.join(self.rounds, "v4.0", "Acme", "systems", "sys1.json") +
                         ": accelerator_model_name: 'Acme Quantum Tensor Unit 9000' resolves to no id or alias")
        # development aid: the report only, nothing written
        proc = run_importer(self.rounds, self.out, "--allow-unresolved")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("Acme Quantum Tensor Unit 9000", proc.stdout)
        self.assertFalse(os.path.exists(os.path.join(self.out, "mlperf_runs.csv")))

    def test_did_you_mean(self):
        mini_round(self.rounds, accel="AMD Instinct MI300X (OAM)")
        proc = run_importer(self.rounds, self.out)
        self.assertFails(proc, "did you mean MI300X?")

    def test_held_out_round_not_read(self):
        mini_round(self.rounds)
        os.makedirs(os.path.join(self.rounds, "v5.1"))      # not a round: would fail if it were read
        proc = run_importer(self.rounds, self.out)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("held out", proc.stderr)
        rows = read_csv(os.path.join(self.out, "mlperf_runs.csv"))
        self.assertEqual({r["round"] for r in rows}, {"v4.0"})


class CommittedTable(unittest.TestCase):
    """calibration/data/mlperf_runs.csv (the full import of v0.5-v5.0): spot checks and the cross-check"""

    @classmethod
    def setUpClass(cls):
        if not os.path.exists(COMMITTED):
            raise unittest.SkipTest("calibration/data/mlperf_runs.csv not present")
        cls.rows = read_csv(COMMITTED)
        cls.power = read_csv(COMMITTED_POWER)

    def get(self, rnd, submitter, system, bench):
        rs = [r for r in self.rows if (r["round"], r["submitter"], r["system"], r["benchmark"]) == (rnd, submitter, system, bench)]
        self.assertEqual(len(rs), 1)
        return rs[0]

    def test_crosscheck(self):
        cross = os.path.join(mlperf_dir(), "crosscheck_v4.0.csv")
        proc = subprocess.run([sys.executable, CROSSCHECK, "--runs", COMMITTED, "--crosscheck", cross],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)

    def test_no_held_out_round(self):
        self.assertTrue(all(tuple(int(x) for x in r["round"][1:].split(".")) <= (5, 0) for r in self.rows))
        self.assertTrue(all(tuple(int(x) for x in r["round"][1:].split(".")) <= (5, 0) for r in self.power))

    def test_known_rows(self):
        r = self.get("v4.0", "NVIDIA", "eos_n64_ngc24.04_nemo", "gpt3")
        self.assertEqual(r["precision"], "fp8")
        self.assertIn("config_", r["precision_source"])
        self.assertAlmostEqual(float(r["run_minutes"]), 50.728, delta=0.01)
        r = self.get("v5.0", "AMD", "MI300X_EPYC_9575F_pytorch", "llama2_70b_lora")
        self.assertEqual((r["device"], r["precision"]), ("MI300X", "fp8"))
        r = self.get("v4.0", "Google", "cloud-tpu-v5p-12288-maxtext", "gpt3")
        self.assertEqual((r["count"], r["precision"]), ("6144", "int8"))
        self.assertAlmostEqual(float(r["scaling_factor"]), 1.0223214, places=6)
        # README: v5.0 Nebius 1,024 x H200 llama31_405b scores 124.50 min = 106.711 x 1.1667
        r = self.get("v5.0", "Nebius", "nebius_soperator_8xH200_n128_ngc25.01_nemo", "llama31_405b")
        self.assertAlmostEqual(float(r["run_minutes"]) * float(r["scaling_factor"]), 124.50, delta=0.01)

    def test_power_orders_of_magnitude(self):
        def mean(sub, bench, col):
            xs = [float(p[col]) for p in self.power if p["submitter"] == sub and p["benchmark"] == bench and p[col]]
            return sum(xs) / len(xs)
        self.assertAlmostEqual(mean("Dell", "llama2_70b_lora", "node_kwh"), 4.8, delta=0.3)
        self.assertAlmostEqual(mean("Lenovo", "llama2_70b_lora", "node_kwh"), 1.8, delta=0.15)


if __name__ == "__main__":
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        SHARED_ARG = sys.argv.pop(1)
    unittest.main()
