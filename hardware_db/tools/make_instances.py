#!/usr/bin/env python3
"""Build hardware_db/instances.yaml from local copies of SkyPilot catalog files.

Usage:
  python3 hardware_db/tools/make_instances.py \
      --aws   PATH [--aws PATH ...]   # catalogs/v7/aws/vms.csv, or transcribed extracts of it (see below)
      --gcp   PATH [--gcp PATH ...]   # catalogs/v7/gcp/vms.csv, or extracts
      --azure PATH [--azure PATH ...] # catalogs/v7/azure/vms.csv (fork), or extracts
      [--regions hardware_db/regions.yaml] [--devices hardware_db/devices.yaml]
      [--out hardware_db/instances.yaml] [--stats FILE]

Each input is either the upstream CSV (detected by its header line) or an "extract" in the line format
used when the upstream file could only be read piecewise (hardware_db/INSTANCES_SOURCES.md):
  I InstanceType;AcceleratorName;AcceleratorCount;vCPUs;MemoryGiB   (a VM row; empty accelerator = host only)
  A AcceleratorName;AcceleratorCount                                 (GCP accelerator-only rows)
  R region;Price;Spot[ Spot ...]                                     (one line per region or zone row; '-' = empty)
Lines starting with '#' are comments.  The output is deterministic (sorted; no time stamps).
Fetched catalogs are read, never committed; only the derived YAML is.
"""
import argparse
import csv
import io
import math
import re
import sys
from collections import OrderedDict, defaultdict

# ----------------------------------------------------------------------------------------------
# Source metadata (what was read).  Commit dates could not be read offline: the repository
# snapshots exceed the fetch size limit and the file index gives commits without dates.
SOURCES = OrderedDict([
    ("aws", {
        "repo": "skypilot-org/skypilot-catalog",
        "path": "catalogs/v7/aws/vms.csv",
        "commit": "001367d22a0033fac286a8c71aeac7109e431bcb",
        "commit_date": "unknown",
        "coverage": "partial: byte ranges 598000-630000 (dl1, dl2q, f1/f2, g4ad), 728000-776000 (g5), "
                    "840000-856000 (g6e), 1050000-1078000 (inf2), 1656000-1690000 (p3 from eu-central-1, p3dn "
                    "partly, p4d tail, p4de, p5, p5e, p5en), 2346000-2362000 (trn1, trn1n, trn2) of 2469222",
    }),
    ("gcp", {
        "repo": "skypilot-org/skypilot-catalog",
        "path": "catalogs/v7/gcp/vms.csv",
        "commit": "017e2502fb63c7a28757acd94002b2d6099d3e3d",
        "commit_date": "unknown",
        "coverage": "a2/a3 host rows (0-32000), accelerator rows A100..L4 (1450000-1514000), TPU rows "
                    "(1530000-1569000, 1626962-end) of 1642962",
    }),
    ("azure", {
        "repo": "coopslarhette/skypilot-catalog",
        "path": "catalogs/v7/azure/vms.csv",
        "commit": "dd2604fa22866db0d4467728f4a4aeccbdccbd45",
        "commit_date": "unknown",
        "coverage": "the whole Standard_N* block (338000-354000 of 354241); the fork lists 9 US regions",
    }),
])

