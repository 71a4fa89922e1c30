// The JSON digest validates against engine/output/digest.schema.json and
// carries the Result faithfully. nlohmann-json has no schema validator and no
// dependency may be added, so the test checks the keywords the schema uses
// (type, enum, required, properties, additionalProperties, items, minimum,
// maximum, minItems); an unknown keyword fails the test, so the schema cannot
// silently outgrow the check.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "precis/digest.h"
#include "tests/output/sample_result.h"

namespace precis {
namespace {

using nlohmann::json;

bool HasType(const json& v, const std::string& type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "integer") return v.is_number_integer();
  if (type == "number") return v.is_number();
  if (type == "boolean") return v.is_boolean();
  return false;
}

void Validate(const json& schema, const json& v, const std::string& where,
              std::vector<std::string>* errors) {
  static const std::set<std::string> kKnown = {
      "$schema", "$id",      "title",      "description",
      "type",    "required", "properties", "additionalProperties",
      "items",   "minimum",  "maximum",    "minItems",
      "enum"};
  for (const auto& [key, value] : schema.items()) {
    if (!kKnown.count(key))
      errors->push_back(where + ": schema keyword '" + key + "' is not checked by this test");
  }
  if (schema.contains("type") && !HasType(v, schema["type"])) {
    errors->push_back(where + ": expected " + schema["type"].get<std::string>() + ", got " +
                      v.dump());
    return;
  }
  if (schema.contains("enum")) {
    const json& allowed = schema["enum"];
    if (std::find(allowed.begin(), allowed.end(), v) == allowed.end())
      errors->push_back(where + ": " + v.dump() + " is not one of " + allowed.dump());
  }
  if (schema.contains("minimum") && v.get<double>() < schema["minimum"].get<double>())
    errors->push_back(where + ": below minimum");
  if (schema.contains("maximum") && v.get<double>() > schema["maximum"].get<double>())
    errors->push_back(where + ": above maximum");
  if (v.is_object()) {
    for (const auto& r : schema.value("required", json::array())) {
      if (!v.contains(r.get<std::string>()))
        errors->push_back(where + ": missing " + r.get<std::string>());
    }
    const json props = schema.value("properties", json::object());
    for (const auto& [key, value] : v.items()) {
      if (props.contains(key)) {
        Validate(props[key], value, where + "." + key, errors);
      } else if (schema.value("additionalProperties", true) == false) {
        errors->push_back(where + ": unexpected property " + key);
      }
    }
  }
  if (v.is_array()) {
    if (schema.contains("minItems") && v.size() < schema["minItems"].get<size_t>())
      errors->push_back(where + ": fewer than minItems");
    if (schema.contains("items")) {
      for (size_t i = 0; i < v.size(); ++i)
        Validate(schema["items"], v[i], where + "[" + std::to_string(i) + "]", errors);
    }
  }
}

json Schema() {
  std::ifstream in(std::string(PRECIS_SOURCE_DIR) + "/engine/output/digest.schema.json");
  EXPECT_TRUE(in.good());
  return json::parse(in);
}

json Digest(const Result& r, int min_sources = 1) {
  std::ostringstream out;
  DigestOptions o;
  o.min_sources = min_sources;
  EXPECT_TRUE(WriteJson(r, o, out).ok());
  return json::parse(out.str());
}

TEST(JsonTest, ValidatesAgainstSchema) {
  std::vector<std::string> errors;
  Validate(Schema(), Digest(testing::SampleResult()), "$", &errors);
  EXPECT_TRUE(errors.empty()) << errors.front();
}

// A timeline story: events with their days and own sentences.
TEST(JsonTest, TimelineValidatesAgainstSchema) {
  Result r = testing::SampleResult();
  Story& story = r.stories[0];
  story.timeline = true;
  Event later = story.events[0];
  later.id = 7;
  later.documents = {1};
  later.near_duplicate_groups.clear();
  later.first_date = later.last_date = "2024-04-05";
  later.summary = story.summary;
  story.events[0].first_date = "2024-04-01";
  story.events[0].last_date = "2024-04-02";
  story.events.push_back(later);
  const json d = Digest(r);
  std::vector<std::string> errors;
  Validate(Schema(), d, "$", &errors);
  EXPECT_TRUE(errors.empty()) << errors.front();
  const json& events = d["stories"][0]["events"];
  EXPECT_EQ(d["stories"][0]["timeline"], true);
  EXPECT_EQ(events[0]["first_date"], "2024-04-01");
  EXPECT_EQ(events[0]["last_date"], "2024-04-02");
  EXPECT_EQ(events[0]["summary"].size(), 0u);
  EXPECT_EQ(events[1]["summary"][0]["sources"][0]["doc"], "a.txt");
}

TEST(JsonTest, ValidatorRejectsBrokenDigests) {
  json d = Digest(testing::SampleResult());
  d["stories"][0]["summary"][0]["sources"][0].erase("start");
  d["stories"][0]["extra"] = 1;
  d["documents"][0]["bytes"] = -1;
  std::vector<std::string> errors;
  Validate(Schema(), d, "$", &errors);
  EXPECT_EQ(errors.size(), 3u);
}

TEST(JsonTest, CarriesStoriesSourcesAndGroups) {
  const Result r = testing::SampleResult();
  const json d = Digest(r);
  ASSERT_EQ(d["stories"].size(), 2u);
  const json& s = d["stories"][0];
  EXPECT_EQ(s["label"], r.stories[0].label);
  EXPECT_EQ(s["reports"], 1);  // b.txt is a near-copy of a.txt
  EXPECT_EQ(s["documents"], json({"a.txt", "b.txt"}));
  const json& src = s["summary"][0]["sources"];
  ASSERT_EQ(src.size(), 2u);
  EXPECT_EQ(src[1]["doc"], "b.txt");
  EXPECT_EQ(src[1]["end"], r.documents[1].text.size());
  const json& g = s["events"][0]["near_duplicate_groups"][0];
  EXPECT_EQ(g["canonical"], "a.txt");
  EXPECT_DOUBLE_EQ(g["members"][1]["similarity"].get<double>(), 0.85);
  EXPECT_EQ(Digest(r, 2)["stories"].size(), 0u);  // both stories have one distinct report
}

// The writer streams the digest piece by piece; its text must be exactly
// what one tree dumped whole would give (nlohmann's two-space pretty print),
// with and without stories, documents and non-ASCII text.
TEST(JsonTest, StreamedTextIsThePrettyPrintOfItsTree) {
  Result r = testing::SampleResult();
  r.documents[0].title = "Élection « présidentielle » : \"quote\"\ttab\nline";
  for (int min_sources : {1, 2}) {
    std::ostringstream out;
    DigestOptions o;
    o.min_sources = min_sources;
    ASSERT_TRUE(WriteJson(r, o, out).ok());
    const std::string text = out.str();
    const nlohmann::ordered_json tree = nlohmann::ordered_json::parse(text);
    EXPECT_EQ(tree.dump(2) + "\n", text) << "min_sources " << min_sources;
  }
  std::ostringstream empty;
  ASSERT_TRUE(WriteJson(Result{}, DigestOptions{}, empty).ok());
  EXPECT_EQ(nlohmann::ordered_json::parse(empty.str()).dump(2) + "\n", empty.str());
  EXPECT_NE(empty.str().find("\"documents\": []"), std::string::npos);
}

// A result with more documents, stories and groups than one batch of the
// parallel writer holds: copies of the sample's, renamed.
Result LargeResult(size_t copies) {
  const Result sample = testing::SampleResult();
  Result r;
  r.fingerprint = sample.fingerprint;
  for (size_t c = 0; c < copies; ++c) {
    const uint32_t base = static_cast<uint32_t>(r.documents.size());
    for (DocumentResult d : sample.documents) {
      d.id = std::to_string(c) + "/" + d.id;
      r.documents.push_back(std::move(d));
    }
    for (Story s : sample.stories) {
      s.id += static_cast<uint32_t>(2 * c);
      for (uint32_t& d : s.documents) d += base;
      for (Event& e : s.events) {
        for (uint32_t& d : e.documents) d += base;
        for (uint32_t& g : e.near_duplicate_groups) g += static_cast<uint32_t>(c);
      }
      for (SummarySentence& sum : s.summary) {
        for (SourceSpan& span : sum.sources) span.doc += base;
      }
      r.stories.push_back(std::move(s));
    }
    DuplicateGroup g = sample.dedup.near_duplicate_groups[0];
    g.canonical += base;
    for (uint32_t& m : g.members) m += base;
    for (SimilarPair& p : g.pairs) p.a += base, p.b += base;
    r.dedup.near_duplicate_groups.push_back(g);
    DuplicateGroup exact;
    exact.canonical = base + 2;
    exact.members = {base + 2};
    r.dedup.exact_groups.push_back(exact);
  }
  return r;
}

// Rendered in batches on several threads, the text is the same as on one,
// and still the pretty print of its tree.
TEST(JsonTest, ManyThreadsWriteTheBytesOfOne) {
  const Result r = LargeResult(1500);
  std::string text[2];
  for (int threads : {1, 3}) {
    DigestOptions o;
    o.threads = threads;
    std::ostringstream out;
    ASSERT_TRUE(WriteJson(r, o, out).ok());
    text[threads == 1 ? 0 : 1] = out.str();
  }
  EXPECT_EQ(text[0], text[1]);
  const nlohmann::ordered_json tree = nlohmann::ordered_json::parse(text[1]);
  EXPECT_EQ(tree.dump(2) + "\n", text[1]);
  ASSERT_EQ(tree["documents"].size(), 4500u);
  EXPECT_EQ(tree["documents"][4499]["id"], "1499/c.txt");
  ASSERT_EQ(tree["stories"].size(), 3000u);
  EXPECT_EQ(tree["stories"][2999]["documents"], nlohmann::ordered_json({"1499/c.txt"}));
}

// The duplicate groups as `precis dedup --format json` prints them: settings,
// every group with its members and pairs, the same bytes whatever the
// threads, and the pretty print of their tree.
TEST(JsonTest, DuplicateGroupsCarryMembersPairsAndSettings) {
  Options options;
  options.dedup.threshold = 0.6;
  for (size_t copies : {size_t{0}, size_t{1}, size_t{1500}}) {
    const Result r = copies == 0 ? Result{} : LargeResult(copies);
    std::string text[2];
    for (int threads : {1, 3}) {
      DigestOptions o;
      o.threads = threads;
      std::ostringstream out;
      ASSERT_TRUE(WriteDuplicatesJson(r, options, o, out).ok());
      text[threads == 1 ? 0 : 1] = out.str();
    }
    EXPECT_EQ(text[0], text[1]) << copies;
    const nlohmann::ordered_json tree = nlohmann::ordered_json::parse(text[1]);
    EXPECT_EQ(tree.dump(2) + "\n", text[1]) << copies;
    EXPECT_DOUBLE_EQ(tree["options"]["threshold"].get<double>(), 0.6);
    EXPECT_EQ(tree["documents"], 3 * copies);
    ASSERT_EQ(tree["near_duplicate_groups"].size(), copies);
    ASSERT_EQ(tree["exact_groups"].size(), copies);
    if (copies == 0) continue;
    const auto& last = tree["near_duplicate_groups"][copies - 1];
    const std::string prefix = std::to_string(copies - 1) + "/";
    EXPECT_EQ(last["canonical"], prefix + "a.txt");
    ASSERT_EQ(last["members"].size(), 2u);
    EXPECT_EQ(last["members"][1]["id"], prefix + "b.txt");
    EXPECT_DOUBLE_EQ(last["members"][1]["similarity"].get<double>(), 0.85);
    ASSERT_EQ(last["pairs"].size(), 1u);
    EXPECT_DOUBLE_EQ(last["pairs"][0]["estimated"].get<double>(), 0.9);
    EXPECT_DOUBLE_EQ(last["pairs"][0]["containment"].get<double>(), 0.95);
    EXPECT_EQ(tree["exact_groups"][copies - 1]["members"],
              nlohmann::ordered_json({prefix + "c.txt"}));
  }
}

}  // namespace
}  // namespace precis
