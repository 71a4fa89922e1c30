// JSON digest: everything the other writers show, for programs. The shape is
// described by digest.schema.json next to this file (and in the README).
#include <nlohmann/json.hpp>
#include <ostream>

#include "engine/output/check_result.h"
#include "engine/output/json_writer.h"
#include "engine/output/story_view.h"
#include "precis/digest.h"
#include "precis/engine.h"

namespace precis {
namespace {

using Json = output::Json;

Json GroupJson(const Result& result, const DuplicateGroup& g) {
  Json members = Json::array();
  for (uint32_t m : g.members) {
    members.push_back(
        {{"id", result.documents[m].id}, {"similarity", output::MemberSimilarity(g, m)}});
  }
  return {{"canonical", result.documents[g.canonical].id}, {"members", std::move(members)}};
}

Json Ids(const Result& result, const std::vector<uint32_t>& docs) {
  Json ids = Json::array();
  for (uint32_t d : docs) ids.push_back(result.documents[d].id);
  return ids;
}

Json DocumentJson(const DocumentResult& d) {
  return {{"id", d.id},
          {"title", d.title},
          {"lang", d.lang},
          {"date", d.date},
          {"date_source", d.date_source},
          {"url", d.url},
          {"path", d.source_path},
          {"bytes", d.text_bytes},
          {"sentences", d.sentences.size()},
          {"words", d.words}};
}

Json SummaryJson(const Result& result, const std::vector<SummarySentence>& sentences) {
  Json summary = Json::array();
  for (const SummarySentence& s : sentences) {
    Json sources = Json::array();
    for (const SourceSpan& span : s.sources) {
      sources.push_back({{"doc", result.documents[span.doc].id},
                         {"start", span.source_begin},
                         {"end", span.source_end},
                         {"similarity", span.similarity}});
    }
    summary.push_back({{"text", s.text}, {"sources", std::move(sources)}});
  }
  return summary;
}

Json StoryJson(const Result& result, const output::StoryView& v) {
  const Story& story = *v.story;
  Json events = Json::array();
  for (const Event& e : story.events) {
    Json groups = Json::array();
    for (uint32_t g : e.near_duplicate_groups) {
      if (g < result.dedup.near_duplicate_groups.size())
        groups.push_back(GroupJson(result, result.dedup.near_duplicate_groups[g]));
    }
    events.push_back({{"id", e.id},
                      {"label", e.label},
                      {"first_date", e.first_date},
                      {"last_date", e.last_date},
                      {"documents", Ids(result, e.documents)},
                      {"near_duplicate_groups", std::move(groups)},
                      {"summary", SummaryJson(result, e.summary)}});
  }
  return {{"id", story.id},
          {"label", story.label},
          {"reports", v.reports},
          {"entities", story.entities},
          {"documents", Ids(result, story.documents)},
          {"timeline", story.timeline},
          {"events", std::move(events)},
          {"summary", SummaryJson(result, story.summary)}};
}

}  // namespace

Status WriteJson(const Result& result, const DigestOptions& options, std::ostream& out) {
  if (options.min_sources < 1) return Status::InvalidArgument("min_sources must be >= 1");
  if (Status s = output::CheckResult(result); !s.ok()) return s;
  out << "{\n  \"precis\": ";
  output::WriteIndented(out, Json(Version()), "  ");
  out << ",\n  \"options\": ";
  output::WriteIndented(
      out, Json{{"fingerprint", result.fingerprint}, {"min_sources", options.min_sources}}, "  ");
  out << ",\n";
  output::WriteArrayMember(out, "documents", result.documents, DocumentJson, options.threads);
  out << ",\n";
  output::WriteArrayMember(
      out, "stories", output::VisibleStories(result, options),
      [&](const output::StoryView& v) { return StoryJson(result, v); }, options.threads);
  out << "\n}\n";
  out.flush();
  if (!out) return Status::IOError("writing the JSON digest failed");
  return Status::OK();
}

}  // namespace precis