# ----------------------------------------------------------------------------------------------
# Catalog instance type -> foreprint device id (devices.yaml), by provider and instance-type regex; the first
# match wins. A device of None drops the type with the reason given (counted and listed under `excluded`).
DEVICE_BY_PREFIX = [
    # (provider, instance regex, device id or None, note or reason)
    ("aws", r"^dl1\.", "Gaudi", "Habana Gaudi (first generation, HL-205 OAM)"),
    ("aws", r"^dl2q\.", None, "Qualcomm Cloud AI 100: an inference card without a devices.yaml entry"),
    ("aws", r"^g4ad\.", None, "AMD Radeon Pro V520: a graphics GPU without a devices.yaml entry"),
    ("aws", r"^g5\.", "A10G", None),
    ("aws", r"^g6e\.", "L40S", None),
    ("aws", r"^inf2\.", "Inferentia2", None),
    ("aws", r"^p3\.", "V100-SXM2-16GB", None),
    ("aws", r"^p3dn\.", "V100-SXM2-32GB", None),
    ("aws", r"^p4d\.", "A100-SXM4-40GB", None),
    ("aws", r"^p4de\.", "A100-SXM4-80GB", None),
    ("aws", r"^p5\.", "H100-SXM5-80GB", None),
    ("aws", r"^p5en?\.", "H200-SXM-141GB", None),
    ("aws", r"^trn1n?\.", "Trainium", None),
    ("aws", r"^trn2\.", "Trainium2", None),
    ("gcp", r"^a2-(highgpu|megagpu)-", "A100-SXM4-40GB", None),
    ("gcp", r"^a2-ultragpu-", "A100-SXM4-80GB", None),
    ("gcp", r"^a3-(highgpu|edgegpu|megagpu)-", "H100-SXM5-80GB", None),
    ("gcp", r"^a3-ultragpu-", "H200-SXM-141GB", None),
    ("gcp", r"^a4-highgpu-", "B200", None),
    ("gcp", r"^tpu-v4-", "TPUv4", None),
    ("gcp", r"^tpu-v5litepod-", "TPUv5e", None),
    ("gcp", r"^tpu-v5p-", "TPUv5p", None),
    ("gcp", r"^tpu-v6e-", "TPUv6e", None),
    ("azure", r"^Standard_NC\d+r?(_Promo)?$", None,
     "Azure NC (K80) sizes count single GK210 GPUs, half of the devices.yaml K80 board (a size cannot hold half a "
     "device); the series is retired"),
    ("azure", r"^Standard_NC\d+r?s_v3$", "V100-PCIe-16GB", None),
    ("azure", r"^Standard_ND40rs_v2$", "V100-SXM2-32GB", None),
    ("azure", r"^Standard_NC\d+as_T4_v3$", "T4", None),
    ("azure", r"^Standard_NC\d+ads_A100_v4$", "A100-PCIe-80GB", None),
    ("azure", r"^Standard_ND96amsr_A100_v4$", "A100-SXM4-80GB", None),
    ("azure", r"^Standard_ND96asr_v4$", "A100-SXM4-40GB", None),
    ("azure", r"^Standard_NC\d+adi?s_H100_v5$", "H100-NVL-94GB", None),
    ("azure", r"^Standard_ND96isr_H100_v5$", "H100-SXM5-80GB", None),
    ("azure", r"^Standard_NV\d+(s_v3)?(_Promo)?$", None, "NVIDIA Tesla M60: a graphics GPU without a devices.yaml entry"),
    ("azure", r"^Standard_NV\d+as_v4$", None,
     "AMD Radeon Instinct MI25 partitions (the catalog lists 1 GPU for every size): no devices.yaml entry"),
    ("azure", r"^Standard_NV\d+adm?s_A10_v5$", "A10", None),
]

TRN2_SOURCE = ("AWS Neuron SDK documentation, 'Amazon EC2 Trn2 Architecture' (aws-neuron/aws-neuron-sdk, trn2-arch "
               "page; stored copy read through the public file index, id 48285685913): 'Trn2 instances are powered by "
               "16 Trainium2 chips'; trn2.48xlarge: 16 chips, 192 vCPUs, 2,048 GiB host memory")
# Corrections of catalog fields, each with its source: (provider, type) -> (accelerator name or None, count, note).
COUNT_FIXES = {
    ("azure", "Standard_ND96isr_H100_v5"): (
        None, 8, "catalog lists AcceleratorCount 12; the size has 8 H100 80GB GPUs: Hugging Face 'Microsoft Azure "
           "documentation - Supported Hardware' (https://huggingface.co/docs/microsoft-azure/azure-ai/hardware) and "
           "microsoft/aspire src/Aspire.Hosting.Azure.Kubernetes/AksNodeVmSizes.cs @5bd693ae "
           "('Standard_ND96isr_H100_v5 -- 96 vCPUs -- 1900 GB RAM -- 8 GPU(s)')"),
    ("aws", "trn2.48xlarge"): (
        "Trainium2", 16, "catalog row has no AcceleratorName or AcceleratorCount; " + TRN2_SOURCE),
}

