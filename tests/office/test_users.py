#!/usr/bin/python3
"""`panelpack users` on a copy of the sample office: accounts added, listed, disabled, enabled and
reset, the audit listed and exported, and the exit codes of what it refuses. The SQLite file is
read directly (python3's sqlite3). That a printed one-time password signs in is shown by
tests/office_core/test_console_accounts.cpp, through office/console/ itself.

Standard library only. Env: PANELPACK_BIN, PANELPACK_SOURCE_DIR. Ends with a line
"N passed, M failed" and exits non-zero on any failure.
"""

import csv
import io
import json
import re
import sqlite3
import stat
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "cli"))
from office_copy import copy_sample_office  # noqa: E402
from test_cli import BAD_INPUT, SUCCESS, USAGE, CliTestCase, run_tests_of  # noqa: E402

ONE_TIME = re.compile(r"^one-time password: ([2-9A-HJKMNP-Z]{4}(?:-[2-9A-HJKMNP-Z]{4}){3})$", re.M)


class UsersTestCase(CliTestCase):
    def setUp(self):
        super().setUp()
        self.office = copy_sample_office(self.root / "office")
        self.database = self.office / "console" / "console.sqlite"

    def users(self, *arguments):
        return self.run_panelpack("users", *arguments, "--office", self.office)

    def add(self, user, *options):
        result = self.users("add", user, *options)
        self.assertExit(result, SUCCESS)
        found = ONE_TIME.search(result.stdout.decode())
        self.assertIsNotNone(found, result.stdout.decode())
        return found.group(1), result.stdout.decode()

    def rows(self, sql):
        with sqlite3.connect(self.database) as connection:
            return connection.execute(sql).fetchall()

    def listed(self):
        result = self.users("list", "--json")
        self.assertExit(result, SUCCESS)
        return {a["userName"]: a for a in json.loads(result.stdout)["accounts"]}


class Add(UsersTestCase):
    def test_add_prints_a_one_time_password_once_and_stores_only_its_argon2id_hash(self):
        password, out = self.add("Alice.Smith@Council.Example", "--role", "administrator",
                                 "--name", "Alice Smith")
        self.assertIn("added alice.smith@council.example: administrator", out)
        self.assertIn("must be changed at the first sign-in", out)
        self.assertEqual(out.count(password), 1)
        [(name, display, role, hash_, must_change)] = self.rows(
            "SELECT user_name, display_name, role, password_hash, must_change_password "
            "FROM accounts")
        self.assertEqual((name, display, role, must_change),
                         ("alice.smith@council.example", "Alice Smith", "administrator", 1))
        self.assertTrue(hash_.startswith("$argon2id$"), hash_)
        for path in self.database.parent.iterdir():
            self.assertNotIn(password.encode(), path.read_bytes(), path)

    def test_the_file_and_its_folder_are_private(self):
        self.add("a@council.example", "--role", "viewer")
        self.assertEqual(stat.S_IMODE(self.database.parent.stat().st_mode), 0o700)
        self.assertEqual(stat.S_IMODE(self.database.stat().st_mode), 0o600)
        self.assertEqual(self.rows("SELECT MAX(version) FROM schema_version"), [(2,)])

    def test_a_member_belongs_to_the_panels_named(self):
        self.add("sam@council.example", "--role", "member", "--panel", "permanence",
                 "--panel", "aep,pptm")
        self.assertEqual(self.listed()["sam@council.example"]["panels"],
                         ["aep", "permanence", "pptm"])

    def test_a_role_that_is_not_one_is_a_usage_error(self):
        result = self.users("add", "x@council.example", "--role", "boss")
        self.assertExit(result, USAGE)
        self.assertIn("--role is administrator, chair, member or viewer, not 'boss'",
                      result.stderr.decode())
        self.assertExit(self.users("add", "x@council.example"), USAGE)
        self.assertEqual(self.listed(), {})

    def test_an_unknown_panel_is_bad_input_naming_the_panels_there_are(self):
        result = self.users("add", "x@council.example", "--role", "member", "--panel", "fostering")
        self.assertExit(result, BAD_INPUT)
        self.assertIn("office.json has no panel 'fostering': its panels are permanence, aep, "
                      "pptm, planning", result.stderr.decode())
        self.assertEqual(self.listed(), {})

    def test_the_same_user_twice_in_another_case_is_bad_input(self):
        self.add("bob@council.example", "--role", "chair")
        result = self.users("add", "BOB@Council.Example", "--role", "viewer")
        self.assertExit(result, BAD_INPUT)
        self.assertIn("already an account named 'bob@council.example'", result.stderr.decode())
        self.assertEqual(self.listed()["bob@council.example"]["role"], "chair")

    def test_a_user_name_that_is_no_email_address_is_bad_input(self):
        result = self.users("add", "bob smith", "--role", "viewer")
        self.assertExit(result, BAD_INPUT)
        self.assertIn("use the person's email address", result.stderr.decode())

    def test_options_of_another_action_are_usage_errors(self):
        self.assertExit(self.users("list", "--role", "viewer"), USAGE)
        self.assertExit(self.users("add", "a@council.example", "--role", "viewer", "--json"),
                        USAGE)
        self.assertExit(self.users("list", "--csv"), USAGE)
        self.assertExit(self.users("remove", "a@council.example"), USAGE)
        self.assertExit(self.run_panelpack("users", "--office", self.office), USAGE)


