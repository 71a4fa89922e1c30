#include "engine/cluster/labels.h"

#include <algorithm>
#include <map>

namespace precis::cluster {

std::vector<std::string> TopEntities(const std::vector<const EntityNames*>& members) {
  constexpr size_t kLabelEntities = 5;
  std::map<uint64_t, std::pair<int, size_t>> count;  // key -> (members, first seen)
  std::vector<std::string> names;
  for (const EntityNames* member : members) {
    if (member == nullptr) continue;
    for (const auto& [key, name] : *member) {
      auto [it, inserted] = count.try_emplace(key, 0, names.size());
      if (inserted) names.push_back(name);
      ++it->second.first;
    }
  }
  std::vector<std::pair<int, size_t>> order;
  for (const auto& [key, c] : count) order.push_back(c);
  std::sort(order.begin(), order.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  });
  std::vector<std::string> out;
  for (const auto& [n, at] : order) {
    if (out.size() == kLabelEntities) break;
    bool covered = false;
    for (const std::string& o : out) covered = covered || o.find(names[at]) != std::string::npos;
    if (!covered) out.push_back(names[at]);
  }
  return out;
}

std::string DocumentTitle(const Result& result, uint32_t doc) {
  const DocumentResult& d = result.documents[doc];
  if (!d.title.empty()) return d.title;
  if (!d.sentences.empty()) return d.SentenceText(0);
  return d.id;
}

}  // namespace precis::cluster
