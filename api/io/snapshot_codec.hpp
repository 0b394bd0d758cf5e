// The machinery of the world snapshot (world_snapshot.hpp): a value <-> JSON codec driven by one
// list of fields per struct (snapshot_fields*.hpp), so that encoding and decoding cannot disagree
// and a member left out of the list fails the build:
//   - every struct with a Fields<T> list is an aggregate whose member count is checked against
//     the list at compile time (aggregate_arity below), and tests/api/io_world_snapshot_test.cpp
//     checks at test time that the listed members' offsets and sizes tile the struct's layout;
//   - JSON keys are the C++ member names.
// Values: integers and enums as JSON numbers (enums by their underlying value: the snapshot
// format is versioned, world_snapshot.hpp), strings as JSON strings or {"base64": ...} when not
// UTF-8 (user data and S3 bodies are raw bytes), optionals as null or the value, vectors and sets
// as arrays, maps as objects when every key is a UTF-8 string (IDs, names) and else as arrays of
// [key, value], pairs as [first, second]. Shared VolumeData and StoredImage values are written
// once, in tables, and referred to by index (Context), so that sharing survives a load.
//
// Decoding throws DecodeError naming the path of the bad value ("regions.us-east-1.instances.
// i-0123...: not a string"); world_snapshot.cpp catches it at its door. Internal to api/io.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "sim/core/base64.hpp"
#include "sim/core/ids.hpp"
#include "sim/core/rare.hpp"
#include "sim/core/utf8.hpp"
#include "sim/state/bucket.hpp"
#include "sim/state/storage_pool.hpp"
#include "sim/state/volume_data.hpp"

namespace amisim::io::codec {

using Json = nlohmann::json;

// --- where a value is --------------------------------------------------------------------------

// A path into the snapshot, kept as links on the stack and written out only for an error.
class Path {
 public:
  explicit Path(std::string_view root) : key_(root) {}
  Path(const Path& parent, std::string_view key) : parent_(&parent), key_(key) {}
  Path(const Path& parent, std::size_t index) : parent_(&parent), index_(index) {}

  std::string str() const;

