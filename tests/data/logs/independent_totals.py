#!/usr/bin/env python3
"""Independent energy totals for every real log in tests/data/logs/.

Python 3 standard library only (csv, json, re, datetime).  Written from the log
formats themselves, deliberately without looking at or sharing logic with
foreprint's C++ readers, so that the two can be compared: where `foreprint
validate` and this script disagree by more than 0.1 %, one of them misreads the
file.

    python3 tests/data/logs/independent_totals.py            # writes expected_totals.csv
    python3 tests/data/logs/independent_totals.py --stdout   # prints it instead
    python3 tests/data/logs/independent_totals.py --check    # exit 1 when expected_totals.csv is stale

Definitions (the physically meaningful total, in kWh):

codecarbon  Rows are flushes of a tracker; the values in a row are cumulative since
            that tracker started.  Rows are grouped by run key (run_id; in v1.x
            files, which have no run_id, experiment_id is the per-run uuid).  Within
            a key, a row continues the current run when its start time
            (timestamp - duration) lies within max(5 s, 2 % of duration) of the
            run's start and its duration did not decrease; otherwise it starts a
            new run (a reused key).  run_id "None"/empty never joins another row
            unless the start times match.  Total = sum over runs of the
            energy_consumed of the run's longest row.  energy_consumed already
            contains CodeCarbon's pue factor (scope facility-measured when a pue
            column says > 1).
eco2ai      Every row is an increment (a run, or one epoch of a run): total = sum of
            power_consumption(kWh) over rows that have a number there.
nvidia-smi  Per GPU, trapezoid rule over consecutive samples (sum of
            (p[i-1] + p[i]) / 2 * (t[i] - t[i-1])), summed over GPUs.  An interval
            longer than max(60 s, 10 x the GPU's median interval) is a pause in the
            logging and is left out (the note says how much the gap would add if
            bridged).  Power in W unless the values are mW (see per-file notes).
            GPUs are told apart as stated per file (an id column, one column per
            GPU, or interleaved rows).
zeus        ZeusMonitor window CSV (gpuN_energy in J): sum of all gpuN_energy over
            windows.  zeus_monitor power log (Time,Power with Power in mW): trapezoid.
carbontracker  Sum of the Energy of every "Actual consumption" block (each block is
            one tracker instance's own total, PUE included).  A log without any such
            block but with "Epoch N:" sections gives sum(duration x (sum of the
            listed GPU and CPU average powers)) x PUE.  Otherwise no total.
boamps      Sum over measures[] of powerConsumption, converted from the measure's
            "unit" (kWh unless stated; Wh, MWh, J, kJ, MJ/"MJoule").  The pre-0.1
            draft layout (measurementMethod.software.<tool>.measureValue with
            measureUnit) is read the same way.

mlperf      MLPerf Training power logs, read in place from the shared reference
            (shared/reference/mlperf/samples/…/power/result_<k>/, never copied here;
            rows are written only when that folder exists beside the checkout):
            per node file, sum of power_reading x (its time_ms - the previous
            reading's, or power_measurement_start's) / 1000 for readings up to
            power_measurement_stop, summed over node_*.txt (MLCommons' rule, as
            measured, no conversion_eff).  The switch (sw_*.txt) is given in the note.

A file for which no total can be computed from its content gets an empty
energy_kwh and the reason in `note`; foreprint should refuse it with a reason.

The last two columns say what foreprint is expected to do with the file:
`agree` (its energy within 0.1 % of energy_kwh), `warn` (it differs, and one of
its warnings contains foreprint_reason) or `refuse` (no summary; its error
contains foreprint_reason).  They are the one list of known disagreements,
kept in EXPECTED below; tests/calibration/logs/corpus_test.cc checks them.
"""
import csv
import io
import json
import math
import os
import re
import statistics
import sys
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'expected_totals.csv')
SHARED = os.path.normpath(os.path.join(HERE, '..', '..', '..', '..', 'shared'))
MLPERF_RUNS = [
    'reference/mlperf/samples/v4.1/Dell/results/8xXE9680x8H100-SXM-80GB-POWER/llama2_70b_lora/power/result_0',
]

