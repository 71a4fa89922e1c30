// The load test's feed: generated reports in the order a newsroom receives
// them, made once and kept.
#ifndef PRECIS_TOOLS_LOAD_TEST_FEED_H_
#define PRECIS_TOOLS_LOAD_TEST_FEED_H_

#include <cstdint>
#include <string>
#include <unordered_map>

namespace precis::load {

struct Feed {
  std::string path;                                    // JSON Lines, in (date, id) order
  std::unordered_map<std::string, uint32_t> position;  // report id -> line, from 0
  uint64_t bytes = 0;                                  // size of the file
};

// Makes (or reuses) DIR/feed-N-sSEED.jsonl: `precis-gen-corpus -n N --seed
// SEED`, sorted by (date, id) since the generator writes story by story and a
// feed arrives in date order (as bench/README's incremental figures were
// measured). A kept feed older than the generator binary is made again.
// The generator's messages go to the file `log`. Returns false with `error` set.
bool MakeFeed(const std::string& gen, uint64_t n, uint64_t seed, const std::string& dir,
              const std::string& log, Feed* feed, std::string* error);

}  // namespace precis::load

#endif  // PRECIS_TOOLS_LOAD_TEST_FEED_H_
