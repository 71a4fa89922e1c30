#include "tools/load_test/digest_check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace precis::load {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using Json = nlohmann::json;

Json Event(int id, std::vector<std::string> docs) {
  // A near-duplicate group and its members name documents too: the checks
  // must not count those as placements.
  Json groups = Json::array();
  if (!docs.empty()) {
    groups.push_back({{"canonical", docs[0]},
                      {"members", Json::array({{{"id", docs[0]}, {"similarity", 1.0}}})}});
  }
  return {{"id", id}, {"label", "e"}, {"documents", docs}, {"near_duplicate_groups", groups}};
}

// Lists are passed as std::vector<Json>: a one-element brace list of a Json
// is a copy of that element under clang++ but a one-element array under g++.
Json Story(int id, std::vector<std::string> docs, std::vector<Json> events) {
  Json summary = Json::array();
  if (!docs.empty()) {
    summary.push_back(
        {{"text", "A sentence."},
         {"sources",
          Json::array({{{"doc", docs[0]}, {"start", 0}, {"end", 11}, {"similarity", 1.0}}})}});
  }
  return {
      {"id", id},          {"label", "s"},     {"reports", docs.size()}, {"entities", {"Paris"}},
      {"documents", docs}, {"events", events}, {"summary", summary}};
}

Json Digest(std::vector<std::string> ids, std::vector<Json> stories) {
  Json documents = Json::array();
  for (const std::string& id : ids) {
    documents.push_back({{"id", id},
                         {"title", "t"},
                         {"lang", "fr"},
                         {"date", "2024-01-01"},
                         {"url", ""},
                         {"path", ""},
                         {"bytes", 10},
                         {"sentences", 1},
                         {"words", 2}});
  }
  return {{"precis", "0.1.0"},
          {"options", {{"fingerprint", "x"}, {"min_sources", 1}}},
          {"documents", documents},
          {"stories", stories}};
}

// a, b in story 0 (two events), c alone in story 1.
Json Valid() {
  return Digest({"a", "b", "c"}, {Story(0, {"a", "b"}, {Event(0, {"a"}), Event(1, {"b"})}),
                                  Story(1, {"c"}, {Event(2, {"c"})})});
}

TEST(CheckDigest, AcceptsAConsistentDigest) {
  const DigestCheck c = CheckDigest(Valid().dump(2));
  EXPECT_THAT(c.problems, IsEmpty());
  EXPECT_THAT(c.documents, ElementsAre("a", "b", "c"));
  EXPECT_EQ(c.stories, 2u);
}

TEST(CheckDigest, AcceptsAnEmptyDatabasesDigest) {
  const DigestCheck c = CheckDigest(Digest({}, {}).dump());
  EXPECT_THAT(c.problems, IsEmpty());
  EXPECT_THAT(c.documents, IsEmpty());
}

TEST(CheckDigest, ADocumentInTwoEventsIsAProblem) {
  Json d = Digest({"a", "b"}, {Story(0, {"a", "b"}, {Event(0, {"a", "b"})}),
                               Story(1, {"b"}, {Event(1, {"b"})})});
  const DigestCheck c = CheckDigest(d.dump());
  ASSERT_THAT(c.problems, SizeIs(1));
  EXPECT_THAT(c.problems[0], HasSubstr("document b is in 2 events"));
}

TEST(CheckDigest, ADocumentInNoEventIsAProblem) {
  Json d = Digest({"a", "b"}, {Story(0, {"a"}, {Event(0, {"a"})})});
  const DigestCheck c = CheckDigest(d.dump());
  ASSERT_THAT(c.problems, SizeIs(1));
  EXPECT_THAT(c.problems[0], HasSubstr("document b is in 0 events"));
}

TEST(CheckDigest, AStoryListingOtherDocumentsThanItsEventsIsAProblem) {
  Json d = Digest({"a", "b"}, {Story(0, {"a"}, {Event(0, {"a", "b"})})});
  const DigestCheck c = CheckDigest(d.dump());
  ASSERT_THAT(c.problems, SizeIs(1));
  EXPECT_THAT(c.problems[0], HasSubstr("story 0"));
}

