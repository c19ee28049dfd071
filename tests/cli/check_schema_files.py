#!/usr/bin/python3
"""Checks every docs/schema/*.json against the JSON Schema 2020-12 metaschema, and that every
property carries a description. Needs python3-jsonschema; exits 77 (skipped) without it."""

import json
import sys
from pathlib import Path

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed: skipped")
    sys.exit(77)


def properties_without_description(node, where):
    missing = []
    if isinstance(node, dict):
        for name, child in node.get("properties", {}).items():
            if "description" not in child:
                missing.append(f"{where}/properties/{name}")
        for key, child in node.items():
            missing += properties_without_description(child, f"{where}/{key}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            missing += properties_without_description(child, f"{where}/{index}")
    return missing


def main(directory):
    failures = 0
    files = sorted(Path(directory).glob("*.json"))
    for path in files:
        schema = json.loads(path.read_text(encoding="utf-8"))
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.exceptions.SchemaError as error:
            print(f"{path.name}: not a valid 2020-12 schema: {error.message}")
            failures += 1
        if schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
            print(f"{path.name}: $schema is not 2020-12")
            failures += 1
        for missing in properties_without_description(schema, ""):
            print(f"{path.name}: {missing} has no description")
            failures += 1
    print(f"{len(files)} schema files checked, {failures} problems")
    return 1 if failures or not files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
