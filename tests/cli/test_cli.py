#!/usr/bin/python3
"""Drives the built `panelpack` binary (env PANELPACK_BIN) and pins its exit codes and files.

Standard library only. Templates are built here from small XML strings with zipfile.
Ends with a line "N passed, M failed" and exits non-zero on any failure.
"""

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import unittest
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from document_text import docx_text as document_text  # noqa: E402,F401 (others import it here)

BINARY = os.environ.get("PANELPACK_BIN", "")

SUCCESS, BAD_INPUT, USAGE, MACHINE_FAILURE = 0, 1, 2, 3

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
PACKAGE_RELATIONSHIPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
WORD_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def document_xml(*paragraphs):
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    return f'<w:document xmlns:w="{WORD_NAMESPACE}"><w:body>{body}</w:body></w:document>'


def write_docx(path, *paragraphs):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", PACKAGE_RELATIONSHIPS)
        package.writestr("word/document.xml", document_xml(*paragraphs))
    return path


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class CliTestCase(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory(prefix="panelpack-cli-")
        self.root = Path(self.directory.name)
        self.template = write_docx(self.root / "hello.docx", "Hello {{name}}")

    def tearDown(self):
        self.directory.cleanup()

    def run_panelpack(self, *arguments, stdin=b""):
        return subprocess.run(
            [BINARY, *map(str, arguments)],
            input=stdin,
            capture_output=True,
            timeout=60,
            check=False,
        )

    def write(self, name, content):
        path = self.root / name
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return path

    def assertExit(self, result, code):
        self.assertEqual(
            result.returncode,
            code,
            f"stdout: {result.stdout.decode(errors='replace')}\n"
            f"stderr: {result.stderr.decode(errors='replace')}",
        )


class RenderOneDocument(CliTestCase):
    def test_renders_the_value_into_the_output(self):
        data = self.write("data.json", '{"name": "Ada"}')
        output = self.root / "out.docx"
        result = self.run_panelpack("render", self.template, data, "-o", output)
        self.assertExit(result, SUCCESS)
        self.assertEqual(document_text(output), "Hello Ada")

    def test_reads_data_from_stdin(self):
        output = self.root / "out.docx"
        result = self.run_panelpack(
            "render", self.template, "-", "-o", output, stdin=b'{"name": "Grace"}'
        )
        self.assertExit(result, SUCCESS)
        self.assertEqual(document_text(output), "Hello Grace")

    def test_output_name_is_a_pattern_over_the_data(self):
        data = self.write("data.json", '{"name": "Ada", "case_ref": "PP-0042"}')
        result = self.run_panelpack(
            "render", self.template, data, "-o", self.root / "out" / "referral-{{case_ref}}.docx"
        )
        self.assertExit(result, SUCCESS)
        self.assertTrue((self.root / "out" / "referral-PP-0042.docx").is_file())

    def test_default_delimiters_option(self):
        template = write_docx(self.root / "braces.docx", "Hello {name}")
        data = self.write("data.json", '{"name": "Ada"}')
        output = self.root / "out.docx"
        result = self.run_panelpack(
            "render", template, data, "-o", output, "--delimiters", "{ }"
        )
        self.assertExit(result, SUCCESS)
        self.assertEqual(document_text(output), "Hello Ada")

    def test_malformed_json_is_located_by_line_and_column(self):
        data = self.write("data.json", '{\n  "name": "Ada Secret",\n  "age": ,\n}\n')
        output = self.root / "out.docx"
        result = self.run_panelpack("render", self.template, data, "-o", output)
        self.assertExit(result, BAD_INPUT)
        stderr = result.stderr.decode()
        self.assertRegex(stderr, r"data\.json:3:10: ")
        self.assertNotIn("Secret", stderr)
        self.assertFalse(output.exists())

    def test_unterminated_string_does_not_quote_the_data(self):
        data = self.write("data.json", '{"name": "Ada Secret\n}')
        result = self.run_panelpack("render", self.template, data, "-o", self.root / "o.docx")
        self.assertExit(result, BAD_INPUT)
        self.assertRegex(result.stderr.decode(), r"data\.json:1:\d+: ")
        self.assertNotIn("Secret", result.stderr.decode())

    def test_failed_render_leaves_an_existing_output_byte_identical(self):
        output = self.write("out.docx", b"previous content")
        data = self.write("data.json", '{"name": ')
        result = self.run_panelpack("render", self.template, data, "-o", output)
        self.assertExit(result, BAD_INPUT)
        self.assertEqual(output.read_bytes(), b"previous content")

    def test_latin1_data_asks_for_utf8_with_a_location(self):
        data = self.write("data.json", b'{\n  "name": "Ren\xe9e"\n}')
        output = self.root / "out.docx"
        result = self.run_panelpack("render", self.template, data, "-o", output)
        self.assertExit(result, BAD_INPUT)
        stderr = result.stderr.decode()
        self.assertRegex(stderr, r"data\.json:2:15: ")
        self.assertIn("UTF-8", stderr)
        self.assertFalse(output.exists())

    def test_utf16_data_asks_for_utf8(self):
        data = self.write("data.json", '{"name": "Ada"}'.encode("utf-16"))
        result = self.run_panelpack("render", self.template, data, "-o", self.root / "o.docx")
        self.assertExit(result, BAD_INPUT)
        self.assertRegex(result.stderr.decode(), r"data\.json:1:1: .*UTF-8")

    def test_data_that_is_not_an_object_is_bad_input(self):
        data = self.write("data.json", '[{"name": "Ada"}]')
        result = self.run_panelpack("render", self.template, data, "-o", self.root / "o.docx")
        self.assertExit(result, BAD_INPUT)

    def test_strict_missing_field_writes_nothing(self):
        output = self.write("out.docx", b"previous content")
        data = self.write("data.json", '{"other": 1}')
        result = self.run_panelpack("render", self.template, data, "-o", output, "--strict")
        self.assertExit(result, BAD_INPUT)
        self.assertIn("{{name}}", result.stderr.decode())
        self.assertEqual(output.read_bytes(), b"previous content")

    def test_template_errors_write_nothing(self):
        template = write_docx(self.root / "broken.docx", "{{#items}}open only")
        data = self.write("data.json", '{"items": []}')
        output = self.root / "out.docx"
        result = self.run_panelpack("render", template, data, "-o", output)
        self.assertExit(result, BAD_INPUT)
        self.assertFalse(output.exists())

    def test_missing_template_is_bad_input_naming_the_file(self):
        data = self.write("data.json", '{"name": "Ada"}')
        missing = self.root / "no-such-template.docx"
        result = self.run_panelpack("render", missing, data, "-o", self.root / "o.docx")
        self.assertExit(result, BAD_INPUT)
        self.assertIn("no-such-template.docx", result.stderr.decode())

    def test_missing_data_file_is_bad_input(self):
        result = self.run_panelpack(
            "render", self.template, self.root / "absent.json", "-o", self.root / "o.docx"
        )
        self.assertExit(result, BAD_INPUT)
        self.assertIn("absent.json", result.stderr.decode())

    def test_template_that_is_not_a_zip_is_bad_input(self):
        template = self.write("not-a-zip.docx", b"this is not a zip file")
        data = self.write("data.json", '{"name": "Ada"}')
        result = self.run_panelpack("render", template, data, "-o", self.root / "o.docx")
        self.assertExit(result, BAD_INPUT)

    def test_unwritable_output_in_proc_is_a_machine_failure(self):
        data = self.write("data.json", '{"name": "Ada"}')
        result = self.run_panelpack("render", self.template, data, "-o", "/proc/panelpack-x.docx")
        self.assertExit(result, MACHINE_FAILURE)

    def test_output_under_a_regular_file_is_a_machine_failure(self):
        data = self.write("data.json", '{"name": "Ada"}')
        blocker = self.write("blocker", b"a file, not a directory")
        result = self.run_panelpack("render", self.template, data, "-o", blocker / "out.docx")
        self.assertExit(result, MACHINE_FAILURE)
        self.assertEqual(blocker.read_bytes(), b"a file, not a directory")

    def test_render_never_modifies_the_template(self):
        before = sha256(self.template)
        data = self.write("data.json", '{"name": "Ada"}')
        self.assertExit(
            self.run_panelpack("render", self.template, data, "-o", self.root / "o.docx"), SUCCESS
        )
        self.assertEqual(sha256(self.template), before)

    def test_output_onto_the_template_is_refused(self):
        before = sha256(self.template)
        data = self.write("data.json", '{"name": "Ada"}')
        result = self.run_panelpack("render", self.template, data, "-o", self.template)
        self.assertExit(result, BAD_INPUT)
        self.assertEqual(sha256(self.template), before)


class RenderEach(CliTestCase):
    def records(self, *lines):
        return self.write("records.jsonl", "\n".join(lines) + "\n")

    def test_a_bad_line_is_reported_and_the_others_render(self):
        records = self.records(
            '{"name": "Ada", "case_ref": "A1"}',
            '{"name": "Bob", "case_ref": ',
            "",
            '{"name": "Cy", "case_ref": "C3"}',
        )
        out = self.root / "out"
        result = self.run_panelpack(
            "render", self.template, "--each", records, "-o", f"{out}/{{{{case_ref}}}}.docx"
        )
        self.assertExit(result, BAD_INPUT)
        self.assertEqual(sorted(p.name for p in out.iterdir()), ["A1.docx", "C3.docx"])
        self.assertEqual(document_text(out / "C3.docx"), "Hello Cy")
        self.assertRegex(result.stderr.decode(), r"records\.jsonl:2:\d+: ")
        self.assertIn("rendered 2 of 3 documents", result.stdout.decode())
        self.assertIn("1 failed: line 2", result.stdout.decode())

    def test_all_good_records_exit_zero_on_several_threads(self):
        records = self.records(*(json.dumps({"name": f"N{i}", "case_ref": f"R{i}"}) for i in range(9)))
        out = self.root / "out"
        result = self.run_panelpack(
            "render", self.template, "--each", records, "-o", f"{out}/{{{{case_ref}}}}.docx",
            "-j", "3",
        )
        self.assertExit(result, SUCCESS)
        self.assertEqual(len(list(out.iterdir())), 9)
        self.assertEqual(document_text(out / "R7.docx"), "Hello N7")
        self.assertIn("rendered 9 of 9 documents", result.stdout.decode())
        self.assertEqual(result.stderr, b"")  # no progress line when stderr is not a terminal

    def test_array_records_are_numbered_by_position(self):
        records = self.write(
            "records.json", '[{"name": "Ada", "case_ref": "A1"}, 42, {"name": "Cy", "case_ref": "C3"}]'
        )
        out = self.root / "out"
        result = self.run_panelpack(
            "render", self.template, "--each", records, "-o", f"{out}/{{{{case_ref}}}}.docx"
        )
        self.assertExit(result, BAD_INPUT)
        self.assertIn("1 failed: record 2", result.stdout.decode())
        self.assertTrue((out / "C3.docx").is_file())

    def test_a_folder_of_json_files_is_one_record_per_file(self):
        folder = self.root / "cases"
        folder.mkdir()
        (folder / "b.json").write_text('{"name": "Bo", "case_ref": "B2"}', encoding="utf-8")
        (folder / "a.json").write_text('{"name": "Ada", "case_ref": "A1"}', encoding="utf-8")
        (folder / "broken.json").write_text('{"name": "Cy", ', encoding="utf-8")
        (folder / "notes.txt").write_text("not a record", encoding="utf-8")
        out = self.root / "out"
        result = self.run_panelpack(
            "render", self.template, "--each", folder, "-o", f"{out}/{{{{case_ref}}}}.docx"
        )
        self.assertExit(result, BAD_INPUT)
        self.assertEqual(sorted(p.name for p in out.iterdir()), ["A1.docx", "B2.docx"])
        self.assertEqual(document_text(out / "B2.docx"), "Hello Bo")
        self.assertRegex(result.stderr.decode(), r"broken\.json:1:\d+: ")
        self.assertIn("rendered 2 of 3 documents", result.stdout.decode())
        self.assertIn("1 failed: broken.json", result.stdout.decode())

    def test_duplicate_output_names_fail_the_later_record(self):
        records = self.records(
            '{"name": "Ada", "case_ref": "A1"}',
            '{"name": "Bob", "case_ref": "A1"}',
        )
        out = self.root / "out"
        result = self.run_panelpack(
            "render", self.template, "--each", records, "-o", f"{out}/{{{{case_ref}}}}.docx"
        )
        self.assertExit(result, BAD_INPUT)
        self.assertEqual(document_text(out / "A1.docx"), "Hello Ada")
        self.assertIn("1 failed: line 2", result.stdout.decode())

    def test_missing_name_field_is_an_empty_output_name(self):
        records = self.records('{"name": "Ada"}')
        out = self.root / "out"
        result = self.run_panelpack(
            "render", self.template, "--each", records, "-o", f"{out}/{{{{case_ref}}}}.docx"
        )
        self.assertExit(result, BAD_INPUT)
        self.assertFalse(out.exists() and any(out.iterdir()))

    def test_a_value_cannot_leave_the_output_directory(self):
        records = self.records(
            '{"name": "Ada", "case_ref": "../x"}',
            '{"name": "Bob", "case_ref": "/etc/passwd"}',
            '{"name": "Cy", "case_ref": ".."}',
        )
        out = self.root / "out"
        result = self.run_panelpack(
            "render", self.template, "--each", records, "-o", f"{out}/{{{{case_ref}}}}.docx"
        )
        self.assertExit(result, SUCCESS)
        self.assertEqual(sorted(p.parent for p in self.root.rglob("*.docx") if p != self.template),
                         [out, out, out])
        for produced in out.iterdir():
            self.assertNotIn("..", produced.name.split(".docx")[0].split("_"))
            self.assertFalse(produced.name.startswith("."))

    def test_strict_failure_is_one_record(self):
        records = self.records('{"case_ref": "A1"}', '{"name": "Bob", "case_ref": "B2"}')
        out = self.root / "out"
        result = self.run_panelpack(
            "render", self.template, "--each", records, "-o", f"{out}/{{{{case_ref}}}}.docx",
            "--strict",
        )
        self.assertExit(result, BAD_INPUT)
        self.assertEqual([p.name for p in out.iterdir()], ["B2.docx"])
        self.assertIn("1 failed: line 1", result.stdout.decode())

    def test_pattern_without_a_tag_is_a_usage_error(self):
        records = self.records('{"name": "Ada"}')
        result = self.run_panelpack(
            "render", self.template, "--each", records, "-o", self.root / "same.docx"
        )
        self.assertExit(result, USAGE)


class Check(CliTestCase):
    def check_json(self, template):
        result = self.run_panelpack("check", "--json", template)
        return result, json.loads(result.stdout.decode())

    def test_clean_template_json(self):
        result, report = self.check_json(self.template)
        self.assertExit(result, SUCCESS)
        self.assertEqual(list(report), ["summary", "tags", "errors"])
        self.assertEqual(report["summary"], {"mistakes": 0, "places": 0, "errors": 0, "warnings": 0})
        self.assertEqual(report["tags"], ["{{name}}"])
        self.assertEqual(report["errors"], [])

    def test_unclosed_section_json(self):
        template = write_docx(self.root / "broken.docx", "{{#items}}never closed", "{{name}}")
        result, report = self.check_json(template)
        self.assertExit(result, BAD_INPUT)
        self.assertEqual(list(report), ["summary", "tags", "errors"])
        self.assertIn("{{#items}}", report["tags"])
        self.assertTrue(report["errors"])
        for entry in report["errors"]:
            self.assertEqual(
                set(entry),
                {"code", "severity", "part", "paragraph", "excerpt", "tag", "message", "hint",
                 "suggestion", "fix", "location", "count", "places"},
            )
            self.assertEqual(
                set(entry["location"]),
                {"container", "heading", "table", "row", "rowLabel", "cell", "cellsInRow",
                 "inTextBox", "words"},
            )
            self.assertIn(entry["severity"], ("error", "warning"))
        error = next(e for e in report["errors"] if e["severity"] == "error")
        self.assertEqual(error["code"], "unclosed_section")
        self.assertEqual(error["part"], "word/document.xml")
        self.assertEqual(error["paragraph"], 1)
        self.assertEqual(error["tag"], "{{#items}}")

    def test_tags_are_unique_in_first_seen_order(self):
        template = write_docx(self.root / "t.docx", "{{b}} {{a}}", "{{b}}")
        result, report = self.check_json(template)
        self.assertExit(result, SUCCESS)
        self.assertEqual(report["tags"], ["{{b}}", "{{a}}"])

    def test_text_mode_lists_tags_and_exit_codes(self):
        result = self.run_panelpack("check", self.template)
        self.assertExit(result, SUCCESS)
        self.assertIn("{{name}}", result.stdout.decode())
        broken = write_docx(self.root / "broken.docx", "{{#items}}never closed")
        self.assertExit(self.run_panelpack("check", broken), BAD_INPUT)

    def test_check_never_modifies_the_template(self):
        broken = write_docx(self.root / "broken.docx", "{{#items}}never closed")
        before = sha256(broken), sha256(self.template)
        self.run_panelpack("check", broken)
        self.run_panelpack("check", "--json", self.template)
        self.assertEqual((sha256(broken), sha256(self.template)), before)

    def test_missing_template_is_bad_input(self):
        self.assertExit(self.run_panelpack("check", self.root / "absent.docx"), BAD_INPUT)


class CommandLine(CliTestCase):
    def test_usage_errors_exit_2(self):
        data = self.write("data.json", '{"name": "Ada"}')
        out = self.root / "o.docx"
        for arguments in (
            (),
            ("frobnicate",),
            ("render", self.template, data),
            ("render", self.template, "-o", out),
            ("render", self.template, data, "-o", out, "--no-such-option"),
            ("render", self.template, data, "-o", out, "--delimiters", "{"),
            ("render", self.template, data, "-o", out, "--strict", "--strict"),
            ("render", self.template, "--each", data, "-o", f"{self.root}/{{{{x}}}}", "-j", "x"),
            ("render", self.template, "--each", data, "-o", f"{self.root}/{{{{{{x}}}}}}"),
            ("check",),
            ("check", self.template, "extra"),
            ("help", "frobnicate"),
        ):
            with self.subTest(arguments=arguments):
                self.assertExit(self.run_panelpack(*arguments), USAGE)
        self.assertFalse(out.exists())

    def test_help_and_version_exit_0(self):
        for arguments in (
            ("--help",), ("help",), ("help", "render"), ("help", "check"),
            ("render", "--help"), ("check", "--help"), ("--version",),
        ):
            with self.subTest(arguments=arguments):
                result = self.run_panelpack(*arguments)
                self.assertExit(result, SUCCESS)
                self.assertTrue(result.stdout.strip())
        self.assertIn("Exit codes", self.run_panelpack("render", "--help").stdout.decode())


class HostileInputs(CliTestCase):
    """Inputs that once cost gigabytes, blocked for ever or ended as exit 3 without a place."""

    def render(self, template, data):
        return self.run_panelpack("render", template, data, "-o", self.root / "out.docx")

    def test_a_fifo_as_data_or_template_is_refused_without_waiting_for_a_writer(self):
        fifo = self.root / "pipe"
        os.mkfifo(fifo)
        data = self.write("data.json", '{"name": "Ada"}')
        self.assertExit(self.render(self.template, fifo), BAD_INPUT)  # run_panelpack times out at 60 s
        self.assertExit(self.render(fifo, data), BAD_INPUT)
        self.assertFalse((self.root / "out.docx").exists())

    def test_dev_zero_as_a_template_or_data_is_refused_before_reading(self):
        data = self.write("data.json", '{"name": "Ada"}')
        self.assertExit(self.render("/dev/zero", data), BAD_INPUT)
        self.assertExit(self.render(self.template, "/dev/zero"), BAD_INPUT)
        self.assertExit(self.run_panelpack("check", "/dev/zero"), BAD_INPUT)

    def test_a_huge_sparse_template_is_refused_by_its_size_without_being_read(self):
        huge = self.root / "huge.docx"
        with open(huge, "wb") as sparse:
            sparse.truncate(4 << 30)  # 4 GB of nothing: reading it would take minutes
        data = self.write("data.json", '{"name": "Ada"}')
        result = self.render(huge, data)
        self.assertExit(result, BAD_INPUT)
        self.assertIn("huge.docx", result.stderr.decode())
        self.assertExit(self.run_panelpack("check", huge), BAD_INPUT)

    def test_a_value_of_ten_megabytes_of_tabs_is_refused_naming_the_field(self):
        data = self.write("data.json", '{"name": "Ada",\n "notes": "' + "\\t" * (10 << 20) + '"}')
        result = self.render(self.template, data)
        self.assertExit(result, BAD_INPUT)
        self.assertRegex(result.stderr.decode(), r"data\.json:2:11: /notes")
        self.assertFalse((self.root / "out.docx").exists())

    def test_many_line_breaks_in_one_value_are_refused_and_a_long_letter_is_not(self):
        letter = "A line of a long chronology.\\n" * 5_000
        data = self.write("data.json", '{"name": "' + letter + '"}')
        self.assertExit(self.render(self.template, data), SUCCESS)
        data = self.write("data.json", '{"name": "' + "\\n" * 50_000 + '"}')
        result = self.render(self.template, data)
        self.assertExit(result, BAD_INPUT)
        self.assertRegex(result.stderr.decode(), r"data\.json:1:10: /name")

    def test_a_number_too_large_for_a_double_is_bad_input_with_its_place(self):
        data = self.write("data.json", '{"name": "Ada",\n "child": {"age": 1e400}}')
        result = self.render(self.template, data)
        self.assertExit(result, BAD_INPUT)
        self.assertRegex(result.stderr.decode(), r"data\.json:2:19: /child/age")

    def test_a_key_given_twice_is_refused_naming_both_lines(self):
        data = self.write("data.json", '{\n "name": "Ada",\n "age": 4,\n "name": "Grace"\n}')
        result = self.render(self.template, data)
        self.assertExit(result, BAD_INPUT)
        stderr = result.stderr.decode()
        self.assertRegex(stderr, r"data\.json:4:2: /name .*line 2\b")
        self.assertNotIn("Grace", stderr)
        self.assertFalse((self.root / "out.docx").exists())

    def test_a_repeated_key_in_one_json_lines_record_names_its_line(self):
        data = self.write("cases.jsonl", '{"name": "Ada"}\n{"name": "B", "name": "C"}\n')
        result = self.run_panelpack("render", self.template, "--each", data,
                                    "-o", f"{self.root}/out/{{{{name}}}}.docx")
        self.assertNotEqual(result.returncode, SUCCESS)
        self.assertRegex(result.stderr.decode() + result.stdout.decode(), r"cases\.jsonl:2:15: /name")

    def test_utf32_data_is_called_utf32(self):
        for encoding in ("utf-32", "utf-32-le", "utf-32-be"):
            data = self.write("data.json", '{"name": "Ada"}'.encode(encoding))
            result = self.render(self.template, data)
            self.assertExit(result, BAD_INPUT)
            self.assertRegex(result.stderr.decode(), r"data\.json:1:1: .*UTF-32", encoding)
        for encoding in ("utf-16", "utf-16-le", "utf-16-be"):
            data = self.write("data.json", '{"name": "Ada"}'.encode(encoding))
            result = self.render(self.template, data)
            self.assertExit(result, BAD_INPUT)
            self.assertRegex(result.stderr.decode(), r"data\.json:1:1: .*UTF-16", encoding)


def run_tests_of(module_name):
    """Runs a test module's cases and ends with the "N passed, M failed" line CI reads."""
    if not BINARY or not os.access(BINARY, os.X_OK):
        print(f"PANELPACK_BIN is not an executable: {BINARY!r}", file=sys.stderr)
        print("0 passed, 1 failed")
        return 1
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[module_name])
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(run_tests_of(__name__))
