// What every digest writer shows of a story, computed once: the reports in
// display order, their copy relations, and the span of dates.
#ifndef PRECIS_ENGINE_OUTPUT_STORY_VIEW_H_
#define PRECIS_ENGINE_OUTPUT_STORY_VIEW_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "precis/digest.h"
#include "precis/result.h"

namespace precis::output {

struct StoryView {
  const Story* story = nullptr;
  // 1-based number shown for each document of the story ([1], [2], ...), in
  // display order (for a timeline, event by event).
  std::unordered_map<uint32_t, int> number;
  // Document index -> index in DedupResult::near_duplicate_groups, for
  // documents in a group.
  std::unordered_map<uint32_t, uint32_t> group_of;
  size_t reports = 0;                 // distinct reports (copies once)
  std::string first_date, last_date;  // ISO dates, empty when none is known
};

// The stories that pass DigestOptions::min_sources, in Result order.
std::vector<StoryView> VisibleStories(const Result& result, const DigestOptions& options);

// Key of a document's copy group: the canonical of its near-duplicate group,
// else of its exact group, else itself.
std::vector<uint32_t> CopyKeys(const Result& result);

// Distinct copy keys among the story's documents.
size_t CountDistinct(const std::vector<uint32_t>& keys, const Story& story);

// Similarity of `member` to its group's canonical: the verified Jaccard of
// their pair, else the best pair of the member; 1 for the canonical.
double MemberSimilarity(const DuplicateGroup& group, uint32_t member);

// "2024-04-02T10:00:00Z" -> "2024-04-02"; other strings unchanged.
std::string DayOf(const std::string& date);

}  // namespace precis::output

#endif  // PRECIS_ENGINE_OUTPUT_STORY_VIEW_H_
