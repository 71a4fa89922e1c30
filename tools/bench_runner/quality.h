// Quality of a precis run against the generator's gold file: pairwise
// precision/recall of near-duplicate groups and B-cubed of stories/events.
// Linear in the number of documents (contingency counts, no pair lists).
#ifndef PRECIS_TOOLS_BENCH_RUNNER_QUALITY_H_
#define PRECIS_TOOLS_BENCH_RUNNER_QUALITY_H_

#include <string>
#include <unordered_map>
#include <vector>

namespace precis::bench {

struct Scores {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};

// labels[i] is document i's cluster; documents with unique labels are singletons.
Scores PairScores(const std::vector<std::string>& predicted, const std::vector<std::string>& gold);
Scores BCubed(const std::vector<std::string>& predicted, const std::vector<std::string>& gold);

struct Gold {
  std::vector<std::string> ids;
  std::vector<std::string> story, event, group;
  std::unordered_map<std::string, size_t> index;
};

// Reads the generator's gold JSON Lines. Returns false with *error on failure.
bool ReadGold(const std::string& path, Gold* gold, std::string* error);

// Per-document labels from `precis dedup --format json` output (near-duplicate
// groups) or `precis digest --format json` output (level "story" or "event"),
// aligned with gold.ids. Documents the output does not group get their own label.
bool LabelsFromOutput(const std::string& output_path, const std::string& level, const Gold& gold,
                      std::vector<std::string>* labels, std::string* error);

}  // namespace precis::bench

#endif  // PRECIS_TOOLS_BENCH_RUNNER_QUALITY_H_
