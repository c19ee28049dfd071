#pragma once
// JSON as kainjow Mustache data, for the templates the command renders itself (output names,
// emails); the DOCX and ODT engine has its own.

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

namespace panelpack::office {

// Objects and arrays nest (to 64 levels; deeper reads as false), null is false, numbers print
// as JSON writes them.
kainjow::mustache::data to_mustache_data(const nlohmann::json& value, int depth = 0);

}  // namespace panelpack::office
