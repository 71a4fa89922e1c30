// Streaming clustering of a whole corpus and the stories of streamed
// documents: the batch stage with ClusterMethod::kStreaming (StreamStories),
// and the assembly the incremental engine's snapshots share with it
// (AssembleStories), both through assemble.h.
#ifndef PRECIS_ENGINE_CLUSTER_STREAMING_STORIES_H_
#define PRECIS_ENGINE_CLUSTER_STREAMING_STORIES_H_

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "engine/cluster/features.h"
#include "engine/cluster/idf_model.h"
#include "engine/cluster/streaming/clusterer.h"
#include "precis/options.h"
#include "precis/result.h"

namespace precis::cluster {

// One document of a streamed corpus, for AssembleStories.
struct StreamedDocument {
  uint32_t event = UINT32_MAX;  // clusterer event id; UINT32_MAX = not clustered
  uint32_t story = UINT32_MAX;  // clusterer story id; UINT32_MAX = the event's story now
  // The unit's vector; null for a near-duplicate copy.
  const StreamVector* vector = nullptr;
  // Display names of the unit's entities, strongest first (DocFeatures::entity_names).
  const std::vector<std::pair<uint64_t, std::string>>* entity_names = nullptr;
  int32_t day = DocFeatures::kNoDay;
};

// Stories -> events -> near-duplicate groups of `documents` (in
// result.documents order; result.dedup must be filled), assembled and
// ordered by assemble.h as BuildStories does; a unit's centrality is its
// similarity to its cluster's centroid, and ties in the order go to the first
// document. With `stable_ids` Story::id and Event::id are the clusterer's
// ids, else ranks from 0. `title_of(d)`, when given, is the label of document
// d (default: DocumentTitle).
std::vector<Story> AssembleStories(const std::vector<StreamedDocument>& documents,
                                   const Result& result, const StreamingClusterer& clusterer,
                                   bool stable_ids,
                                   const std::function<std::string(uint32_t)>& title_of = {});

// The batch cluster stage with ClusterMethod::kStreaming: replays the
// documents in (date, id) order through a StreamingClusterer. A document whose
// normalised body equals an earlier one's, or that dedup paired with a group
// member already seen, joins the event of that group's earliest member (the
// rule the incremental engine applies as documents arrive). `title_of` as
// for AssembleStories.
std::vector<Story> StreamStories(const std::vector<DocFeatures>& features, const Result& result,
                                 const IdfModels* models, const ClusterOptions& options,
                                 const std::function<std::string(uint32_t)>& title_of = {});

}  // namespace precis::cluster

#endif  // PRECIS_ENGINE_CLUSTER_STREAMING_STORIES_H_
