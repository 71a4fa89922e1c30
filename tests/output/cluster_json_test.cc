// WriteClusterJson (`precis cluster --format json`) and FateJson (the line of
// `precis ingest`), the writers the CLI and the Python package share.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "precis/digest.h"
#include "precis/engine.h"
#include "tests/output/sample_result.h"

namespace precis {
namespace {

using nlohmann::json;

std::string ClusterText(const Result& r, const Options& o = {}, int threads = 1) {
  std::ostringstream out;
  DigestOptions d;
  d.threads = threads;
  EXPECT_TRUE(WriteClusterJson(r, o, d, out).ok());
  return out.str();
}

TEST(ClusterJsonTest, StoriesEventsGroupsAndDocuments) {
  Result r = testing::SampleResult();
  Options o;
  o.cluster.event_threshold = 0.6;
  o.cluster.story_threshold = 0.2;
  const json j = json::parse(ClusterText(r, o));
  EXPECT_EQ(j["precis"], Version());
  EXPECT_EQ(j["options"], json({{"fingerprint", r.fingerprint},
                                {"method", "agglomerative"},
                                {"event_threshold", 0.6},
                                {"story_threshold", 0.2}}));
  o.cluster.method = ClusterMethod::kStreaming;
  EXPECT_EQ(json::parse(ClusterText(r, o))["options"]["method"], "streaming");
  ASSERT_EQ(j["documents"].size(), 3u);
  EXPECT_EQ(j["documents"][0], json({{"id", "a.txt"},
                                     {"title", r.documents[0].title},
                                     {"lang", "fr"},
                                     {"date", "2024-04-02"},
                                     {"date_source", ""}}));
  ASSERT_EQ(j["stories"].size(), 2u);
  const json& s = j["stories"][0];
  EXPECT_EQ(s["documents"], json({"a.txt", "b.txt"}));
  EXPECT_EQ(s["entities"], json({"Blinken", "Macron"}));
  const json& g = s["events"][0]["near_duplicate_groups"][0];
  EXPECT_EQ(g["canonical"], "a.txt");
  EXPECT_EQ(g["members"][0]["similarity"], 1.0);
  EXPECT_DOUBLE_EQ(g["members"][1]["similarity"].get<double>(), 0.85);
}

// A member without a pair of its own with the canonical (joined through
// another member) shows its best verified pair, as in the digest; the
// writer of the CLI before it moved into the library showed 0.
TEST(ClusterJsonTest, MemberWithoutAPairWithTheCanonical) {
  Result r = testing::SampleResult();
  DuplicateGroup& g = r.dedup.near_duplicate_groups[0];
  g.members = {0, 1, 2};
  g.pairs.push_back({1, 2, 0.7, 0.66, 0.8});
  r.stories[0].documents = {0, 1, 2};
  r.stories[0].events[0].documents = {0, 1, 2};
  r.stories.pop_back();
  const json j = json::parse(ClusterText(r));
  const json& members = j["stories"][0]["events"][0]["near_duplicate_groups"][0]["members"];
  EXPECT_DOUBLE_EQ(members[2]["similarity"].get<double>(), 0.66);
}

TEST(ClusterJsonTest, StreamedTextIsThePrettyPrintOfItsTree) {
  Result r = testing::SampleResult();
  for (int threads : {1, 4}) {
    const std::string text = ClusterText(r, {}, threads);
    EXPECT_EQ(text, nlohmann::ordered_json::parse(text).dump(2) + "\n");
  }
  Result empty;
  const std::string text = ClusterText(empty);
  EXPECT_EQ(text, nlohmann::ordered_json::parse(text).dump(2) + "\n");
  EXPECT_NE(text.find("\"stories\": []"), std::string::npos);
}

TEST(ClusterJsonTest, RefusesAnInconsistentResult) {
  Result r = testing::SampleResult();
  r.stories[0].events[0].near_duplicate_groups = {7};
  std::ostringstream out;
  EXPECT_EQ(WriteClusterJson(r, {}, {}, out).code(), Status::Code::kInvalidArgument);
}

TEST(FateJsonTest, TheLineOfPrecisIngest) {
  Fate f;
  f.id = "afp-2";
  f.kind = Fate::Kind::kNearDuplicate;
  f.duplicate_of = "afp-1";
  f.story = 3;
  f.event = 5;
  f.similarity = 0.912345;
  f.sequence = 12;
  EXPECT_EQ(FateJson(f, "2024-04-02", "dateline"),
            R"({"id":"afp-2","date":"2024-04-02","date_source":"dateline",)"
            R"("fate":"near_duplicate","duplicate_of":"afp-1","story":3,"event":5,)"
            R"("new_event":false,"similarity":0.9123,"sequence":12})");
  f.kind = Fate::Kind::kNewStory;
  f.duplicate_of.clear();
  f.new_event = true;
  f.replay = true;
  f.similarity = 0;
  const json j = json::parse(FateJson(f, "2024-04-02", ""));
  EXPECT_EQ(j["date_source"], "input");  // a date given without a source
  EXPECT_EQ(j["replay"], true);
  EXPECT_FALSE(j.contains("duplicate_of"));
  EXPECT_EQ(json::parse(FateJson(f, "", ""))["date_source"], "");
}

}  // namespace
}  // namespace precis
