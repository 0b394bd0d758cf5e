// The journal and the state document (api/gateway/journal.hpp): what each entry looks like, that a
// document rebuilds the world it was written from, and what a bad entry is refused with.
#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "api/ec2/dispatch.hpp"
#include "api/gateway/gateway.hpp"
#include "api/gateway/journal.hpp"
#include "api/s3/s3.hpp"
#include "sim/images/marketplace.hpp"
#include "tests/harness.hpp"

namespace gw = amisim::gateway;
using Json = nlohmann::json;

namespace {

constexpr std::uint64_t kSeed = 21;

// A world and its journal, changed only through calls that record themselves as the gateway does.
struct Recorded {
  sim::World world{test::fixtures(), sim::WorldOptions{.seed = kSeed}};
  gw::Journal journal;

  Json call(const sim::Caller& caller, const std::string& action, const Json& input) {
    sim::TimeMs at = world.now();
    auto out = ec2::call(world, caller, action, input);
    journal.call(at, caller, action, input);
    INFO(action << ": " << (out.ok() ? "" : out.error().code));
    REQUIRE(out.ok());
    return out.value();
  }
  void advance(sim::DurationMs by) {
    sim::advance_by(world, by);
    journal.advance_to(world.now());
  }
  void settle() {
    sim::settle(world);
    journal.settle();
  }
  Json document() { return journal.document(world, kSeed, {gw::ClockMode::kManual, 1}); }
};

Json volume_input(int size_gib) {
  return {{"VolumeType", "gp3"}, {"AvailabilityZone", "us-east-1a"}, {"Size", size_gib}};
}

}  // namespace

TEST_CASE("Journal entries: calls with caller and time, clock moves, accounts, subscriptions") {
  gw::Journal j;
  sim::Caller eu{sim::AccountId{"210987654321"}, sim::RegionName{"eu-west-1"}};
  j.account(eu.account);
  j.call(5, eu, "CreateVolume", {{"Size", 1}});
  j.s3_call(6, eu, "PutObject", {{"Bucket", "b"}});
  j.settle();
  j.advance_to(9);
  j.subscription(true, "prod", eu.account);
  j.subscription(false, "prod", eu.account);
  CHECK(j.entries() == Json::parse(R"([
    {"account": "210987654321"},
    {"at": 5, "account": "210987654321", "region": "eu-west-1", "call": "CreateVolume",
     "input": {"Size": 1}},
    {"at": 6, "account": "210987654321", "region": "eu-west-1", "s3": "PutObject",
     "input": {"Bucket": "b"}},
    {"settle": true},
    {"advance_to": 9},
    {"subscribe": "prod", "account": "210987654321"},
    {"unsubscribe": "prod", "account": "210987654321"}])"));
}

TEST_CASE("A state document rebuilds the world it was written from, journal and seed included") {
  Recorded r;
  sim::Caller us;
  sim::Caller other{sim::AccountId{"210987654321"}, sim::RegionName{"eu-west-1"}};
  r.world.ensure_account(other.account);
  r.journal.account(other.account);
  std::string volume = r.call(us, "CreateVolume", volume_input(8))["VolumeId"];
  r.advance(10 * sim::kMinuteMs);
  r.call(us, "CreateSnapshot", {{"VolumeId", volume}});
  r.settle();
  r.call(other, "CreateKeyPair", {{"KeyName", "k"}});

  Json doc = r.document();
  CHECK(doc["format"] == "amisim-state/4");
  CHECK_FALSE(doc.contains("snapshot"));  // no snapshot yet: the journal starts at the seed
  CHECK(doc["seed"] == kSeed);
  CHECK(doc["clock"]["mode"] == "manual");
  CHECK(doc["clock"]["now"] == sim::format_iso8601(r.world.now()));
  CHECK(doc["journal"] == r.journal.entries());
  CHECK(doc["accounts"].contains("210987654321"));
  CHECK(doc["accounts"]["123456789012"]["us-east-1"]["Volumes"].size() == 1);

  auto rebuilt = gw::Journal::rebuild(test::fixtures(), doc);
  INFO((rebuilt.ok() ? "" : rebuilt.error().message));
  REQUIRE(rebuilt.ok());
  CHECK(rebuilt->seed == kSeed);
  CHECK(rebuilt->world->digest() == r.world.digest());
  CHECK(rebuilt->journal.entries() == r.journal.entries());
  CHECK(rebuilt->journal.document(*rebuilt->world, kSeed, {gw::ClockMode::kManual, 1}) == doc);
}

