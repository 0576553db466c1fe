#!/usr/bin/env python3
"""import_mlenergy.py -- build calibration/data/serving_runs.csv, measured LLM serving energy from the
ML.ENERGY benchmark (one row per measured serving configuration).

Usage:
  python3 calibration/tools/import_mlenergy.py [--v3 CSV] [--v2 DIR] [--v2-commit SHA] [--out CSV]

  --v3   ML.ENERGY Leaderboard v3, H100, task lm-arena-chat, as extracted for this project:
         default <repo root>/../shared/reference/mlenergy/v3_lm_arena_chat_h100.csv
  --v2   a local copy of the public repository ml-energy/leaderboard-v2 (Apache-2.0): either a work tree
         or a bare git directory (read with `git show HEAD:<path>`). Only
         data/llm_text_generation/{chat,code}/<GPU>/<org>/<model>/bs{B}+tp{T}+pp{P}.json is read.
         Without --v2 only the v3 rows are written (and the script says so).
  --v2-commit  commit of that copy, written into every v2 row's `source`; default: `git rev-parse HEAD`
         of --v2 (required when --v2 is a plain directory without git metadata).
  --out  default <repo root>/calibration/data/serving_runs.csv

Nothing is downloaded: the script reads the two local copies and writes our own CSV with a per-row source.
Column meanings, definitions and licences: calibration/data/SOURCES.md, section "Serving (serving_runs.csv)".
Held out by project rule (never read here): ML.ENERGY v3 rows of any other task or GPU.

Definitions made identical across the two datasets (details in SOURCES.md):
  j_per_output_token = all GPU energy of the replica over the steady-state window / output tokens generated
                       in that window (prefill included: it runs inside the window; GPU only, Zeus/NVML;
                       no host, no idle, no PUE).
    v3: energy_per_token_joules (= avg_power_watts / output_throughput_tokens_per_sec, checked per row).
    v2: "Energy/req (J)" / "Avg Output Tokens". The v2 aggregator
        (benchmark/llm_text_generation/*/scripts/aggregate_leaderboard_data.py) sets
        Energy/req = E_ss / N_ss * mean_output_len, so the quotient is exactly E_ss / N_ss.
  avg_power_w        = E_ss / T_ss summed over all GPUs. v3: avg_power_watts. v2: j_per_output_token *
                       "Token tput (tok/s)" (tput = N_ss / T_ss, so the product is E_ss / T_ss exactly).
  j_per_request      = j_per_output_token * avg_output_len (both datasets publish it so).

Python 3 standard library only. Deterministic (rows sorted). Exits non-zero if a value falls outside the
vocabularies below or a row fails the internal consistency checks without being flagged.
"""
import argparse
import csv
import json
import math
import os
import re
import subprocess
import sys

COLUMNS = ["dataset", "task", "model_id", "architecture", "total_params", "active_params", "weight_precision",
           "device", "num_gpus", "tensor_parallel", "pipeline_parallel", "data_parallel", "expert_parallel",
           "max_batch", "avg_batch", "avg_input_len", "avg_output_len", "avg_power_w", "output_tokens_per_s",
           "j_per_output_token", "j_per_request", "steady", "flag", "source", "notes"]

DATASETS = {"mlenergy-v3", "mlenergy-v2"}
TASKS = {"lm-arena-chat", "chat", "code"}
ARCHS = {"dense", "moe"}
PRECISIONS = {"bf16", "fp16", "fp8"}
DEVICES = {"H100-SXM5-80GB", "A100-SXM4-40GB"}   # ids of hardware_db/devices.yaml
FLAGS = ["zero_throughput", "zero_power", "inconsistent", "power_above_tdp", "power_below_idle",
         "batch_above_max", "duplicate_config"]
# duplicate_config: two or more rows of one dataset share every published configuration field (task, device,
# model, precision, GPUs, tp/pp/dp/ep, max_batch) yet report different measurements -- some setting the source
# does not publish differs (or a run was repeated); all copies are kept and flagged, the fit should average
# them or drop them.
CONFIG_KEY = ["dataset", "task", "device", "model_id", "weight_precision", "num_gpus", "tensor_parallel",
              "pipeline_parallel", "data_parallel", "expert_parallel", "max_batch"]
