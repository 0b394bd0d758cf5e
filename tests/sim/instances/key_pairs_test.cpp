#include "sim/instances/key_pairs.hpp"

#include <regex>

#include "harness.hpp"
#include "sim/core/base64.hpp"

using namespace sim;
using test::expect_error;
using test::expect_ok;

namespace {

// An OpenSSH public key line with a well-formed blob of the given type.
std::string openssh_key(const std::string& type, const std::string& filler = "0123456789") {
  std::string blob = {0, 0, 0, static_cast<char>(type.size())};
  blob += type + filler;
  return type + " " + base64_encode(blob) + " user@host";
}

}  // namespace

TEST_CASE("CreateKeyPair returns PEM key material and an RSA fingerprint of 20 hex pairs") {
  test::Harness h;
  auto created = expect_ok(create_key_pair(h.world, h.caller, "deploy"));
  const KeyPair& k = *created.key_pair;
  CHECK(k.name == "deploy");
  CHECK(k.id.str().rfind("key-", 0) == 0);
  CHECK(k.key_type == "rsa");
  CHECK(k.region == h.caller.region);
  CHECK(std::regex_match(k.fingerprint, std::regex("([0-9a-f]{2}:){19}[0-9a-f]{2}")));
  CHECK(created.key_material.rfind("-----BEGIN RSA PRIVATE KEY-----\n", 0) == 0);
  CHECK(created.key_material.find("-----END RSA PRIVATE KEY-----") != std::string::npos);
  CHECK(parse_openssh_public_key(k.public_key) == std::optional<std::string>("rsa"));
}

TEST_CASE("CreateKeyPair makes ED25519 keys with a base64 SHA-256-shaped fingerprint") {
  test::Harness h;
  const KeyPair& k = *expect_ok(create_key_pair(h.world, h.caller, "edkey", "ed25519")).key_pair;
  CHECK(k.key_type == "ed25519");
  CHECK(std::regex_match(k.fingerprint, std::regex("[A-Za-z0-9+/]{43}=")));
  expect_error(create_key_pair(h.world, h.caller, "dsa", "dsa"), "InvalidParameterValue");
}

TEST_CASE("CreateKeyPair is deterministic for the same seed and differs between keys") {
  test::Harness a(5), b(5);
  auto ka = expect_ok(create_key_pair(a.world, a.caller, "k"));
  auto kb = expect_ok(create_key_pair(b.world, b.caller, "k"));
  CHECK(ka.key_material == kb.key_material);
  CHECK(ka.key_pair->fingerprint == kb.key_pair->fingerprint);
  auto other = expect_ok(create_key_pair(a.world, a.caller, "k2"));
  CHECK(other.key_pair->fingerprint != ka.key_pair->fingerprint);
}

TEST_CASE("Key pair names are unique per account per Region") {
  test::Harness h;
  expect_ok(create_key_pair(h.world, h.caller, "deploy"));
  CHECK(expect_error(create_key_pair(h.world, h.caller, "deploy"), "InvalidKeyPair.Duplicate")
            .message == "The keypair 'deploy' already exists.");
  expect_ok(create_key_pair(h.world, h.in("eu-west-1"), "deploy"));
  expect_ok(create_key_pair(h.world, h.as("210987654321"), "deploy"));
}

TEST_CASE("Key pair names must be 1 to 255 ASCII characters") {
  test::Harness h;
  expect_error(create_key_pair(h.world, h.caller, ""), "MissingParameter");
  expect_error(create_key_pair(h.world, h.caller, std::string(256, 'k')), "InvalidParameterValue");
  expect_ok(create_key_pair(h.world, h.caller, std::string(255, 'k')));
  expect_error(create_key_pair(h.world, h.caller, "cl\xc3\xa9"), "InvalidParameterValue");
}

TEST_CASE("ImportKeyPair accepts OpenSSH RSA and ED25519 keys with an MD5-shaped RSA fingerprint") {
  test::Harness h;
  const KeyPair* rsa =
      expect_ok(import_key_pair(h.world, h.caller, "laptop", openssh_key("ssh-rsa")));
  CHECK(rsa->key_type == "rsa");
  CHECK(std::regex_match(rsa->fingerprint, std::regex("([0-9a-f]{2}:){15}[0-9a-f]{2}")));
  const KeyPair* ed =
      expect_ok(import_key_pair(h.world, h.caller, "yubikey", openssh_key("ssh-ed25519")));
  CHECK(ed->key_type == "ed25519");
  CHECK(ed->public_key == openssh_key("ssh-ed25519"));
}

TEST_CASE("ImportKeyPair refuses text that is not an OpenSSH RSA or ED25519 public key") {
  test::Harness h;
  for (const std::string& bad :
       {std::string("not a key"), std::string("ssh-rsa"), std::string("ssh-rsa !!!notbase64"),
        openssh_key("ecdsa-sha2-nistp256"), std::string("ssh-rsa ") + base64_encode("garbage"),
        // The blob names a different type than the line.
        "ssh-rsa " + openssh_key("ssh-ed25519").substr(12, 40)}) {
    INFO(bad);
    CHECK(expect_error(import_key_pair(h.world, h.caller, "k", bad), "InvalidKey.Format").message ==
          "Key is not in valid OpenSSH public key format");
  }
  CHECK(h.world.region_of(h.caller).key_pairs.empty());
}

