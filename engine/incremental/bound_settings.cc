#include "engine/incremental/bound_settings.h"

#include <xxhash.h>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <utility>

#include "engine/cluster/idf_model.h"

namespace precis::incremental {
namespace {

// The Options fields the ingest path reads: the per-document stages
// (boilerplate edges, text analysis, dedup units and features), the dedup
// index and the streaming clusterer (engine/cluster/streaming: event
// linking, neighbourhood scale, posting search, story centroids). Left out,
// because the ingest path never reads them: ingest.repeated_line_* (the
// engine's boilerplate filter has no corpus counts, only the per-document
// edge rule), cluster.story_threshold and cluster.story_prior_pairs (the
// batch's average linkage of events into stories), cluster.method (always
// streaming here) and everything in "summary" (applied per snapshot). A
// field added to Options that the ingest path reads must be added here, or
// databases made with one value would open with another.
constexpr std::array<std::pair<std::string_view, std::string_view>, 32> kIngestPathFields{{
    {"ingest", "strip_boilerplate"},
    {"ingest", "edge_line_max_words"},
    {"ingest", "extract_title"},
    {"text", "fallback_language"},
    {"text", "max_sentence_bytes"},
    {"dedup", "shingle_size"},
    {"dedup", "threshold"},
    {"dedup", "signature_size"},
    {"dedup", "seed"},
    {"dedup", "char_shingle_size"},
    {"dedup", "containment"},
    {"dedup", "containment_threshold"},
    {"dedup", "containment_min_shingles"},
    {"cluster", "idf_path"},
    {"cluster", "background_idf"},
    {"cluster", "title_weight"},
    {"cluster", "lead_weight"},
    {"cluster", "lead_sentences"},
    {"cluster", "entity_boost"},
    {"cluster", "entity_weight"},
    {"cluster", "event_threshold"},
    {"cluster", "event_max_days"},
    {"cluster", "event_day_fade"},
    {"cluster", "scale_neighbours"},
    {"cluster", "scale_floor"},
    {"cluster", "max_terms"},
    {"cluster", "index_terms"},
    {"cluster", "max_candidates"},
    {"cluster", "max_postings"},
    {"cluster", "posting_budget"},
    {"cluster", "stream_story_threshold"},
    {"cluster", "story_window_days"},
}};

// TermFingerprint() of every database bound before "terms" was stored.
constexpr std::string_view kTermsBeforeBinding = "a5690f1c8040862c";

// The ingest path's fields of an Options JSON (those it holds) and `terms`.
std::string Bind(const nlohmann::ordered_json& all, std::string_view terms) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& [group, field] : kIngestPathFields) {
    const std::string g(group), f(field);
    if (all.contains(g) && all[g].is_object() && all[g].contains(f)) j[g][f] = all[g][f];
  }
  j["terms"] = terms;
  return j.dump();
}

}  // namespace

std::string BoundSettings(const Options& options) {
  return Bind(nlohmann::ordered_json::parse(options.ToJson()),
              cluster::TermFingerprint(options.text));
}

std::string SettingsFingerprint(std::string_view settings_json) {
  char hex[17];
  std::snprintf(
      hex, sizeof hex, "%016llx",
      static_cast<unsigned long long>(XXH3_64bits(settings_json.data(), settings_json.size())));
  return hex;
}

std::string CurrentForm(std::string_view fingerprint, std::string_view settings_json) {
  const auto j = nlohmann::ordered_json::parse(settings_json, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.contains("terms") ||
      SettingsFingerprint(settings_json) != fingerprint)
    return std::string(settings_json);
  return Bind(j, kTermsBeforeBinding);
}

std::string TermsOf(std::string_view settings_json) {
  const auto j = nlohmann::json::parse(settings_json, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("terms") || !j["terms"].is_string())
    return "";
  return j["terms"].get<std::string>();
}

}  // namespace precis::incremental