# Per-GPU limits for the plausibility flags: TDP from hardware_db/devices.yaml; a floor of 50 W per GPU
# (below a busy H100/A100's idle draw, so a lower steady-state average means a broken measurement).
TDP_W = {"H100-SXM5-80GB": 700.0, "A100-SXM4-40GB": 400.0}
MIN_BUSY_W = 50.0

V3_SOURCE = ("ML.ENERGY Leaderboard v3 (Chung et al., The ML.ENERGY Benchmark, NeurIPS D&B 2025, arXiv:2505.06371; "
             "Apache-2.0): github.com/ml-energy/leaderboard commit 0cd52dab897c5d91a45f4d413038f3b8b4251b0f "
             "public/data/tasks/lm-arena-chat.json, via shared/reference/mlenergy/v3_lm_arena_chat_h100.csv row {row}")
V2_SOURCE = ("ML.ENERGY Leaderboard v2 (Apache-2.0): github.com/ml-energy/leaderboard-v2 commit {commit} {path}")

# ---------------------------------------------------------------------------------------------------------
# Model facts, entered by hand. total/active parameter counts are the exact safetensors parameter counts shown
# on each model's Hugging Face page where marked [hf] (= sum of the checkpoint's tensor sizes; several were
# re-derived here from the model's config.json shapes: [cfg]), or the model card / technical report figure
# where marked [card] / [report]. The published (rounded) figure of the ML.ENERGY source is kept in notes.
# MoE active counts: non-expert parameters + top-k experts per layer ([cfg]) or the card's "activated" figure.
# precision_v2: ML.ENERGY v2 ran vLLM 0.5.4 with dtype "auto" (no --dtype in benchmark_one_datapoint.py),
# i.e. the checkpoint's torch_dtype; vLLM 0.5.x casts float32 checkpoints to float16 except Gemma 2
# (bfloat16) -- vllm/config.py _get_and_verify_dtype.
MODELS = {
    # ---- ML.ENERGY v3 (lm-arena-chat, H100) ----
    "Qwen/Qwen3-8B": ("dense", 8.2e9, 8.2e9, "[card] Qwen3-8B model card: 8.2B parameters"),
    "Qwen/Qwen3-14B": ("dense", 14.8e9, 14.8e9, "[card] Qwen3-14B model card: 14.8B parameters"),
    "Qwen/Qwen3-32B": ("dense", 32.8e9, 32.8e9, "[card] Qwen3-32B model card: 32.8B parameters"),
    "Qwen/Qwen3-30B-A3B-Instruct-2507": ("moe", 30.5e9, 3.3e9, "[card] 30.5B total, 3.3B activated (128 experts, 8 active)"),
    "Qwen/Qwen3-235B-A22B-Instruct-2507": ("moe", 235e9, 22e9, "[card] 235B total, 22B activated (128 experts, 8 active)"),
    "Qwen/Qwen3-235B-A22B-Instruct-2507-FP8": ("moe", 235e9, 22e9, "[card] 235B total, 22B activated; FP8 checkpoint"),
    "google/gemma-3-12b-it": ("dense", 12.19e9, 12.19e9, "[report] Gemma 3 technical report Table 1: 417M vision + 1,012M embedding + 10,759M non-embedding"),
    "google/gemma-3-27b-it": ("dense", 27.43e9, 27.43e9, "[report] Gemma 3 technical report Table 1: 417M vision + 1,416M embedding + 25,600M non-embedding"),
    "meta-llama/Llama-3.1-8B-Instruct": ("dense", 8030261248, 8030261248, "[hf]"),
    "meta-llama/Llama-3.1-70B-Instruct": ("dense", 70553706496, 70553706496, "[hf]"),
    "meta-llama/Llama-3.3-70B-Instruct": ("dense", 70553706496, 70553706496, "[hf] same architecture as Llama 3.1 70B"),
    "meta-llama/Llama-3.1-405B-Instruct-FP8": ("dense", 405853388800, 405853388800, "[hf] count of the bf16 405B checkpoint; FP8 weights"),
    "meta-llama/Llama-4-Scout-17B-16E-Instruct": ("moe", 109e9, 17e9, "[card] 17B activated, 109B total (16 experts)"),
    "meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8": ("moe", 400e9, 17e9, "[card] 17B activated, 400B total (128 experts); FP8 checkpoint"),
    "nvidia/NVIDIA-Nemotron-Nano-12B-v2": ("dense", 12e9, 12e9, "[card] nominal 12B; hybrid Mamba-2/Transformer, all parameters active"),
    "nvidia/NVIDIA-Nemotron-Nano-9B-v2": ("dense", 9e9, 9e9, "[card] nominal 9B; hybrid Mamba-2/Transformer, all parameters active"),
    # ---- ML.ENERGY v2 (chat / code, A100-SXM4-40GB and H100) ----
    "google/gemma-2-2b-it": ("dense", 2614341888, 2614341888, "[hf]"),
    "google/gemma-2-9b-it": ("dense", 9241705984, 9241705984, "[hf][cfg]"),
    "google/gemma-2-27b-it": ("dense", 27227128320, 27227128320, "[hf]"),
    "meta-llama/Meta-Llama-3.1-8B-Instruct": ("dense", 8030261248, 8030261248, "[hf]"),
    "meta-llama/Meta-Llama-3.1-70B-Instruct": ("dense", 70553706496, 70553706496, "[hf]"),
    "meta-llama/Meta-Llama-3.1-405B-Instruct": ("dense", 405853388800, 405853388800, "[hf]"),
    "microsoft/Phi-3-mini-4k-instruct": ("dense", 3821079552, 3821079552, "[hf]"),
    "microsoft/Phi-3-small-8k-instruct": ("dense", 7392272384, 7392272384, "[hf]"),
    "microsoft/Phi-3-medium-4k-instruct": ("dense", 13960238080, 13960238080, "[hf]"),
    "mistralai/Mistral-7B-Instruct-v0.3": ("dense", 7248023552, 7248023552, "[hf]"),
    "mistralai/Mistral-Nemo-Instruct-2407": ("dense", 12247782400, 12247782400, "[hf]"),
    "mistralai/Mistral-Large-Instruct-2407": ("dense", 122610069504, 122610069504, "[hf]"),
    "mistralai/Mixtral-8x7B-Instruct-v0.1": ("moe", 46702792704, 12879925248,
                                             "[hf] total; [cfg] active = 1,605,636,096 non-expert + 32 layers x 2 experts x 176,160,768"),
    "mistralai/Mixtral-8x22B-Instruct-v0.1": ("moe", 140620634112, 39152031744,
                                              "[hf] total; [cfg] active = 5,329,164,288 non-expert + 56 layers x 2 experts x 301,989,888"),
    "codellama/CodeLlama-7b-hf": ("dense", 6738546688, 6738546688, "[hf]"),
    "codellama/CodeLlama-13b-hf": ("dense", 13016028160, 13016028160, "[hf]"),
    "codellama/CodeLlama-34b-hf": ("dense", 33743970304, 33743970304, "[hf]"),
    "codellama/CodeLlama-70b-hf": ("dense", 68976648192, 68976648192, "[hf]"),
    "bigcode/starcoder2-3b": ("dense", 3030371328, 3030371328, "[hf][cfg]"),
    "bigcode/starcoder2-7b": ("dense", 7173923840, 7173923840, "[hf][cfg]"),
    "bigcode/starcoder2-15b": ("dense", 15957889024, 15957889024, "[hf][cfg] untied output embedding"),
    "google/codegemma-1.1-2b": ("dense", 2506172416, 2506172416, "[hf] Gemma-1 2B architecture"),
    "google/codegemma-7b": ("dense", 8537680896, 8537680896, "[hf] Gemma-1 7B architecture"),
}
PRECISION_V2 = {m: "bf16" for m in MODELS}
for _m in ("bigcode/starcoder2-3b", "bigcode/starcoder2-7b", "bigcode/starcoder2-15b"):
    PRECISION_V2[_m] = "fp16"   # float32 checkpoints -> vLLM 0.5.4 dtype=auto serves float16 (inferred, see above)