TEST_CASE("A journal written by hand replays every kind of entry") {
  const sim::MarketplaceProduct& product = test::fixtures()->marketplace.front();
  const Json journal = {{{"account", "210987654321"}},
                        {{"network", "eu-west-1"}, {"account", "210987654321"}},
                        {{"at", sim::kDefaultWorldStartMs},
                         {"account", "210987654321"},
                         {"region", "eu-west-1"},
                         {"call", "CreateVolume"},
                         {"input", {{"Size", 2}, {"AvailabilityZone", "eu-west-1b"}}}},
                        {{"settle", true}},
                        {{"advance_to", sim::kDefaultWorldStartMs + sim::kHourMs}},
                        {{"subscribe", product.code}, {"account", "210987654321"}}};
  sim::World w(test::fixtures(), sim::WorldOptions{.seed = 4});
  for (const Json& entry : journal) REQUIRE(gw::Journal::replay(w, entry).empty());
  // With the digest of the world it rebuilds, the same journal loads as a document: an
  // amisim-state/3 one (the journal from the seed, as amisim wrote before snapshots) still loads.
  Json doc = {
      {"format", "amisim-state/3"}, {"seed", 4u}, {"journal", journal}, {"digest", w.digest()}};
  REQUIRE(gw::Journal::rebuild(test::fixtures(), doc).ok());
  CHECK(w.region(sim::RegionName{"eu-west-1"})->vpcs.size() == 1);  // the network entry
  CHECK(w.now() == sim::kDefaultWorldStartMs + sim::kHourMs);
  const auto& volumes = w.region(sim::RegionName{"eu-west-1"})->volumes;
  REQUIRE(volumes.size() == 1);
  CHECK(volumes.begin()->second.size_gib == 2);
  CHECK(volumes.begin()->second.owner.str() == "210987654321");
  CHECK(sim::is_subscribed(w, sim::AccountId{"210987654321"}, product.code));
}

TEST_CASE("Documents of earlier formats are refused, saying why and what to do") {
  // Their journals were recorded by a model with other IDs (11 Regions, no network).
  Json doc = {{"format", "amisim-state/1"},
              {"seed", 2u},
              {"journal",
               {{{"at", sim::kDefaultWorldStartMs},
                 {"account", "123456789012"},
                 {"region", "us-east-1"},
                 {"call", "CreateLaunchTemplate"},
                 {"input",
                  {{"LaunchTemplateName", "web"},
                   {"LaunchTemplateData", {{"UserData", "IyEvYmluL3NoCg=="}}}}}}}},
              {"digest", "0123456789abcdef"}};
  for (const char* earlier : {"amisim-state/1", "amisim-state/2"}) {
    doc["format"] = earlier;
    auto refused = gw::Journal::rebuild(test::fixtures(), doc);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "InvalidStateDocument");
    CHECK(refused.error().message ==
          fmt::format("The state document is \"{}\", written by an earlier amisim whose model "
                      "gave other IDs (before every Region and each account's network were "
                      "modelled), so its journal cannot rebuild the same world here. Start from an "
                      "empty world, or load it with the amisim that wrote it.",
                      earlier));
  }
  doc["format"] = "amisim-state/4";  // the current format: the digest must match
  auto refused = gw::Journal::rebuild(test::fixtures(), doc);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.find("digest mismatch") != std::string::npos);
}

