// Single-pass streaming clustering (ClusterMethod::kStreaming): documents
// arrive one at a time, in (date, id) order for a batch (Document::date as a
// string, so undated documents come first), in arrival order for the
// incremental engine, and each is placed once, never moved afterwards.
//
// After Miranda et al., "Multilingual Clustering of Streaming News" (EMNLP
// 2018): a unit (a document that is not a near-duplicate of an earlier one)
//  1. gets a TF-IDF vector from its DocFeatures, weighted by weighting.h with
//     the document frequencies of the units seen before it (and itself)
//     pooled with the background model, so its vector never changes later;
//  2. joins the EVENT its earlier units link to best, by the average scaled
//     similarity and event_threshold of the batch's average linkage
//     (event_linker.h), if the event's dates stay within event_max_days with
//     it;
//  3. otherwise starts a new event, which joins the most similar STORY
//     centroid at or above stream_story_threshold (stories whose dates are more than
//     story_window_days away stop attracting), or starts a new story.
// A near-duplicate of an earlier document (AddCopy) joins that document's
// event directly: copies of one wire story count once in every centroid.
//
// Candidate reports (event_linker.h) and story centroids (centroids.h) come
// from inverted indexes over their top `index_terms` terms: the document's own top terms are looked
// up, rarest first, at most `max_postings` most recent entries per term and
// `posting_budget` in all (posting_search.h), the `max_candidates`
// reports or centroids sharing most terms are scored exactly. Work per
// document is bounded whatever the number of reports and clusters.
//
// Why streaming next to average linkage (batch/linkage.h): an ingest job cannot
// re-cluster everything for every report, and a placement once announced
// should not change. The price is order dependence: a batch replays the same
// code in (date, id) order so that it matches an incremental run fed in that
// order bit for bit.
//
// Determinism: every step is sequential and depends only on the sequence of
// calls (ties broken by cluster id), never on threads. Not thread-safe: the
// caller serialises calls.
#ifndef PRECIS_ENGINE_CLUSTER_STREAMING_CLUSTERER_H_
#define PRECIS_ENGINE_CLUSTER_STREAMING_CLUSTERER_H_

#include <cstdint>
#include <memory>

#include "engine/cluster/features.h"
#include "engine/cluster/idf_model.h"
#include "engine/cluster/streaming/centroids.h"
#include "precis/options.h"

namespace precis::cluster {

// Where a unit goes. Event and story ids are given in creation order from 0.
struct Placement {
  uint32_t event = 0;
  uint32_t story = 0;
  bool new_event = false;
  bool new_story = false;
  // Similarity to the event joined, or, for a new event, to the story joined;
  // 0 for a new story.
  double similarity = 0;
};

class StreamingClusterer {
 public:
  // `models` may be null (corpus frequencies only); it must outlive this object.
  StreamingClusterer(const ClusterOptions& options, const IdfModels* models);
  ~StreamingClusterer();
  StreamingClusterer(StreamingClusterer&&) noexcept;
  StreamingClusterer& operator=(StreamingClusterer&&) noexcept;

  // The vector of a new unit with the document frequencies seen so far (the
  // unit itself included). Const: nothing changes until Apply.
  // O(terms) hash lookups.
  StreamVector Vectorise(const DocFeatures& features) const;

  // Where `v` would go now. Const. O(index_terms * max_postings +
  // max_candidates * terms).
  Placement Find(const StreamVector& v) const;

  // Records unit `v` at placement `p` (from Find, or restored from storage):
  // document frequencies, centroids and the index change exactly as in the
  // original run, so a replay rebuilds the same state.
  void Apply(const StreamVector& v, const Placement& p);

  // Vectorise + Find + Apply.
  Placement Add(const DocFeatures& features, StreamVector* vector = nullptr);

  // A near-duplicate copy joins `event`; only the event's dates change.
  void AddCopy(uint32_t event, int32_t day);

  // Story of an event; UINT32_MAX for an unknown event.
  uint32_t StoryOf(uint32_t event) const;
  // Similarity of `v` to the event's or story's centroid (0 when unknown).
  double EventSimilarity(uint32_t event, const StreamVector& v) const;
  double StorySimilarity(uint32_t story, const StreamVector& v) const;

  // Next ids Find would give; Apply raises them past any id it sees.
  uint32_t next_event() const;
  uint32_t next_story() const;
  // Makes new ids start at least here (ids of evicted clusters are not reused).
  void ReserveIds(uint32_t next_event, uint32_t next_story);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace precis::cluster

#endif  // PRECIS_ENGINE_CLUSTER_STREAMING_CLUSTERER_H_
