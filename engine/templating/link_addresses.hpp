#pragma once
// A tag typed into a link's address is never filled (the address is not document text).
// For DOCX the address lives in the part's relationships: this reads the ones holding a tag.
// Internal to the engine.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <libxml/tree.h>

#include "templating/markup_format.hpp"
#include "templating/zip_archive.hpp"

namespace panelpack::templating {

// Relationship id ("rId7") -> its target, for the targets of `part_name` that hold a tag.
using LinkTargets = std::map<std::string, std::string>;

// Reads word/_rels/document.xml.rels for word/document.xml (and so on for any part). Empty
// when the part has no relationships or none holds a tag.
LinkTargets tagged_link_targets(const ZipReader& package, const std::string& part_name);

// The tag in an address: "{{child.url}}" from "https://x/%7B%7Bchild.url%7D%7D"; nullopt when
// the address holds none.
std::optional<std::string> tag_in_address(std::string_view address);

// When `element` is a link (or a HYPERLINK field) whose address holds a tag: that tag.
// DOCX: w:hyperlink r:id (looked up in `links`), w:instrText, w:fldSimple w:instr. ODT: text:a
// xlink:href.
std::optional<std::string> tag_in_link(const xmlNode* element, const MarkupFormat& format,
                                       const LinkTargets* links);

}  // namespace panelpack::templating