# GCP: host VM rows carry no accelerator; SkyPilot prices such a VM as host price + the accelerator-only row
# (InstanceType empty, AcceleratorName, AcceleratorCount) of the same region.  Which accelerator a host takes:
GCP_HOST_ACCEL = [
    (r"^a2-highgpu-(\d+)g$", "A100", None),
    (r"^a2-megagpu-16g$", "A100", 16),
    (r"^a2-ultragpu-(\d+)g$", "A100-80GB", None),
    (r"^a3-highgpu-(\d+)g$", "H100", None),
    (r"^a3-edgegpu-8g$", "H100", 8),
    (r"^a3-megagpu-8g$", "H100-MEGA", 8),
    (r"^a3-ultragpu-8g$", "H200", 8),
]
# GCP accelerators whose host VM rows were not read: listed as accelerator-only prices.
GCP_ACCEL_ONLY = {"L4": ("g2-standard-*", "L4"), "B200": ("a4-highgpu-8g", "B200")}
# TPU slices (single-host slices are listed; larger slices price linearly per chip, see SOURCES.md).
TPU_CHIPS = {  # slice name regex -> (device, chips per slice-number unit: 'cores' = 2 cores per chip)
    r"^tpu-v4-(\d+)$": ("TPUv4", "cores"),
    r"^tpu-v5litepod-(\d+)$": ("TPUv5e", "chips"),
    r"^tpu-v5p-(\d+)$": ("TPUv5p", "cores"),
    r"^tpu-v6e-(\d+)$": ("TPUv6e", "chips"),
}
TPU_DERIVED = {  # id -> (derived from slice, factor, note)
    "tpu-v5p-8": ("tpu-v5p-256", 8 / 256.0,
                  "tpu-v5p-8 row not transcribed; price = tpu-v5p-256 row x 8/256 (v5p slices price linearly per "
                  "TensorCore in the catalog: tpu-v5p-12288 us-central1 25804.8 = 12288 x 2.1)"),
}

SENTINEL_PRICES = {99999.0, 700.0}  # 700.0/700.0 marks TPU v6e regions without the product in this file

# Host power (used by foreprint for `hardware: {instance: ...}`): Cloud Carbon Footprint's compute formula,
# average watts per vCPU = min + utilisation x (max - min), with CCF's per-provider averages of SPECpower
# min/max watts per vCPU (GCP: medians) and its fallback utilisation of 50 %. SPECpower rows are whole
# servers, so memory, board and fans are inside these watts; CCF's extra memory term (only for memory above
# the SPECpower servers' share) and GPUs are not added here (accelerators have their own power model).
HOST_POWER = {
    "utilization": 0.5,
    "per_vcpu_w": OrderedDict([("aws", (0.74, 3.5)), ("gcp", (0.71, 4.26)), ("azure", (0.78, 3.76))]),
    "source": ("Cloud Carbon Footprint methodology (cloud-carbon-footprint/cloud-carbon-footprint "
               "microsite/docs/Methodology.md @1559c186, 'Compute'): Average Watts = Min Watts + Avg vCPU "
               "Utilization x (Max Watts - Min Watts) per vCPU; AWS average min 0.74 / max 3.5 W, GCP median "
               "0.71 / 4.26 W, Azure average 0.78 / 3.76 W (SPECpower per micro-architecture); utilisation "
               "falls back to 50 % (2016 U.S. Data Center Energy Usage Report, hyperscale 2020 projection)"),
}


