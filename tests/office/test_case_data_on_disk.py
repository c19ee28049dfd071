#!/usr/bin/python3
"""Case data on disk is the owner's only, and what a killed run left is gone after the next run.

Every file panelpack writes holds case data (OFFICIAL-SENSITIVE): it must be 0600 in folders
0700, whatever the caller's umask (these tests run panelpack under umask 022). A run killed with
SIGKILL runs no clean-up: the next run of the same command removes its temporary files (hidden
".NAME.tmp-PID-..." beside an output, a pack's staging folder) and its LibreOffice scratch
folders ("panelpack-pdf-PID-..." in the temporary folder), never those of a run still alive.
LibreOffice is replaced by a fake soffice (PANELPACK_SOFFICE) that makes a one-page PDF, or
hangs so that the run can be killed mid-way.
"""

import fcntl
import os
import signal
import stat
import subprocess
import sys
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))
from office_copy import copy_sample_office  # noqa: E402
from test_cli import BINARY, SUCCESS, CliTestCase, run_tests_of  # noqa: E402

SITTING = ("permanence", "2026-12-15")

# A fake LibreOffice: writes a valid one-page PDF for its input into --outdir, or, when
# FAKE_SOFFICE_HANG names a file, writes its pid there and sleeps (to be killed).
FAKE_SOFFICE = r'''#!/usr/bin/python3
import os, sys, time
hang = os.environ.get("FAKE_SOFFICE_HANG")
if hang:
    with open(hang, "a") as pids:
        pids.write(f"{os.getpid()}\n")
    time.sleep(120)
    sys.exit(1)
arguments = sys.argv[1:]
outdir = arguments[arguments.index("--outdir") + 1]
stem = os.path.splitext(os.path.basename(arguments[-1]))[0]
objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
           b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
pdf = bytearray(b"%PDF-1.4\n")
offsets = []
for number, body in enumerate(objects, 1):
    offsets.append(len(pdf))
    pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
start = len(pdf)
pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
for offset in offsets:
    pdf += b"%010d 00000 n \n" % offset
pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
with open(os.path.join(outdir, stem + ".pdf"), "wb") as out:
    out.write(pdf)
'''


def umask_022():
    os.umask(0o022)