# What foreprint does with a file when it does not simply agree: (expectation, a part of its message).
EXPECTED = {
    'carbontracker/01-StrombergNLP-Low-Carbon-NLP.log': ('refuse', 'the run failed (carbontracker.exceptions.NoComponentsAvailableError'),
    'carbontracker/09-PedramBakh-nc_nasbench.log': ('refuse', "no 'Actual consumption' block"),
    'carbontracker/11-PedramBakh-nc_nasbench.log': ('refuse', 'nothing was measured'),
    'carbontracker/12-PedramBakh-nc_nasbench.log': ('refuse', 'the file is empty'),
    'carbontracker/14-dadyownes15-carbontracker-redone.log': ('refuse', 'nothing was measured'),
    'carbontracker/15-dadyownes15-carbontracker-redone.log': ('refuse', 'the run failed (PermissionError'),
    'carbontracker/16-DaryabiTB-_experiment_tool.log': ('refuse', 'the run failed'),
    'carbontracker/17-DaryabiTB-_experiment_tool.log': ('refuse', "no 'Actual consumption' block"),
    # The layout of 06 gives a total here, but nothing in this cut, headerless, unit-less file says
    # which column is power: foreprint refuses rather than guess.
    'nvidia-smi/07-MScDissertation-NLP.csv': ('refuse', 'noheader,nounits: without a header or units'),
    # A custom NVML profiler's tab-separated format with '#' comments: not one foreprint reads.
    'nvidia-smi/15-warunapww-gpu_power_profiler.log': ('refuse', 'cannot tell which tracker wrote this file'),
    'nvidia-smi/16-harp-lab-MNMGDatalog.csv': ('refuse', 'needs a timestamp'),
}


# ----------------------------------------------------------------------------
# Text and numbers

def read_text(path):
    raw = open(path, 'rb').read()
    if raw.startswith(b'\xff\xfe') or raw.startswith(b'\xfe\xff'):
        text = raw.decode('utf-16')
    elif raw.startswith(b'\xef\xbb\xbf'):
        text = raw[3:].decode('utf-8', 'replace')
    else:
        text = raw.decode('utf-8', 'replace')
    # CR CR LF (Python csv on Windows), CR LF, lone CR -> LF
    return text.replace('\r\r\n', '\n').replace('\r\n', '\n').replace('\r', '\n')


def csv_rows(text, delimiter=','):
    return [r for r in csv.reader(io.StringIO(text), delimiter=delimiter) if any(c.strip() for c in r)]


def num(s):
    """A float from a field, or None (empty, nan, inf, [N/A], words)."""
    if s is None:
        return None
    s = s.strip()
    m = re.fullmatch(r'([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([a-zA-Z%]*)', s)
    if not m:
        return None
    v = float(m.group(1))
    return v if math.isfinite(v) else None


def unit_of(s):
    m = re.fullmatch(r'\s*[-+]?[\d.]+(?:[eE][-+]?\d+)?\s*([a-zA-Z]*)\s*', s or '')
    return m.group(1) if m else ''


def parse_time(s):
    """Seconds since the epoch (naive times taken as UTC) or None."""
    s = (s or '').strip()
    if not s:
        return None
    if re.fullmatch(r'\d+(\.\d+)?', s):
        v = float(s)
        for scale in (1.0, 1e3, 1e6, 1e9):
            if 1e8 < v / scale < 1e11:
                return v / scale
        return None
    m = re.fullmatch(r'(\d{4})[-/](\d\d)[-/](\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d+))?)?\s*(Z|[+-]\d\d:?\d\d)?', s)
    if not m:
        return None
    y, mo, d, h, mi = (int(m.group(i)) for i in range(1, 6))
    sec = int(m.group(6) or 0)
    frac = float('0.' + m.group(7)) if m.group(7) else 0.0
    t = datetime(y, mo, d, h, mi, sec, tzinfo=timezone.utc).timestamp() + frac
    z = m.group(8)
    if z and z != 'Z':
        sign = -1 if z[0] == '-' else 1
        hh, mm = int(z[1:3]), int(z[-2:])
        t -= sign * (hh * 3600 + mm * 60)
    return t


