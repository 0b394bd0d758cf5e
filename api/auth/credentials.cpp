#include "api/auth/credentials.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <vector>

namespace amisim::auth {
namespace {

using Parsed = sim::Result<CredentialStore, std::string>;

constexpr std::size_t kMaxKeyLength = 128;
constexpr std::size_t kMaxSecretLength = 128;

bool is_word_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// "" when the three values make a credential, else what is wrong with them.
std::string check(const std::string& key, const std::string& secret, const std::string& account) {
  if (key.empty() || key.size() > kMaxKeyLength) {
    return fmt::format("access key ID '{}' must be 1 to {} characters", key, kMaxKeyLength);
  }
  for (char c : key) {
    if (!is_word_char(c)) {
      return fmt::format("access key ID '{}' may hold only letters, digits and '_'", key);
    }
  }
  if (secret.empty() || secret.size() > kMaxSecretLength) {
    return fmt::format("the secret of '{}' must be 1 to {} characters", key, kMaxSecretLength);
  }
  for (char c : secret) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '\x7f') {
      return fmt::format("the secret of '{}' holds white space or a control character", key);
    }
  }
  if (!sim::is_account_id(account)) {
    return fmt::format("account '{}' of '{}' is not a 12-digit account ID", account, key);
  }
  return "";
}

// Adds one credential, or says why not, as "line N: ...".
std::string add(CredentialStore& store, std::size_t line, const std::string& key,
                const std::string& secret, const std::string& account) {
  if (std::string problem = check(key, secret, account); !problem.empty()) {
    return fmt::format("line {}: {}", line, problem);
  }
  if (!store.add(Credential{key, secret, sim::AccountId{account}})) {
    return fmt::format("line {}: access key ID '{}' appears twice", line, key);
  }
  return "";
}

// The fields of one line, up to a '#' that starts a field.
std::vector<std::string> fields_of(std::string_view line) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_blank(line[i])) ++i;
    if (i == line.size() || line[i] == '#') break;
    std::size_t start = i;
    while (i < line.size() && !is_blank(line[i])) ++i;
    out.emplace_back(line.substr(start, i - start));
  }
  return out;
}

Parsed parse_lines(std::string_view text) {
  CredentialStore store;
  std::size_t number = 0;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++number;
    std::vector<std::string> fields = fields_of(line);
    if (fields.empty()) continue;
    if (fields.size() != 3) {
      return fmt::format(
          "line {}: expected ACCESS_KEY_ID SECRET_ACCESS_KEY ACCOUNT_ID, found {} field{}", number,
          fields.size(), fields.size() == 1 ? "" : "s");
    }
    if (std::string problem = add(store, number, fields[0], fields[1], fields[2]);
        !problem.empty()) {
      return problem;
    }
  }
  return store;
}

// The line (from 1) of byte `offset` of `text`.
std::size_t line_at(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

// Where each element of the top-level array starts (byte offsets), for error lines: a scan that
// skips strings, so brackets inside them do not count. Only called on text that parsed.
std::vector<std::size_t> element_starts(std::string_view text) {
  std::vector<std::size_t> out;
  int depth = 0;
  bool in_string = false;
  bool expect_element = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (depth == 1 && expect_element && !is_blank(c) && c != '\n') {
      out.push_back(i);
      expect_element = false;
    }
    if (c == '"') in_string = true;
    if (c == '[' || c == '{') expect_element = ++depth == 1;
    if (c == ']' || c == '}') --depth;
    if (c == ',' && depth == 1) expect_element = true;
  }
  return out;
}

const nlohmann::json* member(const nlohmann::json& entry, const char* name) {
  auto it = entry.find(name);
  return it == entry.end() || !it->is_string() ? nullptr : &*it;
}

std::string add_json_entry(CredentialStore& store, std::size_t line, const nlohmann::json& entry) {
  constexpr const char* kNames[] = {"AccessKeyId", "SecretAccessKey", "Account"};
  if (!entry.is_object()) return fmt::format("line {}: an entry must be an object", line);
  for (const auto& [name, value] : entry.items()) {
    if (name != kNames[0] && name != kNames[1] && name != kNames[2]) {
      return fmt::format(
          "line {}: unknown member '{}' (expected AccessKeyId, SecretAccessKey, "
          "Account)",
          line, name);
    }
  }
  for (const char* name : kNames) {
    if (member(entry, name) == nullptr) {
      return fmt::format("line {}: '{}' must be present and a string", line, name);
    }
  }
  return add(store, line, member(entry, kNames[0])->get<std::string>(),
             member(entry, kNames[1])->get<std::string>(),
             member(entry, kNames[2])->get<std::string>());
}

Parsed parse_json(std::string_view text) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    return fmt::format("line {}: not JSON: {}", line_at(text, e.byte == 0 ? 0 : e.byte - 1),
                       e.what());
  }
  if (!doc.is_array()) return std::string("line 1: the JSON must be an array of credentials");
  std::vector<std::size_t> starts = element_starts(text);
  CredentialStore store;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    std::size_t line = line_at(text, i < starts.size() ? starts[i] : 0);
    if (std::string problem = add_json_entry(store, line, doc[i]); !problem.empty()) {
      return problem;
    }
  }
  return store;
}

}  // namespace

const Credential* CredentialStore::find(std::string_view access_key_id) const {
  auto it = by_key_.find(access_key_id);
  return it == by_key_.end() ? nullptr : &it->second;
}

bool CredentialStore::add(Credential credential) {
  std::string key = credential.access_key_id;
  return by_key_.emplace(std::move(key), std::move(credential)).second;
}

sim::Result<CredentialStore, std::string> parse_credentials(std::string_view text) {
  std::size_t first = text.find_first_not_of(" \t\r\n");
  Parsed parsed =
      first != std::string_view::npos && text[first] == '[' ? parse_json(text) : parse_lines(text);
  if (parsed.ok() && parsed.value().size() == 0) {
    return std::string(
        "line 1: no credentials (one per line: ACCESS_KEY_ID SECRET_ACCESS_KEY "
        "ACCOUNT_ID)");
  }
  return parsed;
}

}  // namespace amisim::auth
