#pragma once
// Reading the untagged replies (RFC 9051 section 7) that libcurl hands back for the commands the
// mailbox sends itself: SEARCH, FETCH's attributes, STATUS, CAPABILITY and LIST. Each function
// takes every untagged line of one command's reply. Internal to mailer (the IMAP module).

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace panelpack::mailer::imap {

// "* SEARCH 3 7 12" -> {"3", "7", "12"}, in increasing numeric order.
std::vector<std::string> search_results(const std::string& replies);

// "* STATUS INBOX (UIDVALIDITY 1733400000 ...)" -> the named item's value, or "".
std::string status_item(const std::string& replies, const std::string& item);

// "* CAPABILITY IMAP4rev1 MOVE ..." (upper-cased words).
std::set<std::string> capabilities(const std::string& replies);

// True when "* LIST (...) "/" NAME" names `folder` (quoted or atom, case as written; INBOX in any
// case).
bool lists_folder(const std::string& replies, const std::string& folder);

struct FetchedAttributes {
  std::string uid;
  std::size_t size = 0;
  std::optional<std::chrono::system_clock::time_point> internal_date;
  std::vector<std::string> flags;  // as written ("\\Seen", "$PanelpackFiled")
};

// "* 4 FETCH (UID 12 RFC822.SIZE 2048 INTERNALDATE "05-Dec-2026 14:25:43 +0000" FLAGS (\Seen))"
// -> the attributes of the reply whose UID is `uid`; nullopt when there is none.
std::optional<FetchedAttributes> fetch_attributes(const std::string& replies,
                                                  const std::string& uid);

// "05-Dec-2026 14:25:43 +0000" (RFC 9051 date-time) -> the instant; nullopt when malformed.
std::optional<std::chrono::system_clock::time_point> parse_internal_date(const std::string& text);

// A mailbox name as an IMAP quoted string ("Filed" -> "\"Filed\"").
std::string quoted(const std::string& text);

}  // namespace panelpack::mailer::imap
