#include <xxhash.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "precis/options.h"

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
  };
  j["summary"] = {
      {"sentences", summary.sentences},
      {"max_words", summary.max_words},
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
