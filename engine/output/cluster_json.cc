// `precis cluster --format json`: stories -> events -> near-duplicate groups,
// with the documents they name. Written story by story (json_writer.h), with
// the bytes of the whole document dumped at once by nlohmann (indent 2).
#include <ostream>

#include "engine/output/check_result.h"
#include "engine/output/json_writer.h"
#include "engine/output/story_view.h"
#include "precis/digest.h"
#include "precis/engine.h"

namespace precis {
namespace {

using Json = output::Json;

Json Ids(const Result& r, const std::vector<uint32_t>& docs) {
  Json ids = Json::array();
  for (uint32_t d : docs) ids.push_back(r.documents[d].id);
  return ids;
}

Json StoryJson(const Result& r, const Story& s) {
  Json events = Json::array();
  for (const Event& e : s.events) {
    Json groups = Json::array();
    for (uint32_t g : e.near_duplicate_groups) {
      const DuplicateGroup& dg = r.dedup.near_duplicate_groups[g];
      Json members = Json::array();
      for (uint32_t m : dg.members) {
        members.push_back(
            {{"id", r.documents[m].id}, {"similarity", output::MemberSimilarity(dg, m)}});
      }
      groups.push_back({{"canonical", r.documents[dg.canonical].id}, {"members", members}});
    }
    events.push_back({{"id", e.id},
                      {"label", e.label},
                      {"entities", e.entities},
                      {"documents", Ids(r, e.documents)},
                      {"near_duplicate_groups", std::move(groups)}});
  }
  return {{"id", s.id},
          {"label", s.label},
          {"entities", s.entities},
          {"documents", Ids(r, s.documents)},
          {"events", std::move(events)}};
}

}  // namespace

Status WriteClusterJson(const Result& r, const Options& o, const DigestOptions& options,
                        std::ostream& out) {
  if (Status s = output::CheckResult(r); !s.ok()) return s;
  out << "{\n  \"precis\": ";
  output::WriteIndented(out, Json(Version()), "  ");
  out << ",\n  \"options\": ";
  output::WriteIndented(
      out,
      Json{
          {"fingerprint", r.fingerprint},
          {"method", o.cluster.method == ClusterMethod::kStreaming ? "streaming" : "agglomerative"},
          {"event_threshold", o.cluster.event_threshold},
          {"story_threshold", o.cluster.story_threshold}},
      "  ");
  out << ",\n";
  output::WriteArrayMember(
      out, "documents", r.documents,
      [](const DocumentResult& d) {
        return Json{{"id", d.id},
                    {"title", d.title},
                    {"lang", d.lang},
                    {"date", d.date},
                    {"date_source", d.date_source}};
      },
      options.threads);
  out << ",\n";
  output::WriteArrayMember(
      out, "stories", r.stories, [&](const Story& s) { return StoryJson(r, s); }, options.threads);
  out << "\n}\n";
  out.flush();
  if (!out) return Status::IOError("writing the JSON clusters failed");
  return Status::OK();
}

}  // namespace precis
