#!/usr/bin/env python3
"""Generates hardware_db/regions.yaml from the cited tables in ../shared/reference.

    python3 hardware_db/tools/make_regions.py [REFERENCE_DIR]   # default ../shared/reference

Sources (see hardware_db/REGIONS_SOURCES.md and NOTICE):
  countries        eco2AI carbon_index_2025.csv "Whole country" rows (Ember yearly data, CC BY 4.0);
                   the few countries it lacks from CodeCarbon global_energy_mix.json (OWID, CC BY 4.0)
  US states        eGRID2023 via eco2AI carbon_index_2025.csv (kg/MWh = g/kWh); cross-checked against
                   eGRID2016 in CodeCarbon usa_emissions.json, which is in lb/MWh
  CA provinces     Canada National Inventory Report 2024 via eco2AI
  AU states        Australian National Greenhouse Accounts Factors 2025 via eco2AI
  cloud regions    GCP: Google's published grid intensity per region (CodeCarbon cloud/impact.csv, 2024);
                   AWS / Azure: the intensity of the grid region they are mapped to
  PUE              provider fleet PUEs (published reports); per-site PUE where the provider publishes
                   it (Google, via mlco2/impact impact.csv)
Only the standard library is used; the output is deterministic.
"""
import csv
import json
import os
import sys

REF = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "reference")
OUT = os.path.join(os.path.dirname(__file__), "..", "regions.yaml")

ECO2AI = "eco2AI carbon_index_2025.csv (sb-ai-lab/Eco2AI @7f8885b, Apache-2.0)"
SRC_REF = {
    "ember": "Ember yearly electricity data via " + ECO2AI + "; Ember data CC BY 4.0",
    "ger2022": "Ember Global Electricity Review 2022 (2021 data) via " + ECO2AI + "; CC BY 4.0",
    "egrid2023": "US EPA eGRID2023 state output emission rate via " + ECO2AI + "; public domain",
    "nir2024": "Canada National Inventory Report 2024 (provincial factors) via " + ECO2AI,
    "nga2025": "Australian National Greenhouse Accounts Factors 2025 (state factors) via " + ECO2AI,
}
OWID = ("Our World in Data energy-data (Ember + Energy Institute) via CodeCarbon "
        "private_infra/global_energy_mix.json (mlco2/codecarbon @b05965e, MIT); OWID data CC BY 4.0")
GOOGLE = ("Google Cloud region carbon data, grid carbon intensity (gCO2eq/kWh), "
          "cloud.google.com/sustainability/region-carbon, via CodeCarbon cloud/impact.csv (updated 2024-07)")

US_STATES = {
    "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA", "Colorado": "CO",
    "Connecticut": "CT", "Delaware": "DE", "District of Columbia": "DC", "Florida": "FL", "Georgia": "GA",
    "Hawaii": "HI", "Idaho": "ID", "Illinois": "IL", "Indiana": "IN", "Iowa": "IA", "Kansas": "KS",
    "Kentucky": "KY", "Louisiana": "LA", "Maine": "ME", "Maryland": "MD", "Massachusetts": "MA",
    "Michigan": "MI", "Minnesota": "MN", "Mississippi": "MS", "Missouri": "MO", "Montana": "MT",
    "Nebraska": "NE", "Nevada": "NV", "New Hampshire": "NH", "New Jersey": "NJ", "New Mexico": "NM",
    "New York": "NY", "North Carolina": "NC", "North Dakota": "ND", "Ohio": "OH", "Oklahoma": "OK",
    "Oregon": "OR", "Pennsylvania": "PA", "Rhode Island": "RI", "South Carolina": "SC", "South Dakota": "SD",
    "Tennessee": "TN", "Texas": "TX", "Utah": "UT", "Vermont": "VT", "Virginia": "VA", "Washington": "WA",
    "West Virginia": "WV", "Wisconsin": "WI", "Wyoming": "WY"}
CA_PROVINCES = {
    "Alberta": "AB", "British Columbia": "BC", "Manitoba": "MB", "New Brunswick": "NB",
    "Newfoundland and Labrador": "NL", "Nova Scotia": "NS", "Northwest Territories": "NT", "Nunavut": "NU",
    "Ontario": "ON", "Prince Edward Island": "PE", "Quebec": "QC", "Saskatchewan": "SK", "Yukon": "YT"}
