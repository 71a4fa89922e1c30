#include "engine/common/validate_options.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace precis {
namespace {

TEST(ValidateOptions, DefaultsAreValid) { EXPECT_TRUE(ValidateOptions(Options{}).ok()); }

// Each bound of the candidate search's work must be at least 1; the error
// names the field, so a caller knows what to change.
TEST(ValidateOptions, CandidateSearchBoundsMustBePositive) {
  const std::vector<std::pair<std::string, std::function<void(ClusterOptions&)>>> cases = {
      {"index_terms", [](ClusterOptions& c) { c.index_terms = 0; }},
      {"max_candidates", [](ClusterOptions& c) { c.max_candidates = 0; }},
      {"max_postings", [](ClusterOptions& c) { c.max_postings = 0; }},
      {"posting_budget", [](ClusterOptions& c) { c.posting_budget = 0; }},
  };
  for (const auto& [field, breaks] : cases) {
    Options o;
    breaks(o.cluster);
    const Status s = ValidateOptions(o);
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << field;
    EXPECT_NE(s.message().find(field), std::string::npos) << s.message();
  }
}

// posting_budget changes which candidates are found, so results cached under
// one fingerprint must not be reused under another.
TEST(ValidateOptions, PostingBudgetIsInTheFingerprint) {
  Options a, b;
  b.cluster.posting_budget = a.cluster.posting_budget / 2;
  EXPECT_NE(a.Fingerprint(), b.Fingerprint());
}

}  // namespace
}  // namespace precis
