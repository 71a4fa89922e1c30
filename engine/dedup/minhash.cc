#include "engine/dedup/minhash.h"

#include <limits>
#include <vector>

namespace precis::dedup {

namespace {

__extension__ using U128 = unsigned __int128;

// SplitMix64 finaliser: a bijection of 64-bit values with full avalanche, so
// (shingle hash, seed) -> mixed hash behaves as a random permutation per seed.
inline uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

constexpr uint32_t kEmpty = std::numeric_limits<uint32_t>::max();

}  // namespace

void MinHasher::Sign(std::span<const uint64_t> shingles, uint32_t* out) const {
  const size_t k = static_cast<size_t>(k_);
  const uint64_t seed_mix = Mix(seed_ ^ 0x9e3779b97f4a7c15ULL);
  // Minimum position per bin as a full 64-bit value (exact order), plus a
  // filled flag, so a legitimate all-ones value is not mistaken for empty.
  constexpr size_t kStack = 1024;
  uint64_t stack_min[kStack];
  bool stack_filled[kStack];
  std::vector<uint64_t> heap_min;
  std::vector<char> heap_filled;
  uint64_t* min = stack_min;
  bool* filled = stack_filled;
  if (k > kStack) {
    heap_min.resize(k);
    heap_filled.resize(k);
    min = heap_min.data();
    filled = reinterpret_cast<bool*>(heap_filled.data());
  }
  for (size_t i = 0; i < k; ++i) {
    min[i] = std::numeric_limits<uint64_t>::max();
    filled[i] = false;
  }
  size_t nonempty = 0;
  for (const uint64_t s : shingles) {
    const U128 product = static_cast<U128>(Mix(s + seed_mix)) * k;
    const size_t bin = static_cast<size_t>(product >> 64);
    const uint64_t pos = static_cast<uint64_t>(product);  // position inside the bin
    nonempty += !filled[bin];
    filled[bin] = true;
    if (pos < min[bin]) min[bin] = pos;
  }
  if (nonempty == 0) {
    for (size_t i = 0; i < k; ++i) out[i] = kEmpty;
    return;
  }
  for (size_t i = 0; i < k; ++i) {
    if (filled[i]) {
      out[i] = static_cast<uint32_t>(min[i] >> 32);
      continue;
    }
    // Optimal densification: probe h(i, 1), h(i, 2), ... until a non-empty
    // bin; the sequence depends only on (seed, i, attempt).
    for (uint64_t attempt = 1;; ++attempt) {
      const uint64_t h = Mix(seed_mix ^ Mix((static_cast<uint64_t>(i) << 32) | attempt));
      const size_t j = static_cast<size_t>((static_cast<U128>(h) * k) >> 64);
      if (filled[j]) {
        out[i] = static_cast<uint32_t>(min[j] >> 32);
        break;
      }
    }
  }
}

double EstimateJaccard(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  if (a.empty() || a.size() != b.size()) return 0;
  size_t equal = 0;
  for (size_t i = 0; i < a.size(); ++i) equal += a[i] == b[i];
  return static_cast<double>(equal) / static_cast<double>(a.size());
}

}  // namespace precis::dedup
