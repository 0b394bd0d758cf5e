#include "api/io/snapshot_codec.hpp"

#include <fmt/format.h>

#include "api/io/snapshot_fields.hpp"

namespace amisim::io::codec {

std::string Path::str() const {
  std::vector<const Path*> chain;
  for (const Path* p = this; p != nullptr; p = p->parent_) chain.push_back(p);
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const Path& p = **it;
    if (p.index_) {
      out += fmt::format("[{}]", *p.index_);
    } else {
      if (!out.empty()) out += '.';
      out += p.key_;
    }
  }
  return out;
}

void fail(const Path& at, std::string_view what) {
  throw DecodeError(fmt::format("{}: {}", at.str(), what));
}

void Codec<std::string>::decode(const Json& json, std::string& out, const Path& at,
                                DecodeContext&) {
  if (json.is_string()) {
    out = json.get<std::string>();
    return;
  }
  // Bytes that are not UTF-8 (user data, S3 bodies) are written as {"base64": ...}.
  auto base64 = json.is_object() && json.size() == 1 ? json.find("base64") : json.end();
  if (base64 == json.end() || !base64->is_string()) fail(at, "not a string");
  auto bytes = sim::base64_decode(base64->get<std::string>(), sim::Base64Input::kStrict);
  if (!bytes && !base64->get<std::string>().empty()) fail(at, "not base64");
  out = bytes.value_or("");
}

// The runs as they are stored, [first block, count, version] each: written back in order they
// give an equal map (sim/state/volume_data.hpp, BlockMap::runs).
Json Codec<sim::BlockMap>::encode(const sim::BlockMap& blocks, EncodeContext&) {
  Json out = Json::array();
  for (const sim::Extent& run : blocks.runs())
    out.push_back(Json::array({run.first_block, run.block_count, run.version}));
  return out;
}

void Codec<sim::BlockMap>::decode(const Json& json, sim::BlockMap& out, const Path& at,
                                  DecodeContext& cx) {
  expect_array(json, at);
  out = sim::BlockMap();
  for (std::size_t i = 0; i < json.size(); ++i) {
    Path here(at, i);
    if (!json[i].is_array() || json[i].size() != 3) fail(here, "not [first, count, version]");
    std::uint64_t first = 0;
    std::uint64_t count = 0;
    std::uint64_t version = 0;
    codec::decode(json[i][0], first, Path(here, 0), cx);
    codec::decode(json[i][1], count, Path(here, 1), cx);
    codec::decode(json[i][2], version, Path(here, 2), cx);
    if (count == 0 || first + count < first) fail(here, "not a run of blocks");
    out.write(first, count, version);
  }
}

Json Codec<sim::StoragePool>::encode(const sim::StoragePool& pool, EncodeContext& cx) {
  return Json{{"pieces", codec::encode(pool.pieces(), cx)},
              {"stored_blocks", pool.stored_blocks()}};
}

void Codec<sim::StoragePool>::decode(const Json& json, sim::StoragePool& out, const Path& at,
                                     DecodeContext& cx) {
  expect_object(json, at);
  std::map<std::uint64_t, sim::StoragePool::Pieces> pieces;
  std::uint64_t stored_blocks = 0;
  decode_member(json, "pieces", pieces, at, cx);
  decode_member(json, "stored_blocks", stored_blocks, at, cx);
  out = sim::StoragePool::restore(std::move(pieces), stored_blocks);
}

// A VolumeData: null, {"catalogue": snapshot ID} for the data of a catalogue snapshot, or its
// index in the snapshot's "volume_data" table.
Json Codec<std::shared_ptr<const sim::VolumeData>>::encode(
    const std::shared_ptr<const sim::VolumeData>& data, EncodeContext& cx) {
  if (!data) return nullptr;
  if (auto it = cx.catalogue_data.find(data.get()); it != cx.catalogue_data.end())
    return Json{{"catalogue", it->second}};
  auto [it, fresh] = cx.data_index.try_emplace(data.get(), cx.data.size());
  if (fresh) cx.data.push_back(codec::encode(*data, cx));
  return it->second;
}

void Codec<std::shared_ptr<const sim::VolumeData>>::decode(
    const Json& json, std::shared_ptr<const sim::VolumeData>& out, const Path& at,
    DecodeContext& cx) {
  if (json.is_null()) {
    out = nullptr;
  } else if (json.is_object()) {
    std::string id;
    decode_member(json, "catalogue", id, at, cx);
    auto it = cx.catalogue_data.find(id);
    if (it == cx.catalogue_data.end())
      fail(at, fmt::format("names catalogue snapshot {}, which this catalogue does not have", id));
    out = it->second;
  } else {
    std::size_t index = 0;
    codec::decode(json, index, at, cx);
    if (index >= cx.data.size()) fail(at, "names no entry of \"volume_data\"");
    out = cx.data[index];
  }
}

// A StoredImage: null, or its index in the snapshot's "stored_images" table.
Json Codec<std::shared_ptr<const sim::StoredImage>>::encode(
    const std::shared_ptr<const sim::StoredImage>& stored, EncodeContext& cx) {
  if (!stored) return nullptr;
  if (auto it = cx.stored_index.find(stored.get()); it != cx.stored_index.end()) return it->second;
  Json value = codec::encode(*stored, cx);  // may add to the data table, never to this one
  const std::size_t index = cx.stored.size();
  cx.stored_index.emplace(stored.get(), index);
  cx.stored.push_back(std::move(value));
  return index;
}

void Codec<std::shared_ptr<const sim::StoredImage>>::decode(
    const Json& json, std::shared_ptr<const sim::StoredImage>& out, const Path& at,
    DecodeContext& cx) {
  if (json.is_null()) {
    out = nullptr;
    return;
  }
  std::size_t index = 0;
  codec::decode(json, index, at, cx);
  if (index >= cx.stored.size()) fail(at, "names no entry of \"stored_images\"");
  out = cx.stored[index];
}

}  // namespace amisim::io::codec
