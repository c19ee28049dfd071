"""A private copy of the sample office for a test: samples/office copied as it is into a
temporary folder (what it leaves out is what commands write there). office.json names no
template, so the copy uses the templates installed with panelpack: an office can be copied."""

import json
import os
import shutil
from pathlib import Path

SOURCE = Path(os.environ.get("PANELPACK_SOURCE_DIR") or Path(__file__).resolve().parents[2])
SAMPLE_OFFICE = SOURCE / "samples" / "office"


def copy_sample_office(destination):
    destination = Path(destination)
    shutil.copytree(SAMPLE_OFFICE, destination,
                    ignore=shutil.ignore_patterns("packs", "records", "*.db", "*.db-*", "outbox*", ".*.lock", "tick-state.json"))
    return destination


def edit_json(path, change):
    """Loads a JSON file, lets `change` edit it in place, writes it back."""
    path = Path(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return data