AU_STATES = {
    "Australian Capital Territory": "ACT", "New South Wales": "NSW", "Northern Territory": "NT",
    "Queensland": "QLD", "South Australia": "SA", "Tasmania": "TAS", "Victoria": "VIC",
    "Western Australia": "WA"}
# ISO 3166-1 alpha-2 for the OWID countries that eco2AI's table lacks, and for Namibia, whose
# code "NA" the eco2AI file stores as an empty cell (a pandas missing-value artefact).
EXTRA_ISO2 = {"BMU": "BM", "ESH": "EH", "GIB": "GI", "SHN": "SH", "TLS": "TL", "NAM": "NA"}

# EIA-930 balancing authority whose typical-day profile applies (hardware_db/hourly/). A state is
# mapped only where one of the 8 BAs serves most of its load; the mapping is approximate.
HOURLY = {"CA": "CISO", "TX": "ERCO", "AZ": "AZPS", "WA": "BPAT", "OR": "BPAT", "ID": "BPAT",
          "NY": "NYIS", "VA": "PJM", "PA": "PJM", "NJ": "PJM", "MD": "PJM", "DE": "PJM", "DC": "PJM",
          "OH": "PJM", "WV": "PJM", "GA": "SOCO", "AL": "SOCO", "IA": "MISO", "MN": "MISO", "WI": "MISO",
          "MI": "MISO", "AR": "MISO", "LA": "MISO", "MS": "MISO"}

# Provider fleet PUEs. Values are the providers' own published figures.
PROVIDER_PUE = {
    "aws": (1.15, "Amazon 2023 Sustainability Report: AWS global data-center PUE 1.15 (2023)"),
    "azure": (1.18, "Microsoft 2024 Environmental Sustainability Report: Azure fleet design PUE 1.18 (FY2023)"),
    "gcp": (1.10, "Google 2023 Environmental Report: fleet-wide trailing-twelve-month PUE 1.10 (2022)"),
}
GLOBAL_PUE = (1.58, "Uptime Institute Global Data Center Survey 2023: average annual PUE 1.58 "
                    "(also carbontracker's PUE_2023 constant)")

