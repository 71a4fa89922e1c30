#include "engine/dedup/pair_rules.h"

#include <algorithm>

namespace precis::dedup {
namespace {

// Jaccard of a pair whose shorter member of `small` shingles is contained to
// `containment` in a longer one of `large` shingles.
double JaccardOfContainment(double containment, double small, double large) {
  const double common = containment * small;
  return common / (small + large - common);
}

}  // namespace

PairRules::PairRules(const DedupOptions& options) : options_(options) {
  lsh_threshold_ = std::max(0.05, options.threshold - kLshMargin);
  if (options.containment) {
    lsh_threshold_ =
        std::min(lsh_threshold_, JaccardOfContainment(options.containment_threshold, 1.0, 4.0));
  }
  banding_ = OptimalLshParams(lsh_threshold_, options.signature_size, kFalsePositiveWeight,
                              kFalseNegativeWeight);
}

bool PairRules::WorthVerifying(double estimate, uint32_t shingles_a, uint32_t shingles_b) const {
  if (estimate >= options_.threshold - kPrefilterMargin) return true;
  if (!options_.containment) return false;
  const double sa = shingles_a, sb = shingles_b;
  const double small = std::min(sa, sb), large = std::max(sa, sb);
  if (small < options_.containment_min_shingles) return false;
  // The containment the estimate implies for these sizes.
  const double c = std::min(1.0, estimate * (small + large) / ((1.0 + estimate) * small));
  return c >= options_.containment_threshold - kPrefilterMargin;
}

bool PairRules::Accept(const SetSimilarity& similarity, size_t set_a, size_t set_b) const {
  if (similarity.jaccard >= options_.threshold) return true;
  return options_.containment &&
         std::min(set_a, set_b) >= static_cast<size_t>(options_.containment_min_shingles) &&
         similarity.containment >= options_.containment_threshold;
}

}  // namespace precis::dedup
