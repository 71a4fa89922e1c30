// What the load test checks in each digest a reader gets: that it is the
// JSON digest of one consistent state of the database. A digest read while
// the writer commits must never show a report twice, lose one, or show half
// of a placement.
#ifndef PRECIS_TOOLS_LOAD_TEST_DIGEST_CHECK_H_
#define PRECIS_TOOLS_LOAD_TEST_DIGEST_CHECK_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace precis::load {

struct DigestCheck {
  std::vector<std::string> documents;  // ids of the "documents" array, in order
  std::vector<std::string> problems;   // empty when the digest is valid; at most a few
  size_t stories = 0;
};

// Parses `json` (the output of `precis digest --format json`, schema in
// engine/output/digest.schema.json) and checks that every document is in
// exactly one event of exactly one story, that each story's documents are
// exactly its events' documents, and that no story or event names a document
// the digest does not list. Streams the text (SAX): a digest of 100,000
// reports is over 100 MB, whose DOM would take several times that.
DigestCheck CheckDigest(std::string_view json);

// The documents of one reader's successive digests. Nothing is evicted while
// the load test runs, so a later digest must hold every document of an
// earlier one, and only reports of the feed. Not thread-safe: one per reader.
class GrowthCheck {
 public:
  // `feed` maps every report id of the feed to its position; it must outlive
  // this object.
  explicit GrowthCheck(const std::unordered_map<std::string, uint32_t>* feed);

  // Records a valid digest's documents; returns what is wrong (ids not in the
  // feed, documents of the previous digest missing from this one), at most a
  // few lines.
  std::vector<std::string> Next(const std::vector<std::string>& documents);

 private:
  const std::unordered_map<std::string, uint32_t>* feed_;
  std::vector<char> previous_;  // by feed position: in the previous digest
  size_t previous_count_ = 0;
  bool first_ = true;
};

}  // namespace precis::load

#endif  // PRECIS_TOOLS_LOAD_TEST_DIGEST_CHECK_H_