def parse_hms(s):
    """'1:44:49', '0:00:39.07', '1 day, 2:03:04' -> seconds."""
    s = s.strip()
    days = 0
    m = re.match(r'(\d+) days?, (.*)', s)
    if m:
        days, s = int(m.group(1)), m.group(2)
    parts = s.split(':')
    if len(parts) != 3:
        return None
    return days * 86400 + int(parts[0]) * 3600 + int(parts[1]) * 60 + float(parts[2])


# ----------------------------------------------------------------------------
# CodeCarbon

def codecarbon(path, text):
    rows = csv_rows(text)
    header = [h.strip().lower() for h in rows[0]]
    col = {n: i for i, n in enumerate(header)}
    key_col = col.get('run_id', col.get('experiment_id'))
    runs = []          # each: dict(key, start, duration, energy, pue)
    open_runs = {}     # key -> list of indexes into runs
    bad = 0
    pue_col = 'pue' in col
    for r in rows[1:]:
        if [c.strip().lower() for c in r] == header:
            continue                                      # repeated header
        if len(r) != len(header):
            bad += 1
            continue
        dur, en = num(r[col['duration']]), num(r[col['energy_consumed']])
        if dur is None or en is None:
            bad += 1
            continue
        end = parse_time(r[col['timestamp']]) if 'timestamp' in col else None
        start = end - dur if end is not None else None
        key = r[key_col].strip() if key_col is not None else ''
        pue = num(r[col['pue']]) if pue_col else None
        placed = False
        if key and key.lower() not in ('none', 'null', 'nan'):
            cands = open_runs.setdefault(key, [])
        else:
            cands = open_runs.setdefault('\0anon', [])
        for i in reversed(cands):
            run = runs[i]
            same_start = (start is None or run['start'] is None or
                          abs(start - run['start']) <= max(5.0, 0.02 * max(dur, run['duration'])))
            if same_start and dur >= run['duration'] * 0.999 and (key or run['start'] is not None):
                if dur >= run['duration']:
                    run.update(duration=dur, energy=en, pue=pue)
                run['rows'] += 1
                placed = True
                break
        if not placed:
            runs.append(dict(key=key, start=start, duration=dur, energy=en, pue=pue, rows=1))
            cands.append(len(runs) - 1)
    total = sum(r['energy'] for r in runs)
    pues = [r['pue'] for r in runs if r['pue'] is not None]
    scope = 'facility-measured' if pues and max(pues) > 1.0 + 1e-9 else 'it-measured'
    flushes = sum(r['rows'] - 1 for r in runs)
    note = '%d data rows -> %d runs' % (len(rows) - 1, len(runs))
    if flushes:
        note += ' (%d rows are earlier cumulative flushes of a run)' % flushes
    if bad:
        note += '; %d rows unreadable' % bad
    if pues and max(pues) > 1.0 + 1e-9:
        note += '; pue %s included in energy_consumed' % sorted(set(pues))
    method = 'sum over runs of energy_consumed of the longest row of each run (%s key)' % (
        'run_id' if 'run_id' in col else 'experiment_id')
    return total, scope, len(runs), method, note


# ----------------------------------------------------------------------------
# eco2AI

def eco2ai(path, text):
    rows = csv_rows(text)
    header = [h.strip().lower() for h in rows[0]]
    i = header.index('power_consumption(kwh)')
    ids = set()
    total, n, bad = 0.0, 0, 0
    for r in rows[1:]:
        v = num(r[i]) if len(r) > i else None
        if v is None or len(r) != len(header):
            bad += 1
            continue
        total += v
        n += 1
        if 'id' in header:
            ids.add(r[header.index('id')])
    note = '%d rows summed' % n + ('; %d rows unreadable' % bad if bad else '')
    return total, 'it-measured', len(ids) or n, 'sum of power_consumption(kWh) over rows', note


