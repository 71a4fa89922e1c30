#include "engine/output/story_view.h"

#include <algorithm>
#include <set>

namespace precis::output {

std::vector<uint32_t> CopyKeys(const Result& result) {
  std::vector<uint32_t> key(result.documents.size());
  for (uint32_t d = 0; d < key.size(); ++d) key[d] = d;
  for (const auto* groups : {&result.dedup.exact_groups, &result.dedup.near_duplicate_groups}) {
    for (const DuplicateGroup& g : *groups) {
      for (uint32_t m : g.members) {
        if (m < key.size()) key[m] = g.canonical;
      }
    }
  }
  return key;
}

double MemberSimilarity(const DuplicateGroup& group, uint32_t member) {
  if (member == group.canonical) return 1.0;
  double best = 0;
  for (const SimilarPair& p : group.pairs) {
    const bool has_member = p.a == member || p.b == member;
    if (!has_member) continue;
    if (p.a == group.canonical || p.b == group.canonical) return p.jaccard;
    best = std::max(best, p.jaccard);
  }
  return group.pairs.empty() ? 1.0 : best;  // exact groups carry no pairs
}

std::string DayOf(const std::string& date) {
  return date.size() > 10 && date[4] == '-' && date[10] == 'T' ? date.substr(0, 10) : date;
}

size_t CountDistinct(const std::vector<uint32_t>& keys, const Story& story) {
  std::set<uint32_t> distinct;
  for (uint32_t d : story.documents) distinct.insert(d < keys.size() ? keys[d] : d);
  return distinct.size();
}

std::vector<StoryView> VisibleStories(const Result& result, const DigestOptions& options) {
  const std::vector<uint32_t> keys = CopyKeys(result);
  std::unordered_map<uint32_t, uint32_t> group_of;
  for (uint32_t g = 0; g < result.dedup.near_duplicate_groups.size(); ++g) {
    for (uint32_t m : result.dedup.near_duplicate_groups[g].members) group_of[m] = g;
  }
  std::vector<StoryView> views;
  for (const Story& story : result.stories) {
    StoryView v;
    v.story = &story;
    v.reports = CountDistinct(keys, story);
    if (v.reports < static_cast<size_t>(std::max(1, options.min_sources))) continue;
    // Numbered in display order: a timeline lists its reports event by event.
    std::vector<uint32_t> order;
    if (story.timeline) {
      for (const Event& e : story.events)
        order.insert(order.end(), e.documents.begin(), e.documents.end());
    }
    order.insert(order.end(), story.documents.begin(), story.documents.end());
    int next = 1;
    for (uint32_t d : order) {
      if (!v.number.emplace(d, next).second) continue;
      ++next;
      if (auto it = group_of.find(d); it != group_of.end()) v.group_of[d] = it->second;
      if (d >= result.documents.size()) continue;
      const std::string day = DayOf(result.documents[d].date);
      if (day.empty()) continue;
      if (v.first_date.empty() || day < v.first_date) v.first_date = day;
      if (v.last_date.empty() || day > v.last_date) v.last_date = day;
    }
    views.push_back(std::move(v));
  }
  return views;
}

}  // namespace precis::output

namespace precis {

size_t DistinctReports(const Result& result, const Story& story) {
  return output::CountDistinct(output::CopyKeys(result), story);
}

}  // namespace precis