TEST_CASE("A state document without its digest is refused, edited or not") {
  Recorded r;
  r.call(sim::Caller{}, "CreateVolume", volume_input(8));
  Json doc = r.document();
  REQUIRE(gw::Journal::rebuild(test::fixtures(), doc).ok());

  // The journal edited (another size) and the digest removed: the edit must not load unnoticed.
  Json edited = doc;
  edited["journal"][0]["input"]["Size"] = 9;
  edited.erase("digest");
  auto refused = gw::Journal::rebuild(test::fixtures(), edited);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "InvalidStateDocument");
  CHECK(refused.error().http_status == 400);
  CHECK(refused.error().message ==
        "The state document has no \"digest\": a \"amisim-state/4\" document must carry the "
        "digest of the world its journal rebuilds.");
  // Unedited, or with a digest that is not a string: refused the same.
  Json unedited = doc;
  unedited.erase("digest");
  CHECK_FALSE(gw::Journal::rebuild(test::fixtures(), unedited).ok());
  unedited["digest"] = 5;
  CHECK_FALSE(gw::Journal::rebuild(test::fixtures(), unedited).ok());
  // The same edit with the digest kept is a digest mismatch.
  edited["digest"] = doc["digest"];
  auto mismatch = gw::Journal::rebuild(test::fixtures(), edited);
  REQUIRE_FALSE(mismatch.ok());
  CHECK(mismatch.error().message.find("digest mismatch") != std::string::npos);
}

TEST_CASE("Replaying a bad entry says what is wrong, and rebuild names the entry") {
  sim::World w(test::fixtures(), sim::WorldOptions{.seed = 1});
  const sim::TimeMs t = sim::kDefaultWorldStartMs;
  auto call = [t](Json extra) {
    Json e = {{"at", t}, {"account", "123456789012"}, {"region", "us-east-1"}};
    e.update(extra);
    return e;
  };
  CHECK(gw::Journal::replay(w, Json::array()) == "an entry is not an object");
  CHECK(gw::Journal::replay(w, {{"fly", 1}}).find("none of call") != std::string::npos);
  CHECK(gw::Journal::replay(w, call({{"call", 3}})) == "\"call\" is not a string");
  CHECK(gw::Journal::replay(w, call({{"call", "Fly"}})) == "a call names no action");
  CHECK(gw::Journal::replay(w, call({{"call", "CreateVolume"}, {"region", "mars-1"}})) ==
        "a call names an unknown Region");
  CHECK(gw::Journal::replay(w, call({{"call", "CreateVolume"}, {"at", t - 1}})) ==
        "a call goes back in time");
  CHECK(gw::Journal::replay(w, call({{"s3", "GetObject"}})) ==
        "\"s3\" names no changing S3 action");
  CHECK(gw::Journal::replay(w, call({{"rbin", "GetRule"}})) ==
        "\"rbin\" names no changing rbin operation");
  CHECK(gw::Journal::replay(w, call({{"dlm", "GetLifecyclePolicy"}})) ==
        "\"dlm\" names no changing dlm operation");
  CHECK(gw::Journal::replay(w, call({{"dlm", "CreateLifecyclePolicy"}, {"region", "mars-1"}})) ==
        "a call names an unknown Region");
  CHECK(gw::Journal::replay(w, {{"advance_to", t - 1}}).find("advance_to") != std::string::npos);
  CHECK(gw::Journal::replay(w, {{"account", "12"}}) == "\"account\" is not a 12-digit account ID");
  CHECK(gw::Journal::replay(w, {{"subscribe", "x"}}).find("12-digit") != std::string::npos);

  Json doc = {{"format", "amisim-state/3"},
              {"seed", 1u},
              {"journal", {{{"settle", true}}, {{"account", "12"}}}},
              {"digest", "0"}};
  auto refused = gw::Journal::rebuild(test::fixtures(), doc);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "InvalidStateDocument");
  CHECK(refused.error().http_status == 400);
  CHECK(refused.error().message == "Journal entry 1: \"account\" is not a 12-digit account ID.");
}

