#!/usr/bin/env python3
"""import_mlperf.py -- build calibration/data/mlperf_runs.csv and mlperf_power.csv from the
MLPerf Training results repositories (mlcommons/training_results_v0.5 ... v5.0).

Usage:
  python3 calibration/tools/import_mlperf.py --rounds-dir DIR [--devices hardware_db/devices.yaml]
                                             [--out-dir calibration/data] [--allow-unresolved]

DIR holds the rounds, one per entry, each either
  * a bare git directory or a clone (as the fetch tool leaves them: DIR/mlcommons+training_results_v4.0/repo),
  * or a plain folder laid out as the round's repository (DIR/v4.0/NVIDIA/..., DIR/training_results_v4.0/...).
DIR may also be one round itself. Entries whose name names no round are ignored. Rounds v5.1 and later
are held out: they are never opened (a note says so).

Output (written to temporary files and renamed only when every row is good; nothing is written on error):
  mlperf_runs.csv   one row per round x submitter x system x benchmark (closed division)
  mlperf_power.csv  one row per power-measured run
The columns, conventions and rules are documented in calibration/data/SOURCES.md, section
"MLPerf Training (mlperf_runs.csv, mlperf_power.csv)". Python 3 standard library only; deterministic.

Bad input -> "FILE: field: problem" lines on stderr, exit status 2.
--allow-unresolved (development aid while hardware_db/devices.yaml is being extended): print the report of
accelerator names that resolve to no device id, write nothing, exit 0.
"""
import argparse
import ast
import csv
import difflib
import hashlib
import json
import math
import os
import re
import subprocess
import sys
import time

# ---------------------------------------------------------------------------------------------
# Rounds. Publication month per round: shared/reference/mlperf/README.md (round table).
ROUND_DATES = {
    "v0.5": "2018-12", "v0.6": "2019-07", "v0.7": "2020-07", "v1.0": "2021-06", "v1.1": "2021-12",
    "v2.0": "2022-06", "v2.1": "2022-11", "v3.0": "2023-06", "v3.1": "2023-11", "v4.0": "2024-06",
    "v4.1": "2024-11", "v5.0": "2025-06",
}
HELD_OUT_FROM = (5, 1)   # v5.1 and later: never read (held-out evaluation data)
RE_ROUND_NAME = re.compile(r"(?:^|[+_/-])v(\d+)\.(\d+)$")

# ---------------------------------------------------------------------------------------------
# Benchmarks. Folder name -> canonical benchmark. "ssd" is SSD-ResNet34 (300x300, COCO) up to v1.1 and
# RetinaNet (ResNeXt50-32x4d, 800x800, OpenImages subset) from v2.0 on; v5.0 names the folder "retinanet".
def canonical_benchmark(folder, rnd):
    f = folder.lower()
    if f == "ssd":
        return "ssd" if round_key(rnd) <= (1, 1) else "retinanet"
    if f == "mask":
        return "maskrcnn"
    return f

# Benchmarks kept in mlperf_runs.csv (a FLOPs basis exists) and the reason each other one is left out.
IN_SCOPE = ["resnet", "retinanet", "unet3d", "bert", "stable_diffusion", "gpt3", "llama2_70b_lora", "llama31_405b"]
LEFT_OUT = {
    "ssd": "SSD-ResNet34 at 300x300 (v0.5-v1.1): the reference FLOPs table gives RetinaNet only; no cited per-image figure",
    "maskrcnn": "Mask R-CNN: image sizes vary (short side 800, long side <= 1333) and the proposal/mask-head work is data-dependent; no cited per-image FLOPs figure",
    "transformer": "Transformer-big WMT En-De (v0.5-v0.7): work per run needs tokens per epoch of the tokenised dataset, which the logs do not give; no cited FLOPs basis",
    "gnmt": "GNMT (RNN translation): no useful FLOPs basis (reference README)",
    "ncf": "NCF (recommendation): embedding/memory-bound, no useful FLOPs basis (reference README)",
    "minigo": "MiniGo (reinforcement learning, self-play dominated): no useful FLOPs basis (reference README)",
    "dlrm": "DLRM: embedding/memory-bound, no useful FLOPs basis (reference README)",
    "dlrm_dcnv2": "DLRM-DCNv2: embedding/memory-bound, no useful FLOPs basis (reference README)",
    "rnnt": "RNN-T: no useful FLOPs basis (reference README)",
    "gnn": "R-GAT (graph sampling-bound): no useful FLOPs basis (reference README)",
    "rgat": "R-GAT (graph sampling-bound): no useful FLOPs basis (reference README)",
}
LLM = {"gpt3", "llama2_70b_lora", "llama31_405b"}
# Required number of runs per benchmark (MLPerf Training rules); fewer present -> flag few_runs.
REQUIRED_RUNS = {"resnet": 5, "retinanet": 5, "unet3d": 40, "bert": 10, "stable_diffusion": 10,
                 "gpt3": 3, "llama2_70b_lora": 10, "llama31_405b": 3}
IMAGENET_TRAIN = 1281167      # ImageNet-1k training images (reference README; logged as train_samples)
OPENIMAGES_TRAIN = 1170301    # MLPerf OpenImages-v6 subset training images (reference README)
KITS19_TRAIN = 168            # KiTS19 training cases (unet3d train_samples in the logs)

# Training FLOPs per unit. Non-LLM: 3 x forward (forward + backward = 3 x forward), forward = 2 x MACs, with
# the forward MACs of the reference README table (shared/reference/mlperf/README.md).
FLOPS = {
    "resnet": (3 * 2 * 4.1e9, "image", "fwd3x_mac"),        # ResNet-50 v1.5, 224^2: 4.1 G MAC forward
    "retinanet": (3 * 2 * 202e9, "image", "fwd3x_mac"),     # RetinaNet ResNeXt50-32x4d 800^2: 202 G MAC
    "unet3d": (3 * 2 * 477e9, "sample", "fwd3x_mac"),       # 3D U-Net 128^3 patch: 477 G MAC
    "stable_diffusion": (3 * 2 * 339e9, "image", "fwd3x_mac"),  # SD v2 U-Net 512^2 (64^2 latent): 339 G MAC
    "bert": (1.02e12, "sequence", "bert_padded512"),        # BERT-large, sequence padded to 512 (README)
}
# LLM workload parameters. per-token FLOPs = k*N + 6*n_layers*seq_len*d_model (k = 6 pre-training, 4 LoRA).
LLM_PARAMS = {
    # GPT-3 175B: N = 174.6e9 (Brown et al. 2020, arXiv:2005.14165, Table D.1 "Params (M) 174,600"),
    # 96 layers, d_model 12288 (Table 2.1), MLPerf sequence length 2048.
    "gpt3": dict(params=174.6e9, n_layers=96, seq_len=2048, d_model=12288, training="pre-training", k=6,
                 convention="llm_6N_6Lsd"),
    # Llama 3.1 405B: 126 layers, d_model 16384, FFN 53248, 128 heads / 8 KV heads (Dubey et al. 2024,
    # arXiv:2407.21783, Table 3), vocabulary 128,256, untied embeddings -> N = 405,853,388,800. MLPerf seq 8192.
    "llama31_405b": dict(params=405.85e9, n_layers=126, seq_len=8192, d_model=16384, training="pre-training",
                         k=6, convention="llm_6N_6Lsd"),
    # Llama 2 70B: 80 layers, d_model 8192, FFN 28672, 64 heads / 8 KV heads, vocabulary 32,000 (Touvron et
    # al. 2023, arXiv:2307.09288; HF config) -> N = 68,976,648,192. LoRA fine-tuning on packed 8192-token
    # sequences (GovReport/SCROLLS): frozen base, forward 2N + activation gradients 2N -> k = 4.
    "llama2_70b_lora": dict(params=68.98e9, n_layers=80, seq_len=8192, d_model=8192, training="lora", k=4,
                            convention="llm_4N_6Lsd"),
}

RUN_COLUMNS = [
    "round", "date", "submitter", "system", "division", "status", "status_raw", "device", "device_rule",
    "accelerator_name", "count", "nodes", "framework", "precision", "precision_source", "benchmark",
    "units_per_run", "unit", "flops_per_unit", "flops_convention", "flops_per_run", "params", "n_layers",
    "seq_len", "d_model", "training", "tokens_per_run", "run_minutes", "run_minutes_min", "run_minutes_max",
    "scaling_factor", "runs_total", "runs_scored", "flag", "duplicate_of", "notes", "source_folder", "commit",
    "commit_date",
]
POWER_COLUMNS = [
    "round", "date", "submitter", "system", "benchmark", "run", "device", "accelerator_name", "count", "nodes",
    "run_minutes", "run_status", "scored", "measurement", "measurement_source", "conversion_eff",
    "node_files", "node_files_duplicate", "node_kwh", "node_kwh_unique", "interconnect_kwh",
    "interconnect_kind", "interconnect_clock_shift_h", "total_kwh", "node_w_per_acc", "total_w_per_acc",
    "node_coverage", "sample_interval_s", "node_kwh_summarizer", "flag", "source_folder", "commit",
    "commit_date",
]
RUN_FLAGS = ["bert_padding", "missing_logs", "few_runs", "failed_runs_over_limit", "duplicate", "shared_runs",
             "default_variant", "precision_rule"]
POWER_FLAGS = ["no_run_window", "missing_power_files", "duplicate_node_files", "power_coverage", "power_stop_invalid",
               "clock_shift", "interconnect_clock_mismatch", "interconnect_coverage"]


class InputError(Exception):
    pass


class Errors:
    def __init__(self):
        self.items = []

    def add(self, where, field, problem):
        self.items.append("%s: %s: %s" % (where, field, problem))


