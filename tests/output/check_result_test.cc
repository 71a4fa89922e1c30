// The writers refuse a Result whose indices point nowhere (one assembled or
// edited by a caller) with InvalidArgument instead of reading out of range.
#include "engine/output/check_result.h"

#include <gtest/gtest.h>

#include <functional>
#include <sstream>

#include "precis/digest.h"
#include "precis/options.h"
#include "tests/output/sample_result.h"

namespace precis {
namespace {

std::vector<Status> WriteAll(const Result& r) {
  std::vector<Status> out;
  for (DigestFormat f : {DigestFormat::kMarkdown, DigestFormat::kJson, DigestFormat::kHtml}) {
    std::ostringstream s;
    out.push_back(WriteDigest(r, f, {}, s));
  }
  std::ostringstream s;
  out.push_back(WriteDuplicatesJson(r, Options{}, {}, s));
  return out;
}

TEST(CheckResult, AResultFromTheEngineShapePasses) {
  const Result r = testing::SampleResult();
  EXPECT_TRUE(output::CheckResult(r).ok());
  for (const Status& s : WriteAll(r)) EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST(CheckResult, EveryIndexOutOfRangeIsRefusedByEveryWriter) {
  const std::vector<std::pair<std::string, std::function<void(Result*)>>> breaks = {
      {"story document", [](Result* r) { r->stories[0].documents.push_back(99); }},
      {"event document", [](Result* r) { r->stories[0].events[0].documents.push_back(7); }},
      {"event group", [](Result* r) { r->stories[0].events[0].near_duplicate_groups = {5}; }},
      {"group member", [](Result* r) { r->dedup.near_duplicate_groups[0].members.push_back(10); }},
      {"group canonical", [](Result* r) { r->dedup.near_duplicate_groups[0].canonical = 3; }},
      {"pair", [](Result* r) { r->dedup.near_duplicate_groups[0].pairs[0].b = 4; }},
      {"exact group",
       [](Result* r) {
         r->dedup.exact_groups.push_back({8, {8, 9}, {}});
       }},
      {"summary source",
       [](Result* r) {
         r->stories[0].summary.push_back({"x", {{6, 0, 1}}});
       }},
  };
  for (const auto& [what, damage] : breaks) {
    Result r = testing::SampleResult();
    damage(&r);
    const Status check = output::CheckResult(r);
    EXPECT_EQ(check.code(), Status::Code::kInvalidArgument) << what;
    EXPECT_NE(check.message().find("inconsistent result"), std::string::npos) << what;
    for (const Status& s : WriteAll(r)) EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << what;
  }
}

}  // namespace
}  // namespace precis