class Change(UsersTestCase):
    def test_disable_enable_and_reset_change_the_account_and_are_audited(self):
        first, _ = self.add("carol@council.example", "--role", "viewer")
        result = self.users("disable", "Carol@council.example")
        self.assertExit(result, SUCCESS)
        self.assertIn("disabled carol@council.example", result.stdout.decode())
        self.assertTrue(self.listed()["carol@council.example"]["disabled"])
        self.assertIn("already", self.users("disable", "carol@council.example").stdout.decode())
        self.assertExit(self.users("enable", "carol@council.example"), SUCCESS)
        self.assertFalse(self.listed()["carol@council.example"]["disabled"])

        result = self.users("reset", "carol@council.example")
        self.assertExit(result, SUCCESS)
        second = ONE_TIME.search(result.stdout.decode()).group(1)
        self.assertNotEqual(first, second)
        self.assertEqual(
            self.rows("SELECT actor, action, object_kind, object_id, outcome FROM audit "
                      "ORDER BY id"),
            [("-", "account_add", "user", "carol@council.example", "ok"),
             ("-", "account_disable", "user", "carol@council.example", "ok"),
             ("-", "account_disable", "user", "carol@council.example", "already_disabled"),
             ("-", "account_enable", "user", "carol@council.example", "ok"),
             ("-", "account_reset", "user", "carol@council.example", "ok")])
        [(client,)] = self.rows("SELECT DISTINCT client FROM audit")
        self.assertTrue(client.startswith("cli:"), client)

    def test_the_only_administrator_who_can_sign_in_is_not_disabled(self):
        self.add("ada@council.example", "--role", "administrator")
        result = self.users("disable", "ada@council.example")
        self.assertExit(result, BAD_INPUT)
        self.assertIn("the only administrator who can sign in", result.stderr.decode())
        self.assertFalse(self.listed()["ada@council.example"]["disabled"])

    def test_an_unknown_user_is_bad_input(self):
        self.add("dan@council.example", "--role", "viewer")
        for action in ("disable", "enable", "reset"):
            result = self.users(action, "nobody@council.example")
            self.assertExit(result, BAD_INPUT)
            self.assertIn("no console account is named 'nobody@council.example'",
                          result.stderr.decode())


class ListAndAudit(UsersTestCase):
    def test_list_shows_role_panels_and_state(self):
        out = self.users("list").stdout.decode()
        self.assertIn("no console accounts yet", out)
        self.add("erin@council.example", "--role", "member", "--panel", "aep", "--name", "Erin")
        self.users("disable", "erin@council.example")
        line = next(l for l in self.users("list").stdout.decode().splitlines()
                    if l.startswith("erin@"))
        self.assertEqual(line.split()[:4], ["erin@council.example", "member", "aep", "disabled,"])
        erin = self.listed()["erin@council.example"]
        self.assertEqual((erin["displayName"], erin["mustChangePassword"], erin["lockedUntil"]),
                         ("Erin", True, None))

    def test_audit_lists_newest_first_filters_and_exports_csv(self):
        self.add("fay@council.example", "--role", "viewer")
        self.add("+sum@council.example", "--role", "viewer")
        self.users("disable", "fay@council.example")
        lines = self.users("audit").stdout.decode().splitlines()
        self.assertEqual([l.split()[2] for l in lines],
                         ["account_disable", "account_add", "account_add"])
        # The outcome stands apart from a long object (it once ran into "...example.ok").
        self.assertEqual([l.split()[5] for l in lines], ["ok", "ok", "ok"])
        # Each line ends with what happened in words (office/console/audit_words.cpp).
        self.assertEqual([l.endswith(w) for l, w in zip(lines, ["Disabled an account",
                                                              "Added an account",
                                                              "Added an account"])],
                         [True, True, True])
        only = self.users("audit", "--action", "account_add", "--limit", "1").stdout.decode()
        self.assertIn("+sum@council.example", only)
        self.assertIn("older rows too", only)
        self.assertIn("no audit rows match",
                      self.users("audit", "--since", "2999-01-01").stdout.decode())

        result = self.users("audit", "--csv")
        self.assertExit(result, SUCCESS)
        text = result.stdout.decode()
        self.assertTrue(text.startswith(
            "id,time,actor,action,object_kind,object_id,outcome,client,detail\r\n"), text)
        rows = list(csv.reader(io.StringIO(text, newline="")))
        self.assertEqual(len(rows), 4)
        self.assertEqual(rows[2][5], "'+sum@council.example")  # no formula in a spreadsheet
        self.assertEqual(rows[1][2], "-")

    def test_the_audit_refuses_updates_and_deletes(self):
        self.add("gus@council.example", "--role", "viewer")
        with sqlite3.connect(self.database) as connection:
            for sql in ("UPDATE audit SET actor = 'x'", "DELETE FROM audit"):
                with self.assertRaisesRegex(sqlite3.DatabaseError, "append-only"):
                    connection.execute(sql)
        self.assertEqual(self.rows("SELECT COUNT(*) FROM audit"), [(1,)])

    def test_other_commands_never_open_the_console_file(self):
        self.assertExit(self.run_panelpack("calendar", "--office", self.office, "--from",
                                           "2026-12-01", "--to", "2026-12-31"), SUCCESS)
        self.assertFalse((self.office / "console").exists())

    def test_help_teaches_with_an_example(self):
        result = self.run_panelpack("users", "--help")
        self.assertExit(result, SUCCESS)
        self.assertIn("panelpack users add alice.smith@council.example --role administrator",
                      result.stdout.decode())


if __name__ == "__main__":
    sys.exit(run_tests_of(__name__))
