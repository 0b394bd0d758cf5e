// RegionState::image_names: the Region's images that hold their name (all but the deregistered,
// sim/images/images.hpp index_name), ordered by name then ID, for name-prefix filters over large
// catalogues (issue 19 §3) and CreateImage's duplicate-name check.
//
// It holds pointers to the images in the Region's map, whose nodes never move: 8 bytes an image
// where a copy of each name and ID took 64 and a heap block. An image is unindexed before its name
// changes or it leaves the map, and indexed once it is in the map.
//
// A copy of the index would point into the other world's images: a copied index is stale, and
// the first read (entries) rebuilds it from the Region's own images. While stale it ignores
// changes, which that rebuild sees. Only tests copy worlds (the DryRun property, for one).
#pragma once

#include <cstddef>
#include <iterator>
#include <set>
#include <string_view>
#include <utility>

#include "sim/core/ids.hpp"
#include "sim/state/image.hpp"

namespace amisim::sim {

class ImageNameIndex {
 public:
  // Orders images by (name, ID); finds by name alone (the first image with a name not below it).
  struct ByName {
    using is_transparent = void;
    bool operator()(const Image* a, const Image* b) const {
      if (int c = a->name.compare(b->name); c != 0) return c < 0;
      return a->id < b->id;
    }
    bool operator()(const Image* a, std::string_view name) const { return a->name < name; }
    bool operator()(std::string_view name, const Image* b) const { return name < b->name; }
  };
  using Entries = std::set<const Image*, ByName>;

  ImageNameIndex() = default;
  ImageNameIndex(const ImageNameIndex&) : stale_(true) {}
  ImageNameIndex& operator=(const ImageNameIndex& other) {
    if (this != &other) {
      entries_.clear();
      stale_ = true;
      has_last_ = false;
    }
    return *this;
  }
  // A move takes insert_after_last's place with the entries; the moved-from index forgets it.
  ImageNameIndex(ImageNameIndex&& other) noexcept
      : entries_(std::move(other.entries_)),
        stale_(other.stale_),
        last_(other.last_),
        has_last_(std::exchange(other.has_last_, false)) {}
  ImageNameIndex& operator=(ImageNameIndex&& other) noexcept {
    entries_ = std::move(other.entries_);
    stale_ = other.stale_;
    last_ = other.last_;
    has_last_ = std::exchange(other.has_last_, false);
    return *this;
  }
  ~ImageNameIndex() = default;

  // `image` is the one in the Region's map.
  void insert(const Image& image) {
    if (!stale_) entries_.insert(&image);
  }
  // The same, for images that come in name order (the catalogue at start-up): each goes right
  // after the one this inserted before it, a step, not a walk, even where other names follow
  // (the fixtures' "ubuntu/..." after the synthetic "amisim-..."). Any order stays correct; a
  // wrong guess costs an ordinary insert.
  void insert_after_last(const Image& image) {
    if (stale_) return;
    last_ = entries_.insert(has_last_ ? std::next(last_) : entries_.end(), &image);
    has_last_ = true;
  }
  // Before the image's name changes or it leaves the map.
  void erase(const Image& image) {
    if (stale_) return;
    if (has_last_ && *last_ == &image) has_last_ = false;
    entries_.erase(&image);
  }

  // The entries, rebuilt first from `images` (the Region's own) if this index is a copy.
  template <class ImageMap>
  const Entries& entries(const ImageMap& images) const {
    if (stale_) {
      entries_.clear();
      has_last_ = false;
      for (const auto& [id, image] : images)
        if (image.state != ImageState::kDeregistered) entries_.insert(&image);
      stale_ = false;
    }
    return entries_;
  }

 private:
  mutable Entries entries_;
  mutable bool stale_ = false;
  // insert_after_last's previous entry: an element's iterator, valid until that element is
  // erased (erase forgets it) and across a move of the set (only end() would not be).
  Entries::iterator last_;
  mutable bool has_last_ = false;
};

}  // namespace amisim::sim
