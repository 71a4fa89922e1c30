// The load test's figures and how they are printed (text) and saved (JSON).
#ifndef PRECIS_TOOLS_LOAD_TEST_REPORT_H_
#define PRECIS_TOOLS_LOAD_TEST_REPORT_H_

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "tools/load_test/child.h"
#include "tools/load_test/reader.h"

namespace precis::load {

// One `precis ingest` of the whole feed into a new database.
struct IngestRun {
  ChildExit exit;
  size_t fates = 0;                 // lines printed: reports committed
  std::vector<std::string> errors;  // exit status, stderr lines, a fate count short of the feed
};

// `precis digest` of a finished database.
struct FinalDigest {
  std::string db;
  double seconds = 0;
  size_t documents = 0;
  std::vector<std::string> errors;
};

struct Report {
  std::string feed;
  size_t reports = 0;
  uint64_t feed_bytes = 0;
  uint64_t seed = 0;
  int readers = 0;
  double interval_s = 0;
  std::string precis;
  IngestRun alone, with_readers;
  std::vector<DigestRun> digests;  // every reader's, by start time
  FinalDigest final_alone, final_with_readers;
  bool finals_identical = false;  // the two databases' digests, byte for byte
  std::vector<std::string> other_errors;

  // Every error of the run, each a line naming where it happened.
  std::vector<std::string> Errors() const;
};

// The value below which a fraction `p` of `values` lies (nearest rank);
// 0 for no values.
double Percentile(std::vector<double> values, double p);

void WriteText(const Report& r, std::ostream& out);
nlohmann::ordered_json ToJson(const Report& r);

}  // namespace precis::load

#endif  // PRECIS_TOOLS_LOAD_TEST_REPORT_H_
