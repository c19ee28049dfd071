// The help of `panelpack users`: the console's accounts and its audit.

#include <string>

#include "help/help.hpp"

namespace panelpack::cli {
namespace {

constexpr std::string_view users_text = R"(Usage:
  panelpack users add USER --role ROLE [--name "Display Name"] [--panel ID]...
  panelpack users list [--json]
  panelpack users disable USER
  panelpack users enable USER
  panelpack users reset USER
  panelpack users audit [--since DATE] [--until DATE] [--actor USER] [--action CODE]
                        [--limit N | --csv]

Manages who may sign in to the office's web console, from the command line, so that the first
administrator exists before the console does. The accounts, their sessions and the audit are
kept in OFFICE/console/console.sqlite (made on first use, readable by its owner only).
Passwords are stored only as Argon2id hashes; nobody, not even an administrator, can read one.

  add      makes an account and prints a one-time password, once: give it to the person
           privately; they must choose their own at the first sign-in (12 characters at
           least; three random words make a good one).
  list     every account: its role, panels and state (active, disabled, locked until a time
           after five wrong passwords, or still on its one-time password).
  disable  stops the account signing in and ends its sessions (someone who left, a lost
           laptop). Nothing is deleted: the audit still names them.
  enable   lets a disabled account sign in again.
  reset    a new one-time password for someone who forgot theirs or is locked out: ends
           their sessions and clears the lock-out.
  audit    who signed in (or failed to), who changed an account, and, once the console runs,
           who opened or downloaded which case or sitting: newest first. It never holds case
           content. Each line ends with what happened in words ("Sign-in refused: wrong
           password"). --csv exports every matching row for a spreadsheet.

USER is the person's email address, in any case (Alice@Council.example is alice@...).
Every change is written to the audit, with the machine's user (cli:NAME) as where it came from.

Roles:
  administrator  everything in the console, the accounts and the audit included
  chair          reads every panel's agendas and packs
  member         reads the agendas and the circulated packs of their panels (--panel)
  viewer         reads, and changes nothing

Options:
  --role ROLE             administrator, chair, member or viewer (add).
  --name "Display Name"   the name the console greets them by (add). Default: USER.
  --panel ID              a panel a member or chair belongs to, by its id in office.json
                          (permanence, aep...); give it again for another, or a comma list.
                          A member needs one at least; an administrator or viewer takes none.
  --json                  list prints {"accounts": [{"userName", "displayName", "role",
                          "panels", "disabled", "mustChangePassword", "lockedUntil",
                          "createdAt"}]}.
  --since DATE            audit rows from DATE (2026-12-01 or 01/12/2026, London time; a time
                          may follow: 2026-12-01T09:00).
  --until DATE            audit rows before DATE.
  --actor USER            audit rows of one person ('-' for the command line).
  --action CODE           audit rows of one kind: account_add, account_disable,
                          account_enable, account_reset, password_set, sign_in, sign_out.
  --limit N               at most N rows (default 50).
  --csv                   every matching row as CSV (RFC 4180; a cell that starts with = + - @
                          gets a leading ' so that no spreadsheet runs it as a formula). Its
                          last column, detail, is what a change changed ("setting: old → new").
  --office DIR            the office folder. Default: $PANELPACK_OFFICE, else the current
                          directory.
  -h, --help              show this help.

Examples:
  panelpack users add alice.smith@council.example --role administrator --name "Alice Smith"
  panelpack users add sam.jones@council.example --role member --panel permanence --panel aep
  panelpack users reset sam.jones@council.example
  panelpack users audit --since 2026-12-01 --action sign_in
  panelpack users audit --csv > audit.csv

)";

}  // namespace

std::string_view users_help() {
  static const std::string text = std::string(users_text) + std::string(exit_codes_help());
  return text;
}

}  // namespace panelpack::cli
