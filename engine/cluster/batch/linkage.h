// Average-linkage agglomerative clustering over a sparse similarity graph,
// cut at two levels: events (tight), then stories (loose) over events.
//
// Why average linkage: single linkage chains a story into its neighbours
// through one shared quote; complete linkage splits a story as soon as two of
// its reports share little; a centroid/streaming method depends on arrival
// order. Average linkage is the standard choice for news event detection and
// needs only the candidate edges: the linkage of clusters A and B is
//   sum of edge similarities between them / (|A| * |B|),
// with pairs that are not candidate edges counting as similarity 0 (they were
// not near enough to be found, so they are far); at the story level the
// denominator also counts story_prior_pairs (LinkageOptions).
//
// Determinism: the best pair is taken from a max-heap ordered by (linkage,
// then smaller cluster names, a cluster's name being its smallest unit). The
// heap holds each cluster's best link as of its last change, not every edge;
// an entry whose pair has changed since is stale and makes its owner's best be
// found again. The result depends only on the edge list, never on threads.
//
// Dates: while building events, a merge whose combined date span (known dates
// only) exceeds max_days is refused (day_span.h); such clusters may still
// meet in a story. With day_fade, each pair's similarity counts at the event
// level with EventDayWeight (day_span.h), and the story level sums the
// similarities again, weighted by StoryDayWeight with story_window_days: a
// story may span gaps that no event does, with more evidence.
//
// Complexity: a merge costs the degrees of both sides (their links are folded
// into one list, whose best is found again); a list still naming absorbed
// clusters is folded when next read, at the cost of its length. The heap
// holds O(n + merges) entries. About
// O(E log n) while clusters stay small against the corpus, as news stories
// do; O(n + E) memory: a cluster reads its unit's adjacency until it first
// merges and owns a list of links only from then on.
//
// Locality: clusters live in slots numbered in breadth-first order over the
// edges at or above the lower threshold, so a cluster's units and its
// neighbours sit close together in the per-slot arrays; names stay unit
// numbers, so the result is the one the unit order gives. What the linkage
// reads of a linked slot (parent, size, version, date span, the folding sum)
// shares one 32-byte record, and each scan of a cluster's links asks for the
// records of the slots a few links ahead: at a million reports the per-slot
// data is many times the cache (measurements: engine/cluster/README.md,
// "Linkage speed").
#ifndef PRECIS_ENGINE_CLUSTER_BATCH_LINKAGE_H_
#define PRECIS_ENGINE_CLUSTER_BATCH_LINKAGE_H_

#include <cstdint>
#include <vector>

#include "engine/cluster/batch/candidates.h"
#include "engine/common/parallel.h"

namespace precis::cluster {

struct LinkageOptions {
  double event_threshold = 0.3;
  double story_threshold = 0.15;
  int max_days = 0;  // 0 = ignore dates
  // At the story level a link is sum / (|A| * |B| + story_prior_pairs):
  // averaged as if that many more pairs had similarity 0, so that a link
  // resting on few pairs must be stronger (ClusterOptions). Such a link can
  // exceed both links it was merged from; the heap stays exact because a
  // merge always finds the merged cluster's best afresh.
  double story_prior_pairs = 0;
  // Events weigh each pair by EventDayWeight (ClusterOptions::event_day_fade).
  bool day_fade = false;
  // Stories weigh each pair by StoryDayWeight with this window; 0 = not.
  int story_window_days = 0;
};

struct Hierarchy {
  // Event of each unit and story of each event; ids are 0.. in order of
  // their smallest unit.
  std::vector<uint32_t> event_of_unit;
  std::vector<uint32_t> story_of_event;
};

// `days[u]` is the unit's day (DocFeatures::kNoDay when unknown); may be
// empty. `adjacency` lists each pair of units at most once per side (as
// FindCandidates' edges give it). With `parallel`, the two heap fills (each
// cluster's best link, and before the story level each cluster's folded
// links) run on its threads; the merges stay serial. The result is the same
// with or without it, for any thread count.
Hierarchy AverageLinkage(const Adjacency& adjacency, const std::vector<int32_t>& days,
                         const LinkageOptions& options, Parallel* parallel = nullptr);

// The same from an edge list, where repeated edges of one pair add up.
Hierarchy AverageLinkage(size_t units, const std::vector<Edge>& edges,
                         const std::vector<int32_t>& days, const LinkageOptions& options,
                         Parallel* parallel = nullptr);

// The Hierarchy of two nested partitions of the units given as union-find
// parent arrays (each event inside one story): ids numbered in order of their
// smallest unit. O(units).
Hierarchy HierarchyFromParents(std::vector<uint32_t> event_parent,
                               std::vector<uint32_t> story_parent);

}  // namespace precis::cluster

#endif  // PRECIS_ENGINE_CLUSTER_BATCH_LINKAGE_H_
