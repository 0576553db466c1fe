#!/usr/bin/env python3
"""Builds hardware_db/hourly/electricitymaps_typical_day_by_month.csv from local copies of
Electricity Maps hourly carbon-intensity files found in public repositories.

    python3 hardware_db/tools/make_hourly.py UPSTREAM_DIR [OUT_CSV]

UPSTREAM_DIR holds the upstream files under <owner>+<repo>/<path in repo>, e.g.
    UPSTREAM_DIR/HewlettPackard+sustain-cluster/data/carbon_intensity/GB/2024/GB_2024_hourly.csv
(for each row of INPUTS: git -C <clone> show <snapshot>:<path> > UPSTREAM_DIR/<owner>+<repo>/<path>).
OUT_CSV defaults to hardware_db/hourly/electricitymaps_typical_day_by_month.csv.

Data: Electricity Maps (https://www.electricitymaps.com), hourly datasets, licensed ODbL 1.0. The output
is a derived database under the same licence; see hardware_db/hourly/SOURCES.md and NOTICE.

One calendar year (UTC) per zone. The value kept is Electricity Maps' life-cycle ("LCA") carbon
intensity of electricity consumption (flow-traced, imports included), g CO2e/kWh. One output row per
zone, month and UTC hour; the statistics are over that month's days: mean, min, p10, median, p90, max
(percentiles by linear interpolation between order statistics, numpy's default), n_hours (hours with a
value) and year. Values are rounded to 0.01.

Input kinds:
  em     an Electricity Maps hourly CSV as downloaded from their data portal: "Datetime (UTC)",
         "Zone Id", "Carbon Intensity gCO\u2082eq/kWh (LCA)"; empty cells are skipped.
  trace  umassos/decarbonization-potential sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/
         <zone>.csv: for a 1-hour job with no slack, column slack_0 is the zone's hourly LCA intensity
         of 2022, taken by the upstream code from Electricity Maps 2020-2022 hourly files (gaps filled
         backward then forward). One row per hour from 2022-01-01 00:00 UTC; 8,759 rows (the last hour
         of the year is absent). The timestamp is implied by the row number.
Each input must match the git blob id recorded here for the upstream snapshot, and a zone whose year
has fewer than 240 distinct values (a flat, estimated series) is refused.
Standard library only; the output is deterministic.
"""
import csv
import datetime
import hashlib
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "hardware_db", "hourly", "electricitymaps_typical_day_by_month.csv")

# Upstream repositories (owner+name) and the snapshot the blob ids below come from.
HPE = "HewlettPackard+sustain-cluster"      # 293fbd152dae52a4b77fee50362b0b61641f16d1 (2025-05-20), MIT
JMJ = "jasonm-jones+grid-carbon-intensity"  # 6b7720193e93dc2b060536ad6481ec16f6c35346 (2025-01-14), no licence file
UMA = "umassos+decarbonization-potential"   # 3493a63016bd2aaa71cae1f33809576786b331d4 (2024-03-06), Apache-2.0
UMA_TRACE = "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/"

