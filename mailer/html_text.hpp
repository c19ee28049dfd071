#pragma once
// The words of an HTML body, for messages that carry no text/plain part: tags dropped, block
// ends made line breaks, the common entities decoded. Not a renderer; enough to find a case
// reference or a paper's name. Internal to mailer.

#include <string>
#include <string_view>

namespace panelpack::mailer {

std::string html_to_text(std::string_view html);

}  // namespace panelpack::mailer