def family(provider, inst):
    """The instance family: sizes of one family share a host design (AWS 'g5', GCP 'a2-highgpu', Azure
    'Standard_NC*ads_A100_v4'); its largest listed size is taken as the whole host (devices_per_host)."""
    if provider == "aws":
        return inst.split(".")[0]
    if provider == "gcp":
        return inst.rsplit("-", 1)[0]
    return re.sub(r"\d+", "*", inst, count=1).replace("adis_", "ads_")


def fnum(s):
    s = (s or "").strip()
    if s in ("", "-", "nan", "NaN"):
        return None
    return float(s)


def fmt(x):
    if x is None:
        return "null"
    if float(x).is_integer():
        return "%d" % x if abs(x) < 1e15 else repr(x)
    r = ("%.6f" % x).rstrip("0").rstrip(".")
    return r


def qs(s):
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


# ----------------------------------------------------------------------------------------------
class Stats:
    def __init__(self):
        self.c = defaultdict(int)

    def add(self, key, n=1):
        self.c[key] += n


def read_rows(path, provider):
    """Yield dicts with keys inst, acc, count, vcpus, mem, region, price, spots (list)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines = [l for l in text.splitlines() if l.strip() and not l.lstrip().startswith("#")]
    if lines and lines[0].startswith("InstanceType,"):
        for row in csv.DictReader(io.StringIO("\n".join(lines))):
            yield {
                "inst": row.get("InstanceType", "") or "",
                "acc": row.get("AcceleratorName", "") or "",
                "count": fnum(row.get("AcceleratorCount")),
                "vcpus": fnum(row.get("vCPUs")),
                "mem": fnum(row.get("MemoryGiB")),
                "region": row["Region"],
                "price": fnum(row.get("Price")),
                "spots": [fnum(row.get("SpotPrice"))],
            }
        return
    cur = None
    for l in lines:
        tag, rest = l[0], l[2:]
        parts = rest.split(";")
        if tag == "I":
            cur = {"inst": parts[0], "acc": parts[1], "count": fnum(parts[2]), "vcpus": fnum(parts[3]),
                   "mem": fnum(parts[4])}
        elif tag == "A":
            cur = {"inst": "", "acc": parts[0], "count": fnum(parts[1]), "vcpus": None, "mem": None}
        elif tag == "R":
            if cur is None:
                raise SystemExit("%s: R line before I/A: %s" % (path, l))
            spots = [fnum(x) for x in parts[2].split()] if len(parts) > 2 and parts[2].strip() else [None]
            d = dict(cur)
            d.update({"region": parts[0], "price": fnum(parts[1]), "spots": spots})
            yield d
        else:
            raise SystemExit("%s: bad line: %s" % (path, l))


def clean_price(p, st, what):
    if p is None:
        st.add(what + ": empty price")
        return None
    if p <= 0:
        st.add(what + ": price <= 0")
        return None
    if p in SENTINEL_PRICES or p >= 99999:
        st.add(what + ": sentinel price (700.0 / >= 99999)")
        return None
    return p


def region_agg(rows, st, what):
    """rows of one (instance, region): -> (on_demand, spot) or None.  On-demand must agree across zones
    (the max is kept and the disagreement counted); spot = minimum over zones of spot values that are > 0 and
    below the on-demand price."""
    prices = [clean_price(r["price"], st, what) for r in rows]
    prices = [p for p in prices if p is not None]
    if not prices:
        return None
    if len(set(prices)) > 1:
        st.add(what + ": zones disagree on on-demand price (max kept)")
    od = max(prices)
    spots = []
    for r in rows:
        for s in r["spots"]:
            if s is None:
                st.add(what + ": empty spot value")
            elif s <= 0 or s in SENTINEL_PRICES:
                st.add(what + ": sentinel spot value")
            elif s >= od:
                st.add(what + ": spot >= on-demand (dropped)")
            else:
                spots.append(s)
    return od, (min(spots) if spots else None)


def load_region_ids(path):
    ids = set()
    with open(path, encoding="utf-8") as f:
        for l in f:
            m = re.match(r'\s*- id: "([a-z]+:[^"]+)"', l)
            if m:
                ids.add(m.group(1))
    return ids


def load_device_ids(path):
    ids = set()
    with open(path, encoding="utf-8") as f:
        for l in f:
            m = re.match(r"\s*- id: (\S+)\s*$", l)
            if m:
                ids.add(m.group(1).strip('"'))
    return ids


def device_for(provider, inst):
    for prov, rx, dev, note in DEVICE_BY_PREFIX:
        if prov == provider and re.match(rx, inst):
            return dev, note
    return None, None


# ----------------------------------------------------------------------------------------------
def build(args):
    st = Stats()
    region_ids = load_region_ids(args.regions)
    device_ids = load_device_ids(args.devices)
    unmapped_regions = defaultdict(set)
    excluded = {}  # (provider, instance type) -> reason
    instances = []  # dicts

    def map_regions(provider, per_region):
        out = []
        for reg in sorted(per_region):
            rid = "%s:%s" % (provider, reg)
            if rid not in region_ids:
                unmapped_regions[rid].add(per_region[reg][2])
                st.add("%s: region without regions.yaml id (dropped)" % provider)
                continue
            od, sp, _ = per_region[reg]
            out.append((rid, od, sp))
        return out

    # ---- AWS and Azure: one row per (instance, region[, zone]) with the accelerator in the row
    for provider in ("aws", "azure"):
        groups = OrderedDict()
        meta = {}
        for path in getattr(args, provider) or []:
            for r in read_rows(path, provider):
                st.add("%s: rows read" % provider)
                fix = COUNT_FIXES.get((provider, r["inst"]))
                if not r["acc"] and fix and fix[0]:
                    r = dict(r, acc=fix[0])
                if not r["acc"]:
                    st.add("%s: rows with empty AcceleratorName (dropped)" % provider)
                    continue
                if provider == "azure" and r["inst"].endswith("_Promo"):
                    st.add("azure: _Promo SKU rows (promotional prices of retired sizes, dropped)")
                    continue
                dev, note = device_for(provider, r["inst"])
                if dev is None:
                    if note:
                        excluded[(provider, r["inst"])] = note
                        st.add("%s: rows of excluded types (no devices.yaml accelerator, dropped)" % provider)
                    else:
                        st.add("%s: rows of unmapped accelerator types, e.g. FPGAs (dropped)" % provider)
                    continue
                meta[r["inst"]] = (r, dev, note)
                groups.setdefault(r["inst"], defaultdict(list))[r["region"]].append(r)
        for inst in sorted(groups):
            r0, dev, note = meta[inst]
            per_region = {}
            for reg, rows in groups[inst].items():
                agg = region_agg(rows, st, provider)
                if agg:
                    per_region[reg] = (agg[0], agg[1], inst)
            regs = map_regions(provider, per_region)
            if not regs:
                st.add("%s: instance types with no priced, mapped region (dropped)" % provider)
                continue
            count = r0["count"]
            notes = [note] if note else []
            fix = COUNT_FIXES.get((provider, inst))
            if fix:
                count = fix[1]
                notes.append(fix[2])
            instances.append({
                "id": inst, "provider": provider, "accelerator": dev, "count": count,
                "catalog_accelerator": r0["acc"], "vcpus": r0["vcpus"], "memory_gb": r0["mem"],
                "regions": regs, "notes": notes, "kind": "vm"})

    # ---- GCP
    if args.gcp:
        hosts = defaultdict(lambda: defaultdict(list))
        host_meta = {}
        accels = defaultdict(lambda: defaultdict(list))  # (name, count) -> region -> rows
        for r in (row for path in args.gcp for row in read_rows(path, "gcp")):
            st.add("gcp: rows read")
            if r["inst"]:
                hosts[r["inst"]][r["region"]].append(r)
                host_meta[r["inst"]] = r
            else:
                accels[(r["acc"], int(r["count"]))][r["region"]].append(r)
        acc_region = {}
        for key, regs in accels.items():
            for reg, rows in regs.items():
                agg = region_agg(rows, st, "gcp")
                if agg:
                    acc_region[(key, reg)] = agg
        for inst in sorted(hosts):
            acc_name = n = None
            for rx, a, fixed in GCP_HOST_ACCEL:
                m = re.match(rx, inst)
                if m:
                    acc_name, n = a, (fixed if fixed else int(m.group(1)))
                    break
            if acc_name is None:
                st.add("gcp: host rows of unmapped types (dropped)")
                continue
            dev, _ = device_for("gcp", inst)
            per_region = {}
            for reg, rows in hosts[inst].items():
                hagg = region_agg(rows, st, "gcp")
                aagg = acc_region.get(((acc_name, n), reg))
                if not hagg:
                    continue
                if not aagg:
                    st.add("gcp: host region without accelerator row (dropped)")
                    continue
                od = hagg[0] + aagg[0]
                sp = (hagg[1] + aagg[1]) if (hagg[1] is not None and aagg[1] is not None) else None
                per_region[reg] = (round(od, 5), None if sp is None else round(sp, 5), inst)
            regs = map_regions("gcp", per_region)
            if not regs:
                continue
            h = host_meta[inst]
            instances.append({
                "id": inst, "provider": "gcp", "accelerator": dev, "count": n,
                "catalog_accelerator": "%s x%d" % (acc_name, n), "vcpus": h["vcpus"], "memory_gb": h["mem"],
                "regions": regs, "kind": "vm",
                "notes": ["price = host VM row + accelerator-only row (%s, %d) of the same region" % (acc_name, n)]})
        # TPUs and accelerator-only prices
        for (name, cnt), regs in sorted(accels.items()):
            per_region = {}
            for reg in regs:
                agg = acc_region.get(((name, cnt), reg))
                if agg:
                    per_region[reg] = (agg[0], agg[1], name)
            tpu = None
            for rx, (dev, unit) in TPU_CHIPS.items():
                m = re.match(rx, name)
                if m:
                    size = int(m.group(1))
                    chips = size // 2 if unit == "cores" else size
                    tpu = (dev, chips, unit)
            if tpu:
                derived = [k for k, v in TPU_DERIVED.items() if v[0] == name]
                for did in derived:
                    _, factor, note = TPU_DERIVED[did]
                    m = re.match(r"^tpu-v5p-(\d+)$", did)
                    chips = int(m.group(1)) // 2
                    pr = {k: (round(v[0] * factor, 5), None if v[1] is None else round(v[1] * factor, 5), did)
                          for k, v in per_region.items()}
                    regs_m = map_regions("gcp", pr)
                    instances.append({"id": did, "provider": "gcp", "accelerator": tpu[0], "count": chips,
                                      "catalog_accelerator": did, "vcpus": None, "memory_gb": None,
                                      "regions": regs_m, "kind": "tpu", "notes": [note, "derived"]})
                if name == "tpu-v5p-256":
                    continue  # multi-host slice: only used to derive tpu-v5p-8
                regs_m = map_regions("gcp", per_region)
                if not regs_m:
                    st.add("gcp: TPU slices with no priced, mapped region (dropped)")
                    continue
                instances.append({"id": name, "provider": "gcp", "accelerator": tpu[0], "count": tpu[1],
                                  "catalog_accelerator": name, "vcpus": None, "memory_gb": None,
                                  "regions": regs_m, "kind": "tpu",
                                  "notes": ["count = TPU chips (%s)" % ("slice size / 2 TensorCores per chip"
                                                                       if tpu[2] == "cores" else "slice size = chips")]})
            elif name in GCP_ACCEL_ONLY:
                host, _ = GCP_ACCEL_ONLY[name]
                dev = {"L4": "L4", "B200": "B200"}[name]
                regs_m = map_regions("gcp", per_region)
                if name == "B200":
                    instances.append({"id": "a4-highgpu-8g", "provider": "gcp", "accelerator": dev, "count": cnt,
                                      "catalog_accelerator": "%s x%d" % (name, cnt), "vcpus": None,
                                      "memory_gb": None, "regions": regs_m, "kind": "accelerator_only",
                                      "notes": ["accelerator-only price: the a4-highgpu-8g host VM has no row in this "
                                                "catalog version, so the host price is NOT included"]})
                else:
                    instances.append({"id": "gcp-%s-x%d" % (name, cnt), "provider": "gcp", "accelerator": dev,
                                      "count": cnt, "catalog_accelerator": "%s x%d" % (name, cnt), "vcpus": None,
                                      "memory_gb": None, "regions": regs_m, "kind": "accelerator_only",
                                      "notes": ["accelerator-only price (attaches to a %s host whose row was not "
                                                "read); host price NOT included" % host]})
            else:
                st.add("gcp: accelerator groups used only for host sums: %s" % name)

    # Every accelerator must be a devices.yaml id (foreprint's loader refuses the file otherwise).
    missing_devices = sorted({i["accelerator"] for i in instances if i["accelerator"] not in device_ids})
    if missing_devices:
        raise SystemExit("accelerators without a devices.yaml id: %s" % ", ".join(missing_devices))
    # devices_per_host: the largest count among the listed sizes of the instance's family.
    host = defaultdict(int)
    for i in instances:
        key = (i["provider"], family(i["provider"], i["id"]))
        host[key] = max(host[key], i["count"])
    for i in instances:
        i["devices_per_host"] = host[(i["provider"], family(i["provider"], i["id"]))]
    return instances, st, unmapped_regions, excluded


def emit(instances, unmapped_regions, excluded, out):
    w = []
    w.append("# hardware_db/instances.yaml - cloud accelerator instance catalog for foreprint. Generated by")
    w.append("# hardware_db/tools/make_instances.py from SkyPilot catalog files; do not edit by hand. Sources, filters,")
    w.append("# coverage and gaps: hardware_db/INSTANCES_SOURCES.md. foreprint validates this file at build time")
    w.append("# (hardware_db/instance_db.h): accelerators must be devices.yaml ids, regions regions.yaml ids of the")
    w.append("# same provider.")
    w.append("# Conventions:")
    w.append("#  - One entry per (provider, instance type). id = the provider's instance type; GCP TPUs use the catalog's")
    w.append("#    slice name (tpu-v6e-8 = 8 chips, tpu-v4-8 / tpu-v5p-8 = 8 TensorCores = 4 chips); only single-host")
    w.append("#    slices are listed, larger slices price linearly per chip (INSTANCES_SOURCES.md).")
    w.append("#  - accelerator: a foreprint device id (devices.yaml); count: accelerators per instance (TPU: chips).")
    w.append("#    catalog_accelerator: the catalog's own name.")
    w.append("#  - vcpus, memory_gb: host vCPUs and memory as the catalog lists them (memory is the catalog's MemoryGiB);")
    w.append("#    null where the catalog gives none (TPU VMs, accelerator-only prices).")
    w.append("#  - devices_per_host: accelerators in the whole host, taken as the largest listed size of the instance's")
    w.append("#    family (g5.xlarge is 1/8 of a g5.48xlarge host); used for the host's embodied carbon.")
    w.append("#  - host_power: watts of the host per vCPU (Cloud Carbon Footprint); foreprint's host power for an")
    w.append("#    instance = vcpus x per_vcpu_w(min + utilization x (max - min)).")
    w.append("#  - regions: one line per foreprint region id: on_demand and spot in USD per instance-hour. spot = the")
    w.append("#    lowest zone spot price below on-demand (null if none). GCP VM prices = host row + accelerator row.")
    w.append("#  - kind: vm | tpu | accelerator_only (price of the accelerators alone; host VM NOT included).")
    w.append("#  - price_date: the catalog commit date; not retrievable offline, so 'unknown' with the commit hash.")
    w.append("sources:")
    for p, s in SOURCES.items():
        w.append("  %s: {repo: %s, path: %s, commit: %s, commit_date: %s," % (p, s["repo"], s["path"], s["commit"], s["commit_date"]))
        w.append("        coverage: %s}" % qs(s["coverage"]))
    w.append("host_power:")
    w.append("  utilization: %s" % fmt(HOST_POWER["utilization"]))
    w.append("  per_vcpu_w:")
    for p, (lo, hi) in HOST_POWER["per_vcpu_w"].items():
        w.append("    %s: {min: %s, max: %s}" % (p, fmt(lo), fmt(hi)))
    w.append("  source: %s" % qs(HOST_POWER["source"]))
    w.append("instances:")
    for i in sorted(instances, key=lambda x: (x["provider"], x["id"])):
        src = SOURCES[i["provider"]]
        w.append("  - id: %s" % qs(i["id"]))
        w.append("    provider: %s" % i["provider"])
        w.append("    kind: %s" % i["kind"])
        w.append("    accelerator: %s" % qs(i["accelerator"]))
        w.append("    count: %s" % fmt(i["count"]))
        w.append("    catalog_accelerator: %s" % qs(i["catalog_accelerator"]))
        w.append("    vcpus: %s" % fmt(i["vcpus"]))
        w.append("    memory_gb: %s" % fmt(i["memory_gb"]))
        w.append("    devices_per_host: %s" % fmt(i["devices_per_host"]))
        w.append("    price_date: %s" % qs("unknown (%s@%s)" % (src["repo"], src["commit"][:8])))
        w.append("    source: %s" % qs("%s %s @%s" % (src["repo"], src["path"], src["commit"])))
        if i["notes"]:
            w.append("    notes: [%s]" % ", ".join(qs(n) for n in i["notes"]))
        w.append("    regions:")
        for rid, od, sp in i["regions"]:
            w.append("      - {region: %s, on_demand: %s, spot: %s}" % (rid, fmt(od), fmt(sp)))
    w.append("# Catalog types left out, with the reason (no devices.yaml accelerator):")
    w.append("excluded:")
    for (p, inst), why in sorted(excluded.items()):
        w.append("  - {provider: %s, id: %s, reason: %s}" % (p, qs(inst), qs(why)))
    w.append("unmapped_regions: [%s]" % ", ".join(qs(r) for r in sorted(unmapped_regions)))
    text = "\n".join(w) + "\n"
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--aws", action="append")
    ap.add_argument("--gcp", action="append")
    ap.add_argument("--azure", action="append")
    ap.add_argument("--regions", default="hardware_db/regions.yaml")
    ap.add_argument("--devices", default="hardware_db/devices.yaml")
    ap.add_argument("--out", default="hardware_db/instances.yaml")
    ap.add_argument("--stats")
    args = ap.parse_args()
    instances, st, unmapped, excluded = build(args)
    emit(instances, unmapped, excluded, args.out)
    lines = ["%s\t%d" % (k, v) for k, v in sorted(st.c.items())]
    by = defaultdict(int)
    for i in instances:
        by[(i["provider"], i["accelerator"])] += 1
    per_provider = defaultdict(int)
    for i in instances:
        per_provider[i["provider"]] += 1
    lines.append("instances\t%d (%s)" % (len(instances), ", ".join("%s %d" % kv for kv in sorted(per_provider.items()))))
    for (p, a), n in sorted(by.items()):
        lines.append("instances %s %s\t%d" % (p, a, n))
    lines.append("excluded\t%s" % ", ".join("%s:%s" % k for k in sorted(excluded)))
    lines.append("unmapped_regions\t%s" % ", ".join("%s(%s)" % (r, ",".join(sorted(v))) for r, v in sorted(unmapped.items())))
    report = "\n".join(lines) + "\n"
    if args.stats:
        with open(args.stats, "w", encoding="utf-8") as f:
            f.write(report)
    sys.stdout.write(report)


if __name__ == "__main__":
    main()
