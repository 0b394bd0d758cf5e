#include "api/gateway/journal.hpp"

#include <fmt/format.h>

#include <exception>

#include "api/account/account.hpp"
#include "api/dlm/dlm.hpp"
#include "api/ec2/dispatch.hpp"
#include "api/io/world_snapshot.hpp"
#include "api/rbin/rbin.hpp"
#include "api/s3/s3.hpp"
#include "sim/images/marketplace.hpp"
#include "sim/network/network.hpp"
#include "sim/timeline.hpp"

namespace amisim::gateway {
namespace {

using ec2::Json;
using protocol::WireError;

// The format this amisim writes: /4, a snapshot and the journal since. It also loads /3 (the
// journal from the seed, no snapshot), which this model replays as it did. Earlier formats are
// refused: their journals were recorded by a model with 11 Regions and no network, whose IDs
// differ from this one's, so replaying them here would rebuild another world (/2's digest check
// would refuse it anyway; /1 had none).
constexpr std::string_view kStateFormat = "amisim-state/4";
constexpr std::string_view kJournalOnlyFormat = "amisim-state/3";
constexpr std::string_view kEarlierFormats[] = {"amisim-state/1", "amisim-state/2"};

Json call_entry(sim::TimeMs at, const sim::Caller& caller, std::string_view kind,
                std::string_view action, Json input) {
  // Member by member: every changing call writes one, and nlohmann's initializer lists cost
  // twice as much.
  Json entry = Json::object();
  entry["at"] = at;
  entry["account"] = caller.account.str();
  entry["region"] = caller.region.str();
  entry[std::string(kind)] = action;
  entry["input"] = std::move(input);
  return entry;
}

sim::Caller caller_of(const Json& entry) {
  return {sim::AccountId{entry.value("account", std::string())},
          sim::RegionName{entry.value("region", std::string())}};
}

// Moves `world` to the entry's "at" and checks its caller; "" when it can be applied.
std::string prepare_call(sim::World& world, const Json& entry) {
  auto at = entry.find("at");
  if (at == entry.end() || !at->is_number_integer()) return "a call has no integer \"at\"";
  if (at->get<sim::TimeMs>() < world.now()) return "a call goes back in time";
  sim::advance_to(world, at->get<sim::TimeMs>());
  sim::Caller caller = caller_of(entry);
  if (world.region(caller.region) == nullptr) return "a call names an unknown Region";
  if (!sim::is_account_id(caller.account.str())) return "a call names a malformed account";
  return "";
}

// An EC2 call ({"at", "account", "region", "call": action, "input"}).
std::string replay_call(sim::World& world, const Json& entry, const Json& action) {
  if (!action.is_string()) return "\"call\" is not a string";
  if (std::string problem = prepare_call(world, entry); !problem.empty()) return problem;
  if (ec2::find_handler(action.get<std::string>()) == nullptr) return "a call names no action";
  // The outcome (success or an AWS error) is whatever it was when recorded: the model is
  // deterministic, and the digest check after the replay catches any difference.
  (void)ec2::call(world, caller_of(entry), action.get<std::string>(),
                  entry.value("input", Json::object()));
  return "";
}

// An S3 call ({"at", "account", "region", "s3": action, "input"}, the body base64).
std::string replay_s3(sim::World& world, const Json& entry, const Json& action) {
  if (!action.is_string() || !s3::mutates(action.get<std::string>()))
    return "\"s3\" names no changing S3 action";
  if (std::string problem = prepare_call(world, entry); !problem.empty()) return problem;
  auto input = s3::input_from_journal(entry.value("input", Json::object()));
  if (!input) return "an S3 call's BodyBase64 is not base64";
  // As for EC2 calls, the outcome is whatever it was when recorded (the digest checks it).
  (void)s3::call(world, caller_of(entry), action.get<std::string>(), *input);
  return "";
}

// An Account API call ({"at", "account", "region", "account_api": operation, "input"}). Its
// signing Region is not checked: the Account API has one endpoint.
std::string replay_account_call(sim::World& world, const Json& entry, const Json& operation) {
  if (!operation.is_string() || !account::mutates(operation.get<std::string>()))
    return "\"account_api\" names no changing Account API operation";
  auto at = entry.find("at");
  if (at == entry.end() || !at->is_number_integer()) return "a call has no integer \"at\"";
  if (at->get<sim::TimeMs>() < world.now()) return "a call goes back in time";
  sim::advance_to(world, at->get<sim::TimeMs>());
  sim::Caller caller = caller_of(entry);
  if (!sim::is_account_id(caller.account.str())) return "a call names a malformed account";
  (void)account::call(world, caller, operation.get<std::string>(),
                      entry.value("input", Json::object()));
  return "";
}

// A Recycle Bin or DLM call ({"at", "account", "region", "rbin"|"dlm": operation, "input"}).
template <class Mutates, class Call>
std::string replay_service(sim::World& world, const Json& entry, const Json& operation,
                           std::string_view service, Mutates mutates, Call call) {
  if (!operation.is_string() || !mutates(operation.get<std::string>()))
    return fmt::format("\"{}\" names no changing {} operation", service, service);
  if (std::string problem = prepare_call(world, entry); !problem.empty()) return problem;
  // As for EC2 calls, the outcome is whatever it was when recorded (the digest checks it).
  (void)call(world, caller_of(entry), operation.get<std::string>(),
             entry.value("input", Json::object()));
  return "";
}

// {"network": Region, "account": ID}: the account's default network made on its first use of
// the Region (sim/network/network.hpp).
std::string replay_network(sim::World& world, const Json& entry, const Json& region) {
  auto account = entry.find("account");
  if (!region.is_string() || world.region(sim::RegionName{region.get<std::string>()}) == nullptr)
    return "\"network\" names no Region";
  if (account == entry.end() || !account->is_string() ||
      !sim::is_account_id(account->get<std::string>()))
    return "\"network\" needs a 12-digit \"account\"";
  sim::Caller caller{sim::AccountId{account->get<std::string>()},
                     sim::RegionName{region.get<std::string>()}};
  world.ensure_account(caller.account);
  sim::ensure_default_network(world, caller);
  return "";
}

std::string replay_advance(sim::World& world, const Json& to) {
  if (!to.is_number_integer() || to.get<sim::TimeMs>() < world.now()) {
    return "\"advance_to\" is not a time at or after the previous one";
  }
  sim::advance_to(world, to.get<sim::TimeMs>());
  return "";
}

// {"subscribe" | "unsubscribe": product code, "account": ID}.
std::string replay_subscription(sim::World& world, const Json& entry, const char* kind,
                                const Json& code) {
  auto account = entry.find("account");
  if (!code.is_string() || account == entry.end() || !account->is_string() ||
      !sim::is_account_id(account->get<std::string>())) {
    return fmt::format("\"{}\" needs a product code and a 12-digit \"account\"", kind);
  }
  sim::AccountId id{account->get<std::string>()};
  auto done = std::string_view(kind) == "subscribe"
                  ? sim::subscribe(world, id, code.get<std::string>())
                  : sim::unsubscribe(world, id, code.get<std::string>());
  if (!done) return done.error().message;
  return "";
}

std::string replay_account(sim::World& world, const Json& account) {
  if (!account.is_string() || !sim::is_account_id(account.get<std::string>())) {
    return "\"account\" is not a 12-digit account ID";
  }
  world.ensure_account(sim::AccountId{account.get<std::string>()});
  return "";
}

// The read-only view of one account's resources in every Region, for people reading a state
// document. Built with the describe handlers, so it is in the SDK's shape.
Json account_view(sim::World& world, const sim::AccountId& account) {
  Json regions = Json::object();
  for (const auto& [name, region] : world.regions()) {
    sim::Caller caller{account, name};
    // A Region the account never used has nothing of its own, and describing it would make its
    // network (ec2::call does on first use) outside the journal.
    if (!sim::has_network(world, caller)) continue;
    Json view = Json::object();
    auto put = [&](const char* action, const Json& input, const char* key) {
      auto out = ec2::call(world, caller, action, input);
      if (out.ok() && out.value().contains(key) && !out.value()[key].empty()) {
        view[key] = out.value()[key];
      }
    };
    put("DescribeImages",
        {{"Owners", {"self"}}, {"IncludeDeprecated", true}, {"IncludeDisabled", true}}, "Images");
    put("DescribeInstances", Json::object(), "Reservations");
    put("DescribeVolumes", Json::object(), "Volumes");
    put("DescribeSnapshots", {{"OwnerIds", {"self"}}}, "Snapshots");
    put("DescribeKeyPairs", Json::object(), "KeyPairs");
    put("DescribeSecurityGroups", Json::object(), "SecurityGroups");
    put("DescribeLaunchTemplates", Json::object(), "LaunchTemplates");
    if (!view.empty()) regions[name.str()] = std::move(view);
  }
  return regions;
}

WireError invalid_document(std::string message) {
  return WireError{"InvalidStateDocument", std::move(message), 400};
}

// "" when the document has the format, a seed and a journal list; else what is wrong.
std::string check_document(const Json& document) {
  if (!document.is_object()) return "The state document is not a JSON object.";
  auto format = document.find("format");
  if (format != document.end() && format->is_string()) {
    for (std::string_view earlier : kEarlierFormats) {
      if (*format != earlier) continue;
      return fmt::format(
          "The state document is \"{}\", written by an earlier amisim whose model gave other IDs "
          "(before every Region and each account's network were modelled), so its journal cannot "
          "rebuild the same world here. Start from an empty world, or load it with the amisim "
          "that wrote it.",
          earlier);
    }
  }
  if (format == document.end() || !format->is_string() ||
      (*format != kStateFormat && *format != kJournalOnlyFormat)) {
    return fmt::format("The state document's \"format\" is not \"{}\" (or \"{}\").", kStateFormat,
                       kJournalOnlyFormat);
  }
  auto seed = document.find("seed");
  if (seed == document.end() || !seed->is_number_unsigned()) {
    return "The state document has no non-negative integer \"seed\".";
  }
  auto journal = document.find("journal");
  if (journal == document.end() || !journal->is_array()) {
    return "The state document has no \"journal\" list.";
  }
  // Without its digest, an edited journal would rebuild another world unnoticed.
  auto digest = document.find("digest");
  if (digest == document.end() || !digest->is_string()) {
    return fmt::format(
        "The state document has no \"digest\": a \"{}\" document must carry the digest of the "
        "world its journal rebuilds.",
        format->get<std::string>());
  }
  auto snapshot = document.find("snapshot");
  if (snapshot != document.end() && !snapshot->is_null()) {
    if (*format == kJournalOnlyFormat)
      return fmt::format("An \"{}\" document has no \"snapshot\": its journal starts at the seed.",
                         kJournalOnlyFormat);
    if (!snapshot->is_object()) return "The state document's \"snapshot\" is not an object.";
  }
  return "";
}

}  // namespace

void Journal::call(sim::TimeMs at, const sim::Caller& caller, std::string_view action,
                   const Json& input) {
  entries_.push_back(call_entry(at, caller, "call", action, input));
}

void Journal::s3_call(sim::TimeMs at, const sim::Caller& caller, std::string_view action,
                      Json input) {
  entries_.push_back(call_entry(at, caller, "s3", action, std::move(input)));
}

void Journal::account_call(sim::TimeMs at, const sim::Caller& caller, std::string_view operation,
                           const Json& input) {
  entries_.push_back(call_entry(at, caller, "account_api", operation, input));
}

void Journal::service_call(std::string_view service, sim::TimeMs at, const sim::Caller& caller,
                           std::string_view operation, const Json& input) {
  entries_.push_back(call_entry(at, caller, service, operation, input));
}

void Journal::restart_from(const Json& snapshot) {
  snapshot_ = snapshot.dump();
  entries_ = Json::array();
}

void Journal::settle() { entries_.push_back({{"settle", true}}); }

void Journal::advance_to(sim::TimeMs to) { entries_.push_back({{"advance_to", to}}); }

void Journal::account(const sim::AccountId& account) {
  entries_.push_back({{"account", account.str()}});
}

void Journal::network(const sim::Caller& caller) {
  entries_.push_back({{"network", caller.region.str()}, {"account", caller.account.str()}});
}

void Journal::subscription(bool subscribe, const std::string& code, const sim::AccountId& account) {
  entries_.push_back({{subscribe ? "subscribe" : "unsubscribe", code}, {"account", account.str()}});
}

Json Journal::document(sim::World& world, std::uint64_t seed, const ClockSetting& clock) const {
  Json accounts = Json::object();
  for (const auto& [id, account] : world.accounts()) {
    if (!account.alias.empty()) continue;  // catalogue owners ("amazon"): fixture data
    accounts[id.str()] = account_view(world, id);
  }
  Json document = {{"format", kStateFormat},
                   {"seed", seed},
                   {"clock", {{"now", sim::format_iso8601(world.now())}, {"mode", clock.str()}}},
                   {"digest", world.digest()},
                   {"journal", entries_},
                   {"accounts", accounts}};
  if (!snapshot_.empty()) document["snapshot"] = Json::parse(snapshot_);
  return document;
}

std::string Journal::replay(sim::World& world, const Json& entry) {
  if (!entry.is_object()) return "an entry is not an object";
  if (auto it = entry.find("call"); it != entry.end()) return replay_call(world, entry, *it);
  if (auto it = entry.find("s3"); it != entry.end()) return replay_s3(world, entry, *it);
  if (auto it = entry.find("account_api"); it != entry.end())
    return replay_account_call(world, entry, *it);
  if (auto it = entry.find("rbin"); it != entry.end())
    return replay_service(world, entry, *it, "rbin", rbin::mutates, rbin::call);
  if (auto it = entry.find("dlm"); it != entry.end())
    return replay_service(world, entry, *it, "dlm", dlm::mutates, dlm::call);
  if (entry.contains("settle")) {
    sim::settle(world);
    return "";
  }
  if (auto it = entry.find("advance_to"); it != entry.end()) return replay_advance(world, *it);
  for (const char* kind : {"subscribe", "unsubscribe"}) {
    if (auto it = entry.find(kind); it != entry.end())
      return replay_subscription(world, entry, kind, *it);
  }
  if (auto it = entry.find("network"); it != entry.end()) return replay_network(world, entry, *it);
  if (auto it = entry.find("account"); it != entry.end()) return replay_account(world, *it);
  return "an entry is none of call, s3, account_api, rbin, dlm, settle, advance_to, account, "
         "network, "
         "subscribe, unsubscribe";
}

protocol::WireResult<Journal::Rebuilt> Journal::rebuild(
    std::shared_ptr<const sim::Fixtures> fixtures, const Json& document) {
  if (std::string problem = check_document(document); !problem.empty()) {
    return invalid_document(std::move(problem));
  }
  const Json& journal = document.at("journal");
  const Json snapshot = document.value("snapshot", Json());
  Rebuilt out{document.at("seed").get<std::uint64_t>(), nullptr, Journal(snapshot, journal)};
  out.world =
      std::make_unique<sim::World>(std::move(fixtures), sim::WorldOptions{.seed = out.seed});
  if (!snapshot.is_null()) {
    if (std::string problem = io::restore_world_snapshot(*out.world, snapshot); !problem.empty())
      return invalid_document(
          fmt::format("The state document's snapshot does not load: {}.", problem));
  }
  for (std::size_t i = 0; i < journal.size(); ++i) {
    std::string problem;
    try {
      problem = replay(*out.world, journal[i]);
    } catch (const std::exception& e) {
      problem = e.what();
    }
    if (!problem.empty()) return invalid_document(fmt::format("Journal entry {}: {}.", i, problem));
  }
  // check_document made sure the document has its digest.
  if (document.at("digest").get<std::string>() != out.world->digest()) {
    return invalid_document(
        snapshot.is_null()
            ? "The journal does not rebuild the world the document describes (digest "
              "mismatch): it was edited, or written by another amisim version."
            : "The snapshot and the journal since do not rebuild the world the document "
              "describes (digest mismatch): it was edited, or written by another amisim version.");
  }
  return out;
}

}  // namespace amisim::gateway