 private:
  const Path* parent_ = nullptr;
  std::string_view key_;
  std::optional<std::size_t> index_;
};

struct DecodeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws DecodeError "<path>: <what>".
[[noreturn]] void fail(const Path& at, std::string_view what);

// --- what is shared ----------------------------------------------------------------------------

// Encoding: the tables of shared values, filled as they are met. A VolumeData that a catalogue
// snapshot holds is named by that snapshot's ID instead ({"catalogue": "snap-..."}): a fresh world
// has the same data under the same ID, and volumes made from catalogue images keep sharing it.
struct EncodeContext {
  std::map<const sim::VolumeData*, std::string> catalogue_data;  // data -> catalogue snapshot ID
  std::map<const sim::VolumeData*, std::size_t> data_index;
  Json data = Json::array();
  std::map<const sim::StoredImage*, std::size_t> stored_index;
  Json stored = Json::array();
};

// Decoding: the tables, decoded before anything that refers to them.
struct DecodeContext {
  std::map<std::string, std::shared_ptr<const sim::VolumeData>> catalogue_data;
  std::vector<std::shared_ptr<const sim::VolumeData>> data;
  std::vector<std::shared_ptr<const sim::StoredImage>> stored;
};

// --- the field lists ---------------------------------------------------------------------------

template <class T, class M>
struct Field {
  std::string_view name;
  M T::*member;
};

// Specialised per struct in snapshot_fields*.hpp: `static constexpr auto list = std::tuple{...}`
// of Field values, one per member, in declaration order.
template <class T>
struct Fields;

template <class T>
concept HasFields = requires {
  Fields<T>::list;
};

template <class T, class M>
constexpr Field<T, M> field(std::string_view name, M T::*member) {
  return {name, member};
}

// A Field named after its member: AMISIM_FIELD(id) in a Fields<S> where `using S = ...`.
#define AMISIM_FIELD(member) (::amisim::io::codec::field(#member, &S::member))

// The number of members of aggregate T: the most initializers T{...} takes (each converts to
// anything, so none is taken by brace elision into a member's own members).
struct AnyValue {
  template <class T>
  operator T&() const&& noexcept;  // NOLINT: declared only, for the check (never called)
};

template <class T, std::size_t... I>
constexpr bool takes_initializers(std::index_sequence<I...>) {
  return requires { T{(void(I), AnyValue{})...}; };
}

template <class T, std::size_t N = 0>
constexpr std::size_t aggregate_arity() {
  if constexpr (N > 64) {
    return N;
  } else if constexpr (takes_initializers<T>(std::make_index_sequence<N + 1>{})) {
    return aggregate_arity<T, N + 1>();
  } else {
    return N;
  }
}

template <class T>
constexpr std::size_t field_count() {
  return std::tuple_size_v<std::remove_cv_t<decltype(Fields<T>::list)>>;
}

// The members a Fields<T> leaves to hand-written code (it says which), as its
// `handled_elsewhere`; 0 for most. Such a Fields<T> may write and read them itself, after the
// listed ones: `static void encode_rest(const T&, Json&, EncodeContext&)` and
// `static void decode_rest(const Json&, T&, const Path&, DecodeContext&)`.
template <class T>
constexpr std::size_t handled_elsewhere() {
  if constexpr (requires { Fields<T>::handled_elsewhere; }) {
    return Fields<T>::handled_elsewhere;
  } else {
    return 0;
  }
}

// Members added after the snapshot format was fixed, as a Fields<T>'s `late` tuple (same form as
// `list`): each is written only when it differs from a default-made T's, and read when present
// (absent = that default). Snapshots written before a member existed still load, and a world that
// never sets it writes the same bytes as before.
template <class T>
constexpr std::size_t late_count() {
  if constexpr (requires { Fields<T>::late; }) {
    return std::tuple_size_v<std::remove_cv_t<decltype(Fields<T>::late)>>;
  } else {
    return 0;
  }
}

// --- the codec ---------------------------------------------------------------------------------

template <class T>
struct Codec;

template <class T>
Json encode(const T& value, EncodeContext& cx) {
  return Codec<T>::encode(value, cx);
}

template <class T>
void decode(const Json& json, T& out, const Path& at, DecodeContext& cx) {
  Codec<T>::decode(json, out, at, cx);
}

// The member `name` of object `json`, decoded into `out`.
template <class T>
void decode_member(const Json& json, std::string_view name, T& out, const Path& at,
                   DecodeContext& cx) {
  auto it = json.find(name);
  if (it == json.end()) fail(at, "has no \"" + std::string(name) + "\"");
  decode(*it, out, Path(at, name), cx);
}

inline void expect_object(const Json& json, const Path& at) {
  if (!json.is_object()) fail(at, "not an object");
}
inline void expect_array(const Json& json, const Path& at) {
  if (!json.is_array()) fail(at, "not a list");
}

// The member `name` of object `json`, which must be a list; the caller decodes its elements (at
// Path(at, name)).
inline const Json& array_member(const Json& json, std::string_view name, const Path& at) {
  auto it = json.find(name);
  if (it == json.end()) fail(at, "has no \"" + std::string(name) + "\"");
  expect_array(*it, Path(at, name));
  return *it;
}

// Calls f(element, its path) for each element of the list member `name`, each an object.
template <class F>
void for_each_object(const Json& json, std::string_view name, const Path& at, F&& f) {
  const Json& list = array_member(json, name, at);
  const Path list_at(at, name);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Path here(list_at, i);
    expect_object(list[i], here);
    f(list[i], here);
  }
}

template <class T>
requires HasFields<T>
struct Codec<T> {
  static_assert(field_count<T>() + handled_elsewhere<T>() + late_count<T>() == aggregate_arity<T>(),
                "Fields<T> must list every member of T (snapshot_fields*.hpp)");

  static Json encode(const T& value, EncodeContext& cx) {
    Json out = Json::object();
    std::apply(
        [&](const auto&... f) {
          ((out[std::string(f.name)] = codec::encode(value.*f.member, cx)), ...);
        },
        Fields<T>::list);
    if constexpr (requires { Fields<T>::encode_rest(value, out, cx); })
      Fields<T>::encode_rest(value, out, cx);
    if constexpr (late_count<T>() > 0) {
      static const T fresh{};
      std::apply(
          [&](const auto&... f) {
            ((value.*f.member == fresh.*f.member
                  ? void()
                  : void(out[std::string(f.name)] = codec::encode(value.*f.member, cx))),
             ...);
          },
          Fields<T>::late);
    }
    return out;
  }
  static void decode(const Json& json, T& out, const Path& at, DecodeContext& cx) {
    expect_object(json, at);
    std::apply([&](const auto&... f) { (decode_member(json, f.name, out.*f.member, at, cx), ...); },
               Fields<T>::list);
    if constexpr (requires { Fields<T>::decode_rest(json, out, at, cx); })
      Fields<T>::decode_rest(json, out, at, cx);
    if constexpr (late_count<T>() > 0) {
      std::apply(
          [&](const auto&... f) {
            ((json.contains(f.name) ? decode_member(json, f.name, out.*f.member, at, cx) : void()),
             ...);
          },
          Fields<T>::late);
    }
  }
};

template <>
struct Codec<bool> {
  static Json encode(bool value, EncodeContext&) { return value; }
  static void decode(const Json& json, bool& out, const Path& at, DecodeContext&) {
    if (!json.is_boolean()) fail(at, "not true or false");
    out = json.get<bool>();
  }
};

