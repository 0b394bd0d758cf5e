// Rare<T>: a member most records leave at its default, kept out of line. It costs a pointer (8
// bytes) where the value is the default and a heap block where it is not, so a record with many
// rarely-set members (an Image's lineage, state reason, other accounts' tags) stays small where
// most are (a catalogue of a million images that have none of them).
//
// It reads as the value: it converts to `const T&`, `->` reaches the value's members, and it
// compares as the value does (an absent value equals a default one). It is set by assignment;
// `mut()` gives the value to change in place. Assigning the default frees the block, so a record
// that had one and lost it is small again; a value changed through mut() keeps its block.
#pragma once

#include <memory>
#include <optional>
#include <ranges>
#include <type_traits>
#include <utility>

namespace amisim::sim {

template <class T>
inline constexpr bool is_optional = false;
template <class T>
inline constexpr bool is_optional<std::optional<T>> = true;

template <class T>
class Rare {
 public:
  using value_type = T;

  Rare() = default;
  Rare(T value) { set(std::move(value)); }  // NOLINT: implicit, as a T member takes a T
  // What a T is made from ("" for a string), as a T member would take it.
  template <class U>
  requires(!std::is_same_v<std::remove_cvref_t<U>, Rare> &&
           !std::is_same_v<std::remove_cvref_t<U>, T> && std::is_convertible_v<U&&, T>)
      Rare(U&& value) {  // NOLINT: implicit, as above
    set(T(std::forward<U>(value)));
  }
  Rare(const Rare& other) : value_(other.value_ ? std::make_unique<T>(*other.value_) : nullptr) {}
  Rare(Rare&&) noexcept = default;
  Rare& operator=(const Rare& other) {
    if (this != &other) value_ = other.value_ ? std::make_unique<T>(*other.value_) : nullptr;
    return *this;
  }
  Rare& operator=(Rare&&) noexcept = default;
  Rare& operator=(T value) {
    set(std::move(value));
    return *this;
  }
  template <class U>
  requires(!std::is_same_v<std::remove_cvref_t<U>, Rare> &&
           !std::is_same_v<std::remove_cvref_t<U>, T> && std::is_convertible_v<U&&, T>) Rare&
  operator=(U&& value) {
    set(T(std::forward<U>(value)));
    return *this;
  }
  ~Rare() = default;

  const T& get() const { return value_ ? *value_ : fallback(); }
  operator const T&() const { return get(); }  // NOLINT: implicit, it reads as the value
  const T* operator->() const { return &get(); }
  // An optional member reads as the optional: tested for a value and dereferenced.
  explicit operator bool() const requires is_optional<T> { return get().has_value(); }
  const auto& operator*() const requires is_optional<T> { return *get(); }
  // A container member is iterated as the container.
  auto begin() const requires std::ranges::range<const T> { return get().begin(); }
  auto end() const requires std::ranges::range<const T> { return get().end(); }
  // Back to the default, the block freed.
  void reset() { value_.reset(); }
  // Changes the value through f(T&); a value left at the default frees its block (where mut()
  // would keep an empty one).
  template <class F>
  void change(F&& f) {
    f(mut());
    if (*value_ == T{}) value_.reset();
  }
  T& mut() {
    if (!value_) value_ = std::make_unique<T>();
    return *value_;
  }

  friend bool operator==(const Rare& a, const Rare& b) { return a.get() == b.get(); }
  // Against a value of the member's type or one it is made from ("text" for a string).
  template <class U>
  requires(!std::is_same_v<U, Rare> && std::is_constructible_v<T, const U&>) friend bool operator==(
      const Rare& a, const U& b) {
    return a.get() == b;
  }

 private:
  void set(T value) {
    if (value == T{})
      value_.reset();
    else
      value_ = std::make_unique<T>(std::move(value));
  }
  static const T& fallback() {
    static const T value{};
    return value;
  }

  std::unique_ptr<T> value_;
};

// The value of a member that may or may not be Rare, for code written over several records.
template <class T>
const T& value_of(const T& member) {
  return member;
}
template <class T>
const T& value_of(const Rare<T>& member) {
  return member.get();
}
template <class T>
T& mutable_of(T& member) {
  return member;
}
template <class T>
T& mutable_of(Rare<T>& member) {
  return member.mut();
}

}  // namespace amisim::sim