# ----------------------------------------------------------------------------
# GPU power logs

def integrate(samples):
    """samples: list of (t, watts) in file order for one GPU -> (joules, bridged gap joules, n_gaps, duration)."""
    samples = sorted(samples, key=lambda s: s[0])
    dts = [b[0] - a[0] for a, b in zip(samples, samples[1:]) if b[0] > a[0]]
    med = statistics.median(dts) if dts else 0.0
    limit = max(60.0, 10.0 * med)
    joules = gap_j = 0.0
    gaps = 0
    for (t0, p0), (t1, p1) in zip(samples, samples[1:]):
        dt = t1 - t0
        e = 0.5 * (p0 + p1) * dt
        if dt > limit:
            gaps += 1
            gap_j += e
        else:
            joules += e
    dur = samples[-1][0] - samples[0][0] if samples else 0.0
    return joules, gap_j, gaps, dur


def power_total(per_gpu, method, note, scope='accelerator-measured'):
    joules = gap_j = 0.0
    gaps = 0
    for key, s in per_gpu.items():
        j, g, n, _ = integrate(s)
        joules += j
        gap_j += g
        gaps += n
    if gaps:
        note += '; %d logging pause(s) not integrated (bridging them would add %.6g kWh)' % (gaps, gap_j / 3.6e6)
    return joules / 3.6e6, scope, len(per_gpu), method, note


def find(header, *names):
    for n in names:
        if n in header:
            return header.index(n)
    return None


def nvidia_generic(path, text, gpu_col=None, watts_scale=1.0):
    rows = csv_rows(text)
    header = [h.strip().lower() for h in rows[0]]
    t_i = find(header, 'timestamp', 'time', 'datetime')
    p_i = find(header, 'power.draw [w]', 'power.draw', 'power(w)', 'power_draw_w', 'power_w', 'power (w)',
               'gpu_power_w', 'power_usage(w)')
    if gpu_col is None:
        g_i = find(header, 'index', 'gpu_index', 'uuid', 'pci.bus_id')
    else:
        g_i = header.index(gpu_col)
    per_gpu = {}
    bad = 0
    for r in rows[1:]:
        if len(r) != len(header) and not (len(r) == len(header) + 1 and r[-1] == ''):
            bad += 1
            continue
        t, p = parse_time(r[t_i]), num(r[p_i])
        if t is None or p is None:
            bad += 1
            continue
        key = r[g_i].strip() if g_i is not None else '0'
        per_gpu.setdefault(key, []).append((t, p * watts_scale))
    note = 'GPU id column %r' % header[g_i] if g_i is not None else 'single GPU (no id column)'
    if watts_scale != 1.0:
        note += '; power values are mW (x %g)' % watts_scale
    if bad:
        note += '; %d rows unreadable' % bad
    return power_total(per_gpu, 'trapezoid per GPU over %s, summed' % header[p_i], note)


def nvidia_columns_per_gpu(path, text):
    """timestamp,GPU0,GPU1 (W, epoch seconds): one column per GPU."""
    rows = csv_rows(text)
    header = [h.strip() for h in rows[0]]
    per_gpu = {h: [] for h in header[1:]}
    for r in rows[1:]:
        t = parse_time(r[0])
        for h, v in zip(header[1:], r[1:]):
            p = num(v)
            if t is not None and p is not None:
                per_gpu[h].append((t, p))
    return power_total(per_gpu, 'trapezoid per GPU column (%s), summed' % ', '.join(header[1:]),
                       'one column per GPU, W, epoch-second timestamps')