# ---------------------------------------------------------------------------------------------
# Round readers: a round is a tree of files that can be listed and read, from a git dir or a folder.
class GitTree:
    kind = "git"

    def __init__(self, gitdir, label):
        self.gitdir = gitdir
        self.label = label
        try:
            out = subprocess.run(["git", "--git-dir", gitdir, "ls-tree", "-r", "-z", "HEAD"],
                                 capture_output=True, check=True).stdout
            log = subprocess.run(["git", "--git-dir", gitdir, "log", "-1", "--format=%H %cs", "HEAD"],
                                 capture_output=True, check=True, text=True).stdout.split()
        except (OSError, subprocess.CalledProcessError) as e:
            raise InputError("%s: git: cannot list HEAD (%s)" % (gitdir, e))
        self.sha = {}
        for ent in out.split(b"\0"):
            if not ent:
                continue
            meta, path = ent.split(b"\t", 1)
            parts = meta.split()
            if parts[1] == b"blob":
                self.sha[path.decode("utf-8", "surrogateescape")] = parts[2].decode()
        self.commit, self.commit_date = log[0], log[1]
        self._cat = None
        self._paths = sorted(self.sha)

    def files(self):
        return self._paths

    def has(self, path):
        return path in self.sha

    def where(self, path):
        return "%s@%s:%s" % (self.rnd_label, self.commit[:8], path)

    def read(self, path):
        """bytes, or None when the blob is absent from the snapshot (files >= 4 MiB may be)."""
        if self._cat is None:
            self._cat = subprocess.Popen(["git", "--git-dir", self.gitdir, "cat-file", "--batch"],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._cat.stdin.write(self.sha[path].encode() + b"\n")
        self._cat.stdin.flush()
        head = self._cat.stdout.readline().split()
        if len(head) < 3 or head[1] == b"missing":
            return None
        n = int(head[2])
        data = self._cat.stdout.read(n)
        self._cat.stdout.read(1)
        return data

    def close(self):
        if self._cat is not None:
            self._cat.stdin.close()
            self._cat.wait()
            self._cat = None


class DirTree:
    kind = "dir"

    def __init__(self, root, label):
        self.root = root
        self.label = label
        paths = []
        for d, dirs, files in os.walk(root):
            dirs[:] = sorted(x for x in dirs if x != ".git")
            for f in files:
                full = os.path.join(d, f)
                paths.append(os.path.relpath(full, root).replace(os.sep, "/"))
        self._paths = sorted(paths)
        self._set = set(paths)
        self.commit, self.commit_date = "", ""

    def files(self):
        return self._paths

    def has(self, path):
        return path in self._set

    def where(self, path):
        return os.path.join(self.root, path)

    def read(self, path):
        try:
            with open(os.path.join(self.root, path), "rb") as f:
                return f.read()
        except OSError:
            return None

    def close(self):
        pass


def round_key(rnd):
    a, b = rnd[1:].split(".")
    return (int(a), int(b))


def is_git_dir(p):
    return os.path.isfile(os.path.join(p, "HEAD")) and os.path.isdir(os.path.join(p, "objects"))


def open_round(path, rnd):
    for cand in (path, os.path.join(path, "repo"), os.path.join(path, "repo", ".git"), os.path.join(path, ".git")):
        if os.path.isdir(cand) and is_git_dir(cand):
            t = GitTree(cand, path)
            t.rnd_label = rnd
            return t
    return DirTree(path, path)


def discover_rounds(rounds_dir, notes):
    """[(round, path)] sorted by round; held-out rounds are noted and skipped unopened."""
    if not os.path.isdir(rounds_dir):
        raise InputError("%s: --rounds-dir: not a directory" % rounds_dir)
    base = os.path.basename(os.path.normpath(rounds_dir))
    cands = []
    m = RE_ROUND_NAME.search(base)
    if m:
        cands.append((base, os.path.normpath(rounds_dir), m))
    else:
        for name in sorted(os.listdir(rounds_dir)):
            full = os.path.join(rounds_dir, name)
            m = RE_ROUND_NAME.search(name)
            if m and os.path.isdir(full):
                cands.append((name, full, m))
    out = {}
    for name, full, m in cands:
        rnd = "v%d.%d" % (int(m.group(1)), int(m.group(2)))
        if round_key(rnd) >= HELD_OUT_FROM:
            notes.append("%s: round %s is held out (v5.1 and later): not read" % (full, rnd))
            continue
        if rnd not in ROUND_DATES:
            raise InputError("%s: round: %s is not a known MLPerf Training round (v0.5 ... v5.0)" % (full, rnd))
        if rnd in out:
            raise InputError("%s: round: %s given twice (also %s)" % (full, rnd, out[rnd]))
        out[rnd] = full
    if not out:
        raise InputError("%s: rounds: no round found (expected entries named like "
                         "mlcommons+training_results_v4.0, training_results_v4.0 or v4.0)" % rounds_dir)
    return sorted(out.items(), key=lambda kv: round_key(kv[0]))


# ---------------------------------------------------------------------------------------------
# devices.yaml (the subset of YAML that file uses: top-level keys, "  - key: value" list items,
# "    key: value" fields, flow lists ["a", "b"], block lists; comments).
def _yaml_scalar(s):
    s = s.strip()
    if s.startswith('"'):
        try:
            v, _ = json.JSONDecoder().raw_decode(s)
            return v
        except ValueError:
            return s.strip('"')
    if s.startswith("'"):
        end = s.find("'", 1)
        return s[1:end] if end > 0 else s[1:]
    i = s.find(" #")
    if i >= 0:
        s = s[:i]
    return s.strip()


def _yaml_flow_list(s):
    s = s.strip()
    assert s.startswith("[")
    items, i, n = [], 1, len(s)
    while i < n:
        c = s[i]
        if c in " ,\t":
            i += 1
        elif c == "]":
            break
        elif c == '"':
            v, j = json.JSONDecoder().raw_decode(s, i)
            items.append(v)
            i = j
        elif c == "'":
            j = s.find("'", i + 1)
            items.append(s[i + 1:j])
            i = j + 1
        else:
            j = i
            while j < n and s[j] not in ",]":
                j += 1
            items.append(s[i:j].strip())
            i = j
    return items


def load_devices(path):
    """-> (names: {lower name: (id, rule)}, ids: {id}, default_variants: {lower alias: (id, reason)})"""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise InputError("%s: devices: cannot read (%s)" % (path, e))
    section, item, items = None, None, {"devices": [], "default_variants": []}
    pending_list = None
    for ln in lines:
        if not ln.strip() or ln.lstrip().startswith("#"):
            continue
        m = re.match(r"^(\w+):\s*$", ln)
        if m:
            section, item, pending_list = m.group(1), None, None
            continue
        m = re.match(r"^  - (\w+):\s*(.*)$", ln)
        if m and section in items:
            item = {}
            items[section].append(item)
            pending_list = None
            k, v = m.group(1), m.group(2)
            item[k] = _yaml_flow_list(v) if v.strip().startswith("[") else _yaml_scalar(v)
            continue
        m = re.match(r"^    (\w+):\s*(.*)$", ln)
        if m and item is not None:
            k, v = m.group(1), m.group(2)
            if v.strip() == "":
                item[k] = []
                pending_list = k
            else:
                item[k] = _yaml_flow_list(v) if v.strip().startswith("[") else _yaml_scalar(v)
                pending_list = None
            continue
        m = re.match(r"^\s{6,}- (.*)$", ln)
        if m and item is not None and pending_list:
            item[pending_list].append(_yaml_scalar(m.group(1)))
            continue
        if re.match(r"^\s{4,}\S", ln):      # nested maps (peak_tflops, value_sources, ...)
            pending_list = None
            continue
    names, ids = {}, set()
    for d in items["devices"]:
        did = d.get("id")
        if not did:
            continue
        ids.add(did)
        names.setdefault(did.lower(), (did, "id"))
    for d in items["devices"]:
        did = d.get("id")
        al = d.get("aliases") or []
        if isinstance(al, str):
            al = [al]
        for a in al:
            names.setdefault(str(a).lower(), (did, "alias"))
    dv = {}
    for d in items["default_variants"]:
        if d.get("alias") and d.get("id"):
            dv[str(d["alias"]).lower()] = (d["id"], d.get("reason", ""))
    if not ids:
        raise InputError("%s: devices: no device ids found" % path)
    return names, ids, dv


def _norm_name(s):
    s = s.lower()
    for w in ("nvidia", "tesla", "amd", "instinct", "google", "intel", "habana", "graphcore", "huawei",
              "tensor core gpu", "gpu", "(r)"):
        s = s.replace(w, " ")
    return re.sub(r"[^a-z0-9]", "", s)


def normalize_key(s):
    """hardware_db's NormalizeKey: letters and digits only, lower case"""
    return "".join(c for c in str(s).lower() if c.isalnum())


def parse_memory_gb(v):
    """'32 GB', '32GB', '80G', '80GiB', '81559 MiB' -> GB (None if unreadable)"""
    m = re.match(r"^\s*([0-9.]+)\s*(GB|G|GiB|MiB|MB)?\b", str(v or ""), re.I)
    if not m:
        return None
    x = float(m.group(1))
    unit = (m.group(2) or "GB").lower()
    if unit == "mib":
        x = x * 1.048576 / 1000.0
    elif unit == "mb":
        x = x / 1000.0
    elif unit == "gib":
        x = x * 1.073741824
    return x if x > 0 else None


def did_you_mean(name, names):
    n = _norm_name(name)
    keys = {}
    for k, (did, _) in names.items():
        keys.setdefault(_norm_name(k), did)
    if n in keys:
        return keys[n]
    m = difflib.get_close_matches(n, list(keys), n=1, cutoff=0.8)
    return keys[m[0]] if m else ""


# ---------------------------------------------------------------------------------------------
# MLPerf log lines: three shapes over the rounds.
#   v0.5:      ":::MLPv0.5.0 <bench> <seconds> (<file:line>) <key>[: <value>]"
#   v0.6:      ":::MLL <seconds> <key>: {"value": ..., "metadata": {...}}"
#   v0.7 on:   ":::MLLOG {"time_ms": ..., "key": ..., "value": ..., "metadata": {...}}"  (a few use time_s)
# Lines may carry a prefix ("0: ", "DEBUG:mlperf_compliance:"); the marker is searched anywhere in a line.
_DEC = json.JSONDecoder()
RE_V05 = re.compile(r":::MLPv0\.5\.0 (\S+) ([0-9.]+) \(([^)]*)\) (\w+)(?::\s?(.*))?$")
RE_MLL = re.compile(r":::MLL ([0-9.]+) (\w+): (\{.*)$")


def log_events(text):
    """yield (t_ms, key, value, metadata)"""
    for line in text.splitlines():
        i = line.find(":::MLLOG")
        if i >= 0:
            s = line[i + 8:].lstrip()
            try:
                d, _ = _DEC.raw_decode(s)
            except ValueError:
                continue
            if not isinstance(d, dict) or "key" not in d:
                continue
            t = d.get("time_ms")
            if t is None and d.get("time_s") is not None:
                t = float(d["time_s"]) * 1000.0
            md = d.get("metadata")
            yield (float(t) if t is not None else None), d["key"], d.get("value"), (md if isinstance(md, dict) else {})
            continue
        i = line.find(":::MLL ")
        if i >= 0:
            m = RE_MLL.match(line[i:])
            if m:
                try:
                    d, _ = _DEC.raw_decode(m.group(3))
                except ValueError:
                    continue
                md = d.get("metadata") if isinstance(d, dict) else None
                yield float(m.group(1)) * 1000.0, m.group(2), d.get("value"), (md if isinstance(md, dict) else {})
            continue
        i = line.find(":::MLPv0.5.0")
        if i >= 0:
            m = RE_V05.match(line[i:].rstrip())
            if m:
                raw = m.group(5)
                v = None
                if raw is not None:
                    try:
                        v = json.loads(raw.strip())
                    except ValueError:
                        v = raw.strip()
                md = {}
                if isinstance(v, dict):
                    md = {k: x for k, x in v.items() if k != "value"}
                    if "epoch" in v:
                        md["epoch_num"] = v["epoch"]
                    if "success" in v:
                        md["status"] = "success" if str(v["success"]).lower() == "true" else "aborted"
                yield float(m.group(2)) * 1000.0, m.group(4), v, md


def num(v):
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        return float(v) if math.isfinite(v) else None
    try:
        x = float(str(v).strip())
        return x if math.isfinite(x) else None
    except ValueError:
        return None


class Run:
    """One result log: scored time window and the work done."""

    def __init__(self, path):
        self.path = path
        self.name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        self.missing = False
        self.start = self.stop = None
        self.status = None
        self.units = None
        self.units_key = ""
        self.text = ""

    @property
    def ok(self):
        return self.start is not None and self.stop is not None and self.status == "success"

    @property
    def minutes(self):
        return (self.stop - self.start) / 60000.0


def parse_run(path, data, bench, rnd):
    r = Run(path)
    if data is None:
        r.missing = True
        return r
    text = data.decode("utf-8", "replace")
    r.text = text
    ev_epoch, ev_samples, ev_steps = [], [], []
    ev_times = []
    trained, train_samples_after = [], []
    last_train_samples = None
    ts_events = []
    gbs = None
    stop_md = {}
    for t, k, v, md in log_events(text):
        if k == "run_start":
            if r.start is None:
                r.start = t
        elif k == "run_stop":
            if r.stop is None:
                r.stop = t
                stop_md = md
                st = md.get("status")
                if st is None and isinstance(v, dict) and "success" in v:
                    st = "success" if str(v["success"]).lower() == "true" else "aborted"
                r.status = st if st is not None else "unknown"
        elif k == "eval_accuracy":
            if t is not None:
                ev_times.append(t)
            x = num(md.get("epoch_num"))
            if x is not None:
                ev_epoch.append(x)
            x = num(md.get("samples_count"))
            if x is not None:
                ev_samples.append(x)
            x = num(md.get("step_num"))
            if x is not None:
                ev_steps.append(x)
        elif k == "trained_samples":
            x = num(v)
            if x is not None:
                trained.append(x)
        elif k == "train_samples":
            x = num(v if not isinstance(v, dict) else v.get("value"))
            if x is not None:
                last_train_samples = x
                ts_events.append((t, x))
                if r.stop is not None:
                    train_samples_after.append(x)
        elif k == "global_batch_size" and gbs is None:
            gbs = num(v if not isinstance(v, dict) else v.get("value"))
    # v0.5 logs have no status in run_stop for some submitters: a run_stop line is success unless it says not.
    if r.stop is not None and r.status == "unknown" and rnd == "v0.5":
        r.status = "success"
    r.status = {"abort": "aborted", "fail": "aborted"}.get(r.status, r.status)
    # ---- work done per run (reference README table) ----
    u, key = None, ""
    if bench == "resnet":
        if ev_epoch:
            e = max(ev_epoch)
            if rnd == "v0.5":     # v0.5 logs number epochs from 0 ("eval_accuracy ... epoch: 61" = 62 epochs)
                u, key = (e + 1) * IMAGENET_TRAIN, "(max eval epoch + 1) x 1281167 (v0.5 epochs are 0-based)"
            else:
                u, key = e * IMAGENET_TRAIN, "max eval epoch_num x 1281167"
    elif bench == "retinanet":
        if ev_epoch:
            u, key = max(ev_epoch) * OPENIMAGES_TRAIN, "max eval epoch_num x 1170301"
    elif bench == "unet3d":
        # epoch_num counts epochs of 168 cases up to v3.0 and samples from v3.1 on (reference README); a few
        # v3.1 logs still count epochs. Runs converge after ~1,000-3,000 epochs = ~2-5e5 samples, so the
        # magnitude tells the two apart.
        if ev_epoch:
            e = max(ev_epoch)
            if e < 20000:
                u, key = e * KITS19_TRAIN, "max eval epoch_num x 168 (epoch_num counts epochs)"
            else:
                u, key = e, "max eval epoch_num (epoch_num counts samples)"
    elif bench == "bert":
        # eval epoch_num counts samples (v1.0 on, most submitters), or is a constant 1 (NVIDIA-derived code to
        # v2.1: the trained samples are the train_samples logged after the evaluations), or counts steps
        # (Google v0.7 TPU: x global_batch_size), or numbers training blocks (Google v0.7 TF2: the first
        # evaluation follows the planned train_samples)
        e = max(ev_epoch) if ev_epoch else None
        first_ev = min(ev_times) if ev_times else None
        last_ev = max(ev_times) if ev_times else None
        ts_after = [x for tt, x in ts_events if tt is not None and last_ev is not None and tt >= last_ev]
        ts_before = [x for tt, x in ts_events if tt is not None and first_ev is not None and tt < first_ev]
        if e is not None and e >= 1e6:
            u, key = e, "max eval epoch_num (samples)"
        elif ts_after:
            u, key = ts_after[-1], "train_samples logged after the last evaluation (eval epoch_num is not a sample count)"
        elif e is not None and e >= 100 and gbs:
            u, key = e * gbs, "max eval epoch_num (steps) x global_batch_size"
        elif ts_before and e is not None and min(ev_epoch) > 0:
            # Google v0.7 TF2: evaluations numbered by training block; the first comes after the planned
            # train_samples, later ones after further blocks of the same size
            u = ts_before[-1] * e / min(ev_epoch)
            key = "planned train_samples x (last eval block / first eval block)"
    elif bench == "stable_diffusion":
        if num(stop_md.get("samples_count")) is not None:
            u, key = num(stop_md["samples_count"]), "run_stop samples_count"
        elif num(stop_md.get("step_num")) is not None and gbs:
            u, key = num(stop_md["step_num"]) * gbs, "run_stop step_num x global_batch_size"
        elif ev_samples:
            u, key = max(ev_samples), "max eval samples_count"
        elif ev_steps and gbs:
            u, key = max(ev_steps) * gbs, "max eval step_num x global_batch_size"
    elif bench == "gpt3":
        if trained:
            u, key = trained[-1], "trained_samples (tokens)"
        elif train_samples_after:
            u, key = train_samples_after[-1], "train_samples after run_stop (tokens)"
        elif ev_epoch:
            u, key = max(ev_epoch), "max eval epoch_num (tokens)"
    elif bench in ("llama2_70b_lora", "llama31_405b"):
        if num(stop_md.get("samples_count")) is not None:
            u, key = num(stop_md["samples_count"]), "run_stop samples_count (sequences)"
        elif ev_samples:
            u, key = max(ev_samples), "max eval samples_count (sequences)"
    r.units, r.units_key = u, key
    return r


def score(runs, bench):
    """MLPerf olympic scoring as mlperf_logging's result_summarizer does it: a run that did not finish
    successfully counts as the slowest; drop the k fastest and k slowest (k = 4 for unet3d, else 1; with
    3-run LLM benchmarks this is the median) and average the rest. -> (scored runs, minutes or None)."""
    ok = sorted((r for r in runs if r.ok), key=lambda r: (r.minutes, r.name))
    failed = sum(1 for r in runs if not r.ok and not r.missing)
    k = 4 if bench == "unet3d" else 1
    n_total = len(ok) + failed
    if n_total < 3:
        return ok, (sum(r.minutes for r in ok) / len(ok) if ok else None)
    if n_total <= 2 * k:
        k = 1
    keep = ok[k:len(ok) - max(0, k - failed)]
    if not keep:
        return [], None
    return keep, sum(r.minutes for r in keep) / len(keep)


# ---------------------------------------------------------------------------------------------
# System descriptions.
def parse_system_text(text):
    """system JSON (three shapes) -> dict with normalised keys, or None."""
    d = None
    try:
        d = json.loads(text)
    except ValueError:
        try:
            d = json.loads(re.sub(r",\s*([}\]])", r"\1", text))     # v0.7 Alibaba: trailing commas
        except ValueError:
            d = None
    if d is None:
        # v0.6 NVIDIA: "key: {json}" lines; "entry" holds a Python-repr dict whose "nodes" is another repr
        kv = {}
        for ln in text.splitlines():
            m = re.match(r"^(\w+): (\{.*\})\s*$", ln)
            if m:
                try:
                    kv[m.group(1)] = json.loads(m.group(2)).get("value")
                except ValueError:
                    pass
        if "entry" not in kv:
            return None
        try:
            e = ast.literal_eval(kv["entry"])
            n = ast.literal_eval(e["nodes"]) if isinstance(e.get("nodes"), str) else e.get("nodes") or {}
        except (ValueError, SyntaxError, KeyError):
            return None
        return {"division": kv.get("division"), "status": kv.get("status"), "number_of_nodes": n.get("num_nodes"),
                "accelerators_per_node": n.get("num_accelerators"), "accelerator_model_name": n.get("accelerator"),
                "framework": e.get("framework"), "_shape": "mll"}
    if not isinstance(d, dict):
        return None
    out = {re.sub(r"\s+", "_", k.strip()): v for k, v in d.items()}
    out["_shape"] = "json"
    return out


def parse_count(v):
    """'8' -> 8; None/'' -> None; anything else that is not a whole number -> ValueError"""
    if v is None:
        return None
    if isinstance(v, bool):
        raise ValueError(repr(v))
    if isinstance(v, (int, float)):
        if float(v) != int(v):
            raise ValueError(repr(v))
        return int(v)
    s = str(v).strip()
    if s == "" or s.upper() in ("N/A", "NA", "-"):
        return None
    try:
        x = float(s)
    except ValueError:
        raise ValueError(repr(v))
    if x != int(x):
        raise ValueError(repr(v))
    return int(x)


def norm_status(s):
    t = (s or "").strip().lower()
    if not t:
        return "unknown"
    if "preview" in t:
        return "preview"
    if "research" in t or t in ("rdi", "rdo"):
        return "research"
    if "avail" in t or t in ("onprem", "on-prem", "on-premise", "cloud", "on premise"):
        return "available"
    return "unknown"


def norm_division(s):
    t = (s or "").strip().lower()
    return {"close": "closed"}.get(t, t)


# v0.5: entry.json counts whole systems, not what each benchmark ran on:
#  * Google TPU slices name cores ("tpuv2-8" = 8 cores = 4 chips; a TPU v2/v3 chip has 2 cores) -> chips = cores / 2.
#  * NVIDIA's multi-node entries list the whole cluster (128 DGX-1, 36 DGX-2H); the ResNet runs used the node
#    count of the submission's config (DGXNNODES x DGXNGPU), confirmed by one run_set_random_seed line per rank.
V05_COUNT_FROM_CONFIG = {
    "v0.5.0/nvidia/submission/results/dgx1_multi_ngc18.11_mxnet/resnet":
        ("v0.5.0/nvidia/submission/code/image_classification/mxnet/config_DGX1_multi.sh", 80, 8),
    "v0.5.0/nvidia/submission/results/dgx2h_multi_ngc18.11_mxnet/resnet":
        ("v0.5.0/nvidia/submission/code/image_classification/mxnet/config_DGX2_multi.sh", 32, 16),
}
V05_SUBMITTER = {"google": "Google", "nvidia": "NVIDIA", "intel": "Intel"}   # names used from v0.6 on

# Logs without run_stop that the importer accepts as failed runs (each checked: the log ends mid-run, the run
# was killed or crashed; mlperf_logging's summarizer counts such a file as a non-converged run). Any other
# result log without run_stop is an input error.
KNOWN_INCOMPLETE_LOGS = {
    ("v1.0", "Supermicro/results/as-4142gs-tnr/unet3d/result_2.txt"),
    ("v2.0", "Lenovo/results/SD650-N_V2_4xA100-SXM-80GB/unet3d/result_40.txt"),
    ("v2.1", "HPE/results/HPE-ProLiant-XL675d-Gen10-Plus_A100-SXM-80GB_16N_mxnet/resnet/result_5.txt"),
    ("v2.1", "HPE/results/HPE-ProLiant-XL675d-Gen10-Plus_A100-SXM-80GB_16N_pytorch/bert/result_4.txt"),
    ("v4.0", "tinycorp/results/tinybox_green/resnet/result_0.txt"),
    ("v4.1", "tinycorp/results/tinybox_green/bert/result_2.txt"),
    ("v5.0", "Dell/results/16xXE9712x4GB200/stable_diffusion/result_9.txt"),
    ("v5.0", "Dell/results/9xXE9712x4GB200/llama2_70b_lora/result_9.txt"),
    ("v5.0", "HPE/results/HPE-Cray-XD670-H200-SXM5-141GB_n1_24.09/stable_diffusion/result_9.txt"),
    ("v5.0", "tinycorp/results/tinybox_green/retinanet/result_4.txt"),
}


# ---------------------------------------------------------------------------------------------
# Folders of a round.
class Folder:
    def __init__(self, rnd, submitter, system, bench_folder, path, sysfile):
        self.rnd = rnd
        self.submitter = submitter
        self.system = system
        self.bench_folder = bench_folder
        self.path = path            # results/<system>/<bench> folder, path in the round
        self.sysfile = sysfile      # system description path in the round (None if absent)
        self.logs = []
        self.power = {}             # run name -> [paths]
        self.scaling = None
        self.code_root = path[:path.index("results/")]   # submitter's tree (v0.5: the submission's folder)


RE_STD = re.compile(r"^([^/]+)/results/([^/]+)/([^/]+)/(.+)$")
RE_V05_PATH = re.compile(r"^v0\.5\.0/([^/]+)/(.+)/results/([^/]+)/([^/]+)/([^/]+)$")


def list_folders(tree, rnd, errs):
    files = tree.files()
    fset = set(files)
    folders = {}
    if rnd == "v0.5":
        entries = [p for p in files if re.match(r"^v0\.5\.0/[^/]+/.+/results/[^/]+/entry\.json$", p)]
        if not entries:
            errs.add(tree.label, "layout", "not an MLPerf Training v0.5 round (no v0.5.0/<submitter>/.../results/<system>/entry.json)")
            return []
        for p in files:
            m = RE_V05_PATH.match(p)
            if not m:
                continue
            sub, mid, sysname, bench, fname = m.groups()
            entry = "v0.5.0/%s/%s/results/%s/entry.json" % (sub, mid, sysname)
            if entry not in fset:
                continue
            system = sysname if sysname not in ("tpu",) else mid.split("/")[-1]
            key = (sub, mid, sysname, bench)
            if key not in folders:
                folders[key] = Folder(rnd, V05_SUBMITTER.get(sub, sub), system, bench,
                                      "v0.5.0/%s/%s/results/%s/%s" % (sub, mid, sysname, bench), entry)
            if re.match(r"^result_[^/]*\.txt$", fname) and "raw" not in fname:
                folders[key].logs.append(p)
    else:
        sysfiles = [p for p in files if re.match(r"^[^/]+/systems/[^/]+\.json$", p)]
        has_results = any(RE_STD.match(p) for p in files)
        if not sysfiles or not has_results:
            errs.add(tree.label, "layout", "not an MLPerf Training round (no <submitter>/systems/*.json with "
                     "<submitter>/results/<system>/<benchmark>/ folders)")
            return []
        for p in files:
            m = RE_STD.match(p)
            if not m:
                continue
            sub, sysname, bench, rest = m.groups()
            key = (sub, sysname, bench)
            if key not in folders:
                sf = "%s/systems/%s.json" % (sub, sysname)
                folders[key] = Folder(rnd, sub, sysname, bench, "%s/results/%s/%s" % (sub, sysname, bench),
                                      sf if sf in fset else None)
            fo = folders[key]
            if "/" not in rest:
                if re.match(r"^result_[^/]*\.txt$", rest) and "raw" not in rest:
                    fo.logs.append(p)
                elif rest == "scaling.json":
                    fo.scaling = p
            else:
                pm = re.match(r"^power/([^/]+)/((?:node|sw)_[^/]*\.txt)$", rest)
                if pm:
                    fo.power.setdefault(pm.group(1), []).append(p)
    return [folders[k] for k in sorted(folders)]


# ---------------------------------------------------------------------------------------------
# Precision. Not an MLLOG key: read from the submitter's files (rules in SOURCES.md). Evidence is searched
# in the submitter's configuration-like files of the benchmark (vendored framework trees excluded) and, for
# LLM rows, in the result logs (NeMo prints its resolved model config, "fp8: true").
VENDORED = re.compile(r"/(NeMo|nemo_src|Megatron[^/]*|megatron[^/]*|apex|3rdparty|third_party|transformers|"
                      r"deepspeed-fork|DeepSpeed[^/]*|site-packages|docs|tests?|examples|fairseq|"
                      r"mlperf_logging|TransformerEngine|pytorch-lightning|lightning|tensorflow_models|"
                      r"models/official|mlperf-logging|logging)/")
CONFIG_FILE = re.compile(r"(^|/)(config[^/]*\.(sh|ya?ml|json)|[^/]*\.sh|run[^/]*\.sub|[^/]*\.ya?ml|"
                         r"README[^/]*\.md|[^/]*hparams[^/]*\.json|[^/]*\.gin)$")
BENCH_DIRS = {
    "resnet": ("resnet", "image_classification", "resnet50"),
    "retinanet": ("ssd", "retinanet", "single_stage_detector"),
    "unet3d": ("unet3d", "image_segmentation", "unet3d_mxnet"),
    "bert": ("bert", "language_model"),
    "stable_diffusion": ("stable_diffusion",),
    "gpt3": ("gpt3", "large_language_model"),
    "llama2_70b_lora": ("llama2_70b_lora", "ft-llm", "llm_finetune"),
    "llama31_405b": ("llama31_405b",),
}
RX = lambda *ps: [re.compile(p, re.M) for p in ps]
PAT = {
    "fp8": RX(r"^\s*(?:export\s+)?FP8\s*=\s*[\"']?(?:True|true|1)\b",
              r"^\s*(?:export\s+)?FP8\s*=\s*\$\{FP8:-(?:True|true|1)\}",
              r"^\s*(?:export\s+)?FP8\s*=\s*\"\$\{FP8:=(?:True|true|1)\}\"",
              r"^\s*(?:source|\.)\s+.*config_fp8\.sh",
              r"^\s*(?:export\s+)?USE_FP8\s*=\s*[\"']?(?:True|true|1)\b"),
    "int8": RX(r"quantization\s*[=:]\s*[\"']?int8\b"),
    "bf16": RX(r"precision\s*[=:]\s*[\"']?(?:bf16|bfloat16)", r"--bf16\b", r"bfloat16", r"\bBF16\s*=\s*[\"']?(?:1|True|true)\b",
               r"\bdtype\s*[=:]\s*[\"']?bf16\b", r"--dtype[= ][\"']?bf16\b", r"TF_(?:ENABLE_)?BF16_CONVERSION",
               r"DATA_TYPE=[\"']?bf16", r"--enable_bf16\b", r"(?:^|\s)-d\s+bf16\b", r"DEFAULT_FLOAT\s*=\s*[\"']?BFLOAT16"),
    "fp16": RX(r"--fp16\b", r"--amp\b", r"precision\s*[=:]\s*[\"']?(?:16|fp16|float16)\b", r"(?<![a-z])float16\b",
               r"--dtype[= ][\"']?(?:fp16|float16)\b", r"\bAMP\s*=\s*[\"']?(?:1|True|true)\b",
               r"\bfp16\s*[=:]\s*[\"']?(?:True|true|1)\b", r"\buse_fp16\b", r"--half\b", r"\bHALF\s*=\s*[\"']?1\b",
               r"--static[-_]cast\b", r"\bmixed_precision\s*[=:]\s*[\"']?fp16\b", r"--frozen-bn-fp16\b",
               r"\bset_defaults\(amp=True\)", r"DEFAULT_FLOAT\s*=\s*[\"']?HALF", r"\bFLOAT16\b"),
}
FP8_OFF = RX(r"^\s*(?:export\s+)?FP8\s*=\s*[\"']?(?:False|false|0)\b",
             r"^\s*(?:export\s+)?FP8\s*=\s*\$\{FP8:-(?:False|false|0)\}")
LOG_FP8 = re.compile(r"^\s*(?:\d+:\s*)?fp8:\s*(true|false|True|False)\s*$", re.M)
LOG_PRECISION = re.compile(r"^\s*(?:\d+:\s*)?precision:\s*['\"]?(bf16|bf16-mixed|16|16-mixed|fp16)['\"]?\s*$", re.M)

FP8_DEVICES = re.compile(r"^(H100|H200|H800|GH200|B100|B200|GB200|B300|GB300|L40S|L40$|L4$|RTX-4090|MI300X|MI325X|"
                         r"MI35\dX|Gaudi2|Gaudi3)")


def device_family(dev):
    if dev.startswith("TPU"):
        return "tpu"
    if dev.startswith("Gaudi"):
        return "gaudi"
    if dev.startswith("IPU"):
        return "ipu"
    if dev.startswith("Ascend"):
        return "ascend"
    if dev.startswith("MI") or dev.startswith("RX-"):
        return "amd"
    return "nvidia"


FAMILY_DEFAULT = {"tpu": "bf16", "gaudi": "bf16", "ipu": "fp16", "ascend": "fp16", "amd": "bf16", "nvidia": "fp16"}
FAMILY_RULE = {
    "tpu": "TPU matrix units take bf16 inputs (mixed precision with bf16 activations/weights)",
    "gaudi": "Habana Gaudi training recipes run bf16 mixed precision",
    "ipu": "Graphcore IPU MLPerf submissions run fp16 (fp16.16 or fp16.32) mixed precision",
    "ascend": "Ascend 910 cube units take fp16 (mixed precision)",
    "amd": "AMD GPU submissions run bf16 autocast unless an FP8 setting is found",
    "nvidia": "NVIDIA GPU MLPerf implementations train with fp16 automatic mixed precision unless a bf16/FP8 setting is found",
}

# Hand-checked precision decisions where the generic search cannot decide. Each names the file (path regex in
# the round) and the line (regex) that says so; the importer verifies both exist, else it fails.
# "{n}" in the file regex is replaced by the system regex's group n.
PRECISION_OVERRIDES = [
    # (round, submitter, benchmark, system regex, precision, file regex, content regex, note)
    ("v3.0", "Intel-HabanaLabs", "gpt3", r".", "bf16", r"^Intel-HabanaLabs/benchmarks/gpt3/Megatron-DeepSpeed/run_gpt\.sh$",
     r"^\s*--bf16\b", "Megatron-DeepSpeed launched with --bf16; no FP8 option in the v3.0 script"),
    ("v3.1", "Intel-HabanaLabs", "gpt3", r".", "fp8", r"^Intel-HabanaLabs/benchmarks/README\.md$",
     r"submissions for GPT3 have been conducted using FP8 precision", "Habana README"),
    ("v4.0", "Intel-HabanaLabs", "gpt3", r".", "fp8", r"^Intel-HabanaLabs/benchmarks/gpt3/README\.md$",
     r"submissions for GPT3 have been conducted using FP8 precision", "Habana README"),
    ("v4.0", "Intel-HabanaLabs", "llama2_70b_lora", r".", "fp8", r"^Intel-HabanaLabs/benchmarks/llm_finetune/README\.md$",
     r"run_llama_70B_fp8_submission\.sh", "Habana README launches the FP8 submission script"),
    ("v3.1", "Google", "gpt3", r"v5e", "int8", r"^Google/benchmarks/gpt3/implementations/PAX/run_and_time\.sh$",
     r"^EXP_NAME=\S*Int8", "PAX experiment ...Int8: scripts/pod_run.sh sets ENABLE_INT8 (AQT int8 training)"),
    ("v4.0", "Google", "gpt3", r"^cloud-tpu-v5p-(\d+)-maxtext$", "int8",
     r"^Google/benchmarks/gpt3/implementations/maxtext/v5p-{1}\.sh$", r"quantization=int8", "MaxText int8 (AQT)"),
    ("v4.1", "Google", "gpt3", r"^cloud-tpu-v5p-(\d+)-maxtext$", "int8",
     r"^Google/benchmarks/gpt3/implementations/maxtext/cloud-tpu-v5p/v5p-{1}\.sh$", r"quantization=int8", "MaxText int8 (AQT)"),
    ("v4.1", "Google", "gpt3", r"^cloud-tpu-trillium-(\d+)-maxtext$", "int8",
     r"^Google/benchmarks/gpt3/implementations/maxtext/cloud-tpu-trillium/trillium-{1}\.sh$", r"quantization=int8",
     "MaxText int8 (AQT)"),
    ("v4.0", "JuniperNetworks", "llama2_70b_lora", r".", "bf16",
     r"^JuniperNetworks/benchmarks/llama2_70b_lora/implementations/pytorch/run/run\.sub$", r"--bf16 True",
     "DeepSpeed/HF trainer launched with --bf16 True; no FP8 path"),
]


class Precision:
    def __init__(self, tree, rnd):
        self.tree = tree
        self.rnd = rnd
        self._text = {}
        self._bench_files = {}
        self._sourced = {}

    def text(self, path):
        if path not in self._text:
            b = self.tree.read(path)
            self._text[path] = b.decode("utf-8", "replace") if b is not None else ""
        return self._text[path]

    def bench_files(self, code_root, bench):
        key = (code_root, bench)
        if key not in self._bench_files:
            dirs = BENCH_DIRS[bench]
            out = []
            for p in self.tree.files():
                if not p.startswith(code_root) or "/results/" in p or "/systems/" in p:
                    continue
                q = "/" + p
                if VENDORED.search(q) or not CONFIG_FILE.search(p):
                    continue
                if any(("/%s/" % d) in q or ("/%s_" % d) in q or ("/%s-" % d) in q for d in dirs):
                    out.append(p)
            self._bench_files[key] = out
        return self._bench_files[key]

    def _expand(self, path, depth=0):
        """config text with sibling files it sources inlined (one level of nesting is enough for the rounds)"""
        t = self.text(path)
        if depth > 2:
            return t
        d = path.rsplit("/", 1)[0]
        out = []
        for ln in t.splitlines():
            out.append(ln)
            m = re.match(r"^\s*(?:source|\.)\s+(?:.*/)?([\w.+-]+\.sh)\b", ln)
            if m and not ln.lstrip().startswith("#"):
                sib = d + "/" + m.group(1)
                if self.tree.has(sib):
                    out.append(self._expand(sib, depth + 1))
        return "\n".join(out)

    def fp8_state(self, path):
        """'on' / 'off' / None from the last FP8 assignment of a config (sourced siblings inlined)"""
        t = self._expand(path)
        state, pos = None, -1
        for rx in PAT["fp8"]:
            for m in rx.finditer(t):
                if m.start() > pos:
                    state, pos = "on", m.start()
        for rx in FP8_OFF:
            for m in rx.finditer(t):
                if m.start() > pos:
                    state, pos = "off", m.start()
        return state

    def helper_config(self, path):
        """config files that are not a system's launch config: common/fp8/mounts helpers and files that
        other configs source"""
        name = path.rsplit("/", 1)[-1]
        if re.match(r"^config_(common|fp8|mounts|tp_|shared|.*_common\.sh$)", name):
            return True
        d = path.rsplit("/", 1)[0]
        if d not in self._sourced:
            srcd = set()
            for q in self.tree.files():
                if q.startswith(d + "/") and q.count("/") == d.count("/") + 1 and q.endswith(".sh"):
                    for m in re.finditer(r"^\s*(?:source|\.)\s+(?:.*/)?([\w.+-]+\.sh)\b", self.text(q), re.M):
                        if m.group(1) != q.rsplit("/", 1)[-1]:
                            srcd.add(m.group(1))
            self._sourced[d] = srcd
        return name in self._sourced[d]

    def system_config(self, files, system):
        """the config_*.sh a per-system README names (NVIDIA-style 'implementations/<system>/README*.md');
        READMEs in the system's own folder first, and among the named configs those in the system's folder"""
        readmes = [p for p in files if re.search(r"/README[^/]*\.md$", p)]
        readmes.sort(key=lambda p: (not self.of_system(p, system), p))
        for p in readmes:
            t = self.text(p)
            if not self.of_system(p, system) and system not in t:
                continue
            hits = []
            for m in re.finditer(r"(config_[\w.+-]+\.sh)", t):
                name = m.group(1)
                if re.match(r"^config_(common|fp8|mounts)", name):
                    continue
                hits += [q for q in files if q.endswith("/" + name) and q not in hits]
            if hits:
                hits.sort(key=lambda q: (not self.of_system(q, system),))
                return hits[0], p
        return None, None

    @staticmethod
    def of_system(path, system):
        """the file belongs to this system: its path names the system (case-insensitive), or the system
        name without its last -/_ segment (e.g. tpu-v3-32-TF2.0 -> tpu-v3-32)"""
        q = path.lower()
        sysl = system.lower()
        if sysl in q:
            return True
        m = re.match(r"^(.+?)[-_][^-_]+$", sysl)
        return bool(m and len(m.group(1)) >= 6 and m.group(1) in q)

    def first(self, files, kind, skip_md=False):
        for p in files:
            if skip_md and p.endswith(".md"):
                continue
            k, ln = find_evidence(self.text(p), [kind])
            if k:
                return "%s:%d" % (p, ln)
        return None

    def decide(self, fo, bench, dev, runs):
        """-> (precision, precision_source, is_rule)"""
        files = sorted(self.bench_files(fo.code_root, bench), key=lambda p: (p.endswith(".md"), p))
        mine = sorted((p for p in files if self.of_system(p, fo.system)),
                      key=lambda p: (fo.system.lower() not in p.lower(), p.endswith(".md"), p))
        others = [p for p in files if p not in mine]
        for (rnd, sub, b, sysrx, prec, frx, crx, note) in PRECISION_OVERRIDES:
            ms = re.search(sysrx, fo.system)
            if rnd == self.rnd and sub == fo.submitter and b == bench and ms:
                frx = re.sub(r"\{(\d)\}", lambda g: re.escape(ms.group(int(g.group(1)))), frx)
                cands = [p for p in self.tree.files() if re.search(frx, p)]
                for p in cands:
                    t = self.text(p)
                    m = re.search(crx, t, re.M)
                    if m:
                        return prec, "%s:%d (%s)" % (p, t.count("\n", 0, m.start()) + 1, note), False
                if cands:    # the file is there but no longer says so: the override is stale
                    raise InputError("%s: precision override: /%s/ not found in %s (%s)" % (
                        self.tree.where(fo.path), crx, cands[0], note))
                break        # evidence file absent (partial copy of a round): decide with the generic rules
        fam = device_family(dev)
        fp8_ok = bool(FP8_DEVICES.match(dev))
        if bench in LLM:
            for r in runs:
                if not r.text:
                    continue
                m = LOG_FP8.search(r.text)
                if m:
                    ln = r.text.count("\n", 0, m.start()) + 1
                    if m.group(1).lower() == "true":
                        return "fp8", "%s:%d (resolved model config 'fp8: true')" % (r.path, ln), False
                    m2 = LOG_PRECISION.search(r.text)
                    if m2 and "bf16" in m2.group(1):
                        return "bf16", "%s:%d (resolved model config 'fp8: false', 'precision: %s')" % (
                            r.path, r.text.count("\n", 0, m2.start()) + 1, m2.group(1)), False
            my_cfgs = [p for p in mine if re.search(r"/config[^/]*\.sh$", p) and not self.helper_config(p)]
            states = [self.fp8_state(p) for p in my_cfgs]
            if "on" in states:
                return "fp8", "%s (FP8 enabled)" % my_cfgs[states.index("on")], False
            if my_cfgs and all(st == "off" for st in states):
                return "bf16", "%s (FP8 disabled)" % my_cfgs[0], False
            cfg, readme = self.system_config(files, fo.system)
            if cfg:
                st = self.fp8_state(cfg)
                if st == "on":
                    return "fp8", "%s (FP8 enabled; config named by %s)" % (cfg, readme), False
                if st == "off":
                    return "bf16", "%s (FP8 disabled; config named by %s)" % (cfg, readme), False
            for kind in ("int8", "fp8"):
                ev = self.first(mine, kind, skip_md=True)
                if ev:
                    return kind, ev, False
            cfgs = [p for p in files if re.search(r"/config[^/]*\.sh$", p) and not self.helper_config(p)]
            if fp8_ok and cfgs and all(self.fp8_state(p) == "on" for p in cfgs):
                return "fp8", "%s (FP8 enabled in all %d system config_*.sh of the benchmark)" % (cfgs[0], len(cfgs)), False
            ev = self.first(mine, "bf16")
            if not fp8_ok:
                return "bf16", (ev or "rule: %s has no FP8 matrix unit; LLM training runs bf16" % dev), not ev
            if ev:
                return "bf16", ev + " (no FP8 setting found)", True
            return "bf16", "rule: no FP8/int8 setting found for this system; bf16 assumed", True
        # non-LLM benchmarks
        default = FAMILY_DEFAULT[fam]
        kinds = (["fp8"] if fp8_ok else []) + [default] + [k for k in ("bf16", "fp16") if k != default]
        for kind in kinds:
            ev = self.first(mine, kind)
            if ev:
                return kind, ev, False
        ev = self.first(others, default)
        if ev:
            return default, ev, False
        return default, "rule: " + FAMILY_RULE[fam], True


def find_evidence(text, kinds):
    """first (kind, line number) in text for the given kinds, in kind priority order"""
    for kind in kinds:
        best = None
        for rx in PAT[kind]:
            m = rx.search(text)
            if m and (best is None or m.start() < best):
                best = m.start()
        if best is not None:
            return kind, text.count("\n", 0, best) + 1
    return None, None


# ---------------------------------------------------------------------------------------------
# Power: integrate each node's power_reading series over the run window.
def power_series(text):
    """-> dict(start, stop, eff, mtype, readings=[(t_ms, W)] sorted, equal timestamps averaged, est)"""
    d = {"start": None, "stop": None, "eff": None, "mtype": None, "readings": [], "est": None}
    acc = {}
    for t, k, v, md in log_events(text):
        if k == "power_measurement_start" and d["start"] is None:
            d["start"] = t
        elif k == "power_measurement_stop":
            d["stop"] = t
        elif k == "conversion_eff":
            d["eff"] = num(v)
            if isinstance(md, dict) and md.get("measurement_type"):
                d["mtype"] = str(md["measurement_type"]).upper()
        elif k == "power_reading":
            x = num(v if not isinstance(v, dict) else v.get("value"))
            if x is not None and t is not None:
                acc.setdefault(t, []).append(x)
        elif k == "interconnect_power_est":
            d["est"] = num(v)
    d["readings"] = [(t, sum(xs) / len(xs)) for t, xs in sorted(acc.items())]
    return d


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    if not n:
        return None
    return xs[n // 2] if n % 2 else 0.5 * (xs[n // 2 - 1] + xs[n // 2])


def integrate_hold(readings, w0, w1, stop=None, shift_ms=0.0):
    """Sample-and-hold (left Riemann) integral of a reading series over [w0, w1] in W*ms.
    Each reading holds from its timestamp until the next one; the last holds until the measurement stop
    (or one median interval). Returns (W*ms, covered ms, median interval s)."""
    rs = [(t + shift_ms, w) for t, w in readings]
    if not rs:
        return 0.0, 0.0, None
    dts = [b[0] - a[0] for a, b in zip(rs, rs[1:])]
    dt = median(dts) if dts else 1000.0
    end_last = rs[-1][0] + dt
    if stop is not None and stop + shift_ms > rs[-1][0]:
        end_last = min(stop + shift_ms, rs[-1][0] + max(dt, 1.0) * 5)
    total = covered = 0.0
    for i, (t, w) in enumerate(rs):
        a = t
        b = rs[i + 1][0] if i + 1 < len(rs) else end_last
        lo, hi = max(a, w0), min(b, w1)
        if hi > lo:
            total += w * (hi - lo)
            covered += hi - lo
    return total, covered, dt / 1000.0


def summarizer_node_energy(text, t_run_ms):
    """mlperf_logging result_summarizer._compute_power_node (mlcommons/logging): conversion_eff x
    sum(reading x (t_i - t_{i-1})) from power_measurement_start, scaled to the run time by
    T_run / (stop - start). In J."""
    lines = sorted(((t, k, v, md) for t, k, v, md in log_events(text) if t is not None), key=lambda x: x[0])
    prev = last = start = stop = 0.0
    agg = 0.0
    eff = 1.0
    started = stopped = False
    for t, k, v, md in lines:
        if k == "power_measurement_start":
            start = prev = t
            started = True
        if k == "power_reading" and started and not stopped:
            x = num(v if not isinstance(v, dict) else v.get("value"))
            if x is not None:
                agg += x * (t - prev)
                prev = t
                last = max(last, t)
        if k == "power_measurement_stop":
            stop = t
            stopped = True
        if k == "conversion_eff":
            eff = num(v) or 1.0
    if not started:
        return None
    if not stopped:
        stop = last
    if stop <= start:
        return None
    return eff * agg * t_run_ms / (stop - start) / 1000.0


def power_rows(fo, tree, runs_by_name, scored_names, base, errs):
    out = []
    for rname in sorted(fo.power):
        paths = sorted(fo.power[rname])
        nodes = [p for p in paths if re.search(r"/node_[^/]*\.txt$", p)]
        sws = [p for p in paths if re.search(r"/sw_[^/]*\.txt$", p)]
        run = runs_by_name.get(rname)
        row = dict(base)
        flags = []
        row.update(run=rname, node_files=len(nodes), source_folder="%s/power/%s" % (fo.path, rname))
        if run is None or run.start is None or run.stop is None:
            flags.append("no_run_window")
            row.update(flag="|".join(flags), run_status=(run.status if run else "no result log"))
            out.append(row)
            continue
        w0, w1 = run.start, run.stop
        T = w1 - w0
        row.update(run_minutes=T / 60000.0, run_status=run.status, scored="yes" if rname in scored_names else "no")
        texts, digests = [], {}
        effs, mtypes = [], []
        node_wms = node_wms_unique = 0.0
        cov_min, dts = 1.0, []
        starts = []
        summ = 0.0
        summ_ok = True
        for p in nodes:
            b = tree.read(p)
            if b is None:
                flags.append("missing_power_files")
                continue
            h = hashlib.sha256(b).hexdigest()
            dup = h in digests
            digests.setdefault(h, p)
            text = b.decode("utf-8", "replace")
            s = power_series(text)
            if s["start"] is not None and s["stop"] is not None and s["stop"] <= s["start"]:
                if "power_stop_invalid" not in flags:
                    flags.append("power_stop_invalid")
            if s["eff"] is not None:
                effs.append(s["eff"])
            if s["mtype"]:
                mtypes.append(s["mtype"])
            if s["start"] is not None:
                starts.append(s["start"])
            wms, cov, dt = integrate_hold(s["readings"], w0, w1, s["stop"])
            if dt:
                dts.append(dt)
            cov_frac = cov / T if T > 0 else 0.0
            cov_min = min(cov_min, cov_frac)
            # energy over the covered part of the window, extended to the whole window at the covered mean power
            e = wms / cov_frac if cov_frac > 0 else 0.0
            node_wms += e
            if not dup:
                node_wms_unique += e
            se = summarizer_node_energy(text, T)
            if se is None:
                summ_ok = False
            else:
                summ += se
        ndup = len(nodes) - len(digests) - flags.count("missing_power_files")
        ic_wms, ic_kind, shift_h = None, "", ""
        for p in sws:
            b = tree.read(p)
            if b is None:
                flags.append("missing_power_files")
                continue
            s = power_series(b.decode("utf-8", "replace"))
            if s["readings"]:
                shift = 0.0
                ref = median(starts) if starts else None
                if ref is not None and s["start"] is not None and abs(ref - s["start"]) > 30 * 60000:
                    hours = round((ref - s["start"]) / 3600000.0)
                    if hours and abs(ref - s["start"] - hours * 3600000.0) < 120000:
                        shift = hours * 3600000.0
                        shift_h = hours
                        if "clock_shift" not in flags:
                            flags.append("clock_shift")
                    else:
                        flags.append("interconnect_clock_mismatch")
                wms, cov, dt = integrate_hold(s["readings"], w0, w1, s["stop"], shift)
                cf = cov / T if T > 0 else 0.0
                if cf < 0.99 and "interconnect_coverage" not in flags:
                    flags.append("interconnect_coverage")
                ic_wms = (ic_wms or 0.0) + (wms / cf if cf > 0 else 0.0)
                ic_kind = "measured" if ic_kind in ("", "measured") else "measured+estimated"
            elif s["est"] is not None:
                ic_wms = (ic_wms or 0.0) + s["est"] * T
                ic_kind = "estimated" if ic_kind in ("", "estimated") else "measured+estimated"
        if cov_min < 0.95:
            flags.append("power_coverage")
        if ndup > 0:
            flags.append("duplicate_node_files")
        if mtypes:
            meas, msrc = sorted(set(mtypes))[0] if len(set(mtypes)) == 1 else "/".join(sorted(set(mtypes))), "conversion_eff metadata measurement_type"
        elif re.search(r"-ac-power$", fo.submitter):
            meas, msrc = "AC", "rule: submitter folder name '%s'" % fo.submitter
        elif re.search(r"-dc-power$", fo.submitter):
            meas, msrc = "DC", "rule: submitter folder name '%s'" % fo.submitter
        else:
            meas, msrc = "unknown", "not stated"
        kwh = lambda wms: wms / 3.6e9
        node_kwh = kwh(node_wms)
        count = base["count"]
        hours = T / 3.6e6
        row.update(
            measurement=meas, measurement_source=msrc,
            conversion_eff=(effs[0] if effs and len(set(effs)) == 1 else ("/".join(str(x) for x in sorted(set(effs))) if effs else "")),
            node_files_duplicate=ndup, node_kwh=node_kwh, node_kwh_unique=kwh(node_wms_unique),
            interconnect_kwh=(kwh(ic_wms) if ic_wms is not None else ""), interconnect_kind=ic_kind or "none",
            interconnect_clock_shift_h=shift_h,
            total_kwh=node_kwh + (kwh(ic_wms) if ic_wms is not None else 0.0),
            node_w_per_acc=(node_kwh * 1000.0 / (count * hours) if count and hours > 0 else ""),
            node_coverage=cov_min, sample_interval_s=(median(dts) if dts else ""),
            node_kwh_summarizer=(summ / 3.6e6 if summ_ok and nodes else ""),
        )
        row["total_w_per_acc"] = (row["total_kwh"] * 1000.0 / (count * hours) if count and hours > 0 else "")
        row["flag"] = "|".join(sorted(set(flags), key=flags.index))
        out.append(row)
    return out


# ---------------------------------------------------------------------------------------------
def fmt(v):
    if v is None or v == "":
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v == int(v) and abs(v) < 1e15:
            return str(int(v))
        return "%.8g" % v
    return str(v)


class Importer:
    def __init__(self, devices, dev_ids, default_variants):
        self.devices = devices
        self.dev_ids = dev_ids
        self.default_variants = default_variants
        self.devices_norm = {}
        for k in sorted(devices):
            self.devices_norm.setdefault(normalize_key(k), devices[k])
        self.default_variants_norm = {normalize_key(k): v for k, v in sorted(default_variants.items())}
        self.errs = Errors()
        self.rows = []
        self.power = []
        self.unresolved = {}          # name -> [system files]
        self.default_used = {}        # name -> (id, [system files])
        self.left_out = {}            # (round, reason) -> count of result folders
        self.left_out_bench = {}      # (benchmark, reason) -> count
        self.missing_logs = []        # (round, path)
        self.dropped = []             # (folder, reason): in-scope closed folders without a usable score
        self.notes = []

    def count_out(self, rnd, reason, bench=None):
        self.left_out[(rnd, reason)] = self.left_out.get((rnd, reason), 0) + 1
        if bench:
            self.left_out_bench[(bench, reason)] = self.left_out_bench.get((bench, reason), 0) + 1

    def resolve(self, name, where):
        """devices.yaml lookup as hardware_db/alias_index.cc does it: the exact lower-case string, then its
        NormalizeKey form (letters and digits only); default_variants last"""
        key = (name or "").strip().lower()
        if key in self.devices:
            did, rule = self.devices[key]
            return did, rule
        nk = normalize_key(key)
        if nk and nk in self.devices_norm:
            did, rule = self.devices_norm[nk]
            return did, rule + " (normalised)"
        dv = self.default_variants.get(key) or self.default_variants_norm.get(nk)
        if dv:
            did, reason = dv
            self.default_used.setdefault(name, (did, []))[1].append(where)
            return did, "default_variant"
        self.unresolved.setdefault(name, []).append(where)
        return None, None

    def refine_device(self, dev, rule, si, fo, notes):
        """two cases a name alone cannot decide (hardware_db/DEVICES_SOURCES.md, MLPerf Training aliases):
        a default variant whose memory contradicts accelerator_memory_capacity, and 80 GB A100 SXM strings
        shared by 400 W and 500 W modules"""
        if rule == "default_variant":
            gb = parse_memory_gb(si.get("accelerator_memory_capacity"))
            m = re.search(r"(\d+)GB", dev)
            if gb and m:
                pat = re.compile("^" + re.escape(dev[:m.start()]) + r"(\d+)GB" + re.escape(dev[m.end():]) + "$")
                best = None
                for did in self.dev_ids:
                    mm = pat.match(did)
                    if mm and abs(int(mm.group(1)) - gb) <= 0.15 * gb:
                        best = did
                if best and best != dev:
                    notes.append("device: default variant %s, but accelerator_memory_capacity %r -> %s" % (
                        dev, si.get("accelerator_memory_capacity"), best))
                    dev = best
        if dev == "A100-SXM4-80GB" and "A100-SXM4-80GB-500W" in self.dev_ids:
            text = " ".join(str(si.get(k) or "") for k in ("hw_notes", "system_name", "cooling")) + " " + fo.system
            if re.search(r"500\s*W", text, re.I):
                notes.append("device: 80 GB A100 SXM string; the system description says 500 W -> A100-SXM4-80GB-500W")
                dev = "A100-SXM4-80GB-500W"
        return dev

    def system_info(self, tree, fo):
        """-> dict or None (reason counted)"""
        rnd = fo.rnd
        if fo.sysfile is None:
            return None
        b = tree.read(fo.sysfile)
        if b is None:
            self.errs.add(tree.where(fo.sysfile), "file", "absent from the snapshot")
            return None
        text = b.decode("utf-8", "replace")
        if rnd == "v0.5":
            try:
                d = json.loads(text)
                n = (d.get("nodes") or [{}])[0]
            except (ValueError, AttributeError, IndexError):
                self.errs.add(tree.where(fo.sysfile), "json", "not a v0.5 entry.json")
                return None
            return {"division": d.get("division"), "status": d.get("status"), "number_of_nodes": n.get("num_nodes"),
                    "accelerators_per_node": n.get("num_accelerators"), "accelerator_model_name": n.get("accelerator"),
                    "framework": d.get("framework")}
        d = parse_system_text(text)
        if d is None:
            self.errs.add(tree.where(fo.sysfile), "json", "not a system description (JSON, or v0.6 'key: {json}' lines)")
        return d

    def import_round(self, rnd, path):
        t0 = time.time()
        tree = open_round(path, rnd)
        try:
            folders = list_folders(tree, rnd, self.errs)
            prec = Precision(tree, rnd)
            for fo in folders:
                self.import_folder(tree, prec, fo)
        finally:
            tree.close()
        self.notes.append("%s: %d result folders read in %.1f s (%s %s)" % (
            rnd, len(folders), time.time() - t0, tree.kind, tree.commit[:8] or "no commit"))
        return tree

    def import_folder(self, tree, prec, fo):
        rnd = fo.rnd
        bench = canonical_benchmark(fo.bench_folder, rnd)
        if fo.sysfile is None:
            self.count_out(rnd, "no system description for the results folder")
            return
        si = self.system_info(tree, fo)
        if si is None:
            return
        flags, notes = [], []
        division = norm_division(si.get("division"))
        if not division:
            # v0.7 Alibaba/SIAT/Tencent: no division key; the logs state it
            for p in fo.logs[:1]:
                b = tree.read(p)
                if b is not None:
                    for t, k, v, md in log_events(b.decode("utf-8", "replace")):
                        if k == "submission_division":
                            division = norm_division(str(v))
                            break
            if division:
                notes.append("division: the system description has none; '%s' from the logs' submission_division" % division)
        if division != "closed":
            self.count_out(rnd, "division %s" % (division or "unknown"))
            return
        acc = si.get("accelerator_model_name")
        acc = acc.strip() if isinstance(acc, str) else acc
        if not acc or str(acc).strip().upper() in ("N/A", "NA", "NONE", "-", "0"):
            self.count_out(rnd, "no accelerator (CPU-only system)", bench)
            return
        try:
            apn = parse_count(si.get("accelerators_per_node"))
        except ValueError:
            self.errs.add(tree.where(fo.sysfile), "accelerators_per_node", "not a whole number: %r" % si.get("accelerators_per_node"))
            return
        try:
            nodes = parse_count(si.get("number_of_nodes"))
        except ValueError:
            self.errs.add(tree.where(fo.sysfile), "number_of_nodes", "not a whole number: %r" % si.get("number_of_nodes"))
            return
        if apn == 0:
            self.count_out(rnd, "no accelerator (CPU-only system)", bench)
            return
        if apn is None or nodes is None:
            self.errs.add(tree.where(fo.sysfile), "number_of_nodes" if nodes is None else "accelerators_per_node", "missing")
            return
        count = nodes * apn
        # --- accelerator name -> device id
        res_name = acc
        m = re.match(r"^tpu(v\d\w*)-(\d+)$", acc.strip().lower())
        if rnd == "v0.5" and m:
            cores = int(m.group(2))
            count, nodes = cores // 2, nodes
            notes.append("count: v0.5 TPU slice %s = %d cores = %d chips (2 cores per chip)" % (acc, cores, count))
        if res_name.strip().upper() == "TPU":
            ms = re.search(r"tpu-(v\d\w*)-", fo.system.lower())
            if ms:
                res_name = "TPU " + ms.group(1)
                notes.append("device: accelerator_model_name 'TPU'; generation %s from the system name" % ms.group(1))
        cfg = V05_COUNT_FROM_CONFIG.get(fo.path)
        if rnd == "v0.5" and cfg:
            cpath, nn, ng = cfg
            ctext = (tree.read(cpath) or b"").decode("utf-8", "replace")
            if not re.search(r"^DGXNNODES=%d\b" % nn, ctext, re.M) or not re.search(r"^DGXNGPU=%d\b" % ng, ctext, re.M):
                self.errs.add(tree.where(cpath), "DGXNNODES/DGXNGPU", "expected %d x %d (count override for %s)" % (nn, ng, fo.path))
                return
            notes.append("count: entry.json lists the whole cluster (%d nodes); the run used DGXNNODES=%d x DGXNGPU=%d (%s)"
                         % (nodes, nn, ng, cpath))
            nodes, count = nn, nn * ng
        # --- benchmark scope
        if bench not in IN_SCOPE:
            reason = LEFT_OUT.get(bench, "benchmark not in the FLOPs table")
            self.count_out(rnd, "benchmark %s: %s" % (bench, reason), bench)
            if fo.power:
                dev, rule = self.resolve(res_name, tree.where(fo.sysfile))
                if dev:
                    dev = self.refine_device(dev, rule, si, fo, [])
                runs = [parse_run(p, tree.read(p), bench, rnd) for p in sorted(fo.logs)]
                self.add_power(tree, fo, bench, runs, [], dev, acc, count, nodes)
            return
        dev, rule = self.resolve(res_name, tree.where(fo.sysfile))
        if rule == "default_variant":
            flags.append("default_variant")
            notes.append("device: '%s' is a default_variants entry of devices.yaml -> %s" % (res_name, dev))
        if dev:
            dev = self.refine_device(dev, rule, si, fo, notes)
        if dev is None:
            return      # reported as unresolved; no row
        # --- runs
        runs = []
        for p in sorted(fo.logs):
            r = parse_run(p, tree.read(p), bench, rnd)
            if r.missing:
                self.missing_logs.append((rnd, p))
            elif r.stop is None and (rnd, p) not in KNOWN_INCOMPLETE_LOGS:
                self.errs.add(tree.where(p), "run_stop", "missing (log %s but has no run_stop line)" %
                              ("has run_start" if r.start is not None else "has no run_start either"))
            elif r.start is None:
                self.errs.add(tree.where(p), "run_start", "missing")
            runs.append(r)
        n_missing = sum(1 for r in runs if r.missing)
        if n_missing:
            flags.append("missing_logs")
            notes.append("%d of %d result logs absent from the snapshot (>= 4 MiB)" % (n_missing, len(runs)))
        n_failed = sum(1 for r in runs if not r.missing and not r.ok)
        if n_failed:
            notes.append("%d run(s) without a successful run_stop count as the slowest (dropped)" % n_failed)
        scored, minutes = score(runs, bench)
        present = [r for r in runs if not r.missing]
        if len(present) < REQUIRED_RUNS[bench]:
            flags.append("few_runs")
            notes.append("%d result logs read (rules ask for %d)" % (len(present), REQUIRED_RUNS[bench]))
        if n_failed > (4 if bench == "unet3d" else 1) and scored:
            flags.append("failed_runs_over_limit")
            notes.append("more failed runs than the scorer may drop: the official summarizer reports no score; "
                         "run_minutes is the mean of the successful runs after dropping the fastest")
        if not scored:
            self.dropped.append((fo, "no run scored (%s)" % ("all %d result logs absent from the snapshot" % len(runs)
                                 if n_missing == len(runs) else "%d of %d runs failed" % (n_failed, len(runs)))))
            return
        # --- units
        units = None
        if scored:
            us = [r.units for r in scored]
            if all(u is not None for u in us):
                units = sum(us) / len(us)
                keys = sorted(set(r.units_key for r in scored))
                notes.append("units: " + "; ".join(keys))
            else:
                self.dropped.append((fo, "work per run not in the logs of %d scored run(s)" % sum(1 for u in us if u is None)))
                return
        scaling = None
        if fo.scaling:
            try:
                scaling = float(json.loads((tree.read(fo.scaling) or b"").decode("utf-8"))["scaling_factor"])
            except (ValueError, KeyError, TypeError):
                self.errs.add(tree.where(fo.scaling), "scaling_factor", "not a number")
        # --- FLOPs
        row = {c: "" for c in RUN_COLUMNS}
        if bench in LLM:
            lp = LLM_PARAMS[bench]
            per_token = lp["k"] * lp["params"] + 6.0 * lp["n_layers"] * lp["seq_len"] * lp["d_model"]
            if bench == "gpt3":
                unit, tokens = "token", units
                fpu = per_token
            else:
                unit = "sequence"
                tokens = units * lp["seq_len"] if units is not None else None
                fpu = per_token * lp["seq_len"]
            row.update(params=lp["params"], n_layers=lp["n_layers"], seq_len=lp["seq_len"], d_model=lp["d_model"],
                       training=lp["training"], tokens_per_run=tokens, flops_convention=lp["convention"])
        else:
            fpu, unit, conv = FLOPS[bench]
            row.update(flops_convention=conv)
            if bench == "bert":
                flags.append("bert_padding")
        # --- precision
        p, psrc, is_rule = prec.decide(fo, bench, dev, present)
        # a stated rule is a doubt only where the alternative changes the peak: LLM rows on FP8-capable devices,
        # and Gaudi/AMD rows (elsewhere the rule follows the matrix units: TPU bf16, Ascend/IPU/V100 fp16, and
        # NVIDIA fp16 = bf16 peak)
        if is_rule and ((bench in LLM and FP8_DEVICES.match(dev)) or device_family(dev) in ("gaudi", "amd")):
            flags.append("precision_rule")
        row.update(
            round=rnd, date=ROUND_DATES[rnd], submitter=fo.submitter, system=fo.system, division=division,
            status=norm_status(si.get("status")), status_raw=(si.get("status") or ""), device=dev, device_rule=rule,
            accelerator_name=acc, count=count, nodes=nodes, framework=str(si.get("framework") or "").strip(),
            precision=p, precision_source=psrc, benchmark=bench, units_per_run=units, unit=unit, flops_per_unit=fpu,
            flops_per_run=(fpu * units if units is not None else None), run_minutes=minutes,
            run_minutes_min=(min(r.minutes for r in scored) if scored else None),
            run_minutes_max=(max(r.minutes for r in scored) if scored else None),
            scaling_factor=scaling, runs_total=len(runs), runs_scored=len(scored), source_folder=fo.path,
            commit=tree.commit, commit_date=tree.commit_date,
        )
        row["_flags"] = flags
        row["_notes"] = notes
        row["_runs"] = tuple(sorted((r.start, r.stop) for r in runs if r.start is not None and r.stop is not None))
        self.rows.append(row)
        if fo.power:
            self.add_power(tree, fo, bench, runs, scored, dev, acc, count, nodes)

    def add_power(self, tree, fo, bench, runs, scored, dev, acc, count, nodes):
        base = {c: "" for c in POWER_COLUMNS}
        base.update(round=fo.rnd, date=ROUND_DATES[fo.rnd], submitter=fo.submitter, system=fo.system,
                    benchmark=bench, device=dev or "", accelerator_name=acc, count=count, nodes=nodes,
                    commit=tree.commit, commit_date=tree.commit_date)
        by_name = {r.name: r for r in runs}
        self.power.extend(power_rows(fo, tree, by_name, {r.name for r in scored}, base, self.errs))

    def finish(self):
        # de-duplication: identical run windows (run_start, run_stop of every run) = the same runs resubmitted
        self.rows.sort(key=lambda r: (round_key(r["round"]), r["submitter"], r["system"], r["benchmark"]))
        seen = {}
        by_run = {}
        for r in self.rows:
            key = (r["benchmark"], r["_runs"])
            if r["_runs"] and key in seen:
                first = seen[key]
                r["_flags"].append("duplicate")
                r["duplicate_of"] = "%s %s %s" % (first["round"], first["submitter"], first["system"])
                r["_notes"].append("same runs (identical run_start/run_stop of all %d runs) as %s" % (len(r["_runs"]), r["duplicate_of"]))
                continue
            if r["_runs"]:
                seen[key] = r
                shared = {}
                for w in r["_runs"]:
                    for other in by_run.get((r["benchmark"], w), []):
                        shared[id(other)] = (other, shared.get(id(other), (other, 0))[1] + 1)
                for other, n in shared.values():
                    r["_flags"].append("shared_runs")
                    r["_notes"].append("%d of %d runs also in %s %s %s" % (n, len(r["_runs"]), other["round"],
                                                                     other["submitter"], other["system"]))
                for w in r["_runs"]:
                    by_run.setdefault((r["benchmark"], w), []).append(r)
        for r in self.rows:
            fl = []
            for f in r["_flags"]:
                if f not in fl:
                    fl.append(f)
            r["flag"] = "|".join(fl)
            r["notes"] = "; ".join(r["_notes"])
        self.power.sort(key=lambda r: (round_key(r["round"]), r["submitter"], r["system"], r["benchmark"], r["run"]))


PRECISIONS = {"bf16", "fp16", "fp8", "int8", "fp32", "tf32", "fp4"}


def validate(imp):
    """row checks before anything is written: vocabularies, ids, numbers"""
    errs = []
    for r in imp.rows:
        where = "%s %s/%s/%s" % (r["round"], r["submitter"], r["system"], r["benchmark"])
        if r["precision"] not in PRECISIONS:
            errs.append("%s: precision: %r not in %s" % (where, r["precision"], sorted(PRECISIONS)))
        if r["device"] not in imp.dev_ids:
            errs.append("%s: device: %r is not a devices.yaml id" % (where, r["device"]))
        for f in filter(None, r["flag"].split("|")):
            if f not in RUN_FLAGS:
                errs.append("%s: flag: %r not in the flag vocabulary" % (where, f))
        if not isinstance(r["count"], int) or r["count"] <= 0:
            errs.append("%s: count: %r" % (where, r["count"]))
        if r["run_minutes"] not in (None, "") and not r["run_minutes"] > 0:
            errs.append("%s: run_minutes: %r" % (where, r["run_minutes"]))
        if r["benchmark"] in LLM:
            # what calibration/mlperf_runs.cc recomputes (models/ TransformerFlopsPerToken) from the printed values
            k = 4.0 if r["training"] == "lora" else 6.0
            pt = k * float(fmt(r["params"])) + 6.0 * r["n_layers"] * r["seq_len"] * r["d_model"]
            want = pt * float(fmt(r["tokens_per_run"]))
            if abs(float(fmt(r["flops_per_run"])) / want - 1) > 1e-7:
                errs.append("%s: flops_per_run: %s != per-token FLOPs x tokens_per_run" % (where, fmt(r["flops_per_run"])))
        for c in ("run_minutes", "flops_per_run", "units_per_run"):
            if r[c] in (None, ""):
                errs.append("%s: %s: empty (required by calibration/mlperf_runs.cc)" % (where, c))
    for r in imp.power:
        where = "%s %s/%s/%s %s" % (r["round"], r["submitter"], r["system"], r["benchmark"], r["run"])
        for f in filter(None, r["flag"].split("|")):
            if f not in POWER_FLAGS:
                errs.append("%s: flag: %r not in the power flag vocabulary" % (where, f))
        if r["node_kwh"] not in (None, "") and not r["node_kwh"] > 0:
            errs.append("%s: node_kwh: %r" % (where, r["node_kwh"]))
    return errs


def unresolved_report(imp, names):
    lines = []
    for name in sorted(imp.unresolved, key=lambda s: str(s).lower()):
        files = sorted(set(imp.unresolved[name]))
        hint = did_you_mean(str(name), names)
        lines.append("unresolved accelerator name %r (%d system files)%s" % (
            name, len(files), (": did you mean %s?" % hint) if hint else ""))
        for f in files:
            lines.append("    %s" % f)
    for name in sorted(imp.default_used, key=lambda s: str(s).lower()):
        did, files = imp.default_used[name]
        lines.append("resolved only through default_variants: %r -> %s (%d system files)" % (name, did, len(set(files))))
    return lines


def write_csv_atomic(path, columns, rows):
    tmp = path + ".tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([fmt(r.get(c)) for c in columns])
    return tmp


def summary(imp, elapsed):
    out = []
    rows = imp.rows
    clean = [r for r in rows if "duplicate" not in r["flag"]]

    def table(title, key, rs):
        c = {}
        for r in rs:
            c[key(r)] = c.get(key(r), 0) + 1
        out.append("%s: %s" % (title, ", ".join("%s %d" % (k, c[k]) for k in sorted(c, key=lambda x: (str(x))))))

    out.append("mlperf_runs.csv rows: %d (%d flagged duplicate); mlperf_power.csv rows: %d" % (
        len(rows), len(rows) - len(clean), len(imp.power)))
    table("rows per round", lambda r: r["round"], rows)
    table("rows per device", lambda r: r["device"], rows)
    table("rows per benchmark", lambda r: r["benchmark"], rows)
    table("rows per precision", lambda r: r["precision"], rows)
    fl = {}
    for r in rows:
        for f in filter(None, r["flag"].split("|")):
            fl[f] = fl.get(f, 0) + 1
    out.append("flags: " + ", ".join("%s %d" % (k, fl[k]) for k in sorted(fl)))
    out.append("result folders left out (all rounds), by reason:")
    agg = {}
    for (rnd, reason), n in imp.left_out.items():
        agg[reason] = agg.get(reason, 0) + n
    for reason in sorted(agg):
        out.append("  %5d  %s" % (agg[reason], reason))
    if imp.missing_logs:
        out.append("result logs absent from the snapshots (in-scope benchmarks): %d" % len(imp.missing_logs))
    if imp.dropped:
        out.append("closed in-scope result folders without a row (no usable score), %d:" % len(imp.dropped))
        for fo, why in sorted(imp.dropped, key=lambda x: (round_key(x[0].rnd), x[0].path)):
            out.append("  %s %s: %s" % (fo.rnd, fo.path, why))
    out.append("elapsed: %.1f s" % elapsed)
    return out


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds-dir", required=True)
    ap.add_argument("--devices", default=os.path.join(repo, "hardware_db", "devices.yaml"))
    ap.add_argument("--out-dir", default=os.path.join(repo, "calibration", "data"))
    ap.add_argument("--allow-unresolved", action="store_true",
                    help="development aid: print the unresolved-accelerator report only; write nothing")
    a = ap.parse_args(argv)
    t0 = time.time()
    notes = []
    try:
        names, ids, dv = load_devices(a.devices)
        rounds = discover_rounds(a.rounds_dir, notes)
        imp = Importer(names, ids, dv)
        for rnd, path in rounds:
            imp.import_round(rnd, path)
    except InputError as e:
        print(str(e), file=sys.stderr)
        return 2
    for n in notes + imp.notes:
        print("note: " + n, file=sys.stderr)
    if imp.errs.items:
        for e in imp.errs.items:
            print(e, file=sys.stderr)
        print("import_mlperf.py: %d input error(s); nothing written" % len(imp.errs.items), file=sys.stderr)
        return 2
    rep = unresolved_report(imp, names)
    if a.allow_unresolved:
        print("\n".join(rep) if rep else "all accelerator names resolve to a devices.yaml id")
        return 0
    if imp.unresolved:
        for name in sorted(imp.unresolved, key=lambda x: str(x).lower()):
            files = sorted(set(imp.unresolved[name]))
            hint = did_you_mean(str(name), names)
            print("%s: accelerator_model_name: %r resolves to no id or alias of %s (%d system file(s)%s)" % (
                files[0], name, a.devices, len(files), ("; did you mean %s?" % hint) if hint else ""), file=sys.stderr)
            for f in files[1:]:
                print("    also %s" % f, file=sys.stderr)
        print("import_mlperf.py: %d accelerator name(s) resolve to no device id; add them as aliases to %s "
              "(nothing written)" % (len(imp.unresolved), a.devices), file=sys.stderr)
        return 2
    imp.finish()
    bad = validate(imp)
    if bad:
        for e in bad:
            print(e, file=sys.stderr)
        print("import_mlperf.py: %d row check(s) failed; nothing written" % len(bad), file=sys.stderr)
        return 2
    os.makedirs(a.out_dir, exist_ok=True)
    t1 = write_csv_atomic(os.path.join(a.out_dir, "mlperf_runs.csv"), RUN_COLUMNS, imp.rows)
    t2 = write_csv_atomic(os.path.join(a.out_dir, "mlperf_power.csv"), POWER_COLUMNS, imp.power)
    os.replace(t1, os.path.join(a.out_dir, "mlperf_runs.csv"))
    os.replace(t2, os.path.join(a.out_dir, "mlperf_power.csv"))
    for ln in rep:
        print("note: " + ln, file=sys.stderr)
    print("\n".join(summary(imp, time.time() - t0)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