# Mean input (prompt) tokens per request of the v2 chat task, ESTIMATED (v2 publishes no input length).
# Derivation: the 500 prompts of benchmark/llm_text_generation/chat/sharegpt/ShareGPT_V3_filtered_500.json (the
# benchmark repeats them data_dup_factor times, so the mean is unchanged), each sent by benchmark_client.py as
# [system: SYSTEM_PROMPT, user: prompt.strip()] and rendered with the chat template of
# benchmark/llm_text_generation/chat/models/<model>/tokenizer_config.json (Jinja2, add_generation_prompt=True);
# template special tokens count 1 each, the text is tokenised with the model's tokenizer where an offline copy
# exists (npm packages llama3-tokenizer-js: Llama 3.1 [exact]; llama-tokenizer-js: Phi-3 mini/medium [exact,
# Llama-2 vocabulary]; gpt-tokenizer cl100k_base: Phi-3 small [exact]; mistral-tokenizer-js: Mixtral 8x7B
# [exact], Mistral 7B v0.3 / Large 2407 / Mixtral 8x22B [v3 vocabulary = v1 + 768 control tokens, text
# tokenisation ~identical]) and otherwise with the Llama 3 tokenizer as a stand-in (Gemma 2: 256k vocabulary;
# Mistral Nemo: Tekken 131k) -- those are approximate (+-15 %). The window over which energy is measured holds
# a random subset of the requests, so these are expectations, not measured window means.
# Code task (HumanEval prompts via the completions API): prompts are not in the v2 repository -> left empty.
V2_CHAT_INPUT_TOKENS = {
    "google/gemma-2-2b-it": (106.2, "approx"), "google/gemma-2-9b-it": (106.2, "approx"),
    "google/gemma-2-27b-it": (106.2, "approx"),
    "meta-llama/Meta-Llama-3.1-8B-Instruct": (132.3, "exact tokenizer"),
    "meta-llama/Meta-Llama-3.1-70B-Instruct": (132.3, "exact tokenizer"),
    "meta-llama/Meta-Llama-3.1-405B-Instruct": (132.3, "exact tokenizer"),
    "microsoft/Phi-3-mini-4k-instruct": (122.7, "exact tokenizer"),
    "microsoft/Phi-3-small-8k-instruct": (104.4, "exact tokenizer"),
    "microsoft/Phi-3-medium-4k-instruct": (119.6, "exact tokenizer"),
    "mistralai/Mistral-7B-Instruct-v0.3": (115.7, "near-exact tokenizer"),
    "mistralai/Mistral-Nemo-Instruct-2407": (100.3, "approx"),
    "mistralai/Mistral-Large-Instruct-2407": (115.7, "near-exact tokenizer"),
    "mistralai/Mixtral-8x7B-Instruct-v0.1": (117.7, "exact tokenizer"),
    "mistralai/Mixtral-8x22B-Instruct-v0.1": (115.7, "near-exact tokenizer"),
}

