#pragma once
// The mail relay's last reply ("550 5.1.1 mailbox unavailable", "connection refused") said in
// plain words for the Mail page: what it means and whether panelpack tries again by itself.

#include <string>

namespace panelpack::office {

// "" for no reply. The relay's own text is kept by the caller; this says what it means.
std::string smtp_reply_in_words(const std::string& reply);

}  // namespace panelpack::office
