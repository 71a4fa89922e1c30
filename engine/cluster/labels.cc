#include "engine/cluster/labels.h"

#include <algorithm>
#include <map>

namespace precis::cluster {

namespace {

// Whether `longer` names `part` as whole words: "Blinken" in "Antony
// Blinken", not "Ira" in "Iran".
bool NamesPart(const std::string& longer, const std::string& part) {
  if (part.empty() || part.size() >= longer.size()) return false;
  auto boundary = [&](size_t i) { return longer[i] == ' ' || longer[i] == '-'; };
  for (size_t at = longer.find(part); at != std::string::npos; at = longer.find(part, at + 1)) {
    const size_t end = at + part.size();
    if ((at == 0 || boundary(at - 1)) && (end == longer.size() || boundary(end))) return true;
  }
  return false;
}

}  // namespace

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
  struct Chosen {
    std::string name;
    int members;
  };
  std::vector<Chosen> out;
  for (const auto& [members_naming, at] : order) {
    const int n = members_naming;  // a copy: lambdas may not capture a structured binding (clang)
    const std::string& name = names[at];
    if (std::any_of(out.begin(), out.end(),
                    [&](const Chosen& o) { return NamesPart(o.name, name); }))
      continue;
    // A full name of chosen parts ("Antony Blinken" after "Blinken" and
    // "Antony") takes the place of the first and drops the others, if at
    // least half as many members name it: a reader wants the name once, and
    // one report's "Paris Hilton" must not rename a story's "Paris".
    auto part = [&](const Chosen& o) { return NamesPart(name, o.name) && 2 * n >= o.members; };
    auto first = std::find_if(out.begin(), out.end(), part);
    if (first != out.end()) {
      *first = {name, n};
      out.erase(std::remove_if(first + 1, out.end(), part), out.end());
    } else if (out.size() < kLabelEntities) {
      out.push_back({name, n});
    }
  }
  std::vector<std::string> labels;
  for (Chosen& c : out) labels.push_back(std::move(c.name));
  return labels;
}

std::string DocumentTitle(const Result& result, uint32_t doc) {
  const DocumentResult& d = result.documents[doc];
  if (!d.title.empty()) return d.title;
  if (!d.sentences.empty()) return d.SentenceText(0);
  return d.id;
}

}  // namespace precis::cluster
