#include "api/io/world_snapshot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <unordered_map>
#include <unordered_set>

#include "api/io/snapshot_codec.hpp"
#include "api/io/snapshot_fields.hpp"
#include "sim/core/hash.hpp"
#include "sim/instances/instances.hpp"

namespace amisim::io {
namespace {

using codec::DecodeContext;
using codec::EncodeContext;
using codec::Json;
using codec::Path;

// The classes whose members are private are written by hand below; their layouts are checked
// here, so that a member added to one fails the build until the snapshot writes it too.
static_assert(sizeof(sim::Clock) ==
                  codec::layout_size<sim::TimeMs, std::uint64_t, std::set<sim::Event>,
                                     std::multiset<sim::TimeMs>>(),
              "Clock: now, next_seq, the queue (saved) and the settling times (rebuilt)");
static_assert(sizeof(sim::IdAllocator) == codec::layout_size<std::uint64_t, std::uint64_t>(),
              "IdAllocator: seed and counter");
static_assert(sizeof(sim::BlockMap) ==
                  codec::layout_size<std::map<std::uint64_t, sim::Extent>, std::uint64_t>(),
              "BlockMap: the runs (saved) and the written block count (rebuilt)");
static_assert(
    sizeof(sim::StoragePool) ==
        codec::layout_size<std::map<std::uint64_t, sim::StoragePool::Pieces>, std::uint64_t>(),
    "StoragePool: the pieces and the stored block count");
static_assert(sizeof(sim::Meter) ==
                  codec::layout_size<
                      std::map<sim::LineGroup, std::unordered_map<std::string, sim::LineUsage>>,
                      std::map<sim::RegionName, std::size_t>, sim::TimeMs, bool, bool>(),
              "Meter: the lines, live and folded (saved line by line through for_each_line and "
              "folded again by restore_line) with each group's retired days, the archive-tier "
              "records billed, the last retirement's horizon (not saved: retiring again at it "
              "changes nothing, Meter::retire), and whether closed lines fold and ended ones "
              "retire (tests' settings, on in every world a snapshot is taken of)");
// World: fixtures, options and catalogue IDs come with a fresh world (world_snapshot.hpp); the
// rest is saved.
static_assert(sizeof(sim::World) ==
                  codec::layout_size<
                      std::shared_ptr<const sim::Fixtures>, sim::WorldOptions, sim::Clock,
                      sim::IdAllocator, std::uint64_t, std::map<sim::AccountId, sim::Account>,
                      std::map<sim::RegionName, sim::RegionState>,
                      std::set<std::pair<sim::AccountId, std::string>>,
                      std::map<std::pair<sim::AccountId, sim::RegionName>, sim::RegionOptStatus>,
                      std::map<std::string, sim::Bucket>, sim::Meter,
                      std::unordered_set<std::string>, std::vector<std::string>>(),
              "World: a member the snapshot does not know of");

// --- the catalogue ------------------------------------------------------------------------------

// One Region's catalogue rows, by image ID and by root snapshot ID (the first row naming a
// snapshot made it, as the first row with an image ID did), each in ID order: the order of the
// Region's maps, so that a walk beside them finds what changed without a lookup per row (a
// million rows make lookups the cost of a snapshot).
using Rows = std::vector<std::pair<std::string_view, const sim::CatalogueImage*>>;
struct RegionCatalogue {
  Rows images;
  Rows snapshots;
};

// Sorts `rows` by ID and keeps the first row (in fixture order) of each ID.
void sort_rows(Rows& rows) {
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  rows.erase(std::unique(rows.begin(), rows.end(),
                         [](const auto& a, const auto& b) { return a.first == b.first; }),
             rows.end());
}

std::map<sim::RegionName, RegionCatalogue> catalogue_of(const sim::Fixtures& fixtures) {
  std::map<sim::RegionName, RegionCatalogue> out;
  RegionCatalogue* last = nullptr;
  const sim::RegionName* last_name = nullptr;
  for (const sim::CatalogueImage& row : fixtures.images) {
    if (last_name == nullptr || *last_name != row.region) {
      last = &out[row.region];
      last_name = &row.region;
    }
    last->images.emplace_back(row.id.str(), &row);
    last->snapshots.emplace_back(row.root_snapshot.str(), &row);
  }
  for (auto& [name, c] : out) {
    sort_rows(c.images);
    sort_rows(c.snapshots);
  }
  return out;
}

// Walks `map` (an IdMap) beside `rows` (the catalogue's of its kind, in the same order): calls
// changed(value, row) for each catalogue resource still there, added(value) for each other one,
// and gone(id) for each catalogue resource no longer there.
template <class Map, class Changed, class Added, class Gone>
void walk_beside(const Map& map, const Rows& rows, Changed changed, Added added, Gone gone) {
  auto row = rows.begin();
  for (const auto& [id, value] : map) {
    for (; row != rows.end() && row->first < id.str(); ++row) gone(row->first);
    if (row != rows.end() && row->first == id.str()) {
      changed(value, *row->second);
      ++row;
    } else {
      added(value);
    }
  }
  for (; row != rows.end(); ++row) gone(row->first);
}

// The data of the catalogue snapshots still in the world (in a Region or its Recycle Bin), by
// pointer: written as {"catalogue": ID}, since a fresh world holds the same data under the ID
// (a snapshot's data never changes once it is made).
void note_catalogue_data(const sim::World& world,
                         const std::map<sim::RegionName, RegionCatalogue>& catalogue,
                         EncodeContext& cx) {
  auto note = [&cx](const sim::Snapshot& s) {
    if (s.data) cx.catalogue_data.try_emplace(s.data.get(), s.id.str());
  };
  for (const auto& [name, c] : catalogue) {
    const sim::RegionState& region = *world.region(name);
    walk_beside(
        region.snapshots, c.snapshots,
        [&](const sim::Snapshot& s, const sim::CatalogueImage&) { note(s); },
        [](const sim::Snapshot&) {}, [](std::string_view) {});
    for (const auto& [id, binned] : region.bin.snapshots) {
      auto row =
          std::lower_bound(c.snapshots.begin(), c.snapshots.end(), id.str(),
                           [](const auto& r, std::string_view key) { return r.first < key; });
      if (row != c.snapshots.end() && row->first == id.str()) note(binned.snapshot);
    }
  }
}

// --- encoding -----------------------------------------------------------------------------------

Json encode_clock(const sim::Clock& clock, EncodeContext& cx) {
  return Json{{"now", clock.now()},
              {"next_seq", clock.next_seq()},
              {"pending", codec::encode(clock.pending(), cx)}};
}

// The meter (format 2): its lines in blocks, each block the consecutive lines of one (account,
// Region, usage type) with one kind, each line [resource, [[start, end, quantity, price], ...]]
// (end null while open). A long run's bill history is most of a snapshot, and this form takes
// about a quarter of format 1's object per line and per segment (bench/RESULTS.md, "Soak").
bool same_kind(const sim::LineUsage& a, const sim::LineUsage& b) {
  return a.charge == b.charge && a.unit == b.unit && a.quantity_unit == b.quantity_unit &&
         a.time_unit == b.time_unit;
}

Json encode_meter(const sim::Meter& meter, EncodeContext& cx) {
  Json blocks = Json::array();
  std::optional<sim::LineGroup> group_of_block;
  sim::LineUsage kind_of_block;
  meter.for_each_line(
      [&](const sim::LineGroup& group, const std::string& resource, const sim::LineUsage& usage) {
        if (!group_of_block || !(*group_of_block == group) || !same_kind(kind_of_block, usage)) {
          group_of_block = group;
          kind_of_block = sim::LineUsage{usage.charge,
                                         usage.unit,
                                         usage.quantity_unit,
                                         usage.time_unit,
                                         {}};  // the kind, not the segments
          blocks.push_back(Json{{"account", group.account.str()},
                                {"region", group.region.str()},
                                {"usage_type", group.usage_type},
                                {"charge", codec::encode(usage.charge, cx)},
                                {"unit", usage.unit},
                                {"quantity_unit", usage.quantity_unit},
                                {"time_unit", usage.time_unit},
                                {"lines", Json::array()}});
        }
        Json segments = Json::array();
        for (const sim::Segment& s : usage.segments)
          segments.push_back(
              Json::array({s.start, s.end ? Json(*s.end) : Json(), s.quantity, s.price}));
        blocks.back()["lines"].push_back(Json::array({resource, std::move(segments)}));
      });
  Json retired = Json::array();
  meter.for_each_retired([&](const sim::LineGroup& group, const std::string& unit,
                             const std::vector<sim::RetiredDay>& days) {
    Json list = Json::array();
    for (const sim::RetiredDay& d : days)
      list.push_back(Json::array({d.day, d.cost, d.usage_micro}));
    retired.push_back(Json{{"account", group.account.str()},
                           {"region", group.region.str()},
                           {"usage_type", group.usage_type},
                           {"unit", unit},
                           {"days", std::move(list)}});
  });
  return Json{{"blocks", std::move(blocks)},
              {"retired", std::move(retired)},
              {"tier_records_billed", codec::encode(meter.tier_records_billed(), cx)}};
}

// A Region: its listed members, then its images and snapshots that are not the catalogue's as a
// fresh world has them, and the IDs of the catalogue's that are gone.
Json encode_region(const sim::RegionState& region, const RegionCatalogue& c, EncodeContext& cx) {
  Json out = codec::encode(region, cx);
  Json images = Json::array();
  Json removed_images = Json::array();
  walk_beside(
      region.images, c.images,
      [&](const sim::Image& image, const sim::CatalogueImage& row) {
        if (!(image == sim::catalogue_image(row))) images.push_back(codec::encode(image, cx));
      },
      [&](const sim::Image& image) { images.push_back(codec::encode(image, cx)); },
      [&](std::string_view id) { removed_images.push_back(id); });
  Json snapshots = Json::array();
  Json removed_snapshots = Json::array();
  walk_beside(
      region.snapshots, c.snapshots,
      [&](const sim::Snapshot& snapshot, const sim::CatalogueImage& row) {
        if (!(snapshot == sim::catalogue_snapshot(row, snapshot.data)))
          snapshots.push_back(codec::encode(snapshot, cx));
      },
      [&](const sim::Snapshot& snapshot) { snapshots.push_back(codec::encode(snapshot, cx)); },
      [&](std::string_view id) { removed_snapshots.push_back(id); });
  out["images"] = std::move(images);
  out["snapshots"] = std::move(snapshots);
  out["removed_images"] = std::move(removed_images);
  out["removed_snapshots"] = std::move(removed_snapshots);
  return out;
}

// FNV-1a 64 over every member but "checksum", each as its name and its compact JSON text.
std::string checksum_of(const Json& snapshot) {
  std::uint64_t h = sim::kFnv1aOffsetBasis;
  for (const auto& [name, value] : snapshot.items()) {
    if (name == "checksum") continue;
    h = sim::fnv1a(name, h);
    h = sim::fnv1a(value.dump(), h);
  }
  return fmt::format("{:016x}", h);
}

// --- decoding -----------------------------------------------------------------------------------

void restore_clock(sim::World& world, const Json& json, const Path& at, DecodeContext& cx) {
  codec::expect_object(json, at);
  sim::TimeMs now = 0;
  std::uint64_t next_seq = 0;
  std::set<sim::Event> pending;
  codec::decode_member(json, "now", now, at, cx);
  codec::decode_member(json, "next_seq", next_seq, at, cx);
  codec::decode_member(json, "pending", pending, at, cx);
  world.clock().restore(now, next_seq, std::move(pending));
}

void restore_ids(sim::World& world, const Json& json, const Path& at, DecodeContext& cx) {
  codec::expect_object(json, at);
  std::uint64_t seed = 0;
  std::uint64_t counter = 0;
  codec::decode_member(json, "seed", seed, at, cx);
  codec::decode_member(json, "counter", counter, at, cx);
  sim::World::Restore::ids(world).restore(seed, counter);
}

// Format 1's meter: "lines", each {"key": LineKey, "usage": LineUsage} as objects.
void restore_meter_lines(sim::Meter& meter, const Json& json, const Path& at, DecodeContext& cx) {
  codec::for_each_object(json, "lines", at, [&](const Json& line, const Path& here) {
    sim::LineKey key;
    sim::LineUsage usage;
    codec::decode_member(line, "key", key, here, cx);
    codec::decode_member(line, "usage", usage, here, cx);
    meter.restore_line(key, std::move(usage));
  });
}

// A meter block's or retired group's (account, Region, usage type), into a LineKey or LineGroup.
template <class Group>
void decode_group(const Json& json, Group& group, const Path& at, DecodeContext& cx) {
  codec::decode_member(json, "account", group.account, at, cx);
  codec::decode_member(json, "region", group.region, at, cx);
  codec::decode_member(json, "usage_type", group.usage_type, at, cx);
}

// Format 2's meter: "blocks" (encode_meter).
void restore_meter_blocks(sim::Meter& meter, const Json& json, const Path& at, DecodeContext& cx) {
  codec::for_each_object(json, "blocks", at, [&](const Json& block, const Path& here) {
    sim::LineKey key;
    sim::LineUsage kind;
    decode_group(block, key, here, cx);
    codec::decode_member(block, "charge", kind.charge, here, cx);
    codec::decode_member(block, "unit", kind.unit, here, cx);
    codec::decode_member(block, "quantity_unit", kind.quantity_unit, here, cx);
    codec::decode_member(block, "time_unit", kind.time_unit, here, cx);
    Path lines_at(here, "lines");
    const Json& lines = codec::array_member(block, "lines", here);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const Json& line = lines[i];
      Path line_at(lines_at, i);
      if (!line.is_array() || line.size() != 2) codec::fail(line_at, "is not [resource, segments]");
      codec::decode(line[0], key.resource_id, Path(line_at, 0), cx);
      Path segments_at(line_at, 1);
      codec::expect_array(line[1], segments_at);
      sim::LineUsage usage = kind;
      for (std::size_t k = 0; k < line[1].size(); ++k) {
        const Json& s = line[1][k];
        Path segment_at(segments_at, k);
        if (!s.is_array() || s.size() != 4)
          codec::fail(segment_at, "is not [start, end, quantity, price]");
        sim::Segment& segment = usage.segments.emplace_back();
        codec::decode(s[0], segment.start, Path(segment_at, 0), cx);
        codec::decode(s[1], segment.end, Path(segment_at, 1), cx);
        codec::decode(s[2], segment.quantity, Path(segment_at, 2), cx);
        codec::decode(s[3], segment.price, Path(segment_at, 3), cx);
      }
      meter.restore_line(key, std::move(usage));
    }
  });
}

// Format 3's retired days: "retired" (encode_meter).
void restore_meter_retired(sim::Meter& meter, const Json& json, const Path& at, DecodeContext& cx) {
  codec::for_each_object(json, "retired", at, [&](const Json& entry, const Path& here) {
    sim::LineGroup group;
    std::string unit;
    decode_group(entry, group, here, cx);
    codec::decode_member(entry, "unit", unit, here, cx);
    Path days_at(here, "days");
    const Json& list = codec::array_member(entry, "days", here);
    std::vector<sim::RetiredDay> days;
    for (std::size_t k = 0; k < list.size(); ++k) {
      const Json& d = list[k];
      Path day_at(days_at, k);
      if (!d.is_array() || d.size() != 3) codec::fail(day_at, "is not [day, cost, usage_micro]");
      sim::RetiredDay& day = days.emplace_back();
      codec::decode(d[0], day.day, Path(day_at, 0), cx);
      codec::decode(d[1], day.cost, Path(day_at, 1), cx);
      codec::decode(d[2], day.usage_micro, Path(day_at, 2), cx);
    }
    meter.restore_retired(group, std::move(unit), std::move(days));
  });
}

void restore_meter(sim::Meter& meter, const Json& json, const Path& at, DecodeContext& cx,
                   int format) {
  codec::expect_object(json, at);
  if (format == 1)
    restore_meter_lines(meter, json, at, cx);
  else
    restore_meter_blocks(meter, json, at, cx);
  if (format >= 3) restore_meter_retired(meter, json, at, cx);
  std::map<sim::RegionName, std::size_t> billed;
  codec::decode_member(json, "tier_records_billed", billed, at, cx);
  for (const auto& [region, count] : billed) meter.tier_records_billed(region) = count;
}

// The IDs listed under `name` (removed catalogue images or snapshots).
std::vector<std::string> id_list(const Json& json, std::string_view name, const Path& at,
                                 DecodeContext& cx) {
  std::vector<std::string> ids;
  codec::decode_member(json, name, ids, at, cx);
  return ids;
}

void restore_images(sim::RegionState& region, const Json& json, const Path& at, DecodeContext& cx) {
  Path removed_at(at, "removed_images");
  for (const std::string& id : id_list(json, "removed_images", at, cx)) {
    auto it = region.images.find(sim::ImageId(id));
    if (it == region.images.end())
      codec::fail(removed_at, fmt::format("{} is not a catalogue image here", id));
    region.image_names.erase(it->second);
    region.images.erase(it);
  }
  std::vector<sim::Image> images;
  codec::decode_member(json, "images", images, at, cx);
  for (sim::Image& image : images) {
    if (auto old = region.images.find(image.id); old != region.images.end()) {
      region.image_names.erase(old->second);
      region.images.erase(old);
    }
    sim::ImageId id = image.id;
    const sim::Image& kept = region.images.emplace(std::move(id), std::move(image)).first->second;
    // The index holds every image that still holds its name: all but the deregistered
    // (sim/images/images.hpp, index_name).
    if (kept.state != sim::ImageState::kDeregistered) region.image_names.insert(kept);
  }
}

void restore_snapshots(sim::RegionState& region, const Json& json, const Path& at,
                       DecodeContext& cx) {
  Path removed_at(at, "removed_snapshots");
  for (const std::string& id : id_list(json, "removed_snapshots", at, cx)) {
    if (region.snapshots.erase(sim::SnapshotId(id)) == 0)
      codec::fail(removed_at, fmt::format("{} is not a catalogue snapshot here", id));
  }
  std::vector<sim::Snapshot> snapshots;
  codec::decode_member(json, "snapshots", snapshots, at, cx);
  for (sim::Snapshot& snapshot : snapshots) {
    sim::SnapshotId id = snapshot.id;
    region.snapshots.insert_or_assign(std::move(id), std::move(snapshot));
  }
}

void restore_regions(sim::World& world, const Json& json, const Path& at, DecodeContext& cx) {
  codec::expect_object(json, at);
  for (const auto& [name, value] : json.items()) {
    if (world.region(sim::RegionName(name)) == nullptr)
      codec::fail(at, fmt::format("names Region {}, which this world does not have", name));
  }
  for (auto& [name, region] : world.regions()) {
    auto it = json.find(name.str());
    if (it == json.end()) codec::fail(at, fmt::format("has no Region {}", name.str()));
    Path here(at, name.str());
    codec::decode(*it, region, here, cx);  // the listed members; `info` stays the fixtures'
    restore_images(region, *it, here, cx);
    restore_snapshots(region, *it, here, cx);
    sim::rebuild_tag_index(region);  // an index of `instances`, not written
  }
}

// The data every catalogue snapshot of a fresh world holds, by snapshot ID.
void collect_catalogue_data(const sim::World& world, DecodeContext& cx) {
  for (const auto& [name, region] : world.regions()) {
    for (const auto& [id, snapshot] : region.snapshots) cx.catalogue_data[id.str()] = snapshot.data;
  }
}

void restore_tables(const Json& json, const Path& at, DecodeContext& cx) {
  std::vector<sim::VolumeData> data;
  codec::decode_member(json, "volume_data", data, at, cx);
  for (sim::VolumeData& d : data)
    cx.data.push_back(std::make_shared<sim::VolumeData>(std::move(d)));
  std::vector<sim::StoredImage> stored;
  codec::decode_member(json, "stored_images", stored, at, cx);
  for (sim::StoredImage& s : stored)
    cx.stored.push_back(std::make_shared<sim::StoredImage>(std::move(s)));
}

void restore(sim::World& world, const Json& snapshot) {
  const Path at("snapshot");
  codec::expect_object(snapshot, at);
  auto format = snapshot.find("format");
  const int version = format == snapshot.end()           ? 0
                      : *format == kWorldSnapshotFormat  ? 3
                      : *format == kWorldSnapshotFormat2 ? 2
                      : *format == kWorldSnapshotFormat1 ? 1
                                                         : 0;
  if (version == 0)
    codec::fail(
        at, fmt::format("its \"format\" is not \"{}\" (or \"{}\", \"{}\")", kWorldSnapshotFormat,
                        kWorldSnapshotFormat2, kWorldSnapshotFormat1));
  const Json none;
  auto member = [&](const char* name) -> const Json& {
    auto it = snapshot.find(name);
    return it == snapshot.end() ? none : *it;
  };
  DecodeContext cx;
  collect_catalogue_data(world, cx);
  restore_tables(snapshot, at, cx);
  restore_clock(world, member("clock"), Path(at, "clock"), cx);
  restore_ids(world, member("ids"), Path(at, "ids"), cx);
  std::uint64_t write_version = 0;
  codec::decode_member(snapshot, "write_version", write_version, at, cx);
  sim::World::Restore::write_version(world, write_version);
  codec::decode_member(snapshot, "accounts", sim::World::Restore::accounts(world), at, cx);
  codec::decode_member(snapshot, "region_opt", world.region_opt(), at, cx);
  codec::decode_member(snapshot, "subscriptions", world.marketplace_subscriptions(), at, cx);
  codec::decode_member(snapshot, "buckets", world.buckets(), at, cx);
  restore_meter(world.meter(), member("meter"), Path(at, "meter"), cx, version);
  restore_regions(world, member("regions"), Path(at, "regions"), cx);
  // Every value decoded: now whether it is the snapshot amisim wrote, and the world it recorded.
  std::string checksum;
  codec::decode_member(snapshot, "checksum", checksum, at, cx);
  if (checksum != checksum_of(snapshot))
    codec::fail(at, "its checksum does not match: it was edited or cut short");
  std::string digest;
  codec::decode_member(snapshot, "digest", digest, at, cx);
  if (digest != world.digest())
    codec::fail(at,
                "the world it restores has another digest than the one it recorded: it was "
                "written for other fixtures (--catalog-size, --images) or by another amisim");
}

}  // namespace

