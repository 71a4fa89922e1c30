// MinHash signatures by one-permutation hashing with optimal densification.
//
//   A. Shrivastava, "Optimal Densification for Fast and Accurate Minwise
//   Hashing", ICML 2017 (building on Li, Owen & Zhang, "One Permutation
//   Hashing", NIPS 2012).
//
// Instead of k hash functions per shingle (what makes the Python tools slow),
// each shingle is hashed once: the hash, mixed with the seed, picks one of k
// bins (multiply-shift range reduction of the 64-bit value) and its position
// inside the bin is the bin's candidate minimum. Bins no shingle fell into
// are filled by optimal densification: empty bin i copies the value of the
// first non-empty bin in a fixed pseudo-random probe sequence h(i, 1),
// h(i, 2), ... shared by every document. Pr[sig_A[i] == sig_B[i]] = J(A, B)
// for every i, so the fraction of equal values is an unbiased estimate of the
// Jaccard similarity with variance close to J(1-J)/k (tested).
//
// Values are the top 32 bits of the position inside the bin (4 bytes per
// value keeps 1M signatures of 128 values in 512 MB); a false agreement needs
// a 32-bit collision of two different minima, about 2^-32 per value.
//
// Signatures depend only on the shingle set and the seed: byte-identical
// across runs, thread counts and platforms.
#ifndef PRECIS_ENGINE_DEDUP_MINHASH_H_
#define PRECIS_ENGINE_DEDUP_MINHASH_H_

#include <cstdint>
#include <span>
#include <vector>

namespace precis::dedup {

class MinHasher {
 public:
  // REQUIRES: 1 <= k <= 65536. Precomputes the first probes of every bin's
  // densification sequence (k * kProbes bytes * 2).
  MinHasher(int k, uint64_t seed);

  int size() const { return k_; }

  // Writes the k values of the signature of `shingles` (any order, duplicates
  // allowed) to out[0..k). An empty set gives all values 0xFFFFFFFF, which
  // callers must not compare (it is not a signature). Thread-safe. O(|shingles| + k).
  void Sign(std::span<const uint64_t> shingles, uint32_t* out) const;

 private:
  static constexpr int kProbes = 8;
  // Target bin of probe `attempt` (1-based) of empty bin i.
  size_t Probe(size_t i, uint64_t attempt) const;

  int k_;
  uint64_t seed_mix_;             // the seed, mixed
  std::vector<uint16_t> probes_;  // k * kProbes: Probe(i, 1..kProbes)
};

// Fraction of equal positions of two signatures of the same length.
double EstimateJaccard(std::span<const uint32_t> a, std::span<const uint32_t> b);

}  // namespace precis::dedup

#endif  // PRECIS_ENGINE_DEDUP_MINHASH_H_