V2_GPU_DIRS = {"A100-SXM4-40GB": "A100-SXM4-40GB", "H100 80GB HBM3": "H100-SXM5-80GB"}
V2_NVML_NAMES = {"NVIDIA A100-SXM4-40GB": "A100-SXM4-40GB", "NVIDIA H100 80GB HBM3": "H100-SXM5-80GB"}
V2_POWER_LIMIT_W = {"A100-SXM4-40GB": 400, "H100-SXM5-80GB": 700}   # --power-limits in pegasus/<GPU>/queue_*.yaml
V2_FILE_RE = re.compile(r"^data/llm_text_generation/(chat|code)/([^/]+)/([^/]+)/([^/]+)/bs(\d+)\+tp(\d+)\+pp(\d+)\.json$")

V3_ARCH = {"Dense Transformer": "dense", "MoE": "moe", "Mamba-Transformer Hybrid": "dense"}
V3_PRECISION = {"bfloat16": "bf16", "fp8": "fp8", "float16": "fp16"}
V3_DEVICE = {"H100": "H100-SXM5-80GB"}


def num(x, sig=6):
    """Plain decimal with `sig` significant digits (integers stay integers)."""
    if x is None or x == "":
        return ""
    if isinstance(x, int) or (isinstance(x, float) and x.is_integer() and abs(x) < 1e15):
        return str(int(x))
    if x == 0:
        return "0"
    digits = max(sig - 1 - int(math.floor(math.log10(abs(x)))), 0)
    s = f"{x:.{digits}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def check_row(r, device):
    """Plausibility flags; r holds floats (power, tput, jpt, jpr, out, avg_batch, max_batch, n)."""
    flags = []
    if not r["tput"] or r["tput"] <= 0:
        flags.append("zero_throughput")
    if not r["power"] or r["power"] <= 0:
        flags.append("zero_power")
    if "zero_throughput" not in flags and "zero_power" not in flags:
        if abs(r["power"] / r["tput"] / r["jpt"] - 1) > 0.01 or abs(r["jpt"] * r["out"] / r["jpr"] - 1) > 0.01:
            flags.append("inconsistent")
        per_gpu = r["power"] / r["n"]
        if per_gpu > TDP_W[device] * 1.02:
            flags.append("power_above_tdp")
        if per_gpu < MIN_BUSY_W:
            flags.append("power_below_idle")
    if r["avg_batch"] is not None and r["avg_batch"] > r["max_batch"] * 1.01:
        flags.append("batch_above_max")
    return [f for f in FLAGS if f in flags]