template <class T>
requires(std::is_integral_v<T> && !std::is_same_v<T, bool>) struct Codec<T> {
  static Json encode(T value, EncodeContext&) { return value; }
  static void decode(const Json& json, T& out, const Path& at, DecodeContext&) {
    if (json.is_number_unsigned()) {
      const auto value = json.get<std::uint64_t>();
      if (!std::in_range<T>(value)) fail(at, "out of range");
      out = static_cast<T>(value);
    } else if (json.is_number_integer()) {
      const auto value = json.get<std::int64_t>();
      if (!std::in_range<T>(value)) fail(at, "out of range");
      out = static_cast<T>(value);
    } else {
      fail(at, "not an integer");
    }
  }
};

template <class T>
requires std::is_enum_v<T>
struct Codec<T> {
  using Underlying = std::underlying_type_t<T>;
  static Json encode(T value, EncodeContext& cx) {
    return Codec<Underlying>::encode(static_cast<Underlying>(value), cx);
  }
  static void decode(const Json& json, T& out, const Path& at, DecodeContext& cx) {
    Underlying value{};
    Codec<Underlying>::decode(json, value, at, cx);
    out = static_cast<T>(value);
  }
};

template <>
struct Codec<std::string> {
  static Json encode(const std::string& value, EncodeContext&) {
    if (sim::is_utf8(value)) return value;
    return Json{{"base64", sim::base64_encode(value)}};
  }
  static void decode(const Json& json, std::string& out, const Path& at, DecodeContext&);
};

template <class Tag>
struct Codec<sim::Id<Tag>> {
  static Json encode(const sim::Id<Tag>& id, EncodeContext& cx) {
    return Codec<std::string>::encode(id.str(), cx);
  }
  static void decode(const Json& json, sim::Id<Tag>& out, const Path& at, DecodeContext& cx) {
    std::string text;
    Codec<std::string>::decode(json, text, at, cx);
    out = sim::Id<Tag>(std::move(text));
  }
};

// An interned text (sim/core/symbol.hpp): written as its text.
template <>
struct Codec<sim::Symbol> {
  static Json encode(const sim::Symbol& symbol, EncodeContext& cx) {
    return Codec<std::string>::encode(symbol.str(), cx);
  }
  static void decode(const Json& json, sim::Symbol& out, const Path& at, DecodeContext& cx) {
    std::string text;
    Codec<std::string>::decode(json, text, at, cx);
    out = sim::Symbol(text);
  }
};

// A rarely-set member (sim/core/rare.hpp): written as its value, absent or not.
template <class T>
struct Codec<sim::Rare<T>> {
  static Json encode(const sim::Rare<T>& value, EncodeContext& cx) {
    return codec::encode(value.get(), cx);
  }
  static void decode(const Json& json, sim::Rare<T>& out, const Path& at, DecodeContext& cx) {
    T value{};
    codec::decode(json, value, at, cx);
    out = std::move(value);
  }
};

template <class T>
struct Codec<std::optional<T>> {
  static Json encode(const std::optional<T>& value, EncodeContext& cx) {
    return value ? codec::encode(*value, cx) : Json(nullptr);
  }
  static void decode(const Json& json, std::optional<T>& out, const Path& at, DecodeContext& cx) {
    if (json.is_null()) {
      out.reset();
      return;
    }
    T value{};
    codec::decode(json, value, at, cx);
    out = std::move(value);
  }
};

template <class A, class B>
struct Codec<std::pair<A, B>> {
  static Json encode(const std::pair<A, B>& value, EncodeContext& cx) {
    return Json::array({codec::encode(value.first, cx), codec::encode(value.second, cx)});
  }
  static void decode(const Json& json, std::pair<A, B>& out, const Path& at, DecodeContext& cx) {
    if (!json.is_array() || json.size() != 2) fail(at, "not a pair [first, second]");
    codec::decode(json[0], out.first, Path(at, 0), cx);
    codec::decode(json[1], out.second, Path(at, 1), cx);
  }
};

// Arrays: vectors, sets and multisets, in their order.
template <class C>
struct SequenceCodec {
  using Value = typename C::value_type;
  static Json encode(const C& values, EncodeContext& cx) {
    Json out = Json::array();
    for (const auto& value : values) out.push_back(codec::encode(value, cx));
    return out;
  }
  static void decode(const Json& json, C& out, const Path& at, DecodeContext& cx) {
    expect_array(json, at);
    out.clear();
    for (std::size_t i = 0; i < json.size(); ++i) {
      Value value{};
      codec::decode(json[i], value, Path(at, i), cx);
      out.insert(out.end(), std::move(value));
    }
  }
};

