#include "precis/options.h"

#include <xxhash.h>

#include <cstdio>
#include <nlohmann/json.hpp>

namespace precis {

// Only fields that change results belong here; thread counts and callbacks do not.
std::string Options::ToJson() const {
  nlohmann::ordered_json j;
  j["ingest"] = {
      {"strip_boilerplate", ingest.strip_boilerplate},
      {"edge_line_max_words", ingest.edge_line_max_words},
      {"repeated_line_min_documents", ingest.repeated_line_min_documents},
      {"repeated_line_min_fraction", ingest.repeated_line_min_fraction},
      {"extract_title", ingest.extract_title},
  };
  j["text"] = {
      {"fallback_language", text.fallback_language},
      {"max_sentence_bytes", text.max_sentence_bytes},
  };
  j["dedup"] = {
      {"shingle_size", dedup.shingle_size},
      {"threshold", dedup.threshold},
      {"signature_size", dedup.signature_size},
      {"seed", dedup.seed},
      {"char_shingle_size", dedup.char_shingle_size},
      {"containment", dedup.containment},
      {"containment_threshold", dedup.containment_threshold},
      {"containment_min_shingles", dedup.containment_min_shingles},
  };
  j["cluster"] = {
      {"idf_path", cluster.idf_path},
      {"background_idf", cluster.background_idf},
      {"title_weight", cluster.title_weight},
      {"lead_weight", cluster.lead_weight},
      {"lead_sentences", cluster.lead_sentences},
      {"entity_boost", cluster.entity_boost},
      {"entity_weight", cluster.entity_weight},
      {"event_threshold", cluster.event_threshold},
      {"story_threshold", cluster.story_threshold},
      {"story_prior_pairs", cluster.story_prior_pairs},
      {"event_max_days", cluster.event_max_days},
      {"event_day_fade", cluster.event_day_fade},
      {"scale_neighbours", cluster.scale_neighbours},
      {"scale_floor", cluster.scale_floor},
      {"max_terms", cluster.max_terms},
      {"index_terms", cluster.index_terms},
      {"max_candidates", cluster.max_candidates},
      {"max_postings", cluster.max_postings},
      {"posting_budget", cluster.posting_budget},
      {"method", cluster.method == ClusterMethod::kStreaming ? "streaming" : "agglomerative"},
      {"stream_story_threshold", cluster.stream_story_threshold},
      {"story_window_days", cluster.story_window_days},
  };
  j["summary"] = {
      {"sentences", summary.sentences},
      {"max_words", summary.max_words},
      {"single_story", summary.single_story},
      {"timeline", summary.timeline},
      {"timeline_lead_sentences", summary.timeline_lead_sentences},
      {"timeline_event_sentences", summary.timeline_event_sentences},
      {"min_sentence_words", summary.min_sentence_words},
      {"max_sentence_words", summary.max_sentence_words},
      {"max_position", summary.max_position},
      {"weight_lexrank", summary.weight_lexrank},
      {"weight_centroid", summary.weight_centroid},
      {"weight_position", summary.weight_position},
      {"weight_support", summary.weight_support},
      {"lexrank_threshold", summary.lexrank_threshold},
      {"lexrank_teleport", summary.lexrank_teleport},
      {"lexrank_tolerance", summary.lexrank_tolerance},
      {"mmr_lambda", summary.mmr_lambda},
      {"redundancy_threshold", summary.redundancy_threshold},
      {"attribution_threshold", summary.attribution_threshold},
  };
  return j.dump();
}

std::string Options::Fingerprint() const {
  const std::string json = ToJson();
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(XXH3_64bits(json.data(), json.size())));
  return hex;
}

}  // namespace precis