// APIREF ImportKeyPair: "Supported formats: OpenSSH public key format ..., Base64 encoded DER
// format, SSH public key file format as specified in RFC 4716".
TEST_CASE("ImportKeyPair takes an RFC 4716 key file as the same key as its OpenSSH line") {
  test::Harness h;
  const std::string line = openssh_key("ssh-rsa", "a longer filler for several base64 lines");
  const std::string body = line.substr(8, line.rfind(' ') - 8);
  std::string folded;  // 70 characters a line, as ssh-keygen -e writes it
  for (std::size_t i = 0; i < body.size(); i += 20) folded += body.substr(i, 20) + "\n";
  const std::string rfc4716 =
      "---- BEGIN SSH2 PUBLIC KEY ----\n"
      "Comment: \"2048-bit RSA, converted by me@example.com \\\n"
      "from OpenSSH\"\n"
      "x-command: /bin/true\n" +
      folded + "---- END SSH2 PUBLIC KEY ----\n";
  const KeyPair* k = expect_ok(import_key_pair(h.world, h.caller, "converted", rfc4716));
  CHECK(k->key_type == "rsa");
  CHECK(k->public_key == "ssh-rsa " + body);
  const KeyPair* again = expect_ok(import_key_pair(h.world, h.caller, "again", "ssh-rsa " + body));
  CHECK(k->fingerprint == again->fingerprint);
  // Not a key file: no END line, a body that is not base64, a blob of another type.
  for (const std::string& bad :
       {std::string("---- BEGIN SSH2 PUBLIC KEY ----\n") + folded,
        std::string("---- BEGIN SSH2 PUBLIC KEY ----\n!!!!\n---- END SSH2 PUBLIC KEY ----\n"),
        "---- BEGIN SSH2 PUBLIC KEY ----\n" + openssh_key("ecdsa-sha2-nistp256").substr(20, 40) +
            "\n---- END SSH2 PUBLIC KEY ----\n"}) {
    INFO(bad);
    expect_error(import_key_pair(h.world, h.caller, "bad", bad), "InvalidKey.Format");
  }
}

TEST_CASE("DescribeKeyPairs finds keys by name, ID and filter, unknown names fail") {
  test::Harness h;
  const KeyPair* a = expect_ok(create_key_pair(h.world, h.caller, "alpha")).key_pair;
  const KeyPairId b = expect_ok(create_key_pair(h.world, h.caller, "beta", "rsa",
                                                {TagSpecification{"key-pair", {{"env", "prod"}}}}))
                          .key_pair->id;
  DescribeKeyPairsRequest r;
  auto all = expect_ok(describe_key_pairs(h.world, h.caller, r));
  REQUIRE(all.size() == 2);
  CHECK(all[0]->name == "alpha");  // by name
  r.key_names = {"beta"};
  CHECK(expect_ok(describe_key_pairs(h.world, h.caller, r)).at(0)->id == b);
  r.key_names.clear();
  r.key_pair_ids = {a->id};
  CHECK(expect_ok(describe_key_pairs(h.world, h.caller, r)).at(0)->name == "alpha");
  r.key_pair_ids.clear();
  r.filters = {Filter{"tag:env", {"prod"}}};
  CHECK(expect_ok(describe_key_pairs(h.world, h.caller, r)).at(0)->id == b);
  r.filters = {Filter{"fingerprint", {a->fingerprint}}};
  CHECK(expect_ok(describe_key_pairs(h.world, h.caller, r)).at(0)->name == "alpha");
  r.filters = {Filter{"colour", {"x"}}};
  expect_error(describe_key_pairs(h.world, h.caller, r), "InvalidFilter");
  r.filters.clear();
  r.key_names = {"gamma"};
  CHECK(expect_error(describe_key_pairs(h.world, h.caller, r), "InvalidKeyPair.NotFound").message ==
        "The key pair 'gamma' does not exist");
}

TEST_CASE("Key pairs of another Region or account are not described") {
  test::Harness h;
  expect_ok(create_key_pair(h.world, h.caller, "alpha"));
  CHECK(expect_ok(describe_key_pairs(h.world, h.in("us-west-2"), {})).empty());
  CHECK(expect_ok(describe_key_pairs(h.world, h.as("210987654321"), {})).empty());
  CHECK(find_key_pair(h.world, h.in("us-west-2"), "alpha") == nullptr);
}

TEST_CASE("DeleteKeyPair removes by name or ID and succeeds for a missing key") {
  test::Harness h;
  expect_ok(create_key_pair(h.world, h.caller, "alpha"));
  const KeyPairId beta = expect_ok(create_key_pair(h.world, h.caller, "beta")).key_pair->id;
  expect_ok(delete_key_pair(h.world, h.caller, "alpha"));
  CHECK(find_key_pair(h.world, h.caller, "alpha") == nullptr);
  expect_ok(delete_key_pair(h.world, h.caller, "", beta));
  CHECK(find_key_pair(h.world, h.caller, "beta") == nullptr);
  expect_ok(delete_key_pair(h.world, h.caller, "never-existed"));
  expect_error(delete_key_pair(h.world, h.caller, "alpha", {}, true), "DryRunOperation");
}
