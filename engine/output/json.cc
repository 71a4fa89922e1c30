// JSON digest: everything the other writers show, for programs. The shape is
// described by digest.schema.json next to this file (and in the README).
#include <nlohmann/json.hpp>
#include <ostream>
#include <string_view>

#include "engine/output/story_view.h"
#include "precis/digest.h"
#include "precis/engine.h"

namespace precis {
namespace {

using Json = nlohmann::ordered_json;

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

// The digest is written piece by piece, each document and each story a
// small tree dumped and indented to its depth, with the same bytes as one
// tree dumped whole: at a million reports one tree meant 740 MB of text
// plus a node per value, built, dumped and freed on one thread. Pretty-printed JSON has raw line
// breaks only between its tokens (strings escape theirs), so indenting after
// each break is exact.
void WriteIndented(std::ostream& out, const Json& value, std::string_view pad) {
  const std::string text = value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  size_t start = 0;
  for (size_t line_end; (line_end = text.find('\n', start)) != std::string::npos;
       start = line_end + 1) {
    out.write(text.data() + start, static_cast<std::streamsize>(line_end + 1 - start));
    out << pad;
  }
  out.write(text.data() + start, static_cast<std::streamsize>(text.size() - start));
}

// `"name": [` elements `]` as a member of the top-level object.
template <typename Items, typename ToJson>
void WriteArrayMember(std::ostream& out, std::string_view name, const Items& items,
                      ToJson to_json) {
  out << "  \"" << name << "\": ";
  bool first = true;
  for (const auto& item : items) {
    out << (first ? "[\n    " : ",\n    ");
    WriteIndented(out, to_json(item), "    ");
    first = false;
  }
  out << (first ? "[]" : "\n  ]");
}

Json DocumentJson(const DocumentResult& d) {
  return {{"id", d.id},
          {"title", d.title},
          {"lang", d.lang},
          {"date", d.date},
          {"url", d.url},
          {"path", d.source_path},
          {"bytes", d.text_bytes},
          {"sentences", d.sentences.size()},
          {"words", d.words}};
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
                      {"documents", Ids(result, e.documents)},
                      {"near_duplicate_groups", std::move(groups)}});
  }
  Json summary = Json::array();
  for (const SummarySentence& s : story.summary) {
    Json sources = Json::array();
    for (const SourceSpan& span : s.sources) {
      sources.push_back({{"doc", result.documents[span.doc].id},
                         {"start", span.source_begin},
                         {"end", span.source_end},
                         {"similarity", span.similarity}});
    }
    summary.push_back({{"text", s.text}, {"sources", std::move(sources)}});
  }
  return {{"id", story.id},
          {"label", story.label},
          {"reports", v.reports},
          {"entities", story.entities},
          {"documents", Ids(result, story.documents)},
          {"events", std::move(events)},
          {"summary", std::move(summary)}};
}

}  // namespace

Status WriteJson(const Result& result, const DigestOptions& options, std::ostream& out) {
  if (options.min_sources < 1) return Status::InvalidArgument("min_sources must be >= 1");
  out << "{\n  \"precis\": ";
  WriteIndented(out, Json(Version()), "  ");
  out << ",\n  \"options\": ";
  WriteIndented(
      out, Json{{"fingerprint", result.fingerprint}, {"min_sources", options.min_sources}}, "  ");
  out << ",\n";
  WriteArrayMember(out, "documents", result.documents, DocumentJson);
  out << ",\n";
  WriteArrayMember(out, "stories", output::VisibleStories(result, options),
                   [&](const output::StoryView& v) { return StoryJson(result, v); });
  out << "\n}\n";
  out.flush();
  if (!out) return Status::IOError("writing the JSON digest failed");
  return Status::OK();
}

}  // namespace precis