def read_v3(path):
    rows = []
    with open(path, newline="") as f:
        for i, u in enumerate(csv.DictReader(f), start=2):   # row number as in the file (header = 1)
            if u["task"] != "lm-arena-chat" or u["gpu_model"] != "H100":
                raise SystemExit(f"{path}:{i}: unexpected task/GPU {u['task']}/{u['gpu_model']} (held out)")
            m = u["model_id"]
            if m not in MODELS:
                raise SystemExit(f"{path}:{i}: model {m} missing from MODELS")
            arch, tot, act, psrc = MODELS[m]
            if V3_ARCH[u["architecture"]] != arch:
                raise SystemExit(f"{path}:{i}: architecture {u['architecture']} != MODELS {arch}")
            device = V3_DEVICE[u["gpu_model"]]
            n = int(u["num_gpus"])
            tp, ep, dp = int(u["tensor_parallel"]), int(u["expert_parallel"]), int(u["data_parallel"])
            power = float(u["avg_power_watts"])
            tput = float(u["output_throughput_tokens_per_sec"])
            jpt = float(u["energy_per_token_joules"])
            jpr = float(u["energy_per_request_joules"])
            out = float(u["avg_output_len"])
            avg_b = float(u["avg_batch_size"])
            max_b = int(u["max_num_seqs"])
            vals = dict(power=power, tput=tput, jpt=jpt, jpr=jpr, out=out, avg_batch=avg_b, max_batch=max_b, n=n)
            flags = check_row(vals, device)
            notes = [f"params: {psrc}; published {u['total_params_billions']}B total / {u['activated_params_billions']}B active",
                     f"architecture as published: {u['architecture']}",
                     "vLLM 0.11.1; steady state as published",
                     f"median ITL {float(u['median_itl_ms']):.1f} ms, p90 ITL {float(u['p90_itl_ms']):.1f} ms",
                     "avg_input_len: not published in the v3 extract"]
            if tp * dp != n:
                notes.append(f"parallelism as published: tp {tp} x dp {dp} != num_gpus {n}, experts split over ep {ep} "
                             "(how attention is sharded is not stated)")
            if avg_b < 0.95 * max_b:
                notes.append(f"batch not saturated: avg {avg_b:.1f} < 95 % of max_num_seqs {max_b} (KV-cache bound)")
            rows.append({
                "dataset": "mlenergy-v3", "task": u["task"], "model_id": m, "architecture": arch,
                "total_params": num(float(tot)), "active_params": num(float(act)),
                "weight_precision": V3_PRECISION[u["weight_precision"]], "device": device,
                "num_gpus": n, "tensor_parallel": tp, "pipeline_parallel": 1, "data_parallel": dp,
                "expert_parallel": ep, "max_batch": max_b, "avg_batch": num(avg_b), "avg_input_len": "",
                "avg_output_len": num(out), "avg_power_w": num(power), "output_tokens_per_s": num(tput),
                "j_per_output_token": num(jpt), "j_per_request": num(jpr), "steady": "yes",
                "flag": "|".join(flags), "source": V3_SOURCE.format(row=i), "notes": "; ".join(notes)})
    return rows


