#!/usr/bin/python3
"""`render --each` writes its outputs as one durable batch (issue 12): every output whole or
untouched, no temporary left, and a flush to disk per batch rather than two per document.

Drives the built `panelpack` (env PANELPACK_BIN). The crash and fsync tests run it under strace
(installed by scripts/install-deps.sh): strace's syscall injection kills it at a chosen point,
and `strace -c` counts the flushes. Without strace the whole file is skipped (exit 77).
Standard library only. Ends with "N passed, M failed".
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from test_cli import write_docx  # the one-paragraph DOCX every command test starts from

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from document_text import docx_text as document_text  # noqa: E402 (fails on a half-written file)

BINARY = os.environ.get("PANELPACK_BIN", "")
STRACE = shutil.which("strace")

SUCCESS, BAD_INPUT, MACHINE_FAILURE = 0, 1, 3
FLUSHES = ("fsync", "fdatasync", "syncfs", "sync", "sync_file_range")


class RenderEachBatch(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory(prefix="panelpack-each-")
        self.root = Path(self.directory.name)
        self.template = write_docx(self.root / "hello.docx", "Hello {{name}}")
        self.out = self.root / "out"

    def tearDown(self):
        self.directory.cleanup()

    def records(self, names, extra_lines=()):
        lines = [json.dumps({"name": name, "case_ref": f"R{i:03d}"}) for i, name in enumerate(names)]
        lines[len(lines) // 2 : len(lines) // 2] = list(extra_lines)
        path = self.root / "records.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def command(self, records, *extra):
        return [BINARY, "render", str(self.template), "--each", str(records),
                "-o", f"{self.out}/{{{{case_ref}}}}.docx", *extra]

    def run_command(self, arguments):
        return subprocess.run(arguments, capture_output=True, timeout=120, check=False)

    def assertExit(self, result, code):
        self.assertEqual(result.returncode, code,
                         f"stdout: {result.stdout.decode(errors='replace')}\n"
                         f"stderr: {result.stderr.decode(errors='replace')}")

    def temporaries(self):
        return sorted(p.name for p in self.out.iterdir() if p.name.startswith("."))

    def texts(self):
        return {p.name: document_text(p) for p in self.out.iterdir()
                if p.is_file() and not p.name.startswith(".")}

    def under_strace(self, arguments, *strace_options):
        return ["strace", "-f", "-qq", "-o", str(self.root / "strace.txt"), *strace_options,
                "--", *arguments]

    def flushes(self, count):
        """The flush calls of one run of `count` documents, counted by `strace -c -f`."""
        records = self.records([f"N{i}" for i in range(count)])
        shutil.rmtree(self.out, ignore_errors=True)
        summary = self.root / "strace-c.txt"
        result = self.run_command(["strace", "-f", "-c", "-o", str(summary), "--",
                                   *self.command(records)])
        self.assertExit(result, SUCCESS)
        self.assertEqual(len(self.texts()), count)
        calls = 0
        for line in summary.read_text().splitlines():
            fields = line.split()
            if fields and fields[-1] in FLUSHES:
                calls += int(fields[3])  # % time, seconds, usecs/call, calls[, errors], syscall
        return calls

    def test_every_output_is_whole_and_no_temporary_is_left(self):
        names = [f"N{i}" for i in range(30)]
        result = self.run_command(self.command(self.records(names), "-j", "3"))
        self.assertExit(result, SUCCESS)
        self.assertEqual(self.texts(), {f"R{i:03d}.docx": f"Hello N{i}" for i in range(30)})
        self.assertEqual(self.temporaries(), [])

    def test_an_existing_output_is_replaced_whole_and_keeps_its_mode(self):
        self.out.mkdir()
        old = write_docx(self.out / "R001.docx", "an old document, much longer than the new one " * 50)
        os.chmod(old, 0o640)
        result = self.run_command(self.command(self.records(["Ada", "Bob", "Cy"])))
        self.assertExit(result, SUCCESS)
        self.assertEqual(document_text(old), "Hello Bob")
        # panelpack's umask 077 takes away what the group could do, as for one render.
        self.assertEqual(old.stat().st_mode & 0o777, 0o600)
        self.assertEqual(self.temporaries(), [])

    def test_a_failed_record_leaves_the_others_whole(self):
        names = [f"N{i}" for i in range(10)]
        records = self.records(names, extra_lines=['{"name": "broken", "case_ref": '])
        result = self.run_command(self.command(records))
        self.assertExit(result, BAD_INPUT)
        self.assertIn("1 failed: line 6", result.stdout.decode())
        self.assertEqual(self.texts(), {f"R{i:03d}.docx": f"Hello N{i}" for i in range(10)})
        self.assertEqual(self.temporaries(), [])

    def test_an_output_that_cannot_be_put_in_place_fails_alone(self):
        # A folder where record 2's output goes: its rename fails, the others land.
        (self.out / "R002.docx").mkdir(parents=True)
        (self.out / "R002.docx" / "keep").write_text("x")
        result = self.run_command(self.command(self.records(["Ada", "Bob", "Cy", "Di"])))
        self.assertExit(result, MACHINE_FAILURE)
        self.assertRegex(result.stderr.decode(), r"records\.jsonl:3: cannot write .*R002\.docx")
        self.assertIn("rendered 3 of 4 documents", result.stdout.decode())
        self.assertTrue((self.out / "R002.docx" / "keep").is_file())
        self.assertEqual(self.texts(), {"R000.docx": "Hello Ada", "R001.docx": "Hello Bob",
                                        "R003.docx": "Hello Di"})
        self.assertEqual(self.temporaries(), [])

    @unittest.skipIf(STRACE is None, "strace is not installed")
    def test_a_crash_before_the_flush_leaves_every_output_old(self):
        names = [f"N{i}" for i in range(6)]
        records = self.records(names)
        self.assertExit(self.run_command(self.command(records)), SUCCESS)
        before = self.texts()
        records = self.records([f"new{i}" for i in range(6)])
        # Killed as it asks for the flush: every temporary written, none renamed.
        killed = self.run_command(self.under_strace(self.command(records),
                                                    "-e", "inject=syncfs:signal=KILL"))
        self.assertIn(killed.returncode, (-9, 128 + 9), killed.stderr.decode(errors="replace"))
        self.assertEqual(self.texts(), before)
        self.assertEqual(len(self.temporaries()), 6)  # a killed run cleans nothing up
        # The next run removes what the killed one left and puts the new documents in place.
        self.assertExit(self.run_command(self.command(records)), SUCCESS)
        self.assertEqual(self.texts(), {f"R{i:03d}.docx": f"Hello new{i}" for i in range(6)})
        self.assertEqual(self.temporaries(), [])

    @unittest.skipIf(STRACE is None, "strace is not installed")
    def test_a_crash_among_the_renames_leaves_each_output_old_or_new(self):
        self.assertExit(self.run_command(self.command(self.records(["a", "b", "c", "d"]))),
                        SUCCESS)
        records = self.records(["A", "B", "C", "D"])
        # Killed as it asks for the third rename: two outputs new, two old, none half.
        killed = self.run_command(self.under_strace(self.command(records),
                                                    "-e", "inject=rename:signal=KILL:when=3"))
        self.assertIn(killed.returncode, (-9, 128 + 9), killed.stderr.decode(errors="replace"))
        texts = self.texts()  # every one opens as a whole document
        self.assertEqual(sorted(texts), ["R000.docx", "R001.docx", "R002.docx", "R003.docx"])
        new = sorted(text for text in texts.values() if text in {"Hello A", "Hello B",
                                                                 "Hello C", "Hello D"})
        old = sorted(text for text in texts.values() if text in {"Hello a", "Hello b",
                                                                 "Hello c", "Hello d"})
        self.assertEqual((len(new), len(old)), (2, 2))
        self.assertEqual(len(self.temporaries()), 2)

    @unittest.skipIf(STRACE is None, "strace is not installed")
    def test_flushes_do_not_grow_with_the_number_of_documents(self):
        few, many = self.flushes(4), self.flushes(60)
        # Before the batch: two fsyncs a document (file and folder), 8 and 120.
        self.assertGreater(few, 0)
        self.assertEqual(many, few)
        self.assertLess(many, 60)


if __name__ == "__main__":
    if not BINARY:
        sys.exit("PANELPACK_BIN is not set")
    if STRACE is None:
        print("strace is not installed (scripts/install-deps.sh installs it): skipped")
        sys.exit(77)
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