# Cloud regions: provider, code, name, location, grid region id. AWS and Azure codes and
# locations from mlco2/impact impact.csv where listed there, else from the providers' region pages.
AWS = [
    ("us-east-1", "US East (N. Virginia)", "Ashburn, Virginia", "US-VA"),
    ("us-east-2", "US East (Ohio)", "Columbus, Ohio", "US-OH"),
    ("us-west-1", "US West (N. California)", "San Francisco Bay Area, California", "US-CA"),
    ("us-west-2", "US West (Oregon)", "Boardman, Oregon", "US-OR"),
    ("us-gov-east-1", "AWS GovCloud (US-East)", "Ohio", "US-OH"),
    ("us-gov-west-1", "AWS GovCloud (US-West)", "Oregon", "US-OR"),
    ("ca-central-1", "Canada (Central)", "Montreal, Quebec", "CA-QC"),
    ("ca-west-1", "Canada West (Calgary)", "Calgary, Alberta", "CA-AB"),
    ("sa-east-1", "South America (Sao Paulo)", "Sao Paulo, Brazil", "BR"),
    ("eu-west-1", "Europe (Ireland)", "Dublin, Ireland", "IE"),
    ("eu-west-2", "Europe (London)", "London, United Kingdom", "GB"),
    ("eu-west-3", "Europe (Paris)", "Paris, France", "FR"),
    ("eu-central-1", "Europe (Frankfurt)", "Frankfurt, Germany", "DE"),
    ("eu-central-2", "Europe (Zurich)", "Zurich, Switzerland", "CH"),
    ("eu-north-1", "Europe (Stockholm)", "Stockholm, Sweden", "SE"),
    ("eu-south-1", "Europe (Milan)", "Milan, Italy", "IT"),
    ("eu-south-2", "Europe (Spain)", "Aragon, Spain", "ES"),
    ("me-south-1", "Middle East (Bahrain)", "Bahrain", "BH"),
    ("me-central-1", "Middle East (UAE)", "United Arab Emirates", "AE"),
    ("il-central-1", "Israel (Tel Aviv)", "Tel Aviv, Israel", "IL"),
    ("af-south-1", "Africa (Cape Town)", "Cape Town, South Africa", "ZA"),
    ("ap-east-1", "Asia Pacific (Hong Kong)", "Hong Kong", "HK"),
    ("ap-south-1", "Asia Pacific (Mumbai)", "Mumbai, India", "IN"),
    ("ap-south-2", "Asia Pacific (Hyderabad)", "Hyderabad, India", "IN"),
    ("ap-northeast-1", "Asia Pacific (Tokyo)", "Tokyo, Japan", "JP"),
    ("ap-northeast-2", "Asia Pacific (Seoul)", "Seoul, South Korea", "KR"),
    ("ap-northeast-3", "Asia Pacific (Osaka)", "Osaka, Japan", "JP"),
    ("ap-southeast-1", "Asia Pacific (Singapore)", "Singapore", "SG"),
    ("ap-southeast-2", "Asia Pacific (Sydney)", "Sydney, New South Wales", "AU-NSW"),
    ("ap-southeast-3", "Asia Pacific (Jakarta)", "Jakarta, Indonesia", "ID"),
    ("ap-southeast-4", "Asia Pacific (Melbourne)", "Melbourne, Victoria", "AU-VIC"),
    ("cn-north-1", "China (Beijing)", "Beijing, China", "CN"),
    ("cn-northwest-1", "China (Ningxia)", "Ningxia, China", "CN"),
]
AZURE = [
    ("eastus", "East US", "Virginia", "US-VA"), ("eastus2", "East US 2", "Virginia", "US-VA"),
    ("centralus", "Central US", "Iowa", "US-IA"), ("northcentralus", "North Central US", "Illinois", "US-IL"),
    ("southcentralus", "South Central US", "Texas", "US-TX"), ("westcentralus", "West Central US", "Wyoming", "US-WY"),
    ("westus", "West US", "California", "US-CA"), ("westus2", "West US 2", "Washington", "US-WA"),
    ("westus3", "West US 3", "Phoenix, Arizona", "US-AZ"),
    ("canadacentral", "Canada Central", "Toronto, Ontario", "CA-ON"),
    ("canadaeast", "Canada East", "Quebec City, Quebec", "CA-QC"),
    ("brazilsouth", "Brazil South", "Sao Paulo State, Brazil", "BR"),
    ("northeurope", "North Europe", "Dublin, Ireland", "IE"), ("westeurope", "West Europe", "Amsterdam, Netherlands", "NL"),
    ("uksouth", "UK South", "London, United Kingdom", "GB"), ("ukwest", "UK West", "Cardiff, United Kingdom", "GB"),
    ("francecentral", "France Central", "Paris, France", "FR"), ("francesouth", "France South", "Marseille, France", "FR"),
    ("germanywestcentral", "Germany West Central", "Frankfurt, Germany", "DE"),
    ("swedencentral", "Sweden Central", "Gavle, Sweden", "SE"), ("norwayeast", "Norway East", "Oslo, Norway", "NO"),
    ("switzerlandnorth", "Switzerland North", "Zurich, Switzerland", "CH"),
    ("polandcentral", "Poland Central", "Warsaw, Poland", "PL"), ("italynorth", "Italy North", "Milan, Italy", "IT"),
    ("qatarcentral", "Qatar Central", "Doha, Qatar", "QA"), ("uaenorth", "UAE North", "Dubai, UAE", "AE"),
    ("southafricanorth", "South Africa North", "Johannesburg, South Africa", "ZA"),
    ("southafricawest", "South Africa West", "Cape Town, South Africa", "ZA"),
    ("eastasia", "East Asia", "Hong Kong", "HK"), ("southeastasia", "Southeast Asia", "Singapore", "SG"),
    ("japaneast", "Japan East", "Tokyo, Japan", "JP"), ("japanwest", "Japan West", "Osaka, Japan", "JP"),
    ("koreacentral", "Korea Central", "Seoul, South Korea", "KR"), ("koreasouth", "Korea South", "Busan, South Korea", "KR"),
    ("centralindia", "Central India", "Pune, India", "IN"), ("southindia", "South India", "Chennai, India", "IN"),
    ("westindia", "West India", "Mumbai, India", "IN"),
    ("australiaeast", "Australia East", "Sydney, New South Wales", "AU-NSW"),
    ("australiasoutheast", "Australia Southeast", "Melbourne, Victoria", "AU-VIC"),
    ("australiacentral", "Australia Central", "Canberra", "AU-ACT"),
]
# GCP locations → grid (the region list and intensities come from CodeCarbon's cloud/impact.csv).
GCP_GRID = {
    "us-central1": "US-IA", "us-east1": "US-SC", "us-east4": "US-VA", "us-east5": "US-OH", "us-south1": "US-TX",
    "us-west1": "US-OR", "us-west2": "US-CA", "us-west3": "US-UT", "us-west4": "US-NV",
    "northamerica-northeast1": "CA-QC", "northamerica-northeast2": "CA-ON",
    "australia-southeast1": "AU-NSW", "australia-southeast2": "AU-VIC"}


