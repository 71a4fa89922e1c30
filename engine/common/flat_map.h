// FlatMap: integer key -> uint32_t value, open addressing over two flat
// arrays, for the hot lookups of term hashes (document frequencies, column
// and story-vocabulary ids). A node-based std::unordered_map spreads its
// entries over the heap; at a million reports those lookups missed the cache
// on nearly every call, while a table of a few tens of thousands of terms in
// two arrays stays in it.
//
// The load stays at most one half (linear probing). Values must not be
// kAbsent. Not thread-safe for writes; concurrent Find calls are safe.
#ifndef PRECIS_ENGINE_COMMON_FLAT_MAP_H_
#define PRECIS_ENGINE_COMMON_FLAT_MAP_H_

#include <algorithm>
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

  // The longest run of occupied slots: an insertion or a miss probes at most
  // this many. For tests and diagnostics; O(capacity).
  size_t LongestRun() const {
    size_t longest = 0, run = 0;
    for (size_t i = 0; i < 2 * values_.size(); ++i) {  // twice round: runs wrap
      run = values_[i & mask_] != kAbsent ? run + 1 : 0;
      longest = std::max(longest, run);
    }
    return std::min(longest, values_.size());
  }

 private:
  // The low bits of a full mix of the key (murmur3's finaliser). Not the
  // high bits of a product: with those, a table filled in another table's
  // slot order (ForEach of one into Insert of another, smaller one) received
  // its keys sorted by slot and linear probing turned quadratic (merging two
  // maps of 300k keys took 3 s instead of 0.06). With the low bits such keys
  // arrive cycling over the slots.
  size_t Slot(Key key) const {
    uint64_t x = static_cast<uint64_t>(key);
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDull;
    x ^= x >> 33;
    x *= 0xC4CEB9FE1A85EC53ull;
    x ^= x >> 33;
    return static_cast<size_t>(x) & mask_;
  }

  void Resize(size_t capacity) {
    std::vector<Key> old_keys(capacity);
    std::vector<uint32_t> old_values(capacity, kAbsent);
    old_keys.swap(keys_);
    old_values.swap(values_);
    mask_ = capacity - 1;
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
  size_t size_ = 0;
};

}  // namespace precis

#endif  // PRECIS_ENGINE_COMMON_FLAT_MAP_H_
