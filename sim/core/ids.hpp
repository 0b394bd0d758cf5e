// Small distinct ID types (CONVENTIONS.md, Habits 5): the model never takes a bare string where an
// ID is meant. Each wraps the AWS string form ("ami-0123456789abcdef0"); ordering is by string so
// ordered containers give a stable output order.
#pragma once

#include <algorithm>
#include <bit>
#include <compare>
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace amisim::sim {

// An ID's text held in the value itself. Every ID AWS issues is at most 26 characters
// ("eipalloc-" and 17 hex digits; account IDs 12, Region and zone names under 20), so it fits the
// 31 bytes here and costs no heap block: a resource keyed by its ID, holding it again and named by
// others held its text up to four times on the heap before. A longer text (an ID as a request
// wrote it, of any length) is kept on the heap. 32 bytes, the size of the std::string it replaces.
class IdText {
 public:
  IdText() noexcept { clear(); }
  explicit IdText(std::string_view text) { assign(text); }
  IdText(const IdText& other) { assign(other.view()); }
  IdText(IdText&& other) noexcept : bytes_{} {
    std::memcpy(bytes_, other.bytes_, sizeof bytes_);
    other.clear();
  }
  IdText& operator=(const IdText& other) {
    if (this != &other) {
      release();
      assign(other.view());
    }
    return *this;
  }
  IdText& operator=(IdText&& other) noexcept {
    if (this != &other) {
      release();
      std::memcpy(bytes_, other.bytes_, sizeof bytes_);
      other.clear();
    }
    return *this;
  }
  ~IdText() { release(); }

  std::string_view view() const {
    if (on_heap()) return {heap().data, heap().size};
    return {bytes_, static_cast<std::size_t>(bytes_[kTag])};
  }

 private:
  static constexpr std::size_t kBytes = 32;
  static constexpr std::size_t kTag = kBytes - 1;  // inline: the length (0-31); else kOnHeap
  static constexpr std::size_t kInline = kBytes - 1;
  static constexpr char kOnHeap = 0x7f;
  struct Heap {
    char* data;
    std::size_t size;
  };

  bool on_heap() const { return bytes_[kTag] == kOnHeap; }
  Heap heap() const {
    Heap h;
    std::memcpy(&h, bytes_, sizeof h);
    return h;
  }
  void clear() noexcept { std::memset(bytes_, 0, sizeof bytes_); }
  void assign(std::string_view text) {
    clear();
    if (text.size() <= kInline) {
      if (!text.empty()) std::memcpy(bytes_, text.data(), text.size());
      bytes_[kTag] = static_cast<char>(text.size());
      return;
    }
    Heap h{new char[text.size()], text.size()};
    std::memcpy(h.data, text.data(), text.size());
    std::memcpy(bytes_, &h, sizeof h);
    bytes_[kTag] = kOnHeap;
  }
  void release() noexcept {
    if (on_heap()) delete[] heap().data;
  }

  char bytes_[kBytes];
};
static_assert(sizeof(IdText) == 32);

// An ID's text as str() gives it: a view of the ID's own bytes (valid while the ID is, and not
// across a move of it), which also converts to a std::string where a caller keeps or builds text.
class IdView : public std::string_view {
 public:
  using std::string_view::string_view;
  IdView(std::string_view text) : std::string_view(text) {}             // NOLINT: a view is a view
  operator std::string() const { return std::string(data(), size()); }  // NOLINT: implicit
  // A std::string, spelled out where the conversion alone would be ambiguous.
  std::string string() const { return std::string(data(), size()); }

  friend std::string operator+(const IdView& a, std::string_view b) { return cat(a, b); }
  friend std::string operator+(std::string_view a, const IdView& b) { return cat(a, b); }
  friend std::string operator+(const IdView& a, const IdView& b) { return cat(a, b); }
  friend std::string operator+(const IdView& a, const char* b) { return cat(a, b); }
  friend std::string operator+(const char* a, const IdView& b) { return cat(a, b); }
  friend std::string operator+(const IdView& a, const std::string& b) { return cat(a, b); }
  friend std::string operator+(const std::string& a, const IdView& b) { return cat(a, b); }
  friend std::string operator+(const IdView& a, char b) { return cat(a, std::string_view(&b, 1)); }
  friend std::string operator+(char a, const IdView& b) { return cat(std::string_view(&a, 1), b); }

 private:
  static std::string cat(std::string_view a, std::string_view b) {
    std::string out;
    out.reserve(a.size() + b.size());
    out.append(a);
    out.append(b);
    return out;
  }
};

template <class Tag>
class Id {
 public:
  Id() = default;
  explicit Id(std::string_view value) : text_(value) {}

  IdView str() const { return text_.view(); }
  bool empty() const { return str().empty(); }

  friend std::strong_ordering operator<=>(const Id& a, const Id& b) { return a.str() <=> b.str(); }
  friend bool operator==(const Id& a, const Id& b) { return a.str() == b.str(); }

 private:
  IdText text_;
};

using ImageId = Id<struct ImageTag>;
using InstanceId = Id<struct InstanceTag>;
using ReservationId = Id<struct ReservationTag>;
using VolumeId = Id<struct VolumeTag>;
using SnapshotId = Id<struct SnapshotTag>;
using KeyPairId = Id<struct KeyPairTag>;
using SecurityGroupId = Id<struct SecurityGroupTag>;
using SecurityGroupRuleId = Id<struct SecurityGroupRuleTag>;  // "sgr-0123456789abcdef0"
using VpcId = Id<struct VpcTag>;
using LaunchTemplateId = Id<struct LaunchTemplateTag>;  // "lt-0123456789abcdef0"
using AccountId = Id<struct AccountTag>;                // 12 digits, e.g. "123456789012"
using RegionName = Id<struct RegionTag>;                // "us-east-1"
using ZoneName = Id<struct ZoneTag>;                    // "us-east-1a"
// The network (sim/state/network.hpp).
using SubnetId = Id<struct SubnetTag>;                      // "subnet-..."
using InternetGatewayId = Id<struct InternetGatewayTag>;    // "igw-..."
using RouteTableId = Id<struct RouteTableTag>;              // "rtb-..."
using NetworkAclId = Id<struct NetworkAclTag>;              // "acl-..."
using NetworkInterfaceId = Id<struct NetworkInterfaceTag>;  // "eni-..."
using AllocationId = Id<struct AllocationTag>;              // "eipalloc-..."

// The first 16 bytes of a text as two big-endian numbers (zeros past its end). Comparing them
// orders texts as their bytes do, as std::string compares, with ties (texts alike in their first
// 16 bytes) left to the full text.
struct TextPrefix {
  std::uint64_t high = 0;
  std::uint64_t low = 0;

  static TextPrefix of(std::string_view text) {
    unsigned char bytes[16] = {};
    std::memcpy(bytes, text.data(), std::min<std::size_t>(text.size(), sizeof bytes));
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    std::memcpy(&high, bytes, 8);
    std::memcpy(&low, bytes + 8, 8);
    if constexpr (std::endian::native == std::endian::little) {
      high = __builtin_bswap64(high);
      low = __builtin_bswap64(low);
    }
    return TextPrefix{high, low};
  }
  friend auto operator<=>(const TextPrefix&, const TextPrefix&) = default;
  friend bool operator==(const TextPrefix&, const TextPrefix&) = default;
};

// An ID as the key of a map of many resources: the ID plus its TextPrefix, kept in the map's
// node. An ID's text lives on the heap (19-28 characters, past the small-string buffer), so a
// plain std::map<Id, T> reached the heap at every step of every lookup; with the prefix a step
// compares two numbers, which tell AWS's random IDs apart within the first 16 bytes. The order is
// the ID's (string) order, so iteration and everything written from it are unchanged. It is an
// ID: structured bindings and calls taking the ID type see one.
// The prefix comes first in the key (a base laid out before the ID), so in a std::map node it
// shares the first cache line with the node's links: a step of a lookup touches one line.
struct MapKeyPrefix {
  TextPrefix prefix;
};

template <class IdT>
class MapKey : private MapKeyPrefix, public IdT {
 public:
  MapKey(IdT id)  // NOLINT: implicit, so a map takes its ID type
      : MapKeyPrefix{TextPrefix::of(id.str())}, IdT(std::move(id)) {}
  const TextPrefix& prefix() const { return MapKeyPrefix::prefix; }
};

// Orders MapKeys and finds them by ID or by text, without building a key.
struct MapKeyLess {
  using is_transparent = void;

  template <class A, class B>
  bool operator()(const A& a, const B& b) const {
    const TextPrefix pa = prefix_of(a);
    const TextPrefix pb = prefix_of(b);
    if (pa != pb) return pa < pb;
    return text(a) < text(b);
  }

 private:
  template <class T>
  static const TextPrefix& prefix_of(const MapKey<T>& key) {
    return key.prefix();
  }
  template <class Tag>
  static TextPrefix prefix_of(const Id<Tag>& id) {
    return TextPrefix::of(id.str());
  }
  static TextPrefix prefix_of(std::string_view text) { return TextPrefix::of(text); }
  template <class Tag>
  static std::string_view text(const Id<Tag>& id) {
    return id.str();
  }
  static std::string_view text(std::string_view text) { return text; }
};

// The map of a Region's resources of one kind, by ID, in ID order.
template <class IdT, class T>
using IdMap = std::map<MapKey<IdT>, T, MapKeyLess>;

// True when `text` is `prefix` + '-' + 8 or 17 lowercase hex digits: the two forms AWS issues.
bool is_well_formed_id(std::string_view prefix, std::string_view text);

// True for a 12-digit account ID.
bool is_account_id(std::string_view text);

}  // namespace amisim::sim

// For unordered containers' bucketing only: std::hash differs between standard libraries, so its
// values must never reach output, an ID or a digest (those use sim/core/hash.hpp). Iteration
// order of an unordered container depends on it too: never let that order reach output either.
template <class Tag>
struct std::hash<amisim::sim::Id<Tag>> {
  std::size_t operator()(const amisim::sim::Id<Tag>& id) const noexcept {
    return std::hash<std::string_view>()(id.str());
  }
};