template <class T>
struct Codec<std::vector<T>> : SequenceCodec<std::vector<T>> {};
template <class T>
struct Codec<std::set<T>> : SequenceCodec<std::set<T>> {};
template <class T>
struct Codec<std::multiset<T>> : SequenceCodec<std::multiset<T>> {};

// A map's key as stored: the ID of an IdMap's MapKey, else the key itself.
template <class K>
struct StoredKey {
  using type = K;
};
template <class IdT>
struct StoredKey<sim::MapKey<IdT>> {
  using type = IdT;
};

// The text of a key that can be a JSON object's member name, or nullopt.
// A view of `key` itself: a view of a temporary copy would outlive it.
inline std::optional<std::string_view> key_text(std::string_view key) {
  return sim::is_utf8(key) ? std::optional<std::string_view>(key) : std::nullopt;
}
inline std::optional<std::string_view> key_text(const std::string& key) {
  return key_text(std::string_view(key));
}
template <class Tag>
std::optional<std::string_view> key_text(const sim::Id<Tag>& key) {
  return key_text(std::string_view(key.str()));
}
template <class K>
std::optional<std::string_view> key_text(const K&) {
  return std::nullopt;
}

template <class M>
struct MapCodec {
  using Key = typename StoredKey<typename M::key_type>::type;
  using Value = typename M::mapped_type;

  static Json encode(const M& map, EncodeContext& cx) {
    bool named = true;
    for (const auto& [key, value] : map) named = named && key_text(static_cast<const Key&>(key));
    if (named) {
      Json out = Json::object();
      for (const auto& [key, value] : map)
        out[std::string(*key_text(static_cast<const Key&>(key)))] = codec::encode(value, cx);
      return out;
    }
    Json out = Json::array();
    for (const auto& [key, value] : map)
      out.push_back(
          Json::array({codec::encode(static_cast<const Key&>(key), cx), codec::encode(value, cx)}));
    return out;
  }

  static void decode(const Json& json, M& out, const Path& at, DecodeContext& cx) {
    out.clear();
    if (json.is_object()) {
      for (const auto& [name, value] : json.items()) {
        Path here(at, name);
        Key key{};
        codec::decode(Json(name), key, here, cx);
        decode_entry(std::move(key), value, out, here, cx);
      }
      return;
    }
    expect_array(json, at);
    for (std::size_t i = 0; i < json.size(); ++i) {
      Path here(at, i);
      if (!json[i].is_array() || json[i].size() != 2) fail(here, "not a pair [key, value]");
      Key key{};
      codec::decode(json[i][0], key, Path(here, 0), cx);
      decode_entry(std::move(key), json[i][1], out, Path(here, 1), cx);
    }
  }

 private:
  static void decode_entry(Key key, const Json& json, M& out, const Path& at, DecodeContext& cx) {
    Value value{};
    codec::decode(json, value, at, cx);
    if (!out.emplace(std::move(key), std::move(value)).second) fail(at, "repeats its key");
  }
};

template <class K, class V, class Less>
struct Codec<std::map<K, V, Less>> : MapCodec<std::map<K, V, Less>> {};

// --- shared values -----------------------------------------------------------------------------

template <>
struct Codec<sim::BlockMap> {
  static Json encode(const sim::BlockMap& blocks, EncodeContext& cx);
  static void decode(const Json& json, sim::BlockMap& out, const Path& at, DecodeContext& cx);
};

template <>
struct Codec<sim::StoragePool> {
  static Json encode(const sim::StoragePool& pool, EncodeContext& cx);
  static void decode(const Json& json, sim::StoragePool& out, const Path& at, DecodeContext& cx);
};

template <>
struct Codec<std::shared_ptr<const sim::VolumeData>> {
  static Json encode(const std::shared_ptr<const sim::VolumeData>& data, EncodeContext& cx);
  static void decode(const Json& json, std::shared_ptr<const sim::VolumeData>& out, const Path& at,
                     DecodeContext& cx);
};

template <>
struct Codec<std::shared_ptr<const sim::StoredImage>> {
  static Json encode(const std::shared_ptr<const sim::StoredImage>& stored, EncodeContext& cx);
  static void decode(const Json& json, std::shared_ptr<const sim::StoredImage>& out, const Path& at,
                     DecodeContext& cx);
};

// The layout a struct with these members in this order has (each at its alignment, the whole
// rounded to the largest): compared with sizeof for the classes whose members are private.
template <class... Members>
constexpr std::size_t layout_size() {
  std::size_t size = 0;
  std::size_t align = 1;
  ((size = (size + alignof(Members) - 1) / alignof(Members) * alignof(Members) + sizeof(Members),
    align = alignof(Members) > align ? alignof(Members) : align),
   ...);
  return (size + align - 1) / align * align;
}

}  // namespace amisim::io::codec
