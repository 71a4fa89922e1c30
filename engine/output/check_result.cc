#include "engine/output/check_result.h"

#include <string>

namespace precis::output {
namespace {

Status OutOfRange(const std::string& where, uint64_t index, size_t size) {
  return Status::InvalidArgument("inconsistent result: " + where + " is " + std::to_string(index) +
                                 ", but there are only " + std::to_string(size) +
                                 "; pass a Result made by Engine::Run or "
                                 "IncrementalEngine::Snapshot, unedited");
}

Status CheckGroup(const DuplicateGroup& g, const std::string& where, size_t n) {
  if (g.canonical >= n) return OutOfRange(where + ".canonical", g.canonical, n);
  for (uint32_t m : g.members) {
    if (m >= n) return OutOfRange(where + ".members", m, n);
  }
  for (const SimilarPair& p : g.pairs) {
    if (p.a >= n) return OutOfRange(where + ".pairs.a", p.a, n);
    if (p.b >= n) return OutOfRange(where + ".pairs.b", p.b, n);
  }
  return Status::OK();
}

}  // namespace

Status CheckResult(const Result& result) {
  const size_t n = result.documents.size();
  const size_t groups = result.dedup.near_duplicate_groups.size();
  for (size_t g = 0; g < result.dedup.exact_groups.size(); ++g) {
    if (Status s = CheckGroup(result.dedup.exact_groups[g], "exact group " + std::to_string(g), n);
        !s.ok())
      return s;
  }
  for (size_t g = 0; g < groups; ++g) {
    if (Status s = CheckGroup(result.dedup.near_duplicate_groups[g],
                              "near-duplicate group " + std::to_string(g), n);
        !s.ok())
      return s;
  }
  for (const Story& story : result.stories) {
    const std::string where = "story " + std::to_string(story.id);
    for (uint32_t d : story.documents) {
      if (d >= n) return OutOfRange(where + " document", d, n);
    }
    for (const Event& event : story.events) {
      for (uint32_t d : event.documents) {
        if (d >= n)
          return OutOfRange(where + ", event " + std::to_string(event.id) + " document", d, n);
      }
      for (uint32_t g : event.near_duplicate_groups) {
        if (g >= groups)
          return OutOfRange(where + ", event " + std::to_string(event.id) + " near-duplicate group",
                            g, groups);
      }
      for (const SummarySentence& sentence : event.summary) {
        for (const SourceSpan& source : sentence.sources) {
          if (source.doc >= n)
            return OutOfRange(where + ", event " + std::to_string(event.id) + " summary source",
                              source.doc, n);
        }
      }
    }
    for (const SummarySentence& sentence : story.summary) {
      for (const SourceSpan& source : sentence.sources) {
        if (source.doc >= n) return OutOfRange(where + " summary source", source.doc, n);
      }
    }
  }
  return Status::OK();
}

}  // namespace precis::output