def nvidia_interleaved(path, text, n_gpus, power_index, headerless=False):
    """GPUs without an id column: each sampling instant writes one row per GPU in GPU order,
    a few ms apart; row k of an instant belongs to GPU k."""
    rows = csv_rows(text)
    if not headerless:
        rows = rows[1:]
    samples = []
    skipped = 0
    for r in rows:
        t = parse_time(r[0]) if r else None
        p = num(r[power_index]) if len(r) > power_index else None
        if t is None or p is None or len(r) < power_index + 1:
            skipped += 1
            continue
        samples.append((t, p, r))
    # group into instants: a new instant starts when the gap to the previous row > 0.3 s
    per_gpu = {}
    k = 0
    for j, (t, p, r) in enumerate(samples):
        if j and t - samples[j - 1][0] > 0.3:
            k = 0
        per_gpu.setdefault(str(k), []).append((t, p))
        k += 1
    counts = {g: len(s) for g, s in per_gpu.items()}
    note = '%d GPUs interleaved without an id column (rows of one sampling instant are ~3 ms apart; row order = GPU; ' \
           'memory.total alternates 11178/11176 MiB); rows per GPU %s' % (n_gpus, counts)
    if skipped:
        note += '; %d partial/unreadable rows skipped' % skipped
    assert len(per_gpu) == n_gpus, (path, counts)
    return power_total(per_gpu, 'trapezoid per GPU, GPUs by position within each sampling instant', note)


def nvidia_same_second_single_gpu(path, text):
    """One GPU sampled about twice a second with timestamps truncated to the second:
    samples sharing a timestamp are averaged, then the trapezoid is taken."""
    rows = csv_rows(text)
    header = [h.strip().lower() for h in rows[0]]
    t_i, p_i = header.index('timestamp'), header.index('power_usage(w)')
    by_t = {}
    order = []
    for r in rows[1:]:
        t, p = parse_time(r[t_i]), num(r[p_i])
        if t is None or p is None:
            continue
        if t not in by_t:
            by_t[t] = []
            order.append(t)
        by_t[t].append(p)
    s = [(t, sum(by_t[t]) / len(by_t[t])) for t in order]
    dup = sum(1 for t in order if len(by_t[t]) > 1)
    return power_total({'0': s}, 'trapezoid over distinct timestamps of the mean power per timestamp',
                       'single GPU; timestamps truncated to 1 s, %d seconds hold 2 samples and %d hold 1 '
                       '(so rows sharing a timestamp are NOT different GPUs)' % (dup, len(order) - dup))


def nvidia_headerless_units(path, text):
    """nvidia-smi --format=csv,noheader: 'YYYY/MM/DD hh:mm:ss.fff, ..., 11.64 W'."""
    rows = csv_rows(text)
    per_gpu = {'0': []}
    for r in rows:
        t = parse_time(r[0])
        w = [num(c) for c in r if c.strip().endswith(' W')]
        if t is not None and len(w) == 1 and w[0] is not None:
            per_gpu['0'].append((t, w[0]))
    return power_total(per_gpu, 'trapezoid over the only field with a W unit',
                       'headerless (--format=csv,noheader), single GPU, 5 s interval')


def nvidia_elapsed_mw(path, text):
    """sec,mw: elapsed seconds and milliwatts."""
    rows = csv_rows(text)
    s = [(num(r[0]), num(r[1]) / 1000.0) for r in rows[1:] if num(r[0]) is not None and num(r[1]) is not None]
    return power_total({'0': s}, 'trapezoid over elapsed seconds, mW / 1000',
                       'header sec,mw: elapsed seconds and milliwatts (Jetson-style rail reading)')


def gpu_power_profiler(path, text):
    """warunapww/gpu_power_profiler: '#' comment lines, then tab-separated
    '<t> ms<TAB><p> W<TAB><temp> C<TAB>...' samples."""
    s = []
    for line in text.split('\n'):
        if not line.strip() or line.startswith('#'):
            continue
        f = line.split('\t')
        t, p = num(f[0]), num(f[1])
        if t is not None and p is not None and unit_of(f[0]) == 'ms' and unit_of(f[1]) == 'W':
            s.append((t / 1000.0, p))
    return power_total({'0': s}, 'trapezoid over the ms time column and W column',
                       "tab-separated, '#' comment header, time in ms since start, single GPU")