# zone (Electricity Maps zone id), year, kind, repository, path in repository, git blob id
INPUTS = [
    ("AU-NSW", 2024, "em", HPE, "data/carbon_intensity/AU-NSW/2024/AU-NSW_2024_hourly.csv",
     "8448fde973c43c5af13a13d9cdcb55b69cf669de"),
    ("AU-VIC", 2024, "em", HPE, "data/carbon_intensity/AU-VIC/2024/AU-VIC_2024_hourly.csv",
     "667825514ebd61639adff67152f1c0b5ba0f507e"),
    ("BR-CS", 2024, "em", HPE, "data/carbon_intensity/BR-SP/2024/BR-SP_2024_hourly.csv",
     "9dca408c84eabf91f81ea12678cd916e2a7b5446"),
    ("CA-ON", 2024, "em", HPE, "data/carbon_intensity/CA-ON/2024/CA-ON_2024_hourly.csv",
     "9815982fd6f387c62648ad50b940d4ac433a5dfe"),
    ("CL-SEN", 2024, "em", HPE, "data/carbon_intensity/CL-SIC/2024/CL-SIC_2024_hourly.csv",
     "8397cebc083ceaa70c7143794b14836d44eae6a6"),
    ("DE", 2024, "em", HPE, "data/carbon_intensity/DE-LU/2024/DE-LU_2024_hourly.csv",
     "40c0365ebaf204c3d62ca8ebbc9921383c0775f0"),
    ("GB", 2024, "em", HPE, "data/carbon_intensity/GB/2024/GB_2024_hourly.csv",
     "90858c0171294e153b41e12a6649c643b533c9cf"),
    ("IN-WE", 2024, "em", HPE, "data/carbon_intensity/IN-WE/2024/IN-WE_2024_hourly.csv",
     "820b2461fd88d238d49219520b187972e8ada4dc"),
    ("JP-TK", 2024, "em", HPE, "data/carbon_intensity/JP-TK/2024/JP-TK_2024_hourly.csv",
     "d0ebeec3ace4c5b8e27a45d693053670d1a2622c"),
    ("KR", 2024, "em", HPE, "data/carbon_intensity/KR/2024/KR_2024_hourly.csv",
     "7e5dbd8daef43e6607f79949df930086bfe3ca59"),
    ("SG", 2024, "em", HPE, "data/carbon_intensity/SG/2024/SG_2024_hourly.csv",
     "6c24bb4337e6c2f63ef1d180a435396d82ecb428"),
    ("US-CAL-CISO", 2024, "em", HPE, "data/carbon_intensity/US-CAL-CISO/2024/US-CAL-CISO_2024_hourly.csv",
     "2f6537f0de071b04ba22e2c02f65cc525af76a9d"),
    ("US-MIDA-PJM", 2024, "em", HPE, "data/carbon_intensity/US-MIDA-PJM/2024/US-MIDA-PJM_2024_hourly.csv",
     "3144bf6d9999da135d1af20b99ba386f9cb8d723"),
    ("US-NY-NYIS", 2024, "em", HPE, "data/carbon_intensity/US-NY-NYIS/2024/US-NY-NYIS_2024_hourly.csv",
     "ddf3ff8df5426fe65832efde0fac62a2d0528b9b"),
    ("US-TEX-ERCO", 2024, "em", HPE, "data/carbon_intensity/US-TEX-ERCO/2024/US-TEX-ERCO_2024_hourly.csv",
     "02766b7bb948e4ddf699472298e0753c6c4ed32f"),
    ("ZA", 2024, "em", HPE, "data/carbon_intensity/ZA/2024/ZA_2024_hourly.csv",
     "00a51fe4dac897ae4242bbaa130fd573a8beee08"),
    ("US", 2023, "em", JMJ, "data/hourly/US_2023_hourly.csv",
     "2982b8f8286df22a47f3c36a2e8b3c55ab1a6c9c"),
    ("US-CENT-SWPP", 2023, "em", JMJ, "data/hourly/US-CENT-SWPP_2023_hourly.csv",
     "ad65e45f07a2201095144110e207db3e4741febd"),
    ("US-FLA-FPL", 2023, "em", JMJ, "data/hourly/US-FLA-FPL_2023_hourly.csv",
     "3f51888256f5f9fed34937b23b1b4e2bb2168eb6"),
    ("US-MIDW-LGEE", 2023, "em", JMJ, "data/hourly/US-MIDW-LGEE_2023_hourly.csv",
     "7dc90a5a202accd8776bb6b779ac893deea2b63e"),
    ("US-MIDW-MISO", 2023, "em", JMJ, "data/hourly/US-MIDW-MISO_2023_hourly.csv",
     "4af431247fb4367c8c221590c91d7f8ca1b924fd"),
    ("US-NE-ISNE", 2023, "em", JMJ, "data/hourly/US-NE-ISNE_2023_hourly.csv",
     "205b2ad3bbb8e9b8f037c9aef627f39a2b3a96dd"),
    ("US-NW-BPAT", 2023, "em", JMJ, "data/hourly/US-NW-BPAT_2023_hourly.csv",
     "c9a9acac2f5d8c6ffdea9f387e5cddc203334580"),
    ("US-NW-GCPD", 2023, "em", JMJ, "data/hourly/US-NW-GCPD_2023_hourly.csv",
     "26132e67db749830023b40a52e32506aa9a18c50"),
    ("US-NW-IPCO", 2023, "em", JMJ, "data/hourly/US-NW-IPCO_2023_hourly.csv",
     "f09456d5cdccf8b999b1eabc7b8012b3bcace72c"),
    ("US-NW-NEVP", 2023, "em", JMJ, "data/hourly/US-NW-NEVP_2023_hourly.csv",
     "fd9d1839b424d14424b378408899c8d1da9540cb"),
    ("US-NW-NWMT", 2023, "em", JMJ, "data/hourly/US-NW-NWMT_2023_hourly.csv",
     "03f1970e231fb9cf75ace34ab731bc3321494049"),
    ("US-NW-PACE", 2023, "em", JMJ, "data/hourly/US-NW-PACE_2023_hourly.csv",
     "b91950814664b346f75ff9325318ac6658ab84db"),
    ("US-NW-PACW", 2023, "em", JMJ, "data/hourly/US-NW-PACW_2023_hourly.csv",
     "7b3917c63236eb5bb6c796cf5e5d4016432eb935"),
    ("US-NW-PGE", 2023, "em", JMJ, "data/hourly/US-NW-PGE_2023_hourly.csv",
     "d91c3b3e1f2e607278419e1f093bd56f56130199"),
    ("US-NW-PSCO", 2023, "em", JMJ, "data/hourly/US-NW-PSCO_2023_hourly.csv",
     "6a2b69aac6b6e2a78c6e41ef6ea532b066b038cb"),
    ("US-NW-PSEI", 2023, "em", JMJ, "data/hourly/US-NW-PSEI_2023_hourly.csv",
     "2eb627dc5c6efcf20f1377d17113844dc7904cd5"),
    ("US-NW-WACM", 2023, "em", JMJ, "data/hourly/US-NW-WACM_2023_hourly.csv",
     "b1f15a825152a39a198c286a924540777cac2b68"),
    ("US-SE-SOCO", 2023, "em", JMJ, "data/hourly/US-SE-SOCO_2023_hourly.csv",
     "a876db6ce47592e4d7c624a328e26ed5606cdb2a"),
    ("US-SW-AZPS", 2023, "em", JMJ, "data/hourly/US-SW-AZPS_2023_hourly.csv",
     "9c08fc22fa02c84e238d1e5c4e30280e0b8ad2e3"),
    ("US-SW-PNM", 2023, "em", JMJ, "data/hourly/US-SW-PNM_2023_hourly.csv",
     "d58aba1b867a5c619ed5dfa54986e6074f280b2f"),
    ("US-SW-SRP", 2023, "em", JMJ, "data/hourly/US-SW-SRP_2023_hourly.csv",
     "9d7176109053a7c12f4d2a241da89c5edbbf998e"),
    ("US-TEN-TVA", 2023, "em", JMJ, "data/hourly/US-TEN-TVA_2023_hourly.csv",
     "3b90d1e50312c5a6d9974d2b737c4fffd94d1f3c"),
    ("BR", 2023, "em", UMA, "downloaded_carbon_data/BR_2023_hourly.csv",
     "8f133f03873a6bfac2c836dfc710a84741c1891c"),
    ("ES", 2023, "em", UMA, "downloaded_carbon_data/ES_2023_hourly.csv",
     "92e9bab68fe05dce969e475d6051f70aed0fc7ae"),
    ("NO", 2023, "em", UMA, "downloaded_carbon_data/NO_2023_hourly.csv",
     "7531f0395735f39beb588d513b8f61f57d85eb7c"),
    ("AT", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/AT.csv",
     "5d65a39fe1e0da9aa421bde898b93f2ef6069e26"),
    ("AU-QLD", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/AU-QLD.csv",
     "59f354ad1784822e788eeefaba9dfe4fef9ee084"),
    ("BE", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/BE.csv",
     "e78a508970a7e240a26be38184e31f82802df161"),
    ("BG", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/BG.csv",
     "c9d18c633b96d239d7538e5d3b08de41b41df882"),
    ("CA-QC", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/CA-QC.csv",
     "d839ff69ff3fbef54ca5053e6538897e1d2a4b5f"),
    ("CH", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/CH.csv",
     "c2e79f3e2f583f670002657c69735d97b9cc2ddc"),
    ("CZ", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/CZ.csv",
     "5fe9a10b05ac75b71d3679c950f800121b62bf6d"),
    ("DK-DK1", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/DK-DK1.csv",
     "ca5b3ed0555dfaefac809f9b43f295234f882657"),
    ("FI", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/FI.csv",
     "6c448d74e1d80d262793d7b2122af4390cd417f2"),
    ("FR", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/FR.csv",
     "d0aa2e104eeeb8e71a5782e3d016cdc72c0143a2"),
    ("GR", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/GR.csv",
     "a2ca9832d9bdde2801185793728f38af6940e81e"),
    ("HU", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/HU.csv",
     "d300647ff4154b2145a544ac71b082b5e6971422"),
    ("IE", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/IE.csv",
     "56da733101e54a8e1c7f413934aa0e2dad5b4bef"),
    ("IL", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/IL.csv",
     "94b1d9a1be6274fd860e0bcd9b79d570b0f1e554"),
    ("IT-NO", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/IT-NO.csv",
     "47c7f56ddd9b882294e3ece58ed28676d1d2a765"),
    ("JP-KN", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/JP-KN.csv",
     "49b905e0a8f273983f5db73f3b828d61f29ca797"),
    ("LU", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/LU.csv",
     "4010e066be6d529c1a86d92c3ee151db976f53fc"),
    ("NL", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/NL.csv",
     "633370a8b972fb828da855b222845fe70eb08895"),
    ("NO-NO1", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/NO-NO1.csv",
     "f8db261f81ca1ef95f7e54d0410a594bce524729"),
    ("NO-NO2", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/NO-NO2.csv",
     "d0636a19da4afb56e9086cca3fae1677eb51d94c"),
    ("NZ", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/NZ.csv",
     "00abcbb157d04857ff16fb02e8cb9ec667389d42"),
    ("PL", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/PL.csv",
     "e245c230d180004e86b192742c5e7784b4f3cebb"),
    ("PT", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/PT.csv",
     "ed77c62d6ceee656d30863a28e50a3a226dc5784"),
    ("SE-SE3", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/SE-SE3.csv",
     "0d8c5039e52cb6bc41e68d170070b995626aad17"),
    ("SI", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/SI.csv",
     "084b1ed1b9a50dad269472a4a508ae2736582541"),
    ("TR", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/TR.csv",
     "3fcdba6e7ed2911a68a96c0280af78e1c74a7d0f"),
    ("TW", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/TW.csv",
     "8319f50f8edf6b5814f7e6b60cf305b2db3e966b"),
    ("US-CAL-LDWP", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/US-CAL-LDWP.csv",
     "e0cff9774023847fcbd3fd0b29fb35d0ebd2822b"),
    ("US-CAR-CPLE", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/US-CAR-CPLE.csv",
     "a82d202047b7c37d867154203a0f3cb906e06781"),
    ("US-CAR-DUK", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/US-CAR-DUK.csv",
     "7293bdb41e4717580be9f581f674dde80f313e0a"),
    ("US-CAR-SC", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/US-CAR-SC.csv",
     "86e98d28a86f4ec23cd93c5df3855fc2ac02b5de"),
    ("US-CAR-SCEG", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/US-CAR-SCEG.csv",
     "874475c4b0bc0c9b0cee57e053333c6a4df25957"),
    ("US-HI-OA", 2022, "trace", UMA, "sim_temporal/data_output/absolute_slack_2022/job_1/slack_24/US-HI-OA.csv",
     "d3c404cd56a25b37729aee91e0010fd00cade940"),
]

