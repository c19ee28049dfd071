#include "templating/markers.hpp"

#include <memory>
#include <stdexcept>

namespace panelpack::templating {
namespace {

constexpr std::string_view kMarkerOpen = "<?panelpack-m ";

ProgramNode::Kind opening_kind(char letter) {
  switch (letter) {
    case 't':
      return ProgramNode::Kind::table_guard;
    case 'g':
      return ProgramNode::Kind::paragraph_guard;
    default:
      return ProgramNode::Kind::section;
  }
}

}  // namespace

bool is_marker(const xmlNode* node) {
  return node != nullptr && node->type == XML_PI_NODE &&
         std::string_view(reinterpret_cast<const char*>(node->name)) == kMarkerTarget;
}

bool mentions_marker(const xmlNode* node) {
  if (node->type != XML_PI_NODE && node->type != XML_COMMENT_NODE) return false;
  if (is_marker(node)) return true;
  return node->content != nullptr &&
         std::string_view(reinterpret_cast<const char*>(node->content)).find(kMarkerTarget) !=
             std::string_view::npos;
}

std::vector<ProgramNode> cut_at_markers(std::string_view xml, const std::string& part_name) {
  std::vector<ProgramNode> top;
  std::vector<std::vector<ProgramNode>*> stack{&top};
  // Open sections and guards live on the heap so `stack` can point into their children.
  std::vector<std::unique_ptr<ProgramNode>> open_nodes;
  auto append_literal = [&](std::string_view text) {
    if (text.empty()) return;
    auto& nodes = *stack.back();
    if (!nodes.empty() && nodes.back().kind == ProgramNode::Kind::literal) {
      nodes.back().literal += text;
    } else {
      ProgramNode node;
      node.literal = std::string(text);
      nodes.push_back(std::move(node));
    }
  };
  std::size_t pos = 0;
  for (std::size_t at = xml.find(kMarkerOpen); at != std::string_view::npos;
       at = xml.find(kMarkerOpen, pos)) {
    append_literal(xml.substr(pos, at - pos));
    const std::size_t data_begin = at + kMarkerOpen.size();
    const std::size_t end = xml.find("?>", data_begin);
    if (end == std::string_view::npos || end == data_begin) {
      throw std::logic_error("a template marker is cut short in " + part_name);
    }
    const std::string data(xml.substr(data_begin, end - data_begin));
    pos = end + 2;
    const char letter = data.front();
    const std::size_t slot = data.size() > 1 ? std::stoul(data.substr(1)) : 0;
    if (letter == 'v') {
      ProgramNode node;
      node.kind = ProgramNode::Kind::value;
      node.slot = slot;
      stack.back()->push_back(std::move(node));
    } else if (letter == 's' || letter == 't' || letter == 'g') {
      auto node = std::make_unique<ProgramNode>();
      node->kind = opening_kind(letter);
      node->slot = slot;
      stack.push_back(&node->children);
      open_nodes.push_back(std::move(node));
    } else {  // 'e', 'u', 'h': the innermost open node ends
      if (open_nodes.empty()) {
        throw std::logic_error("unbalanced template markers in " + part_name);
      }
      ProgramNode finished = std::move(*open_nodes.back());
      open_nodes.pop_back();
      stack.pop_back();
      stack.back()->push_back(std::move(finished));
    }
  }
  if (!open_nodes.empty()) throw std::logic_error("unclosed template markers in " + part_name);
  append_literal(xml.substr(pos));
  return top;
}

}  // namespace panelpack::templating