def no_timestamps(path, text):
    rows = csv_rows(text)
    return None, 'accelerator-measured', 1, 'none', (
        'power.draw samples only (%d rows) and no time column: energy cannot be computed from the log; '
        'a correct reader refuses it' % (len(rows) - 1))


# ----------------------------------------------------------------------------
# Zeus

def zeus(path, text):
    rows = csv_rows(text)
    header = [h.strip() for h in rows[0]]
    gpu_cols = [i for i, h in enumerate(header) if re.fullmatch(r'gpu\d+_energy', h)]
    if gpu_cols:
        total = sum(num(r[i]) or 0.0 for r in rows[1:] for i in gpu_cols)
        return total / 3.6e6, 'accelerator-measured', len(gpu_cols), 'sum of gpuN_energy (J) over windows', \
            '%d windows' % (len(rows) - 1)
    if header == ['Time', 'Power']:
        s = [(parse_time(r[0]), num(r[1]) / 1000.0) for r in rows[1:]]
        return power_total({'0': s}, 'trapezoid of Power (mW / 1000) over Time',
                           'zeus_monitor power log (Zeus <= 0.5): Time with ns fraction, Power in mW')
    return None, '', 0, 'none', 'unknown Zeus layout'


# ----------------------------------------------------------------------------
# Carbontracker

def carbontracker(path, text):
    actual = re.findall(r'Actual consumption(?: for \d+ epoch\(s\))?:\s*\n\s*Time:\s*([^\n]*)\n\s*Energy:\s*([0-9.eE+-]+)\s*kWh', text)
    if actual:
        total = sum(float(e) for _, e in actual)
        return total, 'facility-measured', len(actual), 'sum of Energy of every "Actual consumption" block', \
            '%d Actual block(s): %s kWh' % (len(actual), ', '.join(e for _, e in actual))
    pue_m = re.search(r'PUE coefficient of ([0-9.]+)', text)
    pue = float(pue_m.group(1)) if pue_m else None
    # Epoch sections: several tracker processes may write to one log at the same moment, so their
    # lines interleave ('Duration' twice, then 'gpu' twice, ...).  The k-th Duration line goes with the
    # k-th gpu line and the k-th cpu line.
    durs = [parse_hms(x) for x in re.findall(r'Duration: ([0-9:.]+)', text)]
    gpus = re.findall(r'Average power usage \(W\) for gpu: ([^\n]*)', text)
    cpus = re.findall(r'Average power usage \(W\) for cpu: ([^\n]*)', text)
    epochs = []
    for d, g, c in zip(durs, gpus, cpus):
        if g.strip() == 'None' and c.strip() == 'None':
            continue                      # no power was measured in this epoch: no data, not 0 W
        watts = sum(float(x) for part in (g, c) for x in re.findall(r'[-+]?\d+\.?\d*(?:[eE][-+]?\d+)?', part))
        epochs.append(d * watts)
    if epochs and pue:
        total = sum(epochs) * pue / 3.6e6
        return total, 'facility-measured', len(epochs), 'sum over Epoch sections of duration x (GPU + CPU average W) x PUE', \
            '%d epoch section(s), PUE %g, no Actual block' % (len(epochs), pue)
    if 'Traceback' in text:
        why = 'the run failed (traceback), no Actual block'
    elif not text.strip():
        why = 'empty file'
    elif 'for gpu: None' in text:
        why = 'no Actual block; the epoch sections report power None (nothing measured)'
    else:
        why = 'no Actual block and no epoch power lines'
    return None, 'facility-measured', 0, 'none', why + ': no total; a correct reader refuses it'


# ----------------------------------------------------------------------------
# BoAmps

UNIT_KWH = {'kwh': 1.0, 'wh': 1e-3, 'mwh': 1e3, 'j': 1 / 3.6e6, 'joule': 1 / 3.6e6, 'kj': 1 / 3.6e3,
            'kjoule': 1 / 3.6e3, 'mj': 1 / 3.6, 'mjoule': 1 / 3.6}


