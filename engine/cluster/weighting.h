// TF-IDF weighting of a unit's term or entity bag, and the similarity of two
// weighted units: the rules both clustering methods apply (the batch vectors
// of vectors.h, the streaming vectors and centroids of streaming.h):
//
//   weight(t) = tf(t) * idf(t), the bag then L2-normalised, where
//   tf(t)  = 1 + ln w for a weighted count w >= 1 (features.h's title, lead
//            and entity weights), else w;
//   idf(t) = ln((1 + N_bg + N) / (1 + df_bg(t) + df(t))) + 1
//
// pools the background model (N_bg documents of the unit's language) with
// the corpus (N units of that language, df(t) of them with t): a five-file
// folder borrows almost all its frequencies from the background, a
// million-document corpus mostly speaks for itself, and no mixing weight
// needs tuning. The batch counts the whole corpus; streaming counts the units
// seen so far and the one being weighed, so a vector never changes later.
//
// Header-only; thread-safe (pure functions of their arguments).
#ifndef PRECIS_ENGINE_CLUSTER_WEIGHTING_H_
#define PRECIS_ENGINE_CLUSTER_WEIGHTING_H_

#include <cmath>
#include <cstdint>
#include <span>

#include "engine/cluster/features.h"
#include "engine/cluster/idf_model.h"

namespace precis::cluster {

// The idf of one language: the background model (may be null) pooled with
// `corpus_units` units of the corpus.
class PooledIdf {
 public:
  PooledIdf(const IdfModel* model, uint64_t corpus_units)
      : model_(model),
        n_total_(1.0 + static_cast<double>(corpus_units) +
                 (model ? static_cast<double>(model->documents()) : 0.0)) {}

  // idf of `key` found in `corpus_df` of the corpus units.
  double Idf(uint64_t key, uint32_t corpus_df) const {
    const double df_total = 1.0 + corpus_df + (model_ ? model_->df(key) : 0);
    return std::log(n_total_ / df_total) + 1.0;
  }

 private:
  const IdfModel* model_;
  double n_total_;
};

// Sublinear term frequency of a weighted count.
inline double SublinearTf(float weight) { return weight >= 1 ? 1.0 + std::log(weight) : weight; }

// Weighs `bag` and L2-normalises it: weight(i) (a float&) receives entry i's
// weight; corpus_df(i) gives the corpus document frequency of bag[i].key.
// O(bag).
template <typename CorpusDf, typename Weight>
void WeighBag(std::span<const WeightedKey> bag, const PooledIdf& idf, CorpusDf corpus_df,
              Weight weight) {
  double norm = 0;
  for (size_t i = 0; i < bag.size(); ++i) {
    const double w = SublinearTf(bag[i].weight) * idf.Idf(bag[i].key, corpus_df(i));
    norm += w * w;
    weight(i) = static_cast<float>(w);
  }
  if (norm > 0) {
    const double inv = 1.0 / std::sqrt(norm);
    for (size_t i = 0; i < bag.size(); ++i) weight(i) = static_cast<float>(weight(i) * inv);
  }
}

// The similarity of two units (or a unit and a centroid) both methods use:
// (1 - entity_weight) * text cosine + entity_weight * entity cosine, the text
// cosine alone when entity_weight is 0 or either side has no entities.
// entity_cosine() is called only when it counts.
template <typename EntityCosine>
double CombineCosines(double text_cosine, bool entities_on_both_sides, double entity_weight,
                      EntityCosine entity_cosine) {
  if (entity_weight == 0.0 || !entities_on_both_sides) return text_cosine;
  return (1.0 - entity_weight) * text_cosine + entity_weight * entity_cosine();
}

}  // namespace precis::cluster

#endif  // PRECIS_ENGINE_CLUSTER_WEIGHTING_H_
