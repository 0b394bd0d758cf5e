#include "api/protocol/xml_writer.hpp"

#include <cassert>
#include <vector>

#include "api/protocol/scalars.hpp"
#include "sim/core/utf8.hpp"

namespace amisim::protocol {
namespace {

using nlohmann::json;

constexpr std::string_view kProlog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

void append(fmt::memory_buffer& out, std::string_view text) {
  out.append(text.data(), text.data() + text.size());
}

void open_tag(fmt::memory_buffer& out, std::string_view name) {
  out.push_back('<');
  append(out, name);
  out.push_back('>');
}

void close_tag(fmt::memory_buffer& out, std::string_view name) {
  append(out, "</");
  append(out, name);
  out.push_back('>');
}

void empty_tag(fmt::memory_buffer& out, std::string_view name) {
  out.push_back('<');
  append(out, name);
  append(out, "/>");
}

void text_element(fmt::memory_buffer& out, std::string_view name, std::string_view text) {
  open_tag(out, name);
  append_escaped(out, text);
  close_tag(out, name);
}

class XmlWriter {
 public:
  XmlWriter(fmt::memory_buffer& out, const ServiceModel& model) : out_(out), model_(model) {}

  void members(const json& v, const Shape& shape) {
    if (!v.is_object()) return;
    // The values of the shape's members, found by one merge of two name-ordered lists (the
    // object's keys and the shape's index) rather than a lookup per member: an Instance has about
    // 70 members, most absent.
    const auto& object = v.get_ref<const json::object_t&>();
    std::vector<const json*> found(shape.members.size(), nullptr);
    auto key = object.begin();
    auto name = shape.by_name_.begin();
    while (key != object.end() && name != shape.by_name_.end()) {
      const int order = key->first.compare(name->first);
      if (order < 0) {
        ++key;
      } else if (order > 0) {
        ++name;
      } else {
        found[name->second] = &key->second;
        ++key;
        ++name;
      }
    }
    for (std::size_t i = 0; i < found.size(); ++i) {
      if (found[i] == nullptr || found[i]->is_null()) continue;
      const Member& member = shape.members[i];
      const Shape& inner = model_.shape(member.shape);
      if (inner.type == ShapeType::kList && (member.flattened || inner.flattened)) {
        for (const auto& item : *found[i]) element(member.xml_name(), item, inner.item.shape);
      } else {
        element(member.xml_name(), *found[i], member.shape);
      }
    }
  }

  void element(std::string_view name, const json& v, std::size_t shape_index) {
    const Shape& shape = model_.shape(shape_index);
    if (shape.type == ShapeType::kStructure || shape.type == ShapeType::kList) {
      if (v.empty() || !(v.is_object() || v.is_array())) return empty_tag(out_, name);
      open_tag(out_, name);
      if (shape.type == ShapeType::kStructure)
        members(v, shape);
      else
        list_items(v, shape);
      return close_tag(out_, name);
    }
    if (shape.type == ShapeType::kMap) return;  // no EC2 output has a map
    if (write_plain_scalar(name, shape.type, v)) return;
    auto text = scalar_to_text(shape.type, v);
    if (!text) {  // a handler bug; write something readable rather than fail the reply
      text = v.is_string() ? v.get<std::string>()
                           : v.dump(-1, ' ', false, json::error_handler_t::replace);
    }
    text_element(out_, name, *text);
  }

  // Writes the common scalars (a string where the shape takes text, an integer, a boolean)
  // without the copy scalar_to_text makes; false for anything else, which takes that path.
  bool write_plain_scalar(std::string_view name, ShapeType type, const json& v) {
    switch (type) {
      case ShapeType::kInteger:
      case ShapeType::kLong:
        if (!v.is_number_integer()) return false;
        open_tag(out_, name);
        if (v.is_number_unsigned())
          append(out_, fmt::format_int(v.get<std::uint64_t>()).str());
        else
          append(out_, fmt::format_int(v.get<std::int64_t>()).str());
        close_tag(out_, name);
        return true;
      case ShapeType::kBoolean:
        if (!v.is_boolean()) return false;
        text_element(out_, name, v.get<bool>() ? "true" : "false");
        return true;
      case ShapeType::kDouble:
        return false;
      default:
        if (!v.is_string()) return false;
        text_element(out_, name, v.get_ref<const std::string&>());
        return true;
    }
  }

