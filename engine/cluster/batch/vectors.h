// TF-IDF vectors of the clustering units (a document, or the canonical member
// of a near-duplicate group), as rows of Eigen sparse matrices: each row
// weighted by weighting.h (sublinear tf, idf pooled from the background model
// and the whole corpus being clustered), L2-normalised. Entities get a second
// matrix built the same way from the entity bags.
#ifndef PRECIS_ENGINE_CLUSTER_BATCH_VECTORS_H_
#define PRECIS_ENGINE_CLUSTER_BATCH_VECTORS_H_

#include <Eigen/SparseCore>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/cluster/features.h"
#include "engine/cluster/idf_model.h"
#include "engine/common/parallel.h"
#include "engine/common/spill_store.h"
#include "precis/status.h"

namespace precis::cluster {

// 32-bit indices (8 bytes per stored weight, not 12): at most 2^31 stored
// weights, i.e. about 21 million units at ClusterOptions::max_terms = 100.
using SparseRows = Eigen::SparseMatrix<float, Eigen::RowMajor, int32_t>;

struct UnitVectors {
  UnitVectors() = default;
  UnitVectors(const UnitVectors&) = default;
  UnitVectors& operator=(const UnitVectors&) = default;
  // Eigen 3.4's SparseMatrix has no move constructor or assignment: "moving"
  // one copies it (at a million reports, 600 MB each time). These swap.
  UnitVectors(UnitVectors&& other) noexcept { swap(other); }
  UnitVectors& operator=(UnitVectors&& other) noexcept {
    swap(other);
    return *this;
  }
  void swap(UnitVectors& other) noexcept {
    text.swap(other.text);
    entities.swap(other.entities);
    term_keys.swap(other.term_keys);
    entity_keys.swap(other.entity_keys);
  }

  SparseRows text;                    // units x terms, rows L2-normalised (empty rows stay zero)
  SparseRows entities;                // units x entities, same
  std::vector<uint64_t> term_keys;    // column -> TermKey
  std::vector<uint64_t> entity_keys;  // column -> EntityKey
};

// `models` may be null (corpus frequencies only). units[u] gives unit u's
// language, and its bags too when `bags` is null; else they are TakeBags
// records of `bags`, unit u's at record_of_unit[u], read back twice, one unit
// at a time per thread, so they never all sit in memory. Parallel over units,
// then a sorted merge: identical output for any thread count.
// O(total keys log). Fails (IOError) only when a record cannot be read back.
StatusOr<UnitVectors> BuildVectors(const std::vector<const DocFeatures*>& units,
                                   const IdfModels* models, Parallel& parallel,
                                   const SpillStore* bags = nullptr,
                                   std::span<const uint32_t> record_of_unit = {});

// Combined similarity of rows a and b: (1 - entity_weight) * text cosine +
// entity_weight * entity cosine; the text cosine alone when either has no entities.
double Similarity(const UnitVectors& v, int64_t a, int64_t b, double entity_weight);

// The same, given the text cosine of rows a and b already computed (the
// entity cosine is computed only when entity_weight > 0).
double CombineSimilarity(const UnitVectors& v, int64_t a, int64_t b, double text_cosine,
                         double entity_weight);

}  // namespace precis::cluster

#endif  // PRECIS_ENGINE_CLUSTER_BATCH_VECTORS_H_
