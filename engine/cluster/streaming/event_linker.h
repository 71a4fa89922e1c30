// Events of a stream by online average linkage: each new unit (a report that
// is not a copy of an earlier one) joins the event whose units it is, on
// average, most similar to, judged as the batch judges a merge (linkage.h):
//
//   link(v, E) = sum over v's neighbours u in E of s(v, u) / |E|,
//   s(v, u)    = similarity(v, u) / sqrt(max(m_v, m_u) * m_u)   (neighbourhood_scale.h),
//
// pairs that are not neighbours counting 0, each pair weighted by
// EventDayWeight with event_day_fade (day_span.h), and joins E when the best
// link is at least ClusterOptions::event_threshold (and the event's dates
// allow it);
// otherwise it starts an event. So a report joins an event under the rule
// average linkage applies to a single report and a cluster, with the same
// threshold, the same local scale with its floor (a report with no real
// neighbour stays alone) and the same candidate search.
//
// Why not the centroid cosine Miranda et al. use (and precis used until
// 2026-12-07): one centroid threshold cannot serve short leads and long
// articles (the same tension local scaling resolves in the batch), and a
// centroid's cosine to a report is not the evidence a batch merge asks
// for. On the dated AllSides 2021 development set in date order the centroid
// rule scored event B-cubed F1 0.840, the batch 0.901 (engine/cluster/README.md).
//
// Neighbours are found as the batch finds candidates (posting_search.h):
// the unit's `index_terms` strongest terms, their posting lists over earlier
// units read rarest first, newest entries first, at most `max_postings` per
// list and `posting_budget` in all; the `max_candidates` units sharing most
// terms are scored exactly; pairs below kMinEdgeCosine are not neighbours.
// m_u, the mean similarity of u to its `scale_neighbours` nearest units, is
// kept up to date as later units arrive: a unit's scale only ever grows. A
// new unit's m_v knows only the units before it, not its own event's later
// reports, so it is taken as at least m_u: with m_v alone, reports early in
// a stream (or first of a new topic) found every neighbour close (events of
// the dated AllSides set 0.895, of undated AllSides 0.731; with the maximum
// 0.901 and 0.766).
//
// Work per unit: O(min(index_terms * max_postings, posting_budget) +
// max_candidates * terms), whatever the number of units. Memory: every unit's
// vector (its text terms; entities too when entity_weight > 0) and
// `index_terms` posting entries. Deterministic: depends only on the sequence
// of calls. Not thread-safe.
#ifndef PRECIS_ENGINE_CLUSTER_STREAMING_EVENT_LINKER_H_
#define PRECIS_ENGINE_CLUSTER_STREAMING_EVENT_LINKER_H_

#include <cstdint>
#include <functional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/cluster/features.h"
#include "engine/cluster/streaming/centroids.h"
#include "precis/options.h"

namespace precis::cluster {

class EventLinker {
 public:
  explicit EventLinker(const ClusterOptions& options);

  // A new unit's neighbours among the units added so far, and its scale m.
  struct Neighbours {
    std::vector<std::pair<uint32_t, float>> units;  // (unit, similarity), by unit
    double scale = 1;
    int32_t day = DocFeatures::kNoDay;  // the unit's
  };
  Neighbours Find(const StreamVector& v) const;

  // The event among those `accepts` allows with the largest link to the unit
  // of `n`, if at least event_threshold: (event, link); else (-1, 0). Ties go
  // to the smaller event id.
  std::pair<int64_t, double> BestEvent(const Neighbours& n,
                                       const std::function<bool(uint32_t)>& accepts) const;

  // Records `v` as the next unit, a member of `event`; `n` is Find(v) before
  // this call. The scales of its neighbours take it into account.
  void Add(const StreamVector& v, uint32_t event, const Neighbours& n);

  // Units added so far.
  size_t units() const { return units_.size(); }

 private:
  struct Unit {
    std::vector<WeightedKey> text, entities;
    uint32_t event = 0;
    int32_t day = DocFeatures::kNoDay;
    std::vector<float> nearest;  // the scale_neighbours largest similarities, descending
  };
  double Similarity(const StreamVector& v, const Unit& u) const;
  double Scale(const std::vector<float>& nearest) const;
  void Keep(float similarity, std::vector<float>& nearest) const;

  ClusterOptions options_;
  std::vector<Unit> units_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> postings_;  // term -> units, oldest first
  std::vector<uint32_t> event_units_;                             // units per event id
};

}  // namespace precis::cluster

#endif  // PRECIS_ENGINE_CLUSTER_STREAMING_EVENT_LINKER_H_