  void list_items(const json& v, const Shape& shape) {
    const std::string& item_name =
        shape.item.location_name.empty() ? std::string("item") : shape.item.location_name;
    for (const auto& item : v) element(item_name, item, shape.item.shape);
  }

 private:
  fmt::memory_buffer& out_;
  const ServiceModel& model_;
};

// The entity or character reference an ASCII character needs in XML text, or "" when it is
// written as it is. CR is written as a reference so that readers do not fold it into LF (XML 1.0
// §2.11); tab and LF are kept as they are.
std::string_view ascii_escape(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&apos;";
    case '\r':
      return "&#13;";
    default:
      return "";
  }
}

// Printable ASCII, tab and LF, except the characters ascii_escape writes as references.
bool written_as_is(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x20 && byte < 0x7F) return c != '&' && c != '<' && c != '>' && c != '"' && c != '\'';
  return c == '\t' || c == '\n';
}

}  // namespace

void append_escaped(fmt::memory_buffer& out, std::string_view text) {
  // Whatever reaches this is written so that every XML 1.0 reader accepts it. The model keeps no
  // text XML cannot carry (sim/core/text.hpp refuses it); what still gets here (an error quoting
  // refused input, a handler bug) becomes U+FFFD rather than break the document for everyone.
  for (std::size_t i = 0; i < text.size();) {
    // A run of printable ASCII that needs no reference is copied at once (most text is one).
    std::size_t plain = i;
    while (plain < text.size() && written_as_is(text[plain])) ++plain;
    if (plain != i) {
      append(out, text.substr(i, plain - i));
      i = plain;
      if (i == text.size()) break;
    }
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      if (!sim::is_xml_char(byte)) {
        append(out, kReplacement);
      } else if (auto entity = ascii_escape(text[i]); !entity.empty()) {
        append(out, entity);
      } else {
        out.push_back(text[i]);
      }
      ++i;
      continue;
    }
    auto c = sim::decode_utf8(text, i);
    append(out, c && sim::is_xml_char(c->code_point) ? text.substr(i, c->length) : kReplacement);
    i += c ? c->length : 1;
  }
}

void write_response(fmt::memory_buffer& out, const ServiceModel& model, std::string_view action,
                    const nlohmann::json& output, std::string_view request_id) {
  const Operation* op = model.operation(action);
  assert(op && "write_response: the action was checked by the parser");
  std::string root = std::string(action) + "Response";
  append(out, kProlog);
  fmt::format_to(std::back_inserter(out), "<{} xmlns=\"{}/\">", root, model.xml_namespace());
  text_element(out, "requestId", request_id);
  if (op == nullptr || op->output == kNoShape) {
    text_element(out, "return", "true");
  } else {
    XmlWriter(out, model).members(output, model.shape(op->output));
  }
  close_tag(out, root);
}

std::string write_response(const ServiceModel& model, std::string_view action,
                           const nlohmann::json& output, std::string_view request_id) {
  fmt::memory_buffer out;
  write_response(out, model, action, output, request_id);
  return fmt::to_string(out);
}

void write_error(fmt::memory_buffer& out, const WireError& error, std::string_view request_id) {
  append(out, kProlog);
  append(out, "<Response><Errors><Error>");
  text_element(out, "Code", error.code);
  text_element(out, "Message", error.message);
  append(out, "</Error></Errors>");
  text_element(out, "RequestID", request_id);
  append(out, "</Response>");
}

std::string write_error(const WireError& error, std::string_view request_id) {
  fmt::memory_buffer out;
  write_error(out, error, request_id);
  return fmt::to_string(out);
}

}  // namespace amisim::protocol
