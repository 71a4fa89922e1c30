// The JSON digest validates against engine/output/digest.schema.json and
// carries the Result faithfully. nlohmann-json has no schema validator and no
// dependency may be added, so the test checks the keywords the schema uses
// (type, required, properties, additionalProperties, items, minimum,
// maximum, minItems); an unknown keyword fails the test, so the schema cannot
// silently outgrow the check.
#include <gtest/gtest.h>

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
      "items",   "minimum",  "maximum",    "minItems"};
  for (const auto& [key, value] : schema.items()) {
    if (!kKnown.count(key))
      errors->push_back(where + ": schema keyword '" + key + "' is not checked by this test");
  }
  if (schema.contains("type") && !HasType(v, schema["type"])) {
    errors->push_back(where + ": expected " + schema["type"].get<std::string>() + ", got " +
                      v.dump());
    return;
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

}  // namespace
}  // namespace precis
