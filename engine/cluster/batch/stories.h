// The cluster stage: per-document features in, stories -> events ->
// near-duplicate groups out.
//
//  1. Units: each near-duplicate group (Result::dedup) enters as one unit, its
//     canonical member; every other document is a unit of its own. Copies of
//     one wire story thus count once in every average and in the ordering.
//  2. TF-IDF and entity vectors of the units (vectors.h), candidate edges from
//     an inverted index (candidates.h), average-linkage clustering cut at
//     event_threshold (events, date-gated) and story_threshold (stories over
//     events) (linkage.h).
//  3. Stories and events assembled, labelled and ordered by assemble.h; a
//     unit's centrality is its summed similarity to the other units of its
//     cluster, and ties in the order go to the first unit.
//
// Thread-safety: pure functions of their arguments; parallel inside via
// `parallel`, and the output is identical for any thread count.
#ifndef PRECIS_ENGINE_CLUSTER_BATCH_STORIES_H_
#define PRECIS_ENGINE_CLUSTER_BATCH_STORIES_H_

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/cluster/batch/vectors.h"
#include "engine/cluster/features.h"
#include "engine/cluster/idf_model.h"
#include "engine/common/parallel.h"
#include "engine/common/spill_store.h"
#include "precis/options.h"
#include "precis/result.h"
#include "precis/status.h"

namespace precis::cluster {

// What a run keeps for explaining pairs afterwards.
struct ClusterIndex {
  UnitVectors vectors;
  std::vector<uint32_t> unit_of_doc;  // unit (vector row) of each document
  std::vector<uint32_t> doc_of_unit;  // canonical document of each unit
  std::vector<double> scale;          // local scale of each unit (local_scale.h)
  std::vector<int32_t> days;          // day of each unit (DocFeatures::kNoDay: undated)
};

// features[i] belongs to result.documents[i]; result.dedup must be filled.
// `bags`, when not null, holds the term and entity bags of each document as
// TakeBags records (the features' own bags and names are then empty): only
// the units' are read back, their names for the labels and their bags, one
// unit at a time, to build the vectors (vectors.h). `models`
// may be null (no background IDF). `index` (may be null) receives the vectors
// for ExplainPair. Once the vectors are built, the term and entity bags of
// `features` are released (the vectors replace them; at a million reports
// they are gigabytes); names and days stay. `title_of(d)`, when given, labels
// a story or event by its central document d (default: DocumentTitle); it is
// called from several threads at once. `parts` (may be null) receives the
// wall time of each step, named "cluster/vectors", "cluster/candidates",
// "cluster/scale", "cluster/linkage" and "cluster/stories": the benchmarks
// need to see which one grows. Fails (IOError) only when a record of `bags`
// cannot be read back.
StatusOr<std::vector<Story>> BuildStories(
    std::vector<DocFeatures>& features, const SpillStore* bags, const Result& result,
    const IdfModels* models, const ClusterOptions& options, Parallel& parallel,
    ClusterIndex* index = nullptr, std::vector<StageTiming>* parts = nullptr,
    const std::function<std::string(uint32_t)>& title_of = {});

// Why documents a and b are (not) together. `names` maps TermKey/EntityKey to
// display strings (keys without a name are shown as hex). Fills everything but
// the near-duplicate Jaccard and same_event/same_story.
PairExplanation ExplainPair(const ClusterIndex& index, uint32_t a, uint32_t b,
                            const std::unordered_map<uint64_t, std::string>& names,
                            const ClusterOptions& options);

}  // namespace precis::cluster

#endif  // PRECIS_ENGINE_CLUSTER_BATCH_STORIES_H_
