#pragma once
// A set of JSON Schema documents that may $ref each other by file name.

#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace panelpack::validation {

// Schemas keep their keys in the order written, so listings follow the file.
using Schema = nlohmann::ordered_json;

// A schema is unusable: a $ref that leads nowhere, a document that is not an object.
class SchemaError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A schema node and the document it sits in (local "#/..." references resolve against it).
struct SchemaNode {
  const Schema* schema = nullptr;
  std::string document;
};

class SchemaSet {
 public:
  // Adds a document under `name`, its file name ("common.schema.json"). It can also be found by
  // the last path segment of its "$id". Throws SchemaError when it is not a JSON object.
  void add(std::string name, Schema document);

  const Schema* find(std::string_view name) const;

  // Follows `ref` ("#/$defs/Person", "common.schema.json#/$defs/Person" or an absolute URI
  // ending in a file name) written in document `from`. Throws SchemaError when it leads nowhere.
  SchemaNode resolve(std::string_view ref, std::string_view from) const;

  // The root of document `name`. Throws SchemaError when there is no such document.
  SchemaNode root(std::string_view name) const;

 private:
  std::map<std::string, Schema, std::less<>> documents_;
  std::map<std::string, std::string, std::less<>> aliases_;  // $id file name -> name
};

}  // namespace panelpack::validation
