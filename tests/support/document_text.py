"""What the Python suites read back from the documents panelpack writes: a DOCX's text from its
XML, and any document's text as LibreOffice reads it. Standard library only; a suite adds this
folder (tests/support) to sys.path and imports what it needs."""

import re
import subprocess
import tempfile
import zipfile
from pathlib import Path


def docx_text(path):
    """The text of word/document.xml's runs, joined; fails (BadZipFile, KeyError,
    AssertionError) on a half-written or corrupt file."""
    with zipfile.ZipFile(path) as package:
        if package.testzip() is not None:
            raise AssertionError(f"{path} has a corrupt entry")
        xml = package.read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))


def libreoffice_text(document, scratch):
    """The document's text as LibreOffice reads it (soffice --convert-to txt), with a profile
    of its own under `scratch`, so that runs in parallel do not share one."""
    profile = tempfile.mkdtemp(prefix="pp-lo-text-", dir=scratch)
    outdir = Path(scratch) / "soffice-text"
    subprocess.run(["soffice", "--headless", "--norestore",
                    "-env:UserInstallation=file://" + profile, "--convert-to", "txt:Text",
                    "--outdir", str(outdir), str(document)],
                   check=True, capture_output=True, timeout=300, stdin=subprocess.DEVNULL)
    return (outdir / (Path(document).stem + ".txt")).read_text(encoding="utf-8-sig")