Json world_snapshot(const sim::World& world) {
  EncodeContext cx;
  const auto catalogue = catalogue_of(world.fixtures());
  note_catalogue_data(world, catalogue, cx);
  Json out = Json::object();
  out["format"] = kWorldSnapshotFormat;
  out["clock"] = encode_clock(world.clock(), cx);
  out["ids"] = Json{{"seed", world.ids().seed()}, {"counter", world.ids().counter()}};
  out["write_version"] = world.write_version();
  out["accounts"] = codec::encode(world.accounts(), cx);
  out["region_opt"] = codec::encode(world.region_opt(), cx);
  out["subscriptions"] = codec::encode(world.marketplace_subscriptions(), cx);
  out["buckets"] = codec::encode(world.buckets(), cx);
  out["meter"] = encode_meter(world.meter(), cx);
  Json regions = Json::object();
  const RegionCatalogue no_catalogue;
  for (const auto& [name, region] : world.regions()) {
    auto c = catalogue.find(name);
    regions[name.str()] =
        encode_region(region, c == catalogue.end() ? no_catalogue : c->second, cx);
  }
  out["regions"] = std::move(regions);
  out["volume_data"] = std::move(cx.data);  // last: everything above adds to the tables
  out["stored_images"] = std::move(cx.stored);
  out["digest"] = world.digest();
  out["checksum"] = checksum_of(out);
  return out;
}

std::string restore_world_snapshot(sim::World& world, const Json& snapshot) {
  try {
    restore(world, snapshot);
  } catch (const codec::DecodeError& e) {
    return e.what();
  } catch (const std::exception& e) {  // nlohmann's own (a string that cannot be written back)
    return fmt::format("snapshot: {}", e.what());
  }
  return "";
}

}  // namespace amisim::io
