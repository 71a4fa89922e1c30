// The centroids of one level of streaming clusters (events or stories) and
// their inverted index: each centroid is the sum of its members' unit
// vectors, posted under its `index_terms` strongest terms (posting_search.h).
// A centroid's terms change as members join: it is re-posted under its new
// top terms, and the entries of the terms it left stay in their lists as
// stale entries (skipped on reading) until they are the majority of a list.
//
// Not thread-safe (the clusterer serialises calls). Add is O(centroid terms
// + index_terms log); Similarity O(vector terms * log centroid terms).
#ifndef PRECIS_ENGINE_CLUSTER_STREAMING_CENTROIDS_H_
#define PRECIS_ENGINE_CLUSTER_STREAMING_CENTROIDS_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/cluster/day_span.h"
#include "engine/cluster/features.h"

namespace precis::cluster {

// A unit's L2-normalised vectors, sorted by key (WeightedKey::weight holds
// the normalised weight).
struct StreamVector {
  std::vector<WeightedKey> text;
  std::vector<WeightedKey> entities;
  std::string lang;
  int32_t day = DocFeatures::kNoDay;
};

struct Centroid {
  using Sums = std::vector<std::pair<uint64_t, double>>;  // sorted by key
  Sums text, entities;
  double text_norm2 = 0, entity_norm2 = 0;
  std::vector<uint64_t> indexed;  // sorted: the terms it is posted under
  DaySpan days;
  bool live = false;
};

// Combined similarity (weighting.h) of a unit vector to a centroid; 0 for an
// empty centroid.
double CentroidSimilarity(const StreamVector& v, const Centroid& c, double entity_weight);

// The `index_terms` strongest keys of `v`'s text (posting_search.h), sorted by key.
std::vector<uint64_t> IndexTerms(const StreamVector& v, size_t index_terms);

// Centroids of one level and their inverted index.
struct Centroids {
  std::vector<Centroid> clusters;
  std::unordered_map<uint64_t, std::vector<uint32_t>> postings;  // term -> clusters, oldest first
  std::unordered_map<uint64_t, uint32_t> stale;                  // entries no longer indexed

  // Whether cluster c is posted under `term` now.
  bool Indexes(uint32_t c, uint64_t term) const;
  // Adds unit vector v to cluster c (created if new) and re-posts it.
  void Add(uint32_t c, const StreamVector& v, size_t index_terms);

 private:
  void Reindex(uint32_t c, size_t index_terms);
};

}  // namespace precis::cluster

#endif  // PRECIS_ENGINE_CLUSTER_STREAMING_CENTROIDS_H_
