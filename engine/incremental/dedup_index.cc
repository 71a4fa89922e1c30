#include "engine/incremental/dedup_index.h"

#include <xxhash.h>

#include <algorithm>

#include "engine/dedup/shingle.h"

namespace precis::incremental {

DedupIndex::DedupIndex(const DedupOptions& options)
    : options_(options),
      rules_(options),
      params_(rules_.banding()),
      k_(options.signature_size),
      hasher_(options.signature_size, options.seed) {
  bands_.resize(static_cast<size_t>(params_.bands));
}

void DedupIndex::Sign(const dedup::DocumentUnits& units, std::vector<uint32_t>* signature,
                      uint32_t* shingles) const {
  std::vector<uint64_t> all;
  dedup::AppendShingles(units.units, dedup::UnitShingleSize(options_), &all);
  *shingles = static_cast<uint32_t>(std::min<size_t>(all.size(), UINT32_MAX));
  signature->resize(static_cast<size_t>(k_));
  hasher_.Sign(all, signature->data());
}

int64_t DedupIndex::Exact(uint64_t low, uint64_t high) const {
  auto it = exact_.find({low, high});
  return it == exact_.end() ? int64_t{-1} : static_cast<int64_t>(it->second);
}

uint64_t DedupIndex::BandKey(std::span<const uint32_t> signature, int band) const {
  return XXH3_64bits_withSeed(signature.data() + static_cast<size_t>(band) * params_.rows,
                              static_cast<size_t>(params_.rows) * sizeof(uint32_t),
                              static_cast<uint64_t>(band));
}

std::vector<uint32_t> DedupIndex::Candidates(std::span<const uint32_t> signature) const {
  std::vector<uint32_t> out;
  for (int b = 0; b < params_.bands; ++b) {
    auto it = bands_[static_cast<size_t>(b)].find(BandKey(signature, b));
    if (it == bands_[static_cast<size_t>(b)].end()) continue;
    out.insert(out.end(), it->second.begin(), it->second.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool DedupIndex::WorthVerifying(uint32_t doc, std::span<const uint32_t> signature,
                                uint32_t shingles, double* estimate) const {
  const std::span<const uint32_t> other(signatures_.data() + static_cast<size_t>(doc) * k_,
                                        static_cast<size_t>(k_));
  *estimate = dedup::EstimateJaccard(signature, other);
  return rules_.WorthVerifying(*estimate, shingles, shingles_[doc]);
}

void DedupIndex::Append(uint64_t low, uint64_t high, uint32_t shingles,
                        std::span<const uint32_t> signature) {
  const uint32_t doc = static_cast<uint32_t>(shingles_.size());
  shingles_.push_back(shingles);
  groups_.Add();
  signatures_.insert(signatures_.end(), signature.begin(), signature.end());
  if (shingles == 0 || !exact_.emplace(std::pair{low, high}, doc).second) return;
  for (int b = 0; b < params_.bands; ++b)
    bands_[static_cast<size_t>(b)][BandKey(signature, b)].push_back(doc);
}

uint32_t DedupIndex::Find(uint32_t doc) { return groups_.Find(doc); }

void DedupIndex::Union(uint32_t a, uint32_t b) { groups_.Union(a, b); }

}  // namespace precis::incremental
