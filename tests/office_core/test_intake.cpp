// Papers taken in from the submission mailbox (office/intake/) on a copy of the sample office,
// through the ImapMailbox interface with messages made here (the real IMAP server is
// tests/tick/test_intake.py's): matching by subject, file name, body and sender; the checks
// (zip bombs, encrypted zips and PDFs, Word's password wrapper, broken files); filing with the
// reply; the unmatched store; and nothing recorded or replied twice, a crash included.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "mailer/imap_mailbox.hpp"
#include "mailer/outbox.hpp"
#include "office/intake/intake.hpp"
#include "office/intake/intake_status.hpp"
#include "office/intake/paper_checks.hpp"
#include "office/intake/paper_matching.hpp"
#include "office/intake/unmatched.hpp"
#include "office/mail/mail_settings.hpp"
#include "office_core/sample_office_copy.hpp"
#include "support/temporary_folder.hpp"
#include "templating/zip_archive.hpp"
#include "text/base64.hpp"
#include "text/sha256.hpp"

namespace {

namespace fs = std::filesystem;
namespace office = panelpack::office;
namespace mailer = panelpack::mailer;
using panelpack::testing::at;
using panelpack::testing::day;
using panelpack::testing::SampleOfficeCopy;

const fs::path kTemplates = fs::path(PANELPACK_SOURCE_DIR) / "templates";
constexpr const char* kSocialWorker = "priya.ravenscroft@northbridge.example.org";  // LCS900108

std::string docx_bytes() {
  return SampleOfficeCopy::read(kTemplates / "report.docx");
}

// A one-page PDF qpdf opens: the objects, then the cross-reference table at their offsets.
std::string pdf_bytes() {
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"};
  std::string pdf = "%PDF-1.7\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (const std::size_t offset : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// A DOCX-shaped zip: its two main parts, and `extra` entries, encrypted under `password`.
std::string docx_zip(const std::string& password = "",
                     const std::vector<std::pair<std::string, std::string>>& extra = {}) {
  panelpack::templating::ZipWriter zip;
  zip.encrypt_entries(password);
  zip.add("[Content_Types].xml",
          "<Types><Override ContentType=\"application/"
          "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
  zip.add("word/document.xml", "<w:document/>");
  for (const auto& [name, bytes] : extra) zip.add(name, bytes);
  return zip.finish();
}

struct Attachment {
  std::string filename;
  std::string content_type;
  std::string bytes;
};

// A message as Outlook sends one: multipart/mixed, a text part, base64 attachments.
std::string raw_message(const std::string& from, const std::string& subject,
                        const std::string& body, const std::vector<Attachment>& files,
                        const std::string& message_id = "") {
  std::string raw =
      "From: Sender <" + from + ">\r\nTo: permanence.panel@northbridge.example.org\r\n" +
      "Subject: " + subject + "\r\nDate: Wed, 09 Dec 2026 10:00:00 +0000\r\n" +
      (message_id.empty() ? "" : "Message-ID: " + message_id + "\r\n") +
      "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"BOUNDARY\"\r\n\r\n" +
      "--BOUNDARY\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
  for (const Attachment& file : files) {
    raw += "--BOUNDARY\r\nContent-Type: " + file.content_type + "; name=\"" + file.filename +
           "\"\r\nContent-Disposition: attachment; filename=\"" + file.filename +
           "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    const std::string encoded = panelpack::text::base64(file.bytes);
    for (std::size_t at = 0; at < encoded.size(); at += 76) raw += encoded.substr(at, 76) + "\r\n";
  }
  return raw + "--BOUNDARY--\r\n";
}

// The ImapMailbox interface over messages held here: what the real client does, minus IMAP.
class HeldMailbox final : public mailer::ImapMailbox {
 public:
  void add(std::string raw, const char* arrived) {
    mailer::MailboxMessage message;
    message.uid = std::to_string(messages_.size() + 1);
    message.uid_validity = "7";
    message.arrived = at(arrived);
    message.size = raw.size();
    message.raw = std::move(raw);
    messages_.push_back(std::move(message));
  }
  std::vector<mailer::MailboxMessage> unprocessed(std::size_t limit,
                                                  std::size_t max_bytes) override {
    std::vector<mailer::MailboxMessage> found;
    for (const mailer::MailboxMessage& message : messages_) {
      if (processed.contains(message.uid) || found.size() >= limit) continue;
      found.push_back(message);
      if (message.raw.size() > max_bytes) {
        found.back().raw.clear();
        found.back().too_large = true;
      }
    }
    return found;
  }
  void mark_processed(const mailer::MailboxMessage& message) override {
    if (fail_marking) throw std::runtime_error("the process died before marking");
    processed.insert(message.uid);
  }

  std::set<std::string> processed;
  bool fail_marking = false;

 private:
  std::vector<mailer::MailboxMessage> messages_;
};

class Intake : public ::testing::Test {
 protected:
  office::IntakeResult run(const char* now = "2026-12-14T09:00") {
    const office::Workspace workspace = office_.open();
    mailer::Outbox outbox(office::outbox_path(workspace));
    return office::run_intake(workspace, mailbox_, outbox, {at(now)});
  }
  std::vector<mailer::OutboxRow> replies() const {
    return mailer::Outbox(office::outbox_path(office_.open()))
        .list({std::nullopt, "intake_reply|"});
  }
  std::string bookings(const char* date = "2026-12-15") const {
    return SampleOfficeCopy::read(office_.root() / "bookings" / "permanence" /
                                  (std::string(date) + ".json"));
  }
  nlohmann::json item(const std::string& case_ref, const char* date = "2026-12-15") const {
    const nlohmann::json sitting = nlohmann::json::parse(bookings(date));
    for (const nlohmann::json& item : sitting["items"]) {
      if (item["caseRef"] == case_ref) return item;
    }
    return nullptr;
  }
  office::PaperMatch match(const std::string& subject, const std::string& filename,
                           const std::string& body = "", std::size_t documents = 1,
                           const std::string& from = kSocialWorker) const {
    const office::IntakeIndex index = office::load_intake_index(office_.open());
    return office::match_paper(index,
                               {from, subject, body, filename, at("2026-12-09T10:00"), documents});
  }
  office::PaperCheck check(const std::string& bytes, std::uint64_t cap = 20ULL << 20) const {
    const fs::path file = scratch_.path() / "attachment";
    SampleOfficeCopy::write(file, bytes);
    return office::check_paper_file(file, cap);
  }

  SampleOfficeCopy office_;
  HeldMailbox mailbox_;
  panelpack::testing::TemporaryFolder scratch_;
};

// --- matching ------------------------------------------------------------------------------

TEST_F(Intake, TheCaseReferenceInTheSubjectNamesTheBookingThatAsksForThePaper) {
  const office::PaperMatch found = match("Chronology for LCS900108 (AV)", "document.docx");
  ASSERT_TRUE(found.placed()) << found.reason;
  EXPECT_EQ(found.sitting->panel_id, "permanence");
  EXPECT_EQ(found.sitting->date, day("2026-12-15"));
  EXPECT_EQ(found.case_ref, "LCS900108");
  EXPECT_EQ(found.paper_type, "chronology");
}

TEST_F(Intake, TheFileNameOrTheBodyNameTheCaseWhenTheSubjectDoesNot) {
  const office::PaperMatch by_name = match("papers for panel", "lcs900108_Chronology_v3.docx");
  ASSERT_TRUE(by_name.placed()) << by_name.reason;
  EXPECT_EQ(by_name.case_ref, "LCS900108");
  EXPECT_EQ(by_name.paper_type, "chronology");

  const office::PaperMatch by_body =
      match("Care plan", "plan.docx", "Hi, attached is the care plan for LCS900102. Thanks");
  ASSERT_TRUE(by_body.placed()) << by_body.reason;
  EXPECT_EQ(by_body.case_ref, "LCS900102");
  EXPECT_EQ(by_body.paper_type, "care-plan");
  // A reference inside a longer word names nothing.
  EXPECT_FALSE(
      match("XLCS900108 chronology", "a.docx", "", 1, "nobody@cafcass.example.org").placed());
}

TEST_F(Intake, TheSenderNamesTheOneBookingTheyPresent) {
  const office::PaperMatch found = match("chronology as promised", "chron.docx");
  ASSERT_TRUE(found.placed()) << found.reason;
  EXPECT_EQ(found.case_ref, "LCS900108");
  // The team manager presents many bookings: theirs names none.
  const office::PaperMatch manager = match("chronology as promised", "chron.docx", "", 1,
                                           "ravi.sandhurst@northbridge.example.org");
  EXPECT_FALSE(manager.placed());
  EXPECT_EQ(manager.reason,
            "no case reference was found in the subject, the file name or the message");
}

TEST_F(Intake, TwoReferencesOrTwoTypesForOneFileAreLeftWithTheGuesses) {
  const office::PaperMatch two_cases = match("LCS900108 and LCS900102", "chronology.docx");
  EXPECT_FALSE(two_cases.placed());
  EXPECT_NE(two_cases.reason.find("more than one case"), std::string::npos) << two_cases.reason;
  EXPECT_FALSE(two_cases.case_ref.empty());
  EXPECT_EQ(two_cases.paper_type, "chronology");

  const office::PaperMatch two_types = match("LCS900108 chronology and care plan", "papers.docx");
  EXPECT_FALSE(two_types.placed());
  EXPECT_EQ(two_types.case_ref, "LCS900108");
  EXPECT_NE(two_types.reason.find("more than one kind of paper"), std::string::npos);

  // Two files, each naming its case: each goes by its own name.
  const office::PaperMatch each =
      match("LCS900108 and LCS900102", "LCS900108 chronology.docx", "", 2);
  ASSERT_TRUE(each.placed()) << each.reason;
  EXPECT_EQ(each.case_ref, "LCS900108");
}

TEST_F(Intake, PaperWordsIncludeTheUsualAbbreviations) {
  EXPECT_EQ(office::paper_types_in("LCS900104 CPR final.pdf"),
            std::vector<std::string>{"assessment"});
  EXPECT_EQ(office::paper_types_in("Matching report"), std::vector<std::string>{"matching"});
  EXPECT_EQ(office::paper_types_in("CarePlan.docx"), std::vector<std::string>{"care-plan"});
  EXPECT_EQ(office::paper_types_in("CPM report"), std::vector<std::string>{"cpm-report"});
  EXPECT_TRUE(office::paper_types_in("holiday photos").empty());
}

TEST_F(Intake, ABookingThatDoesNotAskForThePaperOrNoComingSittingIsSaid) {
  const office::PaperMatch not_asked = match("LCS900103 chronology", "c.docx");
  EXPECT_FALSE(not_asked.placed());
  EXPECT_EQ(not_asked.reason,
            "the booking of LCS900103 on permanence 2026-12-15 does not ask for the chronology");
  const office::PaperMatch not_booked = match("LCS900110 chronology", "c.docx");
  EXPECT_EQ(not_booked.reason, "LCS900110 is not booked onto a sitting still to come");
}

TEST_F(Intake, ASenderOutsideTheAllowedDomainsIsNeverPlaced) {
  const office::PaperMatch found =
      match("LCS900108 chronology", "c.docx", "", 1, "someone@gmail.example.com");
  EXPECT_FALSE(found.sender_allowed);
  EXPECT_FALSE(found.placed());
  EXPECT_EQ(found.case_ref, "LCS900108");  // the guess is kept for the administrator
}

// --- checks --------------------------------------------------------------------------------

TEST_F(Intake, DocumentsPassByTheirContent) {
  EXPECT_EQ(check(docx_bytes()).kind, office::PaperFileKind::docx);
  EXPECT_EQ(check(SampleOfficeCopy::read(kTemplates / "report.odt")).kind,
            office::PaperFileKind::odt);
  EXPECT_EQ(check(pdf_bytes()).kind, office::PaperFileKind::pdf);
  const office::PaperCheck text = check("Dear panel, the chronology follows.\n");
  EXPECT_FALSE(text.passed());
  EXPECT_NE(text.refusal.find("not a Word document (DOCX)"), std::string::npos);
}

TEST_F(Intake, TooLargeIsRefusedWithTheCap) {
  const office::PaperCheck large = check(docx_bytes(), 1000);
  EXPECT_FALSE(large.passed());
  EXPECT_NE(large.refusal.find("larger than the 0 MB"), std::string::npos) << large.refusal;
  EXPECT_EQ(office::megabytes(20ULL << 20), "20 MB");
  EXPECT_EQ(office::megabytes(1536ULL << 10), "1.5 MB");
}

TEST_F(Intake, AZipBombIsRefusedUnopened) {
  const office::PaperCheck refused =
      check(docx_zip("", {{"word/media/image1.bin", std::string(30ULL << 20, '\0')}}));
  EXPECT_FALSE(refused.passed());
  EXPECT_NE(refused.refusal.find("unpacks to far more than a document does"), std::string::npos)
      << refused.refusal;
}

TEST_F(Intake, PasswordProtectedFilesAreRefusedSayingSo) {
  const office::PaperCheck zip = check(docx_zip("a secret password"));
  EXPECT_EQ(zip.refusal, "it is password-protected: send it without a password");

  // Word saves a DOCX with a password inside an OLE compound file.
  std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  ole += std::string(2048, '\x01');
  const office::PaperCheck word = check(ole);
  EXPECT_TRUE(word.refusal.starts_with("it is password-protected: send it without a password"))
      << word.refusal;

  const fs::path plain = scratch_.path() / "plain.pdf";
  const fs::path locked = scratch_.path() / "locked.pdf";
  SampleOfficeCopy::write(plain, pdf_bytes());
  const std::string command =
      "qpdf --encrypt reader owner 256 -- '" + plain.string() + "' '" + locked.string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  const office::PaperCheck pdf = check(SampleOfficeCopy::read(locked));
  EXPECT_EQ(pdf.refusal, "it is password-protected: send it without a password");
}

TEST_F(Intake, BrokenFilesAreRefusedAsDamaged) {
  const office::PaperCheck zip = check(std::string("PK\x03\x04", 4) + std::string(500, 'x'));
  EXPECT_TRUE(zip.refusal.starts_with("the file is damaged")) << zip.refusal;
  const office::PaperCheck pdf = check("%PDF-1.7\nthis is not a PDF at all");
  EXPECT_TRUE(pdf.refusal.starts_with("the PDF is damaged")) << pdf.refusal;
  panelpack::templating::ZipWriter no_main;
  no_main.add("[Content_Types].xml", "<Types/>");
  const office::PaperCheck part = check(no_main.finish());
  EXPECT_NE(part.refusal.find("its main part is missing"), std::string::npos) << part.refusal;
}

// --- the unmatched store -------------------------------------------------------------------

TEST_F(Intake, AnUnmatchedPaperIsKeptOnceAndReadBack) {
  const office::Workspace workspace = office_.open();
  const fs::path file = scratch_.path() / "upload";
  SampleOfficeCopy::write(file, docx_bytes());
  office::UnmatchedPaper paper;
  paper.arrived = at("2026-12-09T10:00");
  paper.from_email = kSocialWorker;
  paper.subject = "papers";
  paper.filename = "Chronology FINAL.DOCX";
  paper.sha256 = panelpack::text::sha256_hex(docx_bytes());
  paper.reason = "no case reference was found";
  paper.message_key = "7/1";
  paper.guessed_paper_type = "chronology";
  const std::string id = office::add_unmatched(workspace, paper, file);
  EXPECT_TRUE(id.starts_with("20261209T100000Z-")) << id;
  EXPECT_EQ(office::add_unmatched(workspace, paper, file), id);  // the same file: nothing new

  const std::vector<office::UnmatchedPaper> waiting = office::list_unmatched(workspace);
  ASSERT_EQ(waiting.size(), 1U);
  EXPECT_EQ(waiting[0].id, id);
  EXPECT_EQ(waiting[0].arrived, at("2026-12-09T10:00"));
  EXPECT_EQ(waiting[0].filename, "Chronology FINAL.DOCX");
  EXPECT_EQ(waiting[0].stored_file, "paper.docx");
  EXPECT_EQ(waiting[0].guessed_paper_type, "chronology");
  EXPECT_EQ(waiting[0].reason, "no case reference was found");
  EXPECT_EQ(SampleOfficeCopy::read(office::unmatched_file(workspace, waiting[0])), docx_bytes());
  EXPECT_TRUE(office::find_unmatched(workspace, id));
  EXPECT_FALSE(office::find_unmatched(workspace, "../" + id));
  EXPECT_FALSE(office::find_unmatched(workspace, "20261209T100000Z-00000000"));

  paper.message_key = "7/2";  // the same file in another message is another paper
  EXPECT_NE(office::add_unmatched(workspace, paper, file), id);
  EXPECT_EQ(office::list_unmatched(workspace).size(), 2U);
}

// --- whole runs ----------------------------------------------------------------------------

TEST_F(Intake, APaperIsFiledWhenItArrivedAndTheSenderToldOnTime) {
  mailbox_.add(raw_message(kSocialWorker, "LCS900108 chronology", "Please find attached.",
                           {{"Chronology.docx", "application/octet-stream", docx_bytes()},
                            {"image001.png", "image/png", std::string(800, 'p')}},
                           "<one@northbridge.example.org>"),
               "2026-12-09T10:00");
  const office::IntakeResult result = run();
  EXPECT_EQ(result.messages, 1);
  EXPECT_EQ(result.filed, 1);
  EXPECT_EQ(result.refused + result.unmatched, 0);  // the logo is left quietly
  ASSERT_EQ(result.lines.size(), 1U);
  EXPECT_EQ(result.lines[0],
            "LCS900108 chronology filed on permanence 2026-12-15 (on time) from message 7/1");

  const nlohmann::json booked = item("LCS900108");
  const nlohmann::json& paper = booked["papers"].back();
  EXPECT_EQ(paper["type"], "chronology");
  EXPECT_EQ(paper["receivedAt"], "2026-12-09T10:00:00+00:00");
  const std::string stored = paper["file"];
  EXPECT_EQ(stored, "papers/LCS900108/chronology-2026-12-09-100000.docx");
  EXPECT_EQ(SampleOfficeCopy::read(office_.root() / stored), docx_bytes());
  EXPECT_EQ(mailbox_.processed, std::set<std::string>{"1"});

  const auto rows = replies();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].recipient, kSocialWorker);
  EXPECT_EQ(rows[0].subject,
            "OFFICIAL-SENSITIVE: Received: Chronology for LCS900108 (AV), on time for the panel "
            "of 15 December");
  EXPECT_EQ(rows[0].subject.find("Arjun"), std::string::npos);

  const auto status = office::read_intake_status(office_.open());
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->ok);
  EXPECT_EQ(status->filed, 1);
  EXPECT_EQ(status->waiting, 0);
}

