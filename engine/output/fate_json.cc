// The line `precis ingest` prints for each report (precis/digest.h FateJson).
#include <cmath>
#include <nlohmann/json.hpp>

#include "precis/digest.h"

namespace precis {

std::string FateJson(const Fate& f, std::string_view date, std::string_view date_source) {
  nlohmann::ordered_json j;
  j["id"] = f.id;
  j["date"] = std::string(date);
  j["date_source"] = std::string(date.empty() || !date_source.empty() ? date_source : "input");
  j["fate"] = Fate::KindName(f.kind);
  if (!f.duplicate_of.empty()) j["duplicate_of"] = f.duplicate_of;
  j["story"] = f.story;
  j["event"] = f.event;
  j["new_event"] = f.new_event;
  j["similarity"] = std::round(f.similarity * 1e4) / 1e4;
  j["sequence"] = f.sequence;
  if (f.replay) j["replay"] = true;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace precis