HEADER = ["zone", "month", "hour_utc", "ci_mean_gco2eq_per_kwh", "ci_min", "ci_p10", "ci_median", "ci_p90",
          "ci_max", "n_hours", "year"]
LCA_KEYS = ("Carbon Intensity gCO\u2082eq/kWh (LCA)", "Carbon intensity gCO\u2082eq/kWh (Life cycle)")
MIN_DISTINCT = 240


def git_blob_id(path):
    with open(path, "rb") as f:
        data = f.read()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def read_em(path, zone, year):
    """[(UTC datetime, g/kWh)] from an Electricity Maps hourly CSV."""
    out = []
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = csv.DictReader(f)
        key = next(k for k in LCA_KEYS if k in rows.fieldnames)
        zkey = "Zone Id" if "Zone Id" in rows.fieldnames else "Zone id"
        for r in rows:
            if r[zkey] != zone:
                raise SystemExit(f"{path}: zone {r[zkey]!r}, expected {zone!r}")
            t = datetime.datetime.strptime(r["Datetime (UTC)"][:19], "%Y-%m-%d %H:%M:%S")
            if t.year != year:
                raise SystemExit(f"{path}: timestamp {t} outside {year}")
            if r[key].strip():
                out.append((t, float(r[key])))
    return out


def read_trace(path, year):
    """[(UTC datetime, g/kWh)] from a umassos slack_0 trace (row i = hour i of the year)."""
    start = datetime.datetime(year, 1, 1)
    with open(path, newline="") as f:
        vals = [float(r["slack_0"]) for r in csv.DictReader(f)]
    if len(vals) not in (8759, 8760):
        raise SystemExit(f"{path}: {len(vals)} rows, expected one year of hours")
    return [(start + datetime.timedelta(hours=i), v) for i, v in enumerate(vals)]