TEST_CASE("The journal replays snapshot locks and block public access to the same world") {
  CHECK(ec2::mutates("LockSnapshot"));
  CHECK(ec2::mutates("UnlockSnapshot"));
  CHECK(ec2::mutates("EnableSnapshotBlockPublicAccess"));
  CHECK(ec2::mutates("DisableSnapshotBlockPublicAccess"));
  CHECK_FALSE(ec2::mutates("DescribeLockedSnapshots"));
  CHECK_FALSE(ec2::mutates("GetSnapshotBlockPublicAccessState"));

  Recorded r;
  const sim::Caller us;
  const std::string volume =
      r.call(us, "CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", 8}})["VolumeId"];
  r.advance(sim::kMinuteMs);
  const std::string a = r.call(us, "CreateSnapshot", {{"VolumeId", volume}})["SnapshotId"];
  const std::string b = r.call(us, "CreateSnapshot", {{"VolumeId", volume}})["SnapshotId"];
  // Locked while pending: the duration starts at completion, during the advance below.
  r.call(
      us, "LockSnapshot",
      {{"SnapshotId", a}, {"LockMode", "compliance"}, {"LockDuration", 3}, {"CoolOffPeriod", 2}});
  r.call(us, "LockSnapshot", {{"SnapshotId", b}, {"LockMode", "governance"}, {"LockDuration", 1}});
  r.advance(sim::kHourMs);
  r.call(us, "UnlockSnapshot", {{"SnapshotId", b}});
  r.call(us, "EnableSnapshotBlockPublicAccess", {{"State", "block-all-sharing"}});
  r.call(us, "DescribeLockedSnapshots", Json::object());

  const Json doc = r.document();
  auto rebuilt = gw::Journal::rebuild(test::fixtures(), doc);
  INFO((rebuilt.ok() ? "" : rebuilt.error().message));
  REQUIRE(rebuilt.ok());
  CHECK(rebuilt->world->digest() == r.world.digest());
  const sim::Snapshot& locked =
      rebuilt->world->region(sim::RegionName{"us-east-1"})->snapshots.at(sim::SnapshotId(a));
  REQUIRE(locked.lock);
  CHECK(locked.lock->duration_start == locked.completion_time);
  // The digest differs once the lock or the setting differs.
  sim::World& w = *rebuilt->world;
  w.region(sim::RegionName{"us-east-1"})->snapshots.at(sim::SnapshotId(a)).lock->expires_on += 1;
  CHECK(w.digest() != r.world.digest());
}

namespace {

gw::GatewayOptions limited(std::size_t journal_limit) {
  gw::GatewayOptions options;
  options.seed = 9;
  options.clock = {gw::ClockMode::kManual, 1};
  options.journal_limit = journal_limit;
  options.snapshot_bytes_per_entry = 0;  // exactly at the limit, as `serve --snapshot-every N`
  return options;
}

}  // namespace

// By default a snapshot also waits for one journal entry per kSnapshotBytesPerJournalEntry bytes
// of the last snapshot (journal.hpp), so each call pays for a bounded share of the next one however
// large the world grows; the journal then stays within the larger of the two bounds.
TEST_CASE("By default the journal between snapshots grows with the size of the last snapshot") {
  gw::GatewayOptions options = limited(4);
  options.snapshot_bytes_per_entry = gw::kSnapshotBytesPerJournalEntry;
  gw::Gateway g(test::fixtures(), options);
  gw::Gateway exact(test::fixtures(), limited(4));
  int restarts = 0;
  int exact_restarts = 0;
  std::size_t last = 0;
  std::size_t exact_last = 0;
  for (int i = 0; i < 60; ++i) {
    REQUIRE(g.call(sim::Caller{}, "CreateVolume", volume_input(8)).ok());
    REQUIRE(exact.call(sim::Caller{}, "CreateVolume", volume_input(8)).ok());
    const Json doc = g.state_document();
    const std::size_t entries = doc["journal"].size();
    if (entries < last) ++restarts;
    last = entries;
    if (doc.contains("snapshot")) {
      const std::size_t bound = std::max<std::size_t>(
          4, doc["snapshot"].dump().size() / gw::kSnapshotBytesPerJournalEntry + 1);
      CHECK(entries <= bound);
    }
    const std::size_t exact_entries = exact.state_document()["journal"].size();
    CHECK(exact_entries < 4);
    if (exact_entries < exact_last) ++exact_restarts;
    exact_last = exact_entries;
  }
  // The first snapshot comes at the count; later ones wait for the snapshot's size in entries.
  CHECK(restarts >= 1);
  CHECK(restarts < exact_restarts);
  CHECK(g.world().digest() == exact.world().digest());
}

