// Keeps papers in an office's unmatched list the way intake does, through the office's own
// add_unmatched, for the Mailbox page's browser test (test_console_mailbox.mjs):
//   mailbox_seed OFFICE ARRIVED FROM SUBJECT FILENAME FILE REASON [GUESSED_CASE [GUESSED_TYPE]]
// ARRIVED is a UTC instant ("2026-12-01T10:15:00Z"). Prints the entry's id.

#include <exception>
#include <filesystem>
#include <iostream>
#include <string>

#include "office/intake/unmatched.hpp"
#include "text/sha256.hpp"

int main(int argc, char** argv) {
  if (argc < 8) {
    std::cerr << "usage: mailbox_seed OFFICE ARRIVED FROM SUBJECT FILENAME FILE REASON "
                 "[GUESSED_CASE [GUESSED_TYPE]]\n";
    return 2;
  }
  try {
    namespace office = panelpack::office;
    const auto workspace = office::Workspace::open(argv[1]);
    office::UnmatchedPaper paper;
    paper.arrived = panelpack::panel::parse_instant(argv[2]);
    paper.from_email = argv[3];
    paper.subject = argv[4];
    paper.filename = argv[5];
    paper.reason = argv[7];
    // One message per paper: its key from what makes it this one.
    paper.message_key = std::string("1/") + argv[2];
    paper.sha256 = panelpack::text::sha256_hex(std::string(argv[5]) + argv[2]);
    if (argc > 8) paper.guessed_case_ref = argv[8];
    if (argc > 9) paper.guessed_paper_type = argv[9];
    std::cout << office::add_unmatched(workspace, paper, argv[6]) << "\n";
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "mailbox_seed: " << error.what() << "\n";
    return 1;
  }
}