def read_csv(rel):
    with open(os.path.join(REF, rel), newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def q(s):
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


def num(v):
    return ("%.3f" % v).rstrip("0").rstrip(".")


def main():
    eco = read_csv("eco2ai/carbon_index_2025.csv")
    regions = []
    by_id = {}

    def add(r):
        assert r["id"] not in by_id, r["id"]
        by_id[r["id"]] = r
        regions.append(r)

    # Countries.
    iso3_to_iso2 = {}
    for row in eco:
        if row["region"] != "Whole country":
            continue
        iso2, iso3, name = row["alpha_2_code"] or EXTRA_ISO2[row["alpha_3_code"]], row["alpha_3_code"], row["country"]
        if name == "World":
            continue
        iso3_to_iso2[iso3] = iso2
        aliases = [iso3, name]
        alt = row["alternative_name"]
        if alt and alt != "N/A" and alt not in aliases:
            aliases.append(alt)
        add({"id": iso2, "aliases": aliases, "name": name, "kind": "country",
             "ci": float(row["Emission intensity, kg/MWh"]), "year": int(row["year"]),
             "source": SRC_REF[row["reference"]]})
    with open(os.path.join(REF, "codecarbon/private_infra/global_energy_mix.json"), encoding="utf-8") as f:
        owid = json.load(f)
    for iso3, row in sorted(owid.items()):
        if iso3 in iso3_to_iso2:
            continue
        iso2 = EXTRA_ISO2[iso3]
        add({"id": iso2, "aliases": [iso3, row["country_name"]], "name": row["country_name"], "kind": "country",
             "ci": float(row["carbon_intensity"]), "year": int(row["year"]), "source": OWID})
    world = next(r for r in eco if r["country"] == "World")
    add({"id": "WORLD", "aliases": ["world"], "name": "World average", "kind": "world",
         "ci": float(world["Emission intensity, kg/MWh"]), "year": int(world["year"]), "source": SRC_REF["ember"]})

    # Sub-national grids.
    for row in eco:
        ref = row["reference"]
        table = {"egrid2023": ("US", US_STATES, "us-state"), "nir2024": ("CA", CA_PROVINCES, "ca-province"),
                 "nga2025": ("AU", AU_STATES, "subnational")}.get(ref)
        if not table:
            continue
        prefix, codes, kind = table
        code = codes[row["region"]]
        r = {"id": prefix + "-" + code, "aliases": [], "name": row["region"] + (", " + by_id[prefix]["name"]),
             "kind": kind, "ci": float(row["Emission intensity, kg/MWh"]), "year": int(row["year"]),
             "source": SRC_REF[ref]}
        if prefix == "US" and code in HOURLY:
            r["hourly_profile"] = HOURLY[code]
        add(r)

    # Names as aliases where they are unambiguous (e.g. not "Georgia": a country and a US state).
    taken = {}
    for r in regions:
        for k in [r["id"]] + r["aliases"]:
            taken.setdefault(k.lower(), []).append(r["id"])
    for r in regions:
        if r["kind"] in ("us-state", "ca-province", "subnational"):
            plain = r["name"].split(",")[0]
            if plain.lower() not in taken:
                r["aliases"].append(plain)
                taken[plain.lower()] = [r["id"]]

    # Cloud regions.
    impact = read_csv("mlco2-impact/impact.csv")
    site_pue = {(row["provider"], row["region"]): (float(row["PUE"]), row["PUE source"])
                for row in impact if row["PUE"].strip()}

    def cloud(provider, code, name, location, grid, ci=None, year=None, source=None):
        g = by_id[grid]
        r = {"id": provider + ":" + code, "aliases": [provider + " " + code], "name": name, "kind": "cloud",
             "provider": provider, "grid": grid, "location": location,
             "ci": g["ci"] if ci is None else ci, "year": g["year"] if year is None else year,
             "source": source or ("grid of " + grid + ": " + g["source"])}
        if (provider, code) in site_pue:
            r["pue"], src = site_pue[(provider, code)]
            r["pue_source"] = "mlco2/impact impact.csv (site PUE): " + src
        if g.get("hourly_profile"):
            r["hourly_profile"] = g["hourly_profile"]
        add(r)

    for code, name, loc, grid in AWS:
        cloud("aws", code, "AWS " + name, loc, grid)
    for code, name, loc, grid in AZURE:
        cloud("azure", code, "Azure " + name, loc, grid)
    for row in read_csv("codecarbon/cloud/impact.csv"):
        if row["provider"] != "gcp":
            continue
        code = row["region"]
        iso3 = row["countryIsoCode"]
        grid = GCP_GRID.get(code, iso3_to_iso2.get(iso3))
        loc = ", ".join(x for x in (row["city"], row["country_name"]) if x)
        cloud("gcp", code, "Google Cloud " + code, loc, grid, ci=float(row["impact"]), year=2024, source=GOOGLE)

    # Cross-check eGRID2023 against eGRID2016 (lb/MWh) — printed, not stored.
    with open(os.path.join(REF, "codecarbon/private_infra/2016/usa_emissions.json"), encoding="utf-8") as f:
        egrid16 = json.load(f)
    diffs = []
    for state, code in US_STATES.items():
        old = egrid16.get(state.lower(), {}).get("emissions")
        if old:
            diffs.append((by_id["US-" + code]["ci"] - float(old) * 0.45359237, code))
    diffs.sort()

    lines = ["# hardware_db/regions.yaml — generated by hardware_db/tools/make_regions.py from ../shared/reference;",
             "# do not edit by hand (edit the script and run it). Sources: hardware_db/REGIONS_SOURCES.md.",
             "# ci_g_per_kwh: annual location-based grid intensity, g CO2e per kWh. Cloud regions carry the",
             "# intensity of the grid they draw from (`grid`); `pue` only where published for the site.",
             "defaults:",
             "  global_pue: {value: %s, source: %s}" % (num(GLOBAL_PUE[0]), q(GLOBAL_PUE[1])),
             "  provider_pue:"]
    for p, (v, s) in PROVIDER_PUE.items():
        lines.append("    %s: {value: %s, source: %s}" % (p, num(v), q(s)))
    lines.append("regions:")
    for r in regions:
        lines.append("  - id: " + q(r["id"]))
        lines.append("    aliases: [" + ", ".join(q(a) for a in r["aliases"]) + "]")
        lines.append("    name: " + q(r["name"]))
        lines.append("    kind: " + q(r["kind"]))
        for k in ("provider", "grid", "location"):
            if r.get(k):
                lines.append("    %s: %s" % (k, q(r[k])))
        lines.append("    ci_g_per_kwh: " + num(r["ci"]))
        lines.append("    year: %d" % r["year"])
        lines.append("    source: " + q(r["source"]))
        if "pue" in r:
            lines.append("    pue: " + num(r["pue"]))
            lines.append("    pue_source: " + q(r["pue_source"]))
        if r.get("hourly_profile"):
            lines.append("    hourly_profile: " + q(r["hourly_profile"]))
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")

    kinds = {}
    for r in regions:
        key = r["kind"] + (":" + r["provider"] if r.get("provider") else "")
        kinds[key] = kinds.get(key, 0) + 1
    print("wrote %s: %d regions %s" % (OUT, len(regions), kinds))
    print("eGRID2023 − eGRID2016 (g/kWh): min %.0f (%s), median %.0f, max %.0f (%s)" %
          (diffs[0][0], diffs[0][1], diffs[len(diffs) // 2][0], diffs[-1][0], diffs[-1][1]))


if __name__ == "__main__":
    main()