TEST_CASE("Once the journal holds its limit, the world is snapshotted and the journal restarts") {
  gw::Gateway g(test::fixtures(), limited(4));
  CHECK_FALSE(g.state_document().contains("snapshot"));  // a world still at its seed
  for (int i = 0; i < 7; ++i)
    REQUIRE(g.call(sim::Caller{}, "CreateVolume", volume_input(8 + i)).ok());
  Json doc = g.state_document();
  CHECK(doc["format"] == "amisim-state/4");
  REQUIRE(doc.contains("snapshot"));
  CHECK(doc["snapshot"]["format"] == "amisim-snapshot/3");
  CHECK(doc["journal"].size() < 4);
  CHECK(doc["accounts"]["123456789012"]["us-east-1"]["Volumes"].size() == 7);

  gw::Gateway fresh(test::fixtures(), limited(4));
  auto loaded = fresh.load_state(doc);
  INFO((loaded.ok() ? "" : loaded.error().message));
  REQUIRE(loaded.ok());
  CHECK(fresh.world().digest() == g.world().digest());
  CHECK(fresh.state_document() == doc);
  // Both go on alike: the next snapshot falls at the same call.
  for (int i = 0; i < 5; ++i) {
    REQUIRE(g.call(sim::Caller{}, "CreateVolume", volume_input(20)).ok());
    REQUIRE(fresh.call(sim::Caller{}, "CreateVolume", volume_input(20)).ok());
    CHECK(fresh.state_document() == g.state_document());
  }
  // A reset drops the snapshot with the journal.
  g.reset(std::nullopt);
  CHECK_FALSE(g.state_document().contains("snapshot"));
  CHECK(g.state_document()["journal"].empty());
}

TEST_CASE("A document whose snapshot was edited, cut or misplaced is refused, saying so") {
  gw::Gateway g(test::fixtures(), limited(1));
  REQUIRE(g.call(sim::Caller{}, "CreateVolume", volume_input(8)).ok());
  const Json doc = g.state_document();
  REQUIRE(doc.contains("snapshot"));
  REQUIRE(gw::Journal::rebuild(test::fixtures(), doc).ok());
  auto message = [](const Json& bad) {
    auto refused = gw::Journal::rebuild(test::fixtures(), bad);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "InvalidStateDocument");
    return refused.error().message;
  };
  Json bad = doc;
  bad["snapshot"]["write_version"] = 999;
  CHECK(message(bad) ==
        "The state document's snapshot does not load: snapshot: its checksum does not match: it "
        "was edited or cut short.");
  bad = doc;
  bad["snapshot"].erase("regions");
  CHECK(message(bad) ==
        "The state document's snapshot does not load: snapshot.regions: not an object.");
  bad = doc;
  bad["snapshot"] = "x";
  CHECK(message(bad) == "The state document's \"snapshot\" is not an object.");
  bad = doc;
  bad["format"] = "amisim-state/3";
  CHECK(message(bad) ==
        "An \"amisim-state/3\" document has no \"snapshot\": its journal starts at the seed.");
  // Without its snapshot the journal rebuilds another world: the digest refuses it.
  bad = doc;
  bad.erase("snapshot");
  CHECK(message(bad).find("digest mismatch") != std::string::npos);
}