class V2Repo:
    """A local copy of ml-energy/leaderboard-v2: work tree or bare git dir."""

    def __init__(self, path, commit):
        self.path = path
        self.worktree = os.path.isdir(os.path.join(path, "data", "llm_text_generation"))
        if commit is None:
            # Only trust git metadata that belongs to this copy itself (a bare git dir, or a work tree whose
            # top level is `path`) -- not an enclosing repository such as foreprint's own.
            def git(*args):
                return subprocess.check_output(["git", "-C", path, *args], stderr=subprocess.DEVNULL).decode().strip()
            try:
                own = git("rev-parse", "--is-bare-repository") == "true" or \
                    os.path.realpath(git("rev-parse", "--show-toplevel")) == os.path.realpath(path)
                commit = git("rev-parse", "HEAD") if own else None
            except (subprocess.CalledProcessError, FileNotFoundError):
                commit = None
            if commit is None:
                raise SystemExit(f"{path}: no git metadata of its own; pass --v2-commit")
        self.commit = commit

    def files(self):
        if self.worktree:
            out = []
            base = os.path.join(self.path, "data", "llm_text_generation")
            for dirpath, _, names in os.walk(base):
                for nm in names:
                    out.append(os.path.relpath(os.path.join(dirpath, nm), self.path).replace(os.sep, "/"))
            return sorted(out)
        ls = subprocess.check_output(["git", "-C", self.path, "ls-tree", "-r", "--name-only", self.commit,
                                      "data/llm_text_generation"]).decode()
        return sorted(ls.splitlines())

    def read(self, rel):
        if self.worktree:
            with open(os.path.join(self.path, rel)) as f:
                return f.read()
        return subprocess.check_output(["git", "-C", self.path, "show", f"{self.commit}:{rel}"]).decode()


def read_v2(repo):
    rows = []
    for rel in repo.files():
        mt = V2_FILE_RE.match(rel)
        if not mt:
            continue
        task, gpudir, org, mdir, bs, tp_f, pp_f = mt.groups()
        d = json.loads(repo.read(rel))
        m = d["Model"]
        if m not in MODELS:
            raise SystemExit(f"{rel}: model {m} missing from MODELS")
        if mdir != m.split("/")[1]:
            dir_note = f"file kept under model directory '{org}/{mdir}' (its Model field: {m})"
        else:
            dir_note = ""
        device = V2_GPU_DIRS[gpudir]
        if V2_NVML_NAMES.get(d["GPU"]) != device:
            raise SystemExit(f"{rel}: GPU field {d['GPU']} does not match directory {gpudir}")
        arch, tot, act, psrc = MODELS[m]
        tp, pp = int(d["TP"]), int(d["PP"])
        if (tp, pp) != (int(tp_f), int(pp_f)):
            raise SystemExit(f"{rel}: TP/PP fields differ from the file name")
        n = tp * pp
        out = float(d["Avg Output Tokens"])
        jpr = float(d["Energy/req (J)"])
        tput = float(d["Token tput (tok/s)"])
        jpt = jpr / out if out > 0 else float("nan")
        power = jpt * tput
        avg_b = float(d["Avg BS (reqs)"])
        max_b = int(d["Max BS (reqs)"])
        vals = dict(power=power, tput=tput, jpt=jpt, jpr=jpr, out=out, avg_batch=avg_b, max_batch=max_b, n=n)
        flags = check_row(vals, device)
        notes = [f"params: {psrc}"]
        if pp > 1:
            notes.append(f"max_num_seqs {bs} per pipeline stage x PP {pp} = max_batch {max_b}")
        prec_note = "precision inferred: fp32 checkpoint served as fp16 by vLLM 0.5.4 dtype=auto" \
            if PRECISION_V2[m] == "fp16" else "precision: checkpoint dtype (vLLM dtype=auto)"
        notes.append(prec_note)
        notes.append(f"vLLM 0.5.4 (mlenergy/vllm:v0.5.4-openai), request rate inf, power limit "
                     f"{V2_POWER_LIMIT_W[device]} W/GPU, chunked prefill off, max-model-len 4096")
        notes.append(f"avg TPOT {float(d['Avg TPOT (s)']) * 1000:.1f} ms")
        if task == "chat":
            inp, how = V2_CHAT_INPUT_TOKENS[m]
            notes.append(f"avg_input_len estimated ({how}): ShareGPT-500 prompt + system prompt + chat template")
            avg_in = num(inp)
            notes.append("prompts: ShareGPT first turns (<= 800 Llama tokens), sampling T 0.8, max_tokens 1024")
        else:
            avg_in = ""
            notes.append("prompts: HumanEval via completions API, greedy, max_tokens 512; input length not in source")
        if dir_note:
            notes.append(dir_note)
        if task == "chat" and avg_b > 2000:
            # ShareGPT-500 x data-dup-factor 4 (the largest factor in pegasus/*/queue_*.yaml) = 2000 requests
            notes.append(f"doubtful metadata: avg_batch {avg_b:.0f} exceeds the 2000 requests the committed queue "
                         "files send (500 prompts x data-dup-factor 4); the run used more requests than committed, "
                         "or the batch counter double-counts pipeline stages")
        rows.append({
            "dataset": "mlenergy-v2", "task": task, "model_id": m, "architecture": arch,
            "total_params": num(float(tot)), "active_params": num(float(act)),
            "weight_precision": PRECISION_V2[m], "device": device, "num_gpus": n, "tensor_parallel": tp,
            "pipeline_parallel": pp, "data_parallel": 1, "expert_parallel": 1, "max_batch": max_b,
            "avg_batch": num(avg_b), "avg_input_len": avg_in, "avg_output_len": num(out),
            "avg_power_w": num(power), "output_tokens_per_s": num(tput), "j_per_output_token": num(jpt),
            "j_per_request": num(jpr), "steady": "yes", "flag": "|".join(flags),
            "source": V2_SOURCE.format(commit=repo.commit, path=rel), "notes": "; ".join(notes)})
    return rows


