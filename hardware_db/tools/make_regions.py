#!/usr/bin/env python3
"""Generates hardware_db/regions.yaml from the cited tables in ../shared/reference.

    python3 hardware_db/tools/make_regions.py [REFERENCE_DIR]   # default ../shared/reference (beside the repo)

Sources (hardware_db/REGIONS_SOURCES.md says more; NOTICE has the attributions):
  countries     the newest figure among eco2AI carbon_index_2025.csv "Whole country" rows (Ember),
                CodeCarbon private_infra/global_energy_mix.json (Our World in Data) and carbontracker
                carbon-intensities.csv (OWID); ties go to that order
  WORLD         Ember world average (eco2AI); used only when a user names it
  US states     eGRID2023 via eco2AI (kg/MWh = g/kWh); cross-checked against eGRID2016 in CodeCarbon
                2016/usa_emissions.json (lb/MWh x 0.45359237 = g/kWh) -- printed, not stored
  CA provinces  Canada National Inventory Report 2024 via eco2AI
  AU states, CN provinces   NGA Factors 2025 / China MEE 2023 via eco2AI (ISO 3166-2 ids)
  cloud         GCP: Google's published grid intensity per region (CodeCarbon cloud/impact.csv, 2024);
                AWS / Azure: the intensity of the `grid` region they draw from
  PUE           provider fleet PUEs and the global default (published reports, cited with year);
                per-site PUE only where the operator publishes one (Google, via mlco2/impact impact.csv)
  hourly        hourly_profile: the EIA-930 balancing authority where one of the 8 BAs serves the region
                (STATE_HOURLY and the cloud tables below), else the Electricity Maps zone from
                hardware_db/hourly/zone_mapping.csv (cited per row); the profile gives the shape only
                (hardware_db/hourly/SOURCES.md)
Standard library only; the output is deterministic.
"""
import csv
import json
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
REF = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "..", "shared", "reference")
OUT = os.path.join(REPO, "hardware_db", "regions.yaml")

LB_TO_KG = 0.45359237
ECO = "via eco2AI carbon_index_2025.csv"
OWID_CC = "via CodeCarbon private_infra/global_energy_mix.json (OWID data CC BY 4.0)"
OWID_CT = "via carbontracker carbon-intensities.csv (OWID data CC BY 4.0)"
GOOGLE = ("Google Cloud region carbon data 2024, grid carbon intensity (cloud.google.com/sustainability/"
          "region-carbon), via CodeCarbon cloud/impact.csv")


def eco_source(ref, year):
    return {
        "ember": "Ember yearly electricity data %s %s (Ember CC BY 4.0)" % (year, ECO),
        "ger2022": "Ember Global Electricity Review 2022 (%s data) %s (CC BY 4.0)" % (year, ECO),
        "egrid2023": "US EPA eGRID2023 state output emission rate (%s) %s (public domain)" % (year, ECO),
        "nir2024": "Canada National Inventory Report 2024, provincial electricity intensity, %s" % ECO,
        "nga2025": "Australian National Greenhouse Accounts Factors 2025, state factor, %s" % ECO,
        "mee2023": "China Ministry of Ecology and Environment 2023 provincial grid factor, %s" % ECO,
    }[ref]


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
CN_PROVINCES = {  # ISO 3166-2:CN (2017 alphabetic codes)
    "Beijing": "BJ", "Tianjin": "TJ", "Hebei": "HE", "Shanxi": "SX", "Inner Mongolia": "NM", "Liaoning": "LN",
    "Jilin": "JL", "Heilongjiang": "HL", "Shanghai": "SH", "Jiangsu": "JS", "Zhejiang": "ZJ", "Anhui": "AH",
    "Fujian": "FJ", "Jiangxi": "JX", "Shandong": "SD", "Henan": "HA", "Hubei": "HB", "Hunan": "HN",
    "Guangdong": "GD", "Guangxi": "GX", "Hainan": "HI", "Chongqing": "CQ", "Sichuan": "SC", "Guizhou": "GZ",
    "Yunnan": "YN", "Shaanxi": "SN", "Gansu": "GS", "Qinghai": "QH", "Ningxia": "NX", "Xinjiang": "XJ"}
