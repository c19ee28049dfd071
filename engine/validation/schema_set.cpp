#include "validation/schema_set.hpp"

namespace panelpack::validation {
namespace {

std::string_view last_segment(std::string_view uri) {
  const auto slash = uri.rfind('/');
  return slash == std::string_view::npos ? uri : uri.substr(slash + 1);
}

// "%25" and friends are legal in a fragment; our schemas use none, but decode them anyway.
std::string percent_decoded(std::string_view text) {
  std::string decoded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      decoded += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      decoded += text[i];
    }
  }
  return decoded;
}

}  // namespace

void SchemaSet::add(std::string name, Schema document) {
  if (!document.is_object()) throw SchemaError(name + ": a schema document must be a JSON object");
  if (const auto id = document.find("$id"); id != document.end() && id->is_string()) {
    const std::string id_text = id->get<std::string>();
    aliases_[std::string(last_segment(id_text))] = name;
  }
  documents_[std::move(name)] = std::move(document);
}

const Schema* SchemaSet::find(std::string_view name) const {
  if (const auto it = documents_.find(name); it != documents_.end()) return &it->second;
  if (const auto alias = aliases_.find(name); alias != aliases_.end()) {
    return &documents_.find(alias->second)->second;
  }
  return nullptr;
}

SchemaNode SchemaSet::root(std::string_view name) const {
  const Schema* document = find(name);
  if (document == nullptr) throw SchemaError("no schema named " + std::string(name));
  return {document, std::string(name)};
}

SchemaNode SchemaSet::resolve(std::string_view ref, std::string_view from) const {
  const auto hash = ref.find('#');
  const std::string_view base = ref.substr(0, hash);
  const std::string fragment =
      hash == std::string_view::npos ? std::string() : percent_decoded(ref.substr(hash + 1));
  std::string document_name(base.empty() ? from : last_segment(base));
  const Schema* document = find(document_name);
  if (document == nullptr) {
    throw SchemaError("$ref " + std::string(ref) + " names a schema that is not loaded");
  }
  if (!base.empty() && documents_.find(document_name) == documents_.end()) {
    document_name = aliases_.find(document_name)->second;
  }
  try {
    const Schema& target = document->at(Schema::json_pointer(fragment));
    return {&target, document_name};
  } catch (const nlohmann::json::exception&) {
    throw SchemaError("$ref " + std::string(ref) + " leads nowhere in " + document_name);
  }
}

}  // namespace panelpack::validation