def boamps(path, text):
    d = json.loads(text)
    parts = []
    for m in d.get('measures', []) or []:
        v = m.get('powerConsumption')
        v = float(v) if isinstance(v, (int, float, str)) and str(v).strip() != '' else None
        unit = (m.get('unit') or 'kWh').strip()
        if v is not None:
            parts.append((v * UNIT_KWH[unit.lower()], unit, m.get('measurementMethod')))
    method = 'sum of measures[].powerConsumption, unit-converted'
    if not parts and isinstance(d.get('measurementMethod'), dict):   # pre-0.1 draft layout
        method = 'pre-0.1 draft: measurementMethod.software/hardware.<tool>.measureValue, unit-converted'
        for group in d['measurementMethod'].values():
            for tool, m in (group or {}).items():
                if isinstance(m, dict) and m.get('measureValue') is not None:
                    unit = m.get('measureUnit') or 'kWh'
                    parts.append((float(m['measureValue']) * UNIT_KWH[unit.lower()], unit, tool))
    if not parts:
        return None, 'it-measured', 0, 'none', 'no measure with a powerConsumption'
    total = sum(p[0] for p in parts)
    note = '; '.join('%s: %s %s' % (p[2], repr(p[0]), p[1]) for p in parts)
    return total, 'it-measured', len(parts), method, note


# ----------------------------------------------------------------------------
# MLPerf Training power logs

def mllog_lines(path):
    out = []
    for line in read_text(path).split('\n'):
        if ':::MLLOG' in line:
            out.append(json.loads(line.split(':::MLLOG', 1)[1]))
    return out


def mlperf_meter_joules(path):
    """Sum of reading x seconds since the previous reading (or the start), up to the stop."""
    lines = sorted(mllog_lines(path), key=lambda x: x['time_ms'])
    start = next(x['time_ms'] for x in lines if x['key'] == 'power_measurement_start')
    stop = next((x['time_ms'] for x in lines if x['key'] == 'power_measurement_stop'), None)
    prev, joules = start, 0.0
    for x in lines:
        if x['key'] == 'power_reading' and (stop is None or x['time_ms'] <= stop):
            joules += float(x['value']) * (x['time_ms'] - prev) / 1000.0
            prev = x['time_ms']
    return joules, start, stop


def mlperf_run(folder):
    names = sorted(os.listdir(folder))
    nodes = [n for n in names if re.fullmatch(r'node_\d+\.txt', n)]
    switches = [n for n in names if re.fullmatch(r'sw_\d+\.txt', n)]
    total = sum(mlperf_meter_joules(os.path.join(folder, n))[0] for n in nodes)
    note = '%d node files' % len(nodes)
    for n in switches:
        j, start, _ = mlperf_meter_joules(os.path.join(folder, n))
        node_start = min(mlperf_meter_joules(os.path.join(folder, m))[1] for m in nodes)
        note += '; %s %.10g kWh, its clock %.4g h before the nodes\' (not in the total)' % (
            n, j / 3.6e6, (node_start - start) / 3.6e6)
    return total / 3.6e6, 'it-measured', len(nodes), 'sum over node files of reading x time since the previous reading', note


# ----------------------------------------------------------------------------
# Per-file interpretation where the file itself is ambiguous (reason in the note)