TEST_F(Intake, APaperAfterTheDeadlineIsFiledLateAndSaidSo) {
  mailbox_.add(raw_message(kSocialWorker, "Chronology LCS900108", "",
                           {{"LCS900108.pdf", "application/pdf", pdf_bytes()}}),
               "2026-12-11T08:30");
  const office::IntakeResult result = run();
  ASSERT_EQ(result.filed, 1) << (result.lines.empty() ? "" : result.lines[0]);
  EXPECT_NE(result.lines[0].find("(late)"), std::string::npos);
  const auto rows = replies();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_TRUE(rows[0].subject.starts_with(
      "OFFICIAL-SENSITIVE: Received late: Chronology for LCS900108 (AV)"))
      << rows[0].subject;
}

TEST_F(Intake, RefusedAndUnmatchedPapersAreAnsweredAndKept) {
  mailbox_.add(
      raw_message(kSocialWorker, "LCS900108 chronology", "",
                  {{"chronology.docx", "application/octet-stream", docx_zip("secret password")}}),
      "2026-12-09T10:00");
  mailbox_.add(raw_message("ravi.sandhurst@northbridge.example.org", "papers", "see attached",
                           {{"assessment.docx", "application/octet-stream", docx_bytes()}}),
               "2026-12-09T11:00");
  mailbox_.add(raw_message("stranger@example.net", "LCS900108 chronology", "",
                           {{"chronology.docx", "application/octet-stream", docx_bytes()}}),
               "2026-12-09T12:00");
  const std::string before = bookings();
  const office::IntakeResult result = run();
  EXPECT_EQ(result.messages, 3);
  EXPECT_EQ(result.filed, 0);
  EXPECT_EQ(result.refused, 1);
  EXPECT_EQ(result.unmatched, 2);
  EXPECT_EQ(bookings(), before);

  const auto waiting = office::list_unmatched(office_.open());
  ASSERT_EQ(waiting.size(), 2U);
  EXPECT_EQ(waiting[0].from_email, "ravi.sandhurst@northbridge.example.org");
  EXPECT_EQ(waiting[0].guessed_paper_type, "assessment");
  EXPECT_EQ(waiting[1].from_email, "stranger@example.net");
  EXPECT_EQ(waiting[1].guessed_case_ref, "LCS900108");

  // The stranger is not answered; the other two are.
  std::map<std::string, std::string> subjects;
  for (const auto& row : replies()) subjects[row.recipient] = row.subject;
  EXPECT_EQ(subjects.size(), 2U);
  EXPECT_EQ(subjects[kSocialWorker],
            "OFFICIAL-SENSITIVE: Not taken: a paper you sent to the panel mailbox for LCS900108");
  EXPECT_EQ(subjects["ravi.sandhurst@northbridge.example.org"],
            "OFFICIAL-SENSITIVE: Received, not yet placed: a paper you sent to the panel mailbox");
  const auto status = office::read_intake_status(office_.open());
  ASSERT_TRUE(status);
  EXPECT_EQ(status->refused, 1);
  EXPECT_EQ(status->unmatched, 2);
  EXPECT_EQ(status->waiting, 2);
}