def dead_pid():
    """The id of a process that has exited (and been reaped)."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


class CaseDataTestCase(CliTestCase):
    def setUp(self):
        super().setUp()
        self.office = copy_sample_office(self.root / "office")
        self.temporary = self.root / "tmp"
        self.temporary.mkdir()
        self.soffice = self.root / "fake-soffice"
        self.soffice.write_text(FAKE_SOFFICE)
        self.soffice.chmod(0o755)
        self.hung = self.root / "hung-soffice-pids"
        self.env = dict(os.environ, PANELPACK_SOFFICE=str(self.soffice),
                        TMPDIR=str(self.temporary))

    def tearDown(self):
        if self.hung.exists():
            for pid in self.hung.read_text().split():
                try:
                    os.kill(int(pid), signal.SIGKILL)
                except ProcessLookupError:
                    pass
        super().tearDown()

    def panelpack(self, *arguments, env=None):
        return subprocess.run([BINARY, *map(str, arguments)], capture_output=True, timeout=300,
                              check=False, env=env or self.env, preexec_fn=umask_022)

    def assertOwnerOnly(self, top):
        """`top` and everything under it: files 0600, folders 0700."""
        paths = [Path(top), *Path(top).rglob("*")]
        for path in paths:
            mode = stat.S_IMODE(path.lstat().st_mode)
            expected = 0o700 if path.is_dir() else 0o600
            self.assertEqual(oct(mode), oct(expected), str(path.relative_to(self.root)))
        return paths

    def scratch_folders(self):
        return sorted(p.name for p in self.temporary.iterdir() if p.name.startswith("panelpack-pdf-"))


class OwnerOnlyModes(CaseDataTestCase):
    def test_a_rendered_document_and_the_folder_made_for_it(self):
        data = self.write("data.json", '{"name": "Ada"}')
        output = self.root / "made" / "deeper" / "out.docx"
        self.assertExit(self.panelpack("render", self.template, data, "-o", output), SUCCESS)
        self.assertOwnerOnly(self.root / "made")

    def test_a_document_written_over_an_older_readable_one_becomes_the_owners(self):
        data = self.write("data.json", '{"name": "Ada"}')
        output = self.root / "out.docx"
        output.write_bytes(b"old")
        output.chmod(0o644)
        self.assertExit(self.panelpack("render", self.template, data, "-o", output), SUCCESS)
        self.assertEqual(oct(stat.S_IMODE(output.stat().st_mode)), oct(0o600))

    def test_a_pack_with_its_pdf(self):
        result = self.panelpack("pack", *SITTING, "--pdf", "--office", self.office)
        self.assertExit(result, SUCCESS)
        paths = self.assertOwnerOnly(self.office / "packs")
        names = {p.name for p in paths}
        self.assertIn("manifest.json", names)
        self.assertIn("permanence-2026-12-15.pdf", names)
        self.assertIn("permanence-2026-12-15.zip", names)
        self.assertEqual(self.scratch_folders(), [])

    def test_decision_records_and_their_pdfs(self):
        result = self.panelpack("decisions", *SITTING, "--pdf", "--office", self.office)
        self.assertExit(result, SUCCESS)
        paths = self.assertOwnerOnly(self.office / "records")
        self.assertTrue(any(p.suffix == ".pdf" for p in paths))
        self.assertTrue(any(p.suffix == ".docx" for p in paths))

    def test_dry_run_emails_even_in_a_folder_an_older_panelpack_made_readable(self):
        folder = self.office / "outbox-dry-run"
        folder.mkdir(mode=0o755)
        folder.chmod(0o755)
        result = self.panelpack("tick", "--now", "2026-12-12T09:05", "--dry-run",
                                "--office", self.office)
        self.assertExit(result, SUCCESS)
        paths = self.assertOwnerOnly(folder)
        self.assertGreater(len([p for p in paths if p.suffix == ".eml"]), 0)


class KilledRunsLeaveNothingBehind(CaseDataTestCase):
    def test_a_pack_killed_while_converting_is_cleared_by_the_next_pack(self):
        hanging = dict(self.env, FAKE_SOFFICE_HANG=str(self.hung))
        process = subprocess.Popen([BINARY, "pack", *SITTING, "--pdf", "--office",
                                    str(self.office)], env=hanging, preexec_fn=umask_022,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not self.hung.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertTrue(self.hung.exists(), "the fake LibreOffice never started")
        process.send_signal(signal.SIGKILL)
        process.wait()
        parent = self.office / "packs" / SITTING[0]
        staged = [p.name for p in parent.iterdir() if ".tmp-" in p.name]
        self.assertEqual(len(staged), 1, "the killed pack left its staging folder")
        self.assertEqual(len(self.scratch_folders()), 1, "the killed pack left its PDF scratch")
        self.assertTrue(any(self.temporary.glob("panelpack-pdf-*/**/*.docx")) or
                        any(parent.glob(".*.tmp-*/*.docx")), "no case content was left to clear")

        self.assertExit(self.panelpack("pack", *SITTING, "--pdf", "--office", self.office),
                        SUCCESS)
        self.assertEqual([p.name for p in parent.iterdir() if ".tmp-" in p.name], [])
        self.assertEqual(self.scratch_folders(), [])

    def test_render_removes_a_dead_runs_temporary_file_and_keeps_a_live_ones(self):
        data = self.write("data.json", '{"name": "Ada"}')
        output = self.root / "out" / "letter.docx"
        output.parent.mkdir()
        dead = output.parent / f".letter.docx.tmp-{dead_pid()}-AbC123"
        dead.write_bytes(b"case content of a killed run")
        # A run still writing: its process is alive (this one) and it holds the lock.
        alive = output.parent / f".letter.docx.tmp-{os.getpid()}-XyZ789"
        alive.write_bytes(b"case content being written")
        with open(alive, "rb") as held:
            fcntl.flock(held, fcntl.LOCK_EX)
            self.assertExit(self.panelpack("render", self.template, data, "-o", output), SUCCESS)
            self.assertFalse(dead.exists(), "the dead run's temporary file is still there")
            self.assertTrue(alive.exists(), "a live run's temporary file was removed")
        self.assertEqual(sorted(p.name for p in output.parent.iterdir()),
                         [alive.name, "letter.docx"])

    def test_a_pdf_scratch_folder_of_a_dead_run_is_removed_and_a_live_ones_kept(self):
        dead = self.temporary / f"panelpack-pdf-{dead_pid()}-AbC123"
        (dead / "worker-0").mkdir(parents=True)
        (dead / "worker-0" / "converted.pdf").write_bytes(b"%PDF- case content")
        alive = self.temporary / f"panelpack-pdf-{os.getpid()}-XyZ789"
        alive.mkdir()
        folder = os.open(alive, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.flock(folder, fcntl.LOCK_EX)
            result = self.panelpack("decisions", *SITTING, "--pdf", "--office", self.office)
            self.assertExit(result, SUCCESS)
        finally:
            os.close(folder)
        self.assertEqual(self.scratch_folders(), [alive.name])


if __name__ == "__main__":
    sys.exit(run_tests_of(__name__))