SPECIAL = {
    'nvidia-smi/04-xypp3-gpu_glasses.csv': lambda p, t: nvidia_generic(p, t, gpu_col='gpu'),
    # header 'timestamp,gpu,index,...': 'gpu' holds the GPU number 0-7; the column named 'index' holds
    # utilization (always 0) -- 8 GPUs, not 1.
    'nvidia-smi/05-seongjunpark17-GPU-power-log.csv': nvidia_columns_per_gpu,
    'nvidia-smi/06-MScDissertation-NLP.csv': lambda p, t: nvidia_interleaved(p, t, 2, 7),
    'nvidia-smi/07-MScDissertation-NLP.csv': lambda p, t: nvidia_interleaved(p, t, 2, 7, headerless=True),
    'nvidia-smi/08-maufadel-EnergyMeter.csv': nvidia_same_second_single_gpu,
    'nvidia-smi/11-KooSuYeon-codecarbonForJetson.csv': lambda p, t: nvidia_generic(p, t, watts_scale=1e-3),
    # 'gpu_power_w' 4939..6629 on a Jetson: milliwatts (6.6 kW is impossible); the file's own
    # gpu_energy_kwh column took them as W.
    'nvidia-smi/12-xiaobaixiaobai233-Yolov5_DeepSort_Track.csv': lambda p, t: nvidia_generic(p, t, watts_scale=1e-3),
    # 'gpu_power_w' 23341..40791: NVML milliwatts written under a W label.
    'nvidia-smi/13-MrMici04-vehiclesafetysystem.csv': nvidia_elapsed_mw,
    'nvidia-smi/14-beam11221-plato.csv': nvidia_headerless_units,
    'nvidia-smi/15-warunapww-gpu_power_profiler.log': gpu_power_profiler,
    'nvidia-smi/16-harp-lab-MNMGDatalog.csv': no_timestamps,
}

GENERIC = {
    'codecarbon': codecarbon,
    'eco2ai': eco2ai,
    'nvidia-smi': nvidia_generic,
    'zeus': zeus,
    'carbontracker': carbontracker,
    'boamps': boamps,
}


def rows():
    out_rows = []
    for tool in sorted(os.listdir(HERE)):
        folder = os.path.join(HERE, tool)
        if not os.path.isdir(folder) or tool not in GENERIC:
            continue
        for name in sorted(os.listdir(folder)):
            rel = tool + '/' + name
            text = read_text(os.path.join(folder, name))
            fn = SPECIAL.get(rel, GENERIC[tool])
            try:
                e, scope, n, method, note = fn(rel, text) if text.strip() or tool == 'carbontracker' else \
                    (None, '', 0, 'none', 'empty file')
            except Exception as ex:  # never silently: record it
                e, scope, n, method, note = None, '', 0, 'none', 'independent parser failed: %r' % ex
            out_rows.append([rel, tool, e, scope, n, method, note])
    for run in MLPERF_RUNS:
        folder = os.path.join(SHARED, run)
        if os.path.isdir(folder):
            out_rows.append(['shared:' + run, 'mlperf'] + list(mlperf_run(folder)))
    for r in out_rows:
        expect, reason = EXPECTED.get(r[0], ('agree', '') if r[2] is not None else ('refuse', '?'))
        r[2] = '' if r[2] is None else repr(r[2])
        r += [expect, reason]
    return out_rows


HEADER = ['file', 'tool', 'energy_kwh', 'scope', 'n_runs/n_gpus', 'method', 'note', 'foreprint', 'foreprint_reason']


def render(out_rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator='\n')
    w.writerow(HEADER)
    w.writerows(out_rows)
    return buf.getvalue()


def check(text):
    """1 when expected_totals.csv differs from what this script computes (rows under shared/ only
    when that folder exists), with the differing rows."""
    have = open(OUT, newline='').read() if os.path.exists(OUT) else ''
    if not os.path.isdir(SHARED):  # compare without the rows read from the shared reference
        have = ''.join(l for l in have.splitlines(True) if not l.startswith('shared:'))
    if have == text:
        print('expected_totals.csv is up to date (%d files)' % (text.count('\n') - 1))
        return 0
    old, new = set(have.splitlines()), set(text.splitlines())
    for l in sorted(old - new):
        print('- ' + l)
    for l in sorted(new - old):
        print('+ ' + l)
    print('expected_totals.csv is stale: run python3 tests/data/logs/independent_totals.py')
    return 1


def main():
    text = render(rows())
    if '--check' in sys.argv:
        sys.exit(check(text))
    if '--stdout' in sys.argv:
        sys.stdout.write(text)
    else:
        open(OUT, 'w', newline='').write(text)


if __name__ == '__main__':
    main()