SUBNATIONAL = {  # eco2AI reference key -> (country id, code table, kind)
    "egrid2023": ("US", US_STATES, "us-state"),
    "nir2024": ("CA", CA_PROVINCES, "ca-province"),
    "nga2025": ("AU", AU_STATES, "subnational"),
    "mee2023": ("CN", CN_PROVINCES, "subnational"),
}
# Not used (see REGIONS_SOURCES.md): moej2026 (Japanese prefectures: one factor per utility area, no
# area ids), mcti2025 (Brazil: the national factor repeated per state), ember-india (state codes in the
# file are pre-2020 ISO codes), russia (2021), ger2022 US Virgin Islands (the country row VI is newer).

# ISO 3166-1 alpha-2 for OWID countries that eco2AI lacks, and for Namibia, whose code "NA" the eco2AI
# file stores as an empty cell (a pandas missing-value artefact).
EXTRA_ISO2 = {"BMU": "BM", "ESH": "EH", "GIB": "GI", "SHN": "SH", "TLS": "TL", "NAM": "NA"}
# Common English names users type. Ambiguous names are left out on purpose: "Georgia" (country GE and
# US state US-GA) and "Congo" (CG and CD) are aliases of neither.
EXTRA_ALIASES = {
    "GB": ["UK", "Great Britain"], "US": ["United States of America"], "CZ": ["Czech Republic"],
    "TR": ["Turkiye"], "CI": ["Ivory Coast"], "CD": ["DR Congo"], "CG": ["Republic of the Congo"],
    "CV": ["Cabo Verde"], "SZ": ["Swaziland"], "FO": ["Faroe Islands"], "MO": ["Macau"],
    "TL": ["Timor-Leste"], "RU": ["Russian Federation"], "KR": ["Republic of Korea"], "VN": ["Viet Nam"],
}
AMBIGUOUS = {"georgia", "congo"}

# EIA-930 balancing authority whose typical-day profile applies (hardware_db/hourly/). Only where one of
# the 8 BAs serves most of the state's load; approximate either way (see REGIONS_SOURCES.md).
STATE_HOURLY = {
    "CA": "CISO", "TX": "ERCO", "AZ": "AZPS", "WA": "BPAT", "OR": "BPAT", "NY": "NYIS",
    "VA": "PJM", "PA": "PJM", "NJ": "PJM", "MD": "PJM", "DE": "PJM", "DC": "PJM", "OH": "PJM", "WV": "PJM",
    "GA": "SOCO", "AL": "SOCO",
    "IA": "MISO", "MN": "MISO", "WI": "MISO", "MI": "MISO", "IN": "MISO", "AR": "MISO", "LA": "MISO"}
HOURLY_NOTE = "; hourly: EIA-930 %s 2022, approximate BA mapping"
EM_NOTE = "; hourly: Electricity Maps zone %s %s (%s; hardware_db/hourly/zone_mapping.csv)"
ZONE_MAPPING = os.path.join(REPO, "hardware_db", "hourly", "zone_mapping.csv")


def zone_mapping():
    """region id -> (zone, zone year, match class) from the cited mapping table."""
    with open(ZONE_MAPPING, newline="", encoding="utf-8") as f:
        return {r["region_id"]: (r["zone"], r["zone_year"], r["match"]) for r in csv.DictReader(f)}


def add_em_profiles(regions):
    """Regions without an EIA-930 profile get their Electricity Maps zone, where the table maps one."""
    mapping = zone_mapping()
    known = {r["id"] for r in regions}
    unknown = sorted(set(mapping) - known)
    assert not unknown, "zone_mapping.csv names regions not in regions.yaml: %s" % unknown
    added = 0
    for r in regions:
        if r.get("hourly_profile") or r["id"] not in mapping:
            continue
        zone, year, match = mapping[r["id"]]
        r["hourly_profile"] = zone
        r["source"] += EM_NOTE % (zone, year, match)
        added += 1
    return added

PROVIDER_PUE = {
    "aws": (1.15, "Amazon 2023 Sustainability Report / AWS data-center PUE disclosure: global PUE 1.15 (2023)"),
    "gcp": (1.10, "Google 2023 Environmental Report: fleet-wide trailing-twelve-month PUE 1.10 (2022)"),
    "azure": (1.18, "Microsoft 2024 Environmental Sustainability Report / datacenter efficiency page: "
                    "fleet PUE 1.18 (FY2023)"),
}
GLOBAL_PUE = (1.58, "Uptime Institute Global Data Center Survey 2023: industry average annual PUE 1.58 (2023); "
                    "also carbontracker constants.py PUE_2023")