TEST_F(Intake, ASecondRunRecordsAndRepliesNothingMore) {
  mailbox_.add(raw_message(kSocialWorker, "LCS900108 chronology", "",
                           {{"c.docx", "application/octet-stream", docx_bytes()}}),
               "2026-12-09T10:00");
  mailbox_.add(raw_message(kSocialWorker, "no reference", "",
                           {{"x.docx", "application/octet-stream", docx_bytes()}}),
               "2026-12-09T10:05");
  run();
  const std::string once = bookings();
  const auto replied = replies().size();
  mailbox_.processed.clear();  // as if the flags were lost: the messages come again
  const office::IntakeResult again = run();
  EXPECT_EQ(again.messages, 2);
  EXPECT_EQ(again.filed + again.refused + again.unmatched, 0);
  EXPECT_EQ(mailbox_.processed, (std::set<std::string>{"1", "2"}));  // marked again
  EXPECT_EQ(bookings(), once);
  EXPECT_EQ(replies().size(), replied);
  EXPECT_EQ(office::list_unmatched(office_.open()).size(), 1U);
}

TEST_F(Intake, ACrashBeforeMarkingTheMessageRecordsNothingTwice) {
  mailbox_.add(raw_message(kSocialWorker, "LCS900108 chronology", "",
                           {{"c.docx", "application/octet-stream", docx_bytes()}}),
               "2026-12-09T10:00");
  mailbox_.fail_marking = true;
  EXPECT_ANY_THROW(run());
  const std::string filed = bookings();
  EXPECT_NE(filed.find("chronology-2026-12-09-100000.docx"), std::string::npos);
  // Run again, marking failing still: the file is known, nothing is done twice.
  try {
    run();
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(bookings(), filed);
  EXPECT_EQ(replies().size(), 1U);
  // And a crash before even seen.json was written: the booking itself says it is this file.
  fs::remove(office_.root() / "intake" / "seen.json");
  mailbox_.fail_marking = false;
  const office::IntakeResult again = run();
  EXPECT_EQ(bookings(), filed);
  EXPECT_EQ(replies().size(), 1U);  // the reply's key was queued already
  EXPECT_EQ(mailbox_.processed, std::set<std::string>{"1"});
  ASSERT_EQ(again.lines.size(), 1U);
  EXPECT_NE(again.lines[0].find("recorded by an earlier run"), std::string::npos);
}

TEST_F(Intake, AMessageLargerThanTheCapIsRefusedUnread) {
  mailbox_.add(raw_message(kSocialWorker, "LCS900108 chronology", "",
                           {{"c.docx", "application/octet-stream", std::string(2 << 20, 'x')}}),
               "2026-12-09T10:00");
  office_.edit_office([](nlohmann::json& json) { json["mail"]["intake"]["maxAttachmentMB"] = 1; });
  const office::IntakeResult result = run();
  EXPECT_EQ(result.refused, 1);
  ASSERT_EQ(result.lines.size(), 1U);
  EXPECT_NE(result.lines[0].find("not read"), std::string::npos) << result.lines[0];
  EXPECT_EQ(mailbox_.processed, std::set<std::string>{"1"});
}

}  // namespace
