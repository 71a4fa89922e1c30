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

MinHasher::MinHasher(int k, uint64_t seed) : k_(k), seed_mix_(Mix(seed ^ 0x9e3779b97f4a7c15ULL)) {
  probes_.resize(static_cast<size_t>(k) * kProbes);
  for (size_t i = 0; i < static_cast<size_t>(k); ++i) {
    for (int a = 0; a < kProbes; ++a) {
      probes_[i * kProbes + a] = static_cast<uint16_t>(Probe(i, static_cast<uint64_t>(a) + 1));
    }
  }
}

size_t MinHasher::Probe(size_t i, uint64_t attempt) const {
  const uint64_t h = Mix(seed_mix_ ^ Mix((static_cast<uint64_t>(i) << 32) | attempt));
  return static_cast<size_t>((static_cast<U128>(h) * static_cast<size_t>(k_)) >> 64);
}

void MinHasher::Sign(std::span<const uint64_t> shingles, uint32_t* out) const {
  const size_t k = static_cast<size_t>(k_);
  const uint64_t seed_mix = seed_mix_;
  // Minimum position per bin, kept as its top 63 bits so that kUnset (all
  // ones) can only mean "no shingle fell into this bin".
  constexpr uint64_t kUnset = std::numeric_limits<uint64_t>::max();
  constexpr size_t kStack = 1024;
  uint64_t stack_min[kStack];
  std::vector<uint64_t> heap_min;
  uint64_t* min = stack_min;
  if (k > kStack) {
    heap_min.resize(k);
    min = heap_min.data();
  }
  for (size_t i = 0; i < k; ++i) min[i] = kUnset;
  for (const uint64_t s : shingles) {
    const U128 product = static_cast<U128>(Mix(s + seed_mix)) * k;
    const size_t bin = static_cast<size_t>(product >> 64);
    const uint64_t pos = static_cast<uint64_t>(product) >> 1;  // position inside the bin
    min[bin] = pos < min[bin] ? pos : min[bin];
  }
  if (shingles.empty()) {
    for (size_t i = 0; i < k; ++i) out[i] = kEmpty;
    return;
  }
  for (size_t i = 0; i < k; ++i) {
    if (min[i] != kUnset) {
      out[i] = static_cast<uint32_t>(min[i] >> 31);
      continue;
    }
    // Optimal densification: probe h(i, 1), h(i, 2), ... until a non-empty
    // bin; the sequence depends only on (seed, i, attempt).
    for (uint64_t attempt = 1;; ++attempt) {
      const size_t j = attempt <= kProbes ? probes_[i * kProbes + attempt - 1] : Probe(i, attempt);
      if (min[j] != kUnset) {
        out[i] = static_cast<uint32_t>(min[j] >> 31);
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
