// Labels of stories and events, shared by both clustering methods
// (stories.cc and streaming.cc), so a cluster reads the same whichever made it.
#ifndef PRECIS_ENGINE_CLUSTER_LABELS_H_
#define PRECIS_ENGINE_CLUSTER_LABELS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "precis/result.h"

namespace precis::cluster {

// (EntityKey, display name) of one document, strongest first (DocFeatures::entity_names).
using EntityNames = std::vector<std::pair<uint64_t, std::string>>;

// The (at most five) entities named by the most members of a cluster, ties in
// first-seen order, each name once: a part of a chosen name ("Blinken" of
// "Antony Blinken", whole words) is left out, and a full name named by at
// least half as many members as its chosen parts replaces them. Null members
// are skipped. O(names log names + names * 5).
std::vector<std::string> TopEntities(const std::vector<const EntityNames*>& members);

// A document's title, else its first sentence, else its id.
std::string DocumentTitle(const Result& result, uint32_t doc);

}  // namespace precis::cluster

#endif  // PRECIS_ENGINE_CLUSTER_LABELS_H_