# Cloud regions: (code, display name, location, grid region id, hourly BA or None). Codes and locations
# from mlco2/impact impact.csv where listed there, else the providers' published region lists.
AWS = [
    ("us-east-1", "US East (N. Virginia)", "Northern Virginia, USA", "US-VA", "PJM"),
    ("us-east-2", "US East (Ohio)", "Columbus, Ohio, USA", "US-OH", "PJM"),
    ("us-west-1", "US West (N. California)", "Northern California, USA", "US-CA", "CISO"),
    ("us-west-2", "US West (Oregon)", "Oregon, USA", "US-OR", "BPAT"),
    ("us-gov-east-1", "GovCloud (US-East)", "Ohio, USA (Dublin, OH per mlco2/impact)", "US-OH", "PJM"),
    ("us-gov-west-1", "GovCloud (US-West)", "Washington, USA (Seattle per mlco2/impact)", "US-WA", None),
    ("ca-central-1", "Canada (Central)", "Montreal, Quebec, Canada", "CA-QC", None),
    ("ca-west-1", "Canada West (Calgary)", "Calgary, Alberta, Canada", "CA-AB", None),
    ("mx-central-1", "Mexico (Central)", "Queretaro, Mexico", "MX", None),
    ("sa-east-1", "South America (Sao Paulo)", "Sao Paulo, Brazil", "BR", None),
    ("eu-west-1", "Europe (Ireland)", "Dublin, Ireland", "IE", None),
    ("eu-west-2", "Europe (London)", "London, United Kingdom", "GB", None),
    ("eu-west-3", "Europe (Paris)", "Paris, France", "FR", None),
    ("eu-central-1", "Europe (Frankfurt)", "Frankfurt, Germany", "DE", None),
    ("eu-central-2", "Europe (Zurich)", "Zurich, Switzerland", "CH", None),
    ("eu-north-1", "Europe (Stockholm)", "Stockholm, Sweden", "SE", None),
    ("eu-south-1", "Europe (Milan)", "Milan, Italy", "IT", None),
    ("eu-south-2", "Europe (Spain)", "Aragon, Spain", "ES", None),
    ("me-south-1", "Middle East (Bahrain)", "Bahrain", "BH", None),
    ("me-central-1", "Middle East (UAE)", "United Arab Emirates", "AE", None),
    ("il-central-1", "Israel (Tel Aviv)", "Tel Aviv, Israel", "IL", None),
    ("af-south-1", "Africa (Cape Town)", "Cape Town, South Africa", "ZA", None),
    ("ap-east-1", "Asia Pacific (Hong Kong)", "Hong Kong", "HK", None),
    ("ap-south-1", "Asia Pacific (Mumbai)", "Mumbai, India", "IN", None),
    ("ap-south-2", "Asia Pacific (Hyderabad)", "Hyderabad, India", "IN", None),
    ("ap-northeast-1", "Asia Pacific (Tokyo)", "Tokyo, Japan", "JP", None),
    ("ap-northeast-2", "Asia Pacific (Seoul)", "Seoul, South Korea", "KR", None),
    ("ap-northeast-3", "Asia Pacific (Osaka)", "Osaka, Japan", "JP", None),
    ("ap-southeast-1", "Asia Pacific (Singapore)", "Singapore", "SG", None),
    ("ap-southeast-2", "Asia Pacific (Sydney)", "Sydney, New South Wales, Australia", "AU-NSW", None),
    ("ap-southeast-3", "Asia Pacific (Jakarta)", "Jakarta, Indonesia", "ID", None),
    ("ap-southeast-4", "Asia Pacific (Melbourne)", "Melbourne, Victoria, Australia", "AU-VIC", None),
    ("ap-southeast-5", "Asia Pacific (Malaysia)", "Malaysia", "MY", None),
    ("ap-southeast-7", "Asia Pacific (Thailand)", "Thailand", "TH", None),
    ("cn-north-1", "China (Beijing)", "Beijing, China", "CN-BJ", None),
    ("cn-northwest-1", "China (Ningxia)", "Ningxia, China", "CN-NX", None),
]
AZURE = [
    ("eastus", "East US", "Virginia, USA", "US-VA", "PJM"),
    ("eastus2", "East US 2", "Virginia, USA", "US-VA", "PJM"),
    ("centralus", "Central US", "Des Moines, Iowa, USA", "US-IA", "MISO"),
    ("northcentralus", "North Central US", "Chicago, Illinois, USA", "US-IL", "PJM"),
    ("southcentralus", "South Central US", "San Antonio, Texas, USA", "US-TX", "ERCO"),
    ("westcentralus", "West Central US", "Wyoming, USA", "US-WY", None),
    ("westus", "West US", "California, USA", "US-CA", "CISO"),
    ("westus2", "West US 2", "Quincy, Washington, USA", "US-WA", None),
    ("westus3", "West US 3", "Phoenix area, Arizona, USA", "US-AZ", "AZPS"),
    ("canadacentral", "Canada Central", "Toronto, Ontario, Canada", "CA-ON", None),
    ("canadaeast", "Canada East", "Quebec City, Quebec, Canada", "CA-QC", None),
    ("mexicocentral", "Mexico Central", "Queretaro, Mexico", "MX", None),
    ("brazilsouth", "Brazil South", "Sao Paulo State, Brazil", "BR", None),
    ("brazilsoutheast", "Brazil Southeast", "Rio de Janeiro, Brazil", "BR", None),
    ("northeurope", "North Europe", "Dublin, Ireland", "IE", None),
    ("westeurope", "West Europe", "Amsterdam, Netherlands", "NL", None),
    ("uksouth", "UK South", "London, United Kingdom", "GB", None),
    ("ukwest", "UK West", "Cardiff, United Kingdom", "GB", None),
    ("francecentral", "France Central", "Paris, France", "FR", None),
    ("francesouth", "France South", "Marseille, France", "FR", None),
    ("germanywestcentral", "Germany West Central", "Frankfurt, Germany", "DE", None),
    ("germanynorth", "Germany North", "Berlin, Germany", "DE", None),
    ("swedencentral", "Sweden Central", "Gavle, Sweden", "SE", None),
    ("norwayeast", "Norway East", "Oslo, Norway", "NO", None),
    ("norwaywest", "Norway West", "Stavanger, Norway", "NO", None),
    ("switzerlandnorth", "Switzerland North", "Zurich, Switzerland", "CH", None),
    ("switzerlandwest", "Switzerland West", "Geneva, Switzerland", "CH", None),
    ("polandcentral", "Poland Central", "Warsaw, Poland", "PL", None),
    ("italynorth", "Italy North", "Milan, Italy", "IT", None),
    ("spaincentral", "Spain Central", "Madrid, Spain", "ES", None),
    ("israelcentral", "Israel Central", "Israel", "IL", None),
    ("qatarcentral", "Qatar Central", "Doha, Qatar", "QA", None),
    ("uaenorth", "UAE North", "Dubai, United Arab Emirates", "AE", None),
    ("uaecentral", "UAE Central", "Abu Dhabi, United Arab Emirates", "AE", None),
    ("southafricanorth", "South Africa North", "Johannesburg, South Africa", "ZA", None),
    ("southafricawest", "South Africa West", "Cape Town, South Africa", "ZA", None),
    ("eastasia", "East Asia", "Hong Kong", "HK", None),
    ("southeastasia", "Southeast Asia", "Singapore", "SG", None),
    ("japaneast", "Japan East", "Tokyo, Japan", "JP", None),
    ("japanwest", "Japan West", "Osaka, Japan", "JP", None),
    ("koreacentral", "Korea Central", "Seoul, South Korea", "KR", None),
    ("koreasouth", "Korea South", "Busan, South Korea", "KR", None),
    ("centralindia", "Central India", "Pune, India", "IN", None),
    ("southindia", "South India", "Chennai, India", "IN", None),
    ("westindia", "West India", "Mumbai, India", "IN", None),
    ("australiaeast", "Australia East", "Sydney, New South Wales, Australia", "AU-NSW", None),
    ("australiasoutheast", "Australia Southeast", "Melbourne, Victoria, Australia", "AU-VIC", None),
    ("australiacentral", "Australia Central", "Canberra, Australia", "AU-ACT", None),
    ("australiacentral2", "Australia Central 2", "Canberra, Australia", "AU-ACT", None),
    ("newzealandnorth", "New Zealand North", "Auckland, New Zealand", "NZ", None),
]
# GCP: region list and intensities from CodeCarbon cloud/impact.csv; grid (state/province/territory)
# where the country column is too coarse or wrong, and the hourly BA where the site is in one.
GCP_GRID = {
    "us-central1": "US-IA", "us-east1": "US-SC", "us-east4": "US-VA", "us-east5": "US-OH", "us-south1": "US-TX",
    "us-west1": "US-OR", "us-west2": "US-CA", "us-west3": "US-UT", "us-west4": "US-NV",
    "northamerica-northeast1": "CA-QC", "northamerica-northeast2": "CA-ON",
    "australia-southeast1": "AU-NSW", "australia-southeast2": "AU-VIC", "asia-east2": "HK"}
