// Support for tests that play scenarios: a Door that forwards every step to another (tests
// override the members they watch or bend), and the shipped scenario files.
#pragma once

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/scenario/door.hpp"

namespace test {

class ForwardingDoor : public amisim::scenario::Door {
 public:
  explicit ForwardingDoor(std::unique_ptr<amisim::scenario::Door> inner)
      : inner_(std::move(inner)) {}
  std::uint64_t seed() const override { return inner_->seed(); }
  amisim::sim::TimeMs now() override { return inner_->now(); }
  amisim::protocol::WireResult<nlohmann::json> call(amisim::scenario::Service service,
                                                    const amisim::sim::Caller& caller,
                                                    std::string_view action,
                                                    const nlohmann::json& params) override {
    return inner_->call(service, caller, action, params);
  }
  amisim::protocol::WireResult<bool> advance(amisim::sim::DurationMs by) override {
    return inner_->advance(by);
  }
  amisim::protocol::WireResult<bool> subscription(const amisim::sim::AccountId& account,
                                                  const std::string& code,
                                                  bool subscribe) override {
    return inner_->subscription(account, code, subscribe);
  }
  amisim::protocol::WireResult<amisim::sim::Bill> bill(
      const amisim::sim::BillRequest& request) override {
    return inner_->bill(request);
  }
  std::string state_digest() override { return inner_->state_digest(); }
  std::optional<std::map<std::string, std::string>> inventory() override {
    return inner_->inventory();
  }
  std::optional<nlohmann::json> picture() override { return inner_->picture(); }
  amisim::gateway::Gateway* gateway() override { return inner_->gateway(); }
  const amisim::sim::World* world() override { return inner_->world(); }

 protected:
  amisim::scenario::Door& inner() { return *inner_; }

 private:
  std::unique_ptr<amisim::scenario::Door> inner_;
};

// What a run's world held (its inventory: every resource, catalogue included, as
// id -> "state (Region)") when the door opened and when it closed, and its picture at the end.
struct Watched {
  std::map<std::string, std::string> at_start, at_end;
  nlohmann::json picture;
};

// A door that forwards every step and fills a Watched: at its start and at its end (the run is
// over when the runner lets go of its door).
class WatchingDoor final : public ForwardingDoor {
 public:
  WatchingDoor(std::unique_ptr<amisim::scenario::Door> inner, Watched& out)
      : ForwardingDoor(std::move(inner)), out_(out) {
    out_.at_start = inventory().value_or(std::map<std::string, std::string>{});
  }
  ~WatchingDoor() override {
    out_.at_end = inventory().value_or(std::map<std::string, std::string>{});
    out_.picture = picture().value_or(nlohmann::json());
  }
  WatchingDoor(const WatchingDoor&) = delete;
  WatchingDoor& operator=(const WatchingDoor&) = delete;

 private:
  Watched& out_;
};

// scenarios/*.json but schema.json, sorted.
inline std::vector<std::filesystem::path> shipped_scenario_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(AMISIM_SOURCE_DIR "/scenarios")) {
    if (entry.path().extension() == ".json" && entry.path().filename() != "schema.json")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace test
