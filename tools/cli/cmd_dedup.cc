// precis dedup: exact copies and near-duplicate groups of a corpus.
#include <algorithm>
#include <iomanip>
#include <sstream>

#include "precis/digest.h"
#include "tools/cli/cli_common.h"

namespace precis::cli {

namespace {

struct DedupFlags {
  std::string format = "md";
  std::string out;
};

std::string Fixed(double x) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(3) << x;
  return s.str();
}

// Pipes and line breaks would break a Markdown table cell.
std::string Cell(std::string s) {
  for (char& c : s) {
    if (c == '|' || c == '\n' || c == '\r') c = ' ';
  }
  return s;
}

void WriteMarkdown(const Result& r, const Options& o, std::ostream& out) {
  const DedupResult& d = r.dedup;
  auto name = [&](uint32_t i) {
    const DocumentResult& doc = r.documents[i];
    return "`" + Cell(doc.id) + "`" + (doc.title.empty() ? "" : " " + Cell(doc.title));
  };
  out << "# Duplicates\n\n"
      << r.documents.size() << " documents: " << d.exact_groups.size() << " exact-copy groups, "
      << d.near_duplicate_groups.size()
      << " near-duplicate groups (Jaccard >= " << o.dedup.threshold << " on word "
      << o.dedup.shingle_size << "-grams";
  if (o.dedup.containment) out << ", or containment >= " << o.dedup.containment_threshold;
  out << "; LSH " << d.bands << " bands x " << d.rows << " rows).\n";
  if (d.near_duplicate_groups.empty() && d.exact_groups.empty()) {
    out << "\nNo duplicates found.\n";
    return;
  }
  for (size_t gi = 0; gi < d.near_duplicate_groups.size(); ++gi) {
    const DuplicateGroup& g = d.near_duplicate_groups[gi];
    out << "\n## Group " << gi + 1 << ": " << g.members.size()
        << " reports\n\nCanonical: " << name(g.canonical)
        << "\n\n| a | b | Jaccard (verified) | estimate | containment |\n|---|---|---|---|---|\n";
    for (const SimilarPair& p : g.pairs) {
      out << "| `" << Cell(r.documents[p.a].id) << "` | `" << Cell(r.documents[p.b].id) << "` | "
          << Fixed(p.jaccard) << " | " << Fixed(p.estimated) << " | " << Fixed(p.containment)
          << " |\n";
    }
  }
  if (!d.exact_groups.empty()) {
    out << "\n## Exact copies\n\n";
    for (const DuplicateGroup& g : d.exact_groups) {
      out << "- " << name(g.canonical) << ":";
      for (uint32_t m : g.members) {
        if (m != g.canonical) out << " `" << Cell(r.documents[m].id) << "`";
      }
      out << "\n";
    }
  }
}

}  // namespace

Runner RegisterDedup(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "dedup",
      "Find exact copies (identical normalised body) and near-duplicates (MinHash + LSH, every "
      "pair\n"
      "verified on exact shingle sets) and print the groups: members, the canonical member, and "
      "the\n"
      "verified similarity of each pair next to its MinHash estimate.\n"
      "Near-duplicates: Jaccard of word 3-gram sets >= --threshold, or (with containment, the "
      "default)\n"
      "the shorter report's shingles contained >= --containment-threshold in the longer one (a\n"
      "trimmed copy). Canonical member of a group: the longest report (most shingles); ties go to "
      "the\n"
      "first by id. Documents with no words are never grouped.");
  auto flags = std::make_shared<InputFlags>();
  auto dflags = std::make_shared<DedupFlags>();
  auto dedup = std::make_shared<DedupOptions>();
  AddInputFlags(cmd, flags.get());
  cmd->add_option("--threshold", dedup->threshold,
                  "Jaccard (0..1] at or above which two reports are near-duplicates")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--shingle-size", dedup->shingle_size, "Words per shingle")
      ->capture_default_str()
      ->check(CLI::Range(1, 32));
  cmd->add_option(
         "--char-shingles", dedup->char_shingle_size,
         "Shingle character n-grams of this length instead of words (short texts); 0 = words")
      ->capture_default_str()
      ->check(CLI::Range(0, 64));
  cmd->add_option("--signature-size", dedup->signature_size, "MinHash values per signature")
      ->capture_default_str()
      ->check(CLI::Range(8, 1024));
  cmd->add_option("--seed", dedup->seed, "MinHash seed (results are reproducible for a given seed)")
      ->capture_default_str();
  cmd->add_flag(
      "--containment,!--no-containment", dedup->containment,
      "Count a trimmed copy (shorter report contained in a longer one) as a duplicate; default on");
  cmd->add_option("--containment-threshold", dedup->containment_threshold,
                  "Share (0..1] of the shorter report's shingles found in the longer one")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--format", dflags->format, "md (Markdown) or json")
      ->capture_default_str()
      ->check(CLI::IsMember({"md", "json"}));
  cmd->add_option("-o,--out", dflags->out, "Write to this file instead of stdout");
  return [flags, dflags, dedup]() -> int {
    Options options = BaseOptions(*flags);
    options.dedup = *dedup;
    options.last_stage = Options::Stage::kDedup;
    // The output names documents but quotes no full text: leave the texts out
    // of the Result, so that the corpus is never in memory as a whole.
    options.result_texts = false;
    int exit_code = kExitOk;
    std::optional<Result> result = ReadAndRun(*flags, options, &exit_code);
    if (!result) return kExitUsage;
    const DedupResult& d = result->dedup;
    if (flags->verbose) {
      std::cerr << "dedup: LSH " << d.bands << " bands x " << d.rows << " rows (chosen for Jaccard "
                << d.lsh_threshold << "), " << d.candidate_pairs << " candidate pairs, "
                << d.verified_pairs << " verified exactly; " << d.exact_groups.size()
                << " exact groups, " << d.near_duplicate_groups.size()
                << " near-duplicate groups\n";
    }
    const bool written = WriteResult(*flags, dflags->out, &*result, [&](std::ostream& out) {
      if (dflags->format != "json") {
        WriteMarkdown(*result, options, out);
        return Status::OK();
      }
      DigestOptions json;
      json.threads = flags->threads;
      return WriteDuplicatesJson(*result, options, json, out);
    });
    if (!written) return kExitUsage;
    KeepUntilExit(std::move(result));
    return exit_code;
  };
}

}  // namespace precis::cli
