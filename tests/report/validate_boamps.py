#!/usr/bin/env python3
"""Validates foreprint's BoAmps reports against the BoAmps JSON schemas (Boavizta, CC BY 4.0).

Usage: validate_boamps.py SCHEMA_DIR FOREPRINT CONFIG...

SCHEMA_DIR holds report_schema.json and the schemas it references by URL (algorithm, dataset,
measure, hardware), as in ../shared/reference/boamps. For each CONFIG the script runs
`FOREPRINT estimate CONFIG --boamps` and validates its output. As controls it also validates the
schema's own example (energy-report-llm-inference.json, must pass) and two broken copies of
foreprint's first report (no `measures`; a component without `componentType`, which only the
referenced hardware schema requires), which must fail: a validator that accepts everything, or one
that does not follow the schema's $refs, cannot pass.
Exit 0 when all pass; 1 with the violations listed otherwise. Test-only: needs python3-jsonschema.
"""
import copy
import json
import os
import subprocess
import sys

import jsonschema


def load_schemas(schema_dir):
    schemas = {}
    for name in os.listdir(schema_dir):
        if name.endswith("_schema.json"):
            with open(os.path.join(schema_dir, name), encoding="utf-8") as f:
                schema = json.load(f)
            schemas[schema["id"]] = schema
    return schemas


def make_validator(schemas):
    root = next(s for uri, s in schemas.items() if uri.endswith("/report_schema.json"))
    try:  # jsonschema >= 4.18: the referencing library
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT4

        registry = Registry().with_resources(
            (uri, Resource.from_contents(s, default_specification=DRAFT4)) for uri, s in schemas.items())
        return jsonschema.Draft4Validator(root, registry=registry)
    except ImportError:  # Debian 12's python3-jsonschema 4.10
        resolver = jsonschema.RefResolver.from_schema(root, store=schemas, id_of=lambda s: s.get("id", ""))
        return jsonschema.Draft4Validator(root, resolver=resolver)


def errors_of(validator, document):
    return sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    schema_dir, foreprint, configs = argv[1], argv[2], argv[3:]
    validator = make_validator(load_schemas(schema_dir))
    failures = 0
    with open(os.path.join(schema_dir, "energy-report-llm-inference.json"), encoding="utf-8") as f:
        example = json.load(f)
    for e in errors_of(validator, example):
        print(f"FAIL control: the schema's own example is rejected: {e.message}")
        failures += 1
    first, passed = None, 0
    for config in configs:
        env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600")
        run = subprocess.run([foreprint, "estimate", config, "--boamps"], capture_output=True, text=True, env=env)
        if run.returncode != 0:
            print(f"FAIL {config}: exit {run.returncode}: {run.stderr.strip()}")
            failures += 1
            continue
        report = json.loads(run.stdout)
        first = first or report
        errs = errors_of(validator, report)
        for e in errs:
            print(f"FAIL {config}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
        if errs:
            failures += 1
        else:
            passed += 1
            print(f"ok   {config}: taskStage {report['task']['taskStage']}, "
                  f"powerConsumption {report['measures'][0]['powerConsumption']:.6g} kWh")
    if first is not None:
        broken = copy.deepcopy(first)
        del broken["measures"]
        if not errors_of(validator, broken):
            print("FAIL control: a report without 'measures' was accepted")
            failures += 1
        broken = copy.deepcopy(first)  # a referenced schema (hardware_schema.json) must be applied too
        del broken["infrastructure"]["components"][0]["componentType"]
        if not errors_of(validator, broken):
            print("FAIL control: a component without 'componentType' was accepted ($ref not resolved)")
            failures += 1
    print(f"{passed} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
