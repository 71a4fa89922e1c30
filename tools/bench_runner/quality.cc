#include "tools/bench_runner/quality.h"

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

namespace precis::bench {
namespace {

struct Contingency {
  std::map<std::pair<size_t, size_t>, uint64_t> cells;
  std::vector<uint64_t> predicted_sizes, gold_sizes;
};

Contingency Count(const std::vector<std::string>& predicted, const std::vector<std::string>& gold) {
  std::unordered_map<std::string, size_t> p_ids, g_ids;
  Contingency c;
  for (size_t i = 0; i < predicted.size(); ++i) {
    const size_t p = p_ids.try_emplace(predicted[i], p_ids.size()).first->second;
    const size_t g = g_ids.try_emplace(gold[i], g_ids.size()).first->second;
    if (p >= c.predicted_sizes.size()) c.predicted_sizes.push_back(0);
    if (g >= c.gold_sizes.size()) c.gold_sizes.push_back(0);
    ++c.predicted_sizes[p];
    ++c.gold_sizes[g];
    ++c.cells[{p, g}];
  }
  return c;
}

double Pairs(uint64_t n) {
  return 0.5 * static_cast<double>(n) * static_cast<double>(n > 0 ? n - 1 : 0);
}

Scores Finish(double precision, double recall) {
  Scores s{precision, recall, 0};
  s.f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
  return s;
}

// Accepts a member given as "id", {"id": ...}, {"doc": ...}, or an index into `ids`.
bool MemberId(const nlohmann::json& m, const std::vector<std::string>& ids, std::string* id) {
  if (m.is_string()) {
    *id = m.get<std::string>();
    return true;
  }
  if (m.is_number_unsigned() && m.get<size_t>() < ids.size()) {
    *id = ids[m.get<size_t>()];
    return true;
  }
  if (m.is_object()) {
    for (const char* key : {"id", "doc"}) {
      if (m.contains(key)) return MemberId(m[key], ids, id);
    }
  }
  return false;
}

}  // namespace

Scores PairScores(const std::vector<std::string>& predicted, const std::vector<std::string>& gold) {
  const Contingency c = Count(predicted, gold);
  double tp = 0, pp = 0, gp = 0;
  for (const auto& [key, n] : c.cells) tp += Pairs(n);
  for (uint64_t n : c.predicted_sizes) pp += Pairs(n);
  for (uint64_t n : c.gold_sizes) gp += Pairs(n);
  return Finish(pp > 0 ? tp / pp : 1.0, gp > 0 ? tp / gp : 1.0);
}

Scores BCubed(const std::vector<std::string>& predicted, const std::vector<std::string>& gold) {
  const Contingency c = Count(predicted, gold);
  double p = 0, r = 0;
  for (const auto& [key, n] : c.cells) {
    const double sq = static_cast<double>(n) * static_cast<double>(n);
    p += sq / static_cast<double>(c.predicted_sizes[key.first]);
    r += sq / static_cast<double>(c.gold_sizes[key.second]);
  }
  const double total = static_cast<double>(predicted.size());
  return total > 0 ? Finish(p / total, r / total) : Scores{};
}

bool ReadGold(const std::string& path, Gold* gold, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = path + ": cannot read the gold file";
    return false;
  }
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("id")) {
      *error = path + ": malformed gold line";
      return false;
    }
    auto field = [&](const char* key) {
      return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
    };
    gold->index[j["id"].get<std::string>()] = gold->ids.size();
    gold->ids.push_back(j["id"].get<std::string>());
    gold->story.push_back(field("story"));
    gold->event.push_back(field("event"));
    gold->group.push_back(field("near_duplicate_group"));
  }
  return true;
}

bool LabelsFromOutput(const std::string& output_path, const std::string& level, const Gold& gold,
                      std::vector<std::string>* labels, std::string* error) {
  std::ifstream in(output_path);
  nlohmann::json out = nlohmann::json::parse(in, nullptr, false);
  if (out.is_discarded()) {
    *error = output_path + ": not valid JSON";
    return false;
  }
  std::vector<std::string> doc_ids;
  if (out.contains("documents") && out["documents"].is_array()) {
    for (const auto& d : out["documents"]) {
      std::string id;
      if (MemberId(d, {}, &id)) doc_ids.push_back(id);
    }
  }
  labels->assign(gold.ids.size(), "");
  for (size_t i = 0; i < labels->size(); ++i) (*labels)[i] = "single:" + gold.ids[i];
  auto assign = [&](const nlohmann::json& members, const std::string& label) {
    for (const auto& m : members) {
      std::string id;
      if (!MemberId(m, doc_ids, &id)) continue;
      auto it = gold.index.find(id);
      if (it != gold.index.end()) (*labels)[it->second] = label;
    }
  };
  if (level == "near_duplicate") {
    const auto& groups = out.contains("near_duplicate_groups") ? out["near_duplicate_groups"]
                                                               : nlohmann::json::array();
    for (size_t g = 0; g < groups.size(); ++g) {
      if (groups[g].contains("members")) assign(groups[g]["members"], "group:" + std::to_string(g));
    }
    return true;
  }
  const char* key = out.contains("stories") ? "stories" : "clusters";
  if (!out.contains(key)) {
    *error = output_path + ": no stories in the output";
    return false;
  }
  const auto& stories = out[key];
  for (size_t s = 0; s < stories.size(); ++s) {
    if (level == "story") {
      if (stories[s].contains("documents"))
        assign(stories[s]["documents"], "story:" + std::to_string(s));
    } else if (stories[s].contains("events")) {
      const auto& events = stories[s]["events"];
      for (size_t e = 0; e < events.size(); ++e) {
        if (events[e].contains("documents")) {
          assign(events[e]["documents"], "event:" + std::to_string(s) + "/" + std::to_string(e));
        }
      }
    }
  }
  return true;
}

}  // namespace precis::bench
