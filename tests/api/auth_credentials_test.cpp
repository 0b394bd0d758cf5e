// The credentials file of `amisim serve --auth sigv4 --credentials FILE`
// (api/auth/credentials.hpp): both formats, and a complaint naming the line for each thing that can
// be wrong.
#include <catch2/catch.hpp>
#include <string>

#include "api/auth/credentials.hpp"

namespace auth = amisim::auth;

namespace {

// The complaint for `text` ("" when it parses).
std::string complaint(const std::string& text) {
  auto parsed = auth::parse_credentials(text);
  return parsed.ok() ? "" : parsed.error();
}

}  // namespace

TEST_CASE("Credentials: one per line, '#' comments and blank lines skipped") {
  auto parsed = auth::parse_credentials(
      "# amisim credentials\n"
      "\n"
      "AKIDALPHA\tsecret/with+chars=  111111111111   # the build account\n"
      "   AKIDBETA secret-b 222222222222\r\n");
  REQUIRE(parsed.ok());
  CHECK(parsed->size() == 2);
  const auth::Credential* a = parsed->find("AKIDALPHA");
  REQUIRE(a != nullptr);
  CHECK(a->secret_access_key == "secret/with+chars=");
  CHECK(a->account.str() == "111111111111");
  CHECK(parsed->find("AKIDBETA")->account.str() == "222222222222");
  CHECK(parsed->find("AKIDGAMMA") == nullptr);
}

TEST_CASE("Credentials: JSON, an array of AccessKeyId, SecretAccessKey and Account") {
  auto parsed = auth::parse_credentials(R"([
    {"AccessKeyId": "AKIDALPHA", "SecretAccessKey": "s1", "Account": "111111111111"},
    {"AccessKeyId": "AKIDBETA", "SecretAccessKey": "s2", "Account": "222222222222"}
  ])");
  REQUIRE(parsed.ok());
  CHECK(parsed->find("AKIDBETA")->secret_access_key == "s2");
}

TEST_CASE("Credentials: a bad file is refused with the line of the first problem") {
  CHECK(complaint("") ==
        "line 1: no credentials (one per line: ACCESS_KEY_ID SECRET_ACCESS_KEY "
        "ACCOUNT_ID)");
  CHECK(complaint("# only a comment\n").rfind("line 1: no credentials", 0) == 0);
  CHECK(complaint("AKIDA s1 111111111111\nAKIDB s2\n") ==
        "line 2: expected ACCESS_KEY_ID SECRET_ACCESS_KEY ACCOUNT_ID, found 2 fields");
  CHECK(complaint("AKIDA s1 11111111111\n") ==
        "line 1: account '11111111111' of 'AKIDA' is not a 12-digit account ID");
  CHECK(complaint("AKID-A s1 111111111111\n") ==
        "line 1: access key ID 'AKID-A' may hold only letters, digits and '_'");
  CHECK(complaint("AKIDA s1 111111111111\n\nAKIDA s2 222222222222\n") ==
        "line 3: access key ID 'AKIDA' appears twice");
  CHECK(complaint("AKIDA s\x01 111111111111\n") ==
        "line 1: the secret of 'AKIDA' holds white space or a control character");
  CHECK(complaint(std::string(129, 'A') + " s 111111111111") ==
        "line 1: access key ID '" + std::string(129, 'A') + "' must be 1 to 128 characters");
}

TEST_CASE("Credentials: a bad JSON file is refused with the line of the entry at fault") {
  CHECK(complaint("[\n  {\"AccessKeyId\": \"A\", \"SecretAccessKey\": \"s\",\n"
                  "   \"Account\": \"111111111111\"},\n"
                  "  {\"AccessKeyId\": \"B\", \"SecretAccessKey\": \"s\"}\n]") ==
        "line 4: 'Account' must be present and a string");
  CHECK(complaint("[\n{\"AccessKeyId\": \"A\", \"Secret\": \"s\", \"Account\": \"1\"}]") ==
        "line 2: unknown member 'Secret' (expected AccessKeyId, SecretAccessKey, Account)");
  CHECK(complaint("[\n  {\"AccessKeyId\": \"A\",\n").rfind("line 3: not JSON: ", 0) == 0);
  CHECK(complaint("[]").rfind("line 1: no credentials", 0) == 0);
  CHECK(complaint("[\"A s 111111111111\"]") == "line 1: an entry must be an object");
}
