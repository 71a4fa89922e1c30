// Story assembly: from where each document was placed to the Story and Event
// records of a Result, the one assembly and ordering both clustering methods
// use (stories.h for average linkage, streaming.h for streaming), so a
// cluster reads and ranks the same whichever method made it.
//
//  - An event holds the documents placed in it (ascending) and the
//    near-duplicate groups any of them belongs to (ascending, once each); a
//    story holds its events' documents.
//  - Labels: the title of the cluster's most central unit (the method says
//    what central means; the first unit on ties, the first document when no
//    unit is left) and the entities named by most units (labels.h).
//  - Order: stories by number of units (distinct reports; a cluster left with
//    none counts as one), then the most recent day (the units', or the
//    documents' when no unit is left), then the first document; events the
//    same way inside their story.
//  - Ids: ranks from 0 in output order (events numbered across stories), or
//    the method's own stable ids.
//
// Thread-safety: a pure function of its arguments; with a Parallel, stories
// are labelled in parallel (the callbacks must then be thread-safe), and the
// output is the same with or without it. O(documents + groups) plus the
// callbacks and a sort of the clusters.
#ifndef PRECIS_ENGINE_CLUSTER_ASSEMBLE_H_
#define PRECIS_ENGINE_CLUSTER_ASSEMBLE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/cluster/features.h"
#include "engine/cluster/labels.h"
#include "engine/common/parallel.h"
#include "precis/result.h"

namespace precis::cluster {

enum class Level { kEvent, kStory };

// Where one document of Result::documents was placed.
struct PlacedDocument {
  static constexpr uint32_t kNotPlaced = UINT32_MAX;
  uint32_t event = kNotPlaced;  // dense event index; kNotPlaced: in no story
  // Clustered on its own vector; false for a near-duplicate copy that joined
  // its group's event.
  bool unit = false;
  int32_t day = DocFeatures::kNoDay;
  const EntityNames* entity_names = nullptr;  // a unit's (read for units only)
};

// What a method hands to Assemble. Events and stories are numbered densely
// from 0; a cluster without documents is left out.
struct StoryAssembly {
  std::vector<PlacedDocument> documents;  // in Result::documents order
  std::vector<uint32_t> story_of_event;
  // Ids to report: empty gives ranks; else event_ids[e] and story_ids[s].
  std::vector<uint32_t> event_ids, story_ids;
  // Which document breaks the last tie of the order: the first unit (true,
  // average linkage) or the first document, copies included (false,
  // streaming). They differ when a copy precedes its group's canonical
  // member; kept apart until one is chosen (engine/cluster/README.md, drifts).
  bool ties_by_first_unit = false;
  // How central unit document d is in cluster c of `level` (higher is more).
  std::function<double(Level level, uint32_t c, uint32_t d)> centrality;
  // The label of a cluster whose central document is d.
  std::function<std::string(uint32_t d)> title_of;
};

// Stories -> events -> near-duplicate groups of `dedup`, as above. `parallel`
// may be null (serial).
std::vector<Story> Assemble(const StoryAssembly& assembly, const DedupResult& dedup,
                            Parallel* parallel);

}  // namespace precis::cluster

#endif  // PRECIS_ENGINE_CLUSTER_ASSEMBLE_H_