GCP_HOURLY = {"us-central1": "MISO", "us-east4": "PJM", "us-east5": "PJM", "us-south1": "ERCO", "us-west1": "BPAT"}
GCP_CODE_FIX = {"me-cenrtal1": "me-central1"}  # typo in CodeCarbon's impact.csv


def read_csv(rel):
    with open(os.path.join(REF, rel), newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def read_json(rel):
    with open(os.path.join(REF, rel), encoding="utf-8") as f:
        return json.load(f)


def q(s):
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


def num(v, digits=3):
    return ("%.*f" % (digits, v)).rstrip("0").rstrip(".")


def norm(s):
    return "".join(c.lower() for c in s if c.isascii() and c.isalnum())


def countries(eco, regions, add):
    """One row per country: the newest year among eco2AI (Ember), CodeCarbon (OWID), carbontracker (OWID)."""
    cand = {}  # iso3 -> list of (year, rank, iso2, name, ci, source)
    for row in eco:
        if row["region"] != "Whole country" or row["country"] == "World":
            continue
        iso3 = row["alpha_3_code"]
        iso2 = row["alpha_2_code"] or EXTRA_ISO2[iso3]
        y = int(row["year"])
        cand.setdefault(iso3, []).append((y, 0, iso2, row["country"], float(row["Emission intensity, kg/MWh"]),
                                          eco_source(row["reference"], y)))
    known = {iso3: c[0][2] for iso3, c in cand.items()}
    for iso3, row in read_json("codecarbon/private_infra/global_energy_mix.json").items():
        iso2 = known.get(iso3) or EXTRA_ISO2.get(iso3)
        if iso2 and row.get("carbon_intensity") is not None:
            y = int(row["year"])
            cand.setdefault(iso3, []).append((y, 1, iso2, row["country_name"], float(row["carbon_intensity"]),
                                              "Our World in Data energy-data %d (Ember, Energy Institute) %s"
                                              % (y, OWID_CC)))
    for row in read_csv("carbontracker/carbon-intensities.csv"):
        iso3 = row["Code"]
        iso2 = known.get(iso3) or EXTRA_ISO2.get(iso3) or row["alpha-2"]
        if iso2 and row["Carbon intensity of electricity (gCO2/kWh)"]:
            y = int(row["Year"])
            cand.setdefault(iso3, []).append((y, 2, iso2, row["Entity"],
                                              float(row["Carbon intensity of electricity (gCO2/kWh)"]),
                                              "Our World in Data carbon-intensity-electricity %d %s" % (y, OWID_CT)))
    picked = []
    for iso3, c in cand.items():
        y, rank, iso2, _, ci, src = sorted(c, key=lambda t: (-t[0], t[1]))[0]
        name = next((t[3] for t in sorted(c, key=lambda t: t[1])), iso3)  # eco2AI's English name first
        picked.append((name, iso2, iso3, ci, y, src, rank))
    stats = {}
    for name, iso2, iso3, ci, y, src, rank in sorted(picked):
        aliases = [iso3] + [a for a in [name] + EXTRA_ALIASES.get(iso2, []) if a.lower() not in AMBIGUOUS]
        add({"id": iso2, "aliases": aliases, "name": name, "kind": "country", "ci": ci, "year": y, "source": src})
        stats[rank] = stats.get(rank, 0) + 1
    return stats


def main():
    eco = read_csv("eco2ai/carbon_index_2025.csv")
    regions, by_id = [], {}

    def add(r):
        assert r["id"] not in by_id, r["id"]
        by_id[r["id"]] = r
        regions.append(r)

    country_stats = countries(eco, regions, add)
    world = next(r for r in eco if r["country"] == "World")
    add({"id": "WORLD", "aliases": ["world"], "name": "World average", "kind": "world",
         "ci": float(world["Emission intensity, kg/MWh"]), "year": int(world["year"]),
         "source": eco_source("ember", world["year"]) + "; only used when named explicitly"})

    # Sub-national grids, in file order per table.
    for ref in ("egrid2023", "nir2024", "nga2025", "mee2023"):
        prefix, codes, kind = SUBNATIONAL[ref]
        rows = sorted((r for r in eco if r["reference"] == ref), key=lambda r: codes[r["region"]])
        for row in rows:
            code = codes[row["region"]]
            y = int(row["year"])
            r = {"id": prefix + "-" + code, "aliases": [], "name": row["region"] + ", " + by_id[prefix]["name"],
                 "kind": kind, "ci": float(row["Emission intensity, kg/MWh"]), "year": y,
                 "source": eco_source(ref, y), "plain": row["region"]}
            if prefix == "US" and code in STATE_HOURLY:
                r["hourly_profile"] = STATE_HOURLY[code]
                r["source"] += HOURLY_NOTE % STATE_HOURLY[code]
            add(r)

    # Names as aliases where unambiguous across the whole file.
    taken = {}
    for r in regions:
        for k in [r["id"]] + r["aliases"]:
            taken.setdefault(norm(k), set()).add(r["id"])
    dropped = []
    for r in regions:
        plain = r.pop("plain", None)
        if not plain:
            continue
        if norm(plain) in taken or plain.lower() in AMBIGUOUS:
            dropped.append("%s (%s; also %s)" % (plain, r["id"], ",".join(sorted(taken.get(norm(plain), {"a country"})))))
            continue
        r["aliases"].append(plain)
        taken[norm(plain)] = {r["id"]}

    # Cloud regions.
    site_pue = {(row["provider"], row["region"]): (float(row["PUE"]), row["PUE source"])
                for row in read_csv("mlco2-impact/impact.csv") if row["PUE"].strip()}

    def cloud(provider, code, name, location, grid, hourly, ci=None, year=None, source=None):
        g = by_id[grid]
        base = g["source"].split(HOURLY_NOTE.split("%")[0])[0].split(EM_NOTE.split("%")[0])[0]
        r = {"id": provider + ":" + code, "aliases": [provider + " " + code], "name": name, "kind": "cloud",
             "provider": provider, "grid": grid, "location": location,
             "ci": g["ci"] if ci is None else ci, "year": g["year"] if year is None else year,
             "source": source or ("grid of %s: %s" % (grid, base))}
        if (provider, code) in site_pue:
            v, src = site_pue[(provider, code)]
            r["pue"] = v
            r["pue_source"] = ("Google data-center PUE for this site (%s, as of 2019) via mlco2/impact impact.csv"
                               % src.replace("https://", ""))
        if hourly:
            r["hourly_profile"] = hourly
            r["source"] += HOURLY_NOTE % hourly
        add(r)

    for code, name, loc, grid, hourly in AWS:
        cloud("aws", code, "AWS " + name, loc, grid, hourly)
    gcp_fixed = []
    for row in read_csv("codecarbon/cloud/impact.csv"):
        if row["provider"] != "gcp":
            continue
        code = GCP_CODE_FIX.get(row["region"], row["region"])
        if code != row["region"]:
            gcp_fixed.append("%s -> %s" % (row["region"], code))
        iso2 = next(r["id"] for r in regions if r["kind"] == "country" and r["aliases"][0] == row["countryIsoCode"])
        grid = GCP_GRID.get(code, iso2)
        where = by_id[grid]["name"] if "-" in grid else by_id[iso2]["name"]  # "Iowa, United States"
        loc = row["city"] if grid == "HK" else row["city"] + ", " + where
        cloud("gcp", code, "Google Cloud %s (%s)" % (row["city"], code), loc, grid, GCP_HOURLY.get(code),
              ci=float(row["impact"]), year=2024, source=GOOGLE)
    for code, name, loc, grid, hourly in AZURE:
        cloud("azure", code, "Azure " + name, loc, grid, hourly)

    # Cross-check eGRID2023 (eco2AI, kg/MWh) against eGRID2016 (CodeCarbon, lb/MWh): printed, not stored.
    egrid16 = read_json("codecarbon/private_infra/2016/usa_emissions.json")
    diffs = []
    for state, code in US_STATES.items():
        old = egrid16.get(state.lower(), {}).get("emissions")
        if old is not None:
            new = by_id["US-" + code]["ci"]
            diffs.append((new - float(old) * LB_TO_KG, new / (float(old) * LB_TO_KG) - 1, code))

    em_added = add_em_profiles(regions)
    write(regions)
    report(regions, country_stats, diffs, dropped, gcp_fixed)
    print("hourly profiles: %d regions (%d EIA-930, %d Electricity Maps)" % (
        sum(1 for r in regions if r.get("hourly_profile")), sum(1 for r in regions if r.get("hourly_profile"))
        - em_added, em_added))


def write(regions):
    lines = [
        "# hardware_db/regions.yaml — generated by hardware_db/tools/make_regions.py from ../shared/reference; do not edit by hand.",
        "# ci_g_per_kwh: annual location-based average grid intensity, g CO2e per kWh (kg/MWh); `year` is the",
        "# data year of that figure and `source` names dataset, file and year (hardware_db/REGIONS_SOURCES.md).",
        "# Ids: ISO 3166-1 alpha-2 for countries, ISO 3166-2 for states/provinces (US-CA, CA-QC, AU-NSW, CN-BJ),",
        "# provider:code for cloud regions (aws:us-east-1). Cloud rows name the `grid` region they draw from;",
        "# `pue` only where the operator publishes one for the site, else defaults.provider_pue / global_pue.",
        "# hourly_profile: a profile in hardware_db/hourly, an EIA-930 balancing authority (CISO) or an Electricity",
        "# Maps zone (DE); it gives the shape over the day, the level stays ci_g_per_kwh (hourly/SOURCES.md).",
        "defaults:",
        "  global_pue: {value: %s, source: %s}" % (num(GLOBAL_PUE[0], 2), q(GLOBAL_PUE[1])),
        "  provider_pue:"]
    for p, (v, s) in PROVIDER_PUE.items():
        lines.append("    %s: {value: %s, source: %s}" % (p, "%.2f" % v, q(s)))
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
            lines.append("    pue: " + num(r["pue"], 2))
            lines.append("    pue_source: " + q(r["pue_source"]))
        if r.get("hourly_profile"):
            lines.append("    hourly_profile: " + q(r["hourly_profile"]))
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def report(regions, country_stats, diffs, dropped, gcp_fixed):
    kinds = {}
    for r in regions:
        key = r["kind"] + (":" + r["provider"] if r.get("provider") else "")
        kinds[key] = kinds.get(key, 0) + 1
    print("wrote %s: %d regions, %d bytes" % (os.path.relpath(OUT), len(regions), os.path.getsize(OUT)))
    print("  per kind: " + ", ".join("%s %d" % kv for kv in sorted(kinds.items())))
    print("  country source: eco2AI/Ember %d, CodeCarbon/OWID %d, carbontracker/OWID %d"
          % tuple(country_stats.get(i, 0) for i in range(3)))
    d = sorted(diffs)
    rel = sorted(x[1] for x in diffs)
    print("cross-check eGRID2023 (eco2AI) vs eGRID2016 (CodeCarbon, lb/MWh x %s), %d states+DC:" % (LB_TO_KG, len(d)))
    print("  2023-2016 g/kWh: median %+.0f, mean %+.0f, min %+.0f (%s), max %+.0f (%s); relative median %+.0f%%;"
          " %d of %d lower in 2023" % (statistics.median(x[0] for x in d), statistics.mean(x[0] for x in d),
                                       d[0][0], d[0][2], d[-1][0], d[-1][2], 100 * statistics.median(rel),
                                       sum(1 for x in d if x[0] < 0), len(d)))
    big = [x for x in d if abs(x[1]) > 0.5]
    if big:
        print("  changed by more than 50%%: %s" % ", ".join("%s %+.0f%%" % (x[2], 100 * x[1]) for x in big))
    if dropped:
        print("aliases left out as ambiguous: " + "; ".join(dropped) + "; country names: "
              + ", ".join(sorted(AMBIGUOUS)))
    if gcp_fixed:
        print("GCP region code fixed: " + ", ".join(gcp_fixed))


if __name__ == "__main__":
    main()
