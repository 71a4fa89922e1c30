// Candidate neighbours without comparing all pairs.
//
// Every unit's `index_terms` highest-weighted terms go into an inverted index;
// each posting list keeps its `max_postings` highest-weighted units (so one
// very common term cannot make the work quadratic). Unit u reads the lists of
// its own index terms, rarest term first, until it has read `posting_budget`
// entries (the rules of posting_search.h); they give a partial dot product
// with every unit reached, and the `max_candidates` best are scored exactly
// (Similarity) and kept as edges when at least `min_similarity`.
//
// Work per unit is at most min(index_terms * max_postings, posting_budget)
// posting entries plus max_candidates exact cosines, so once those bounds
// bind, n units cost O(n) in time; the edge list is O(n * max_candidates) in
// memory. Below them the lists lengthen with the corpus: as the square root
// of it where the vocabulary grows as real vocabularies do (Heaps' law;
// figures in engine/cluster/README.md, "max_postings and posting_budget").
// Each unit's candidates are found in parallel into its own slots; then every
// candidate pair is scored once, under its smaller unit (two units often find
// each other), straight into (a, b) order: identical for any thread count.
#ifndef PRECIS_ENGINE_CLUSTER_BATCH_CANDIDATES_H_
#define PRECIS_ENGINE_CLUSTER_BATCH_CANDIDATES_H_

#include <cstdint>
#include <vector>

#include "engine/cluster/batch/vectors.h"
#include "engine/common/parallel.h"
#include "precis/options.h"

namespace precis::cluster {

struct Edge {
  uint32_t a = 0;  // a < b, unit indices
  uint32_t b = 0;
  float similarity = 0;
  friend bool operator==(const Edge&, const Edge&) = default;
};

// Edges sorted by (a, b), each pair once.
std::vector<Edge> FindCandidates(const UnitVectors& vectors, const ClusterOptions& options,
                                 double min_similarity, Parallel& parallel);

// Each unit's edges as (other unit, similarity), in CSR form: the edges of
// unit u are neighbours[offset[u] .. offset[u + 1]), in the order of `edges`.
// 8 bytes per edge end, for the linkage and for centrality alike.
struct Adjacency {
  std::vector<size_t> offset;  // units + 1 entries
  std::vector<std::pair<uint32_t, float>> neighbours;

  size_t units() const { return offset.size() - 1; }
  size_t degree(uint32_t u) const { return offset[u + 1] - offset[u]; }
};

// Counting sort by unit: O(units + edges). A pair listed twice appears twice.
Adjacency BuildAdjacency(size_t units, const std::vector<Edge>& edges);

}  // namespace precis::cluster

#endif  // PRECIS_ENGINE_CLUSTER_BATCH_CANDIDATES_H_
