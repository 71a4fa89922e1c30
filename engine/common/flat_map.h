// FlatMap: integer key -> uint32_t value, open addressing over two flat
// arrays, for the hot lookups of term hashes (document frequencies, column
// and story-vocabulary ids). A node-based std::unordered_map spreads its
// entries over the heap; at a million reports those lookups missed the cache
// on nearly every call, while a table of a few tens of thousands of terms in
// two arrays stays in it.
//
// Keys are hashes already, so a multiplicative mix of the key picks the
// slot. The load stays at most one half (linear probing). Values must not be
// kAbsent. Not thread-safe for writes; concurrent Find calls are safe.
#ifndef PRECIS_ENGINE_COMMON_FLAT_MAP_H_
#define PRECIS_ENGINE_COMMON_FLAT_MAP_H_

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace precis {

template <typename Key>
class FlatMap {
 public:
  static constexpr uint32_t kAbsent = UINT32_MAX;

  // `expected`: how many keys to make room for before the first growth.
  explicit FlatMap(size_t expected = 16) {
    size_t capacity = 16;
    while (capacity < 2 * expected) capacity *= 2;
    Resize(capacity);
  }

  // Inserts (key, value) unless key is present. Returns the key's value slot
  // (valid until the next insertion) and whether it was inserted.
  std::pair<uint32_t*, bool> Insert(Key key, uint32_t value) {
    size_t i = Slot(key);
    for (; values_[i] != kAbsent; i = (i + 1) & mask_) {
      if (keys_[i] == key) return {&values_[i], false};
    }
    if (2 * (size_ + 1) > keys_.size()) {
      Resize(2 * keys_.size());
      for (i = Slot(key); values_[i] != kAbsent;) i = (i + 1) & mask_;
    }
    keys_[i] = key;
    values_[i] = value;
    ++size_;
    return {&values_[i], true};
  }

  // The value of key, or kAbsent.
  uint32_t Find(Key key) const {
    for (size_t i = Slot(key); values_[i] != kAbsent; i = (i + 1) & mask_) {
      if (keys_[i] == key) return values_[i];
    }
    return kAbsent;
  }

  // Calls f(key, value&) for every entry, in slot order.
  template <typename F>
  void ForEach(F f) {
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (values_[i] != kAbsent) f(keys_[i], values_[i]);
    }
  }

  size_t size() const { return size_; }

 private:
  size_t Slot(Key key) const {
    return static_cast<size_t>((static_cast<uint64_t>(key) * 0x9E3779B97F4A7C15ull) >> shift_);
  }

  void Resize(size_t capacity) {
    std::vector<Key> old_keys(capacity);
    std::vector<uint32_t> old_values(capacity, kAbsent);
    old_keys.swap(keys_);
    old_values.swap(values_);
    mask_ = capacity - 1;
    shift_ = 64;
    for (size_t c = capacity; c > 1; c >>= 1) --shift_;
    for (size_t j = 0; j < old_values.size(); ++j) {
      if (old_values[j] == kAbsent) continue;
      size_t i = Slot(old_keys[j]);
      while (values_[i] != kAbsent) i = (i + 1) & mask_;
      keys_[i] = old_keys[j];
      values_[i] = old_values[j];
    }
  }

  std::vector<Key> keys_;
  std::vector<uint32_t> values_;
  size_t mask_ = 0;
  int shift_ = 64;
  size_t size_ = 0;
};

}  // namespace precis

#endif  // PRECIS_ENGINE_COMMON_FLAT_MAP_H_
