#include "api/picture/timeline.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "sim/billing/billing.hpp"
#include "sim/core/time.hpp"

namespace amisim::picture {
namespace {

using Json = nlohmann::json;

Json call_json(const CallRecord& c) {
  Json out = Json::object();
  out["seq"] = c.seq;
  out["time"] = sim::format_iso8601(c.at);
  out["account"] = c.account;
  out["region"] = c.region;
  out["service"] = c.service;
  out["action"] = c.action;
  out["error"] = c.error;
  out["changed"] = c.changed;
  return out;
}

// When the track's life ends in the picture: when it left, else the window's end.
sim::TimeMs end_of(const Track& t, sim::TimeMs to) { return t.gone ? std::min(*t.gone, to) : to; }

Json resource_json(const Track& t, sim::TimeMs from, sim::TimeMs to) {
  Json states = Json::array();
  const sim::TimeMs last = end_of(t, to);
  for (std::size_t i = 0; i < t.states.size(); ++i) {
    const sim::TimeMs begin = t.states[i].from;
    const sim::TimeMs end = i + 1 < t.states.size() ? t.states[i + 1].from : last;
    if (end < from || begin > to) continue;
    Json span = Json::object();
    span["state"] = t.states[i].state;
    span["from"] = sim::format_iso8601(std::max(begin, from));
    span["to"] = sim::format_iso8601(std::min(end, to));
    states.push_back(std::move(span));
  }
  Json out = Json::object();
  out["id"] = t.id;
  out["kind"] = t.kind;
  out["account"] = t.account.str();
  out["region"] = t.region.str();
  out["label"] = t.label;
  out["product_codes"] = t.product_codes;
  out["states"] = std::move(states);
  out["gone"] = t.gone ? Json(sim::format_iso8601(*t.gone)) : Json(nullptr);
  return out;
}

// Times of the bill series: the window's ends and every change of state in it, at most
// kMaxBillPoints (evenly chosen, the ends kept).
std::vector<sim::TimeMs> bill_times(const std::vector<const Track*>& tracks, sim::TimeMs from,
                                    sim::TimeMs to) {
  std::set<sim::TimeMs> all = {from, to};
  for (const Track* t : tracks) {
    for (const auto& s : t->states)
      if (s.from > from && s.from < to) all.insert(s.from);
    if (t->gone && *t->gone > from && *t->gone < to) all.insert(*t->gone);
  }
  std::vector<sim::TimeMs> times(all.begin(), all.end());
  if (times.size() <= kMaxBillPoints) return times;
  std::vector<sim::TimeMs> out;
  for (std::size_t i = 0; i < kMaxBillPoints; ++i)
    out.push_back(times[i * (times.size() - 1) / (kMaxBillPoints - 1)]);
  return out;
}

Json bill_series_json(const sim::World& world, const std::vector<sim::TimeMs>& times) {
  auto by_type = sim::cost_series_by_usage_type(world, times);
  sim::MicroUsd total = 0;
  for (const auto& [usage_type, costs] : by_type) total += costs.back();
  Json series = Json::array();
  for (const auto& [usage_type, costs] : by_type) {
    Json values = Json::array();
    for (sim::MicroUsd c : costs) values.push_back(sim::format_usd(c));
    series.push_back({{"usage_type", usage_type}, {"cost_usd", std::move(values)}});
  }
  Json list = Json::array();
  for (sim::TimeMs t : times) list.push_back(sim::format_iso8601(t));
  return {{"currency", "USD"},
          {"times", std::move(list)},
          {"series", std::move(series)},
          {"total_usd", sim::format_usd(total)}};
}

}  // namespace

Json timeline_json(const Recorder& recorder, const sim::World& world, sim::TimeMs from,
                   sim::TimeMs to, std::optional<std::size_t> max_calls) {
  to = std::min(to, world.now());
  from = std::min(from, to);
  std::vector<const Track*> shown;
  for (const Track& t : recorder.tracks()) {
    if (t.id.empty() || t.states.front().from > to || end_of(t, to) < from) continue;
    shown.push_back(&t);
  }
  std::sort(shown.begin(), shown.end(), [](const Track* a, const Track* b) {
    return std::tie(a->account, a->region, a->states.front().from, a->id) <
           std::tie(b->account, b->region, b->states.front().from, b->id);
  });
  std::set<std::pair<std::string, std::string>> lanes;
  Json resources = Json::array();
  Json edges = Json::array();
  std::set<std::tuple<std::string, std::string, std::string>> edges_seen;
  for (const Track* t : shown) {
    lanes.emplace(t->account.str(), t->region.str());
    resources.push_back(resource_json(*t, from, to));
    for (const Edge& e : t->edges) {
      if (!edges_seen.emplace(e.from, e.to, e.kind).second) continue;
      edges.push_back({{"from", e.from}, {"to", e.to}, {"kind", e.kind}});
    }
  }
  Json lane_list = Json::array();
  for (const auto& [account, region] : lanes)
    lane_list.push_back({{"account", account}, {"region", region}});
  // The calls in the window, the latest max_calls of them: walked from the newest back.
  std::vector<const CallRecord*> in_window;
  std::size_t left_out = 0;
  const auto& log = recorder.calls();
  for (auto c = log.rbegin(); c != log.rend(); ++c) {
    if (c->at < from || c->at > to) continue;
    if (max_calls && in_window.size() >= *max_calls) {
      ++left_out;
    } else {
      in_window.push_back(&*c);
    }
  }
  Json calls = Json::array();
  for (auto c = in_window.rbegin(); c != in_window.rend(); ++c) calls.push_back(call_json(**c));
  Json out = Json::object();
  out["from"] = sim::format_iso8601(from);
  out["to"] = sim::format_iso8601(to);
  out["now"] = sim::format_iso8601(world.now());
  out["started"] = sim::format_iso8601(recorder.started());
  out["recording"] = recorder.on();
  out["truncated"] = recorder.truncated();
  out["version"] = recorder.version();
  out["lanes"] = std::move(lane_list);
  out["resources"] = std::move(resources);
  out["edges"] = std::move(edges);
  out["bill"] = bill_series_json(world, bill_times(shown, from, to));
  out["calls"] = std::move(calls);
  out["calls_left_out"] = left_out;
  return out;
}

Json news_json(const Recorder& recorder, std::uint64_t after, std::size_t limit) {
  Json calls = Json::array();
  const auto& log = recorder.calls();  // in call-number order
  auto first = std::partition_point(log.begin(), log.end(),
                                    [after](const CallRecord& c) { return c.seq <= after; });
  for (auto c = first; c != log.end() && calls.size() < limit; ++c) calls.push_back(call_json(*c));
  return {{"version", recorder.version()}, {"calls", std::move(calls)}};
}

std::string NewsStream::open(const Recorder& recorder) {
  restarts_ = recorder.restarts();
  return "retry: 1000\n" + event(recorder);
}

std::string NewsStream::next(const Recorder& recorder) {
  if (recorder.restarts() != restarts_) {  // a reset: call numbers start again
    restarts_ = recorder.restarts();
    after_ = 0;
  } else if (recorder.version() == version_) {
    if (++quiet_ < kQuietAsks) return "";
    quiet_ = 0;
    return ": nothing new\n\n";
  }
  return event(recorder);
}

std::string NewsStream::event(const Recorder& recorder) {
  Json news = news_json(recorder, after_);
  const Json& calls = news["calls"];
  if (!calls.empty()) after_ = calls.back()["seq"].get<std::uint64_t>();
  // Fewer than all the calls when more than news_json's limit came: the next ask sends the rest.
  version_ = calls.size() < kNewsLimit ? recorder.version() : 0;
  quiet_ = 0;
  return "id: " + std::to_string(after_) + "\ndata: " + news.dump() + "\n\n";
}

}  // namespace amisim::picture