def quantile(sorted_vals, q):
    h = (len(sorted_vals) - 1) * q
    lo = int(h)
    hi = min(lo + 1, len(sorted_vals) - 1)
    return sorted_vals[lo] + (sorted_vals[hi] - sorted_vals[lo]) * (h - lo)


def fmt(x):
    return str(round(x, 2))


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    upstream = sys.argv[1]
    out_path = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_OUT
    zones = [z for z, *_ in INPUTS]
    if len(set(zones)) != len(zones):
        raise SystemExit("a zone is listed twice")
    rows, summary = [], []
    for zone, year, kind, repo, rel, blob in INPUTS:
        path = os.path.join(upstream, repo, rel)
        got = git_blob_id(path)
        if got != blob:
            raise SystemExit(f"{path}: git blob {got}, expected {blob} (not the upstream snapshot's file)")
        series = read_em(path, zone, year) if kind == "em" else read_trace(path, year)
        vals = [v for _, v in series]
        if len(set(vals)) < MIN_DISTINCT:
            raise SystemExit(f"{zone}: {len(set(vals))} distinct values in {year}; no usable hourly shape")
        cells = {}
        for t, v in series:
            cells.setdefault((t.month, t.hour), []).append(v)
        for month in range(1, 13):
            for hour in range(24):
                v = sorted(cells[(month, hour)])
                rows.append([zone, month, hour, fmt(statistics.fmean(v)), fmt(v[0]), fmt(quantile(v, 0.1)),
                             fmt(statistics.median(v)), fmt(quantile(v, 0.9)), fmt(v[-1]), len(v), year])
        hours_expected = (datetime.datetime(year + 1, 1, 1) - datetime.datetime(year, 1, 1)).days * 24
        summary.append((zone, year, kind, repo, len(vals), hours_expected - len(vals), statistics.fmean(vals)))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    with open(out_path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    print(f"wrote {out_path}: {len(summary)} zones, {len(rows)} rows", file=sys.stderr)
    print("zone,year,kind,upstream,n_hours,n_hours_missing,annual_mean_lca_gco2eq_per_kwh")
    for zone, year, kind, repo, n, missing, mean in sorted(summary):
        print(f"{zone},{year},{kind},{repo},{n},{missing},{mean:.1f}")


if __name__ == "__main__":
    main()