TEST(CheckDigest, AnEventHoldingAnUnlistedDocumentIsAProblem) {
  Json d = Digest({"a"}, {Story(0, {"a", "z"}, {Event(0, {"a", "z"})})});
  const DigestCheck c = CheckDigest(d.dump());
  ASSERT_THAT(c.problems, SizeIs(1));
  EXPECT_THAT(c.problems[0], HasSubstr("z, which the digest's documents do not list"));
}

TEST(CheckDigest, ADocumentListedTwiceIsAProblem) {
  Json d = Digest({"a", "a"}, {Story(0, {"a"}, {Event(0, {"a"})})});
  const DigestCheck c = CheckDigest(d.dump());
  ASSERT_THAT(c.problems, SizeIs(1));
  EXPECT_THAT(c.problems[0], HasSubstr("listed twice"));
}

TEST(CheckDigest, TruncatedJsonIsAProblem) {
  const std::string text = Valid().dump(2);
  const DigestCheck c = CheckDigest(std::string_view(text).substr(0, text.size() / 2));
  ASSERT_THAT(c.problems, SizeIs(1));
  EXPECT_THAT(c.problems[0], HasSubstr("invalid JSON"));
}

TEST(CheckDigest, OtherJsonIsNotADigest) {
  for (const char* text : {"[]", "{\"documents\": []}", "\"documents\""}) {
    const DigestCheck c = CheckDigest(text);
    ASSERT_THAT(c.problems, SizeIs(1)) << text;
    EXPECT_THAT(c.problems[0], HasSubstr("not a digest")) << text;
  }
}

TEST(CheckDigest, ListsAFewProblemsAndCountsTheRest) {
  std::vector<std::string> ids;
  // Appended, not "d" + to_string(i): GCC 12's -Wrestrict misfires on that.
  for (int i = 0; i < 12; ++i) ids.push_back(std::string("d").append(std::to_string(i)));
  const DigestCheck c = CheckDigest(Digest(ids, {}).dump());
  ASSERT_THAT(c.problems, SizeIs(6));
  EXPECT_EQ(c.problems.back(), "... and 7 more");
}

TEST(GrowthCheck, AcceptsDigestsThatOnlyGrow) {
  const std::unordered_map<std::string, uint32_t> feed = {{"a", 0}, {"b", 1}, {"c", 2}};
  GrowthCheck growth(&feed);
  EXPECT_THAT(growth.Next({"a"}), IsEmpty());
  EXPECT_THAT(growth.Next({"a"}), IsEmpty());
  EXPECT_THAT(growth.Next({"b", "a", "c"}), IsEmpty());
}

TEST(GrowthCheck, ADocumentThatDisappearsIsAProblem) {
  const std::unordered_map<std::string, uint32_t> feed = {{"a", 0}, {"b", 1}, {"c", 2}};
  GrowthCheck growth(&feed);
  EXPECT_THAT(growth.Next({"a", "b"}), IsEmpty());
  const std::vector<std::string> p = growth.Next({"a", "c"});
  ASSERT_THAT(p, SizeIs(1));
  EXPECT_THAT(p[0], HasSubstr("1 documents of the previous digest (2) are missing"));
  EXPECT_THAT(p[0], HasSubstr("e.g. b"));
  // Judged against the digest just seen, not the largest one so far.
  EXPECT_THAT(growth.Next({"a", "c"}), IsEmpty());
}

TEST(GrowthCheck, AnIdOutsideTheFeedIsAProblem) {
  const std::unordered_map<std::string, uint32_t> feed = {{"a", 0}};
  GrowthCheck growth(&feed);
  const std::vector<std::string> p = growth.Next({"a", "x"});
  ASSERT_THAT(p, SizeIs(1));
  EXPECT_THAT(p[0], HasSubstr("x is not a report of the feed"));
}

}  // namespace
}  // namespace precis::load