def flag_duplicates(rows):
    from collections import defaultdict
    groups = defaultdict(list)
    for r in rows:
        groups[tuple(str(r[k]) for k in CONFIG_KEY)].append(r)
    for g in groups.values():
        if len(g) < 2:
            continue
        jpts = ", ".join(r["j_per_output_token"] for r in g)
        for r in g:
            fl = [f for f in r["flag"].split("|") if f] + ["duplicate_config"]
            r["flag"] = "|".join(f for f in FLAGS if f in fl)
            r["notes"] += (f"; duplicate_config: {len(g)} rows with this published configuration "
                           f"(j_per_output_token {jpts})")


def validate(rows):
    errs = []
    for i, r in enumerate(rows):
        for col, voc in (("dataset", DATASETS), ("task", TASKS), ("architecture", ARCHS),
                         ("weight_precision", PRECISIONS), ("device", DEVICES)):
            if r[col] not in voc:
                errs.append(f"row {i}: {col}={r[col]!r}")
        for fl in filter(None, r["flag"].split("|")):
            if fl not in FLAGS:
                errs.append(f"row {i}: flag {fl!r}")
        if r["architecture"] == "dense" and r["total_params"] != r["active_params"]:
            errs.append(f"row {i}: dense model with active != total")
    return errs


def main():
    repo_root = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--v3", default=os.path.join(repo_root, "..", "shared", "reference", "mlenergy",
                                                 "v3_lm_arena_chat_h100.csv"))
    ap.add_argument("--v2", default=None, help="local copy of ml-energy/leaderboard-v2 (work tree or bare git dir)")
    ap.add_argument("--v2-commit", default=None)
    ap.add_argument("--out", default=os.path.join(repo_root, "calibration", "data", "serving_runs.csv"))
    a = ap.parse_args()

    rows = read_v3(a.v3)
    if a.v2:
        rows += read_v2(V2Repo(a.v2, a.v2_commit))
    else:
        print("note: no --v2 given; writing v3 rows only", file=sys.stderr)
    flag_duplicates(rows)
    order = {"mlenergy-v3": 0, "mlenergy-v2": 1}
    rows.sort(key=lambda r: (order[r["dataset"]], r["task"], r["device"], r["model_id"], int(r["num_gpus"]),
                             int(r["tensor_parallel"]), int(r["max_batch"])))
    errs = validate(rows)
    with open(a.out, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)

    # Check printout: counts per dataset / device / model, flagged rows.
    from collections import Counter
    c = Counter((r["dataset"], r["task"], r["device"]) for r in rows)
    print(f"wrote {len(rows)} rows to {a.out}")
    for k in sorted(c):
        nm = len({r["model_id"] for r in rows if (r["dataset"], r["task"], r["device"]) == k})
        print(f"  {k[0]:12} {k[1]:14} {k[2]:15} {c[k]:4} rows, {nm:2} models")
    flagged = [r for r in rows if r["flag"]]
    print(f"  flagged rows: {len(flagged)}")
    for r in flagged:
        print(f"    {r['dataset']} {r['model_id']} n={r['num_gpus']} max_batch={r['max_batch']}: {r['flag']}")
    if errs:
        print("ERRORS:\n  " + "\n  ".join(errs), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
