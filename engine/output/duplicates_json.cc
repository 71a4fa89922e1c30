// `precis dedup --format json`: the exact and near-duplicate groups of a Result,
// with the settings that found them. Written group by group
// (json_writer.h), with the bytes of the whole document dumped at once.
#include <algorithm>
#include <ostream>

#include "engine/output/check_result.h"
#include "engine/output/json_writer.h"
#include "precis/digest.h"
#include "precis/engine.h"

namespace precis {
namespace {

using Json = output::Json;

// A member's similarity: its highest verified Jaccard with another member
// (1 for exact copies; the canonical gets its best pair too, or 1 when it is
// only in exact pairs).
std::vector<double> MemberSimilarities(const DuplicateGroup& g) {
  std::vector<double> best(g.members.size(), 0);
  auto slot = [&](uint32_t doc) {
    return static_cast<size_t>(std::lower_bound(g.members.begin(), g.members.end(), doc) -
                               g.members.begin());
  };
  for (const SimilarPair& p : g.pairs) {
    best[slot(p.a)] = std::max(best[slot(p.a)], p.jaccard);
    best[slot(p.b)] = std::max(best[slot(p.b)], p.jaccard);
  }
  return best;
}

}  // namespace

Status WriteDuplicatesJson(const Result& r, const Options& o, const DigestOptions& options,
                           std::ostream& out) {
  if (Status s = output::CheckResult(r); !s.ok()) return s;
  const DedupResult& d = r.dedup;
  auto id = [&](uint32_t i) { return r.documents[i].id; };
  out << "{\n  \"precis\": ";
  output::WriteIndented(out, Json(Version()), "  ");
  out << ",\n  \"options\": ";
  output::WriteIndented(out,
                        Json{{"fingerprint", r.fingerprint},
                             {"threshold", o.dedup.threshold},
                             {"shingle_size", o.dedup.shingle_size},
                             {"char_shingle_size", o.dedup.char_shingle_size},
                             {"signature_size", o.dedup.signature_size},
                             {"seed", o.dedup.seed},
                             {"containment", o.dedup.containment},
                             {"containment_threshold", o.dedup.containment_threshold},
                             {"containment_min_shingles", o.dedup.containment_min_shingles}},
                        "  ");
  out << ",\n  \"lsh\": ";
  output::WriteIndented(out,
                        Json{{"bands", d.bands},
                             {"rows", d.rows},
                             {"threshold", d.lsh_threshold},
                             {"candidate_pairs", d.candidate_pairs},
                             {"verified_pairs", d.verified_pairs}},
                        "  ");
  out << ",\n  \"documents\": ";
  output::WriteIndented(out, Json(r.documents.size()), "  ");
  out << ",\n";
  output::WriteArrayMember(
      out, "exact_groups", d.exact_groups,
      [&](const DuplicateGroup& g) {
        Json members = Json::array();
        for (uint32_t m : g.members) members.push_back(id(m));
        return Json{{"canonical", id(g.canonical)}, {"members", std::move(members)}};
      },
      options.threads);
  out << ",\n";
  output::WriteArrayMember(
      out, "near_duplicate_groups", d.near_duplicate_groups,
      [&](const DuplicateGroup& g) {
        const std::vector<double> sim = MemberSimilarities(g);
        Json members = Json::array();
        for (size_t m = 0; m < g.members.size(); ++m) {
          const DocumentResult& doc = r.documents[g.members[m]];
          members.push_back({{"id", doc.id},
                             {"similarity", sim[m]},
                             {"date", doc.date},
                             {"date_source", doc.date_source}});
        }
        Json pairs = Json::array();
        for (const SimilarPair& p : g.pairs) {
          pairs.push_back({{"a", id(p.a)},
                           {"b", id(p.b)},
                           {"estimated", p.estimated},
                           {"jaccard", p.jaccard},
                           {"containment", p.containment}});
        }
        return Json{{"canonical", id(g.canonical)},
                    {"members", std::move(members)},
                    {"pairs", std::move(pairs)}};
      },
      options.threads);
  out << "\n}\n";
  out.flush();
  if (!out) return Status::IOError("writing the JSON duplicate groups failed");
  return Status::OK();
}

}  // namespace precis
