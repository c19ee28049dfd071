#pragma once
// JSON as kainjow Mustache data, for the templates the command renders itself (output names,
// emails); the DOCX and ODT engine has its own.

#include <string>

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

namespace panelpack::office {

// Objects and arrays nest (to 64 levels; deeper reads as false), null is false, numbers print
// as JSON writes them.
kainjow::mustache::data to_mustache_data(const nlohmann::json& value, int depth = 0);

// The first tag of a template that would insert a value without HTML escaping ({{{x}}}, {{&x}},
// or a change of delimiters that could hide one), cut to 40 characters; "" when there is none.
// Email and page templates that hold such a tag are refused.
std::string first_unescaped_tag(const std::string& text);

}  // namespace panelpack::office
