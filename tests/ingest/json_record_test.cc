// ParseJsonRecord (fast reader, SAX fallback) against ParseJsonRecordReference
// (nlohmann's SAX parser alone): the same document or the same error for every
// line, hand-written and mutated.
#include "engine/ingest/json_record.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace precis::ingest {
namespace {

// Empty when both parses agree, else what differs.
std::string Difference(std::string_view line) {
  const StatusOr<Document> fast = ParseJsonRecord(line);
  const StatusOr<Document> reference = ParseJsonRecordReference(line);
  if (fast.ok() != reference.ok()) {
    return "fast " + (fast.ok() ? std::string("ok") : fast.status().ToString()) + ", reference " +
           (reference.ok() ? std::string("ok") : reference.status().ToString());
  }
  if (!fast.ok()) {
    return fast.status() == reference.status() ? ""
                                               : "fast " + fast.status().ToString() +
                                                     ", reference " + reference.status().ToString();
  }
  const Document &a = *fast, &b = *reference;
  for (auto [name, x, y] :
       {std::tuple{"id", &a.id, &b.id}, std::tuple{"title", &a.title, &b.title},
        std::tuple{"text", &a.text, &b.text}, std::tuple{"date", &a.date, &b.date},
        std::tuple{"url", &a.url, &b.url}, std::tuple{"lang", &a.lang, &b.lang},
        std::tuple{"source_path", &a.source_path, &b.source_path}}) {
    if (*x != *y) return std::string(name) + ": fast '" + *x + "', reference '" + *y + "'";
  }
  if (!a.source_map.empty() || !b.source_map.empty()) return "source map not empty";
  return "";
}

// Lines of every shape the fast reader takes, gives up on, or must refuse.
const std::vector<std::string> kLines = {
    R"({"id": "a", "title": "T", "text": "Body.", "url": "https://x/a", "date": "2024-04-02", "lang": "fr"})",
    R"({"id":"s00000000-00","title":"Macron et Blinken","text":"Le président d’État.\n\n« Le secrétaire » “a dit”"})",
    R"(  {"id": "ws", "text": "around"}  )",
    "{\"id\": \"crlf\", \"text\": \"line\"}\r",
    "\t{ \"id\" : \"tabs\" ,\t\"text\"\r:\n\"x\" }\t",
    R"({"id": 42, "text": "integer id"})",
    R"({"id": -7, "text": "negative id"})",
    R"({"id": 18446744073709551615, "text": "largest unsigned"})",
    R"({"id": 18446744073709551616, "text": "too large: a float"})",
    R"({"id": 1.5, "text": "float id"})",
    R"({"id": "n", "text": "numbers elsewhere", "event": 3, "score": -0, "x": 12345678901234567})",
    R"({"id": "f", "text": "floats elsewhere", "event": 3.25, "y": 1e5, "z": -2E-3})",
    R"({"id": "o", "text": "overflow elsewhere", "w": 1e999})",
    R"({"id": "big", "text": "long integer elsewhere", "w": 123456789012345678901234567890})",
    R"({"id": "lit", "text": "literals", "a": true, "b": false, "c": null})",
    R"({"id": "nested", "text": "nested", "meta": {"a": [1, 2, {"b": null}]}, "tags": []})",
    R"({"id": "t", "title": ["x"], "text": "bad title type"})",
    R"({"id": "t", "title": {"x": 1}, "text": "bad title type"})",
    R"({"id": "t", "title": true, "text": "bad title type"})",
    R"({"id": "t", "title": null, "url": null, "text": "null is absent"})",
    R"({"id": null, "text": "null id"})",
    R"({"id": "", "text": "empty id"})",
    R"({"id": true, "text": "bool id"})",
    R"({"id": "x", "text": null})",
    R"({"id": "x", "text": 5})",
    R"({"id": "x", "text": "   ", "title": ""})",
    R"({"id": "x", "text": "", "title": "Headline only"})",
    R"({"id": "dup", "text": "first", "text": "last wins"})",
    R"({"id": "dup", "text": "first", "text": 5})",
    R"({"id": "dup", "text": 5, "text": "string last"})",
    R"({"i\u0064": "escaped key", "t\u0065xt": "yes"})",
    R"({"id\u0000": "key with NUL", "text": "t"})",
    R"({"id": "esc", "text": "\" \\ \/ \b \f \n \r \t \u00e9 \u20AC \ud83d\ude00 \u0000 end"})",
    R"({"id": "esc", "text": "lone high \ud83d here"})",
    R"({"id": "esc", "text": "lone low \ude00 here"})",
    R"({"id": "esc", "text": "high then other \ud83d\u0041"})",
    R"({"id": "esc", "text": "high then text \ud83dabc"})",
    R"({"id": "esc", "text": "short \u12"})",
    R"({"id": "esc", "text": "bad hex \u12g4"})",
    R"({"id": "esc", "text": "bad escape \x41"})",
    R"({"id": "esc", "text": "escape at end \)",
    "{\"id\": \"ctl\", \"text\": \"tab\tinside\"}",
    "{\"id\": \"ctl\", \"text\": \"del\x7finside\"}",
    "{\"id\": \"utf8\", \"text\": \"ok \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf\"}",
    "{\"id\": \"utf8\", \"text\": \"overlong \xc0\xaf\"}",
    "{\"id\": \"utf8\", \"text\": \"overlong \xe0\x80\xaf\"}",
    "{\"id\": \"utf8\", \"text\": \"surrogate \xed\xa0\x80\"}",
    "{\"id\": \"utf8\", \"text\": \"too high \xf4\x90\x80\x80\"}",
    "{\"id\": \"utf8\", \"text\": \"lone continuation \x80\"}",
    "{\"id\": \"utf8\", \"text\": \"cut \xe2\x82\"}",
    "{\"id\": \"utf8\", \"text\": \"cut at end \xe2\x82",
    "{\"id\": \"utf8\", \"text\": \"latin1 caf\xe9\"}",
    "\xef\xbb\xbf{\"id\": \"bom\", \"text\": \"after a BOM\"}",
    "{\"id\": \"bom\", \"text\": \"BOM inside \xef\xbb\xbf\"}",
    R"({})",
    R"({"text": "no id"})",
    R"({"id": "x"})",
    R"([1, 2])",
    R"("a string")",
    R"(42)",
    R"(null)",
    R"({"id": "x", "text": "t",})",
    R"({"id": "x", "text": "t"} extra)",
    R"({"id": "x", "text": "t"}})",
    R"({"id": "x", "text": "t"}{})",
    R"({"id": "x" "text": "t"})",
    R"({"id": "x", "text": "t")",
    R"({"id": "x", "text": "t)",
    R"({"id": "x", "text": tru})",
    R"({"id": "x", "text": "t", "a": nul})",
    R"({"id": "x", "text": "t", "a": truex})",
    R"({"id": "x", "text": "t", "a": 01})",
    R"({"id": "x", "text": "t", "a": -})",
    R"({"id": "x", "text": "t", "a": 1.})",
    R"({"id": "x", "text": "t", "a": .5})",
    R"({"id": "x", "text": "t", "a": 1e})",
    R"({"id": "x", "text": "t", "a": +1})",
    R"({'id': 'x'})",
    R"({id: "x"})",
    R"({"id": "x", "text": "t" /* comment */})",
    "{\"id\": \"x\", \"text\": \"t\"}\x00",
    "{\"id\": \"x\",\x0b\"text\": \"t\"}",
    "{\"id\": \"x\",\f\"text\": \"t\"}",
    "",
    "{",
    "}",
    "{\"",
};

TEST(ParseJsonRecord, AgreesWithTheReferenceOnEveryShape) {
  for (const std::string& line : kLines) EXPECT_EQ(Difference(line), "") << line;
}

TEST(ParseJsonRecord, KeepsFields) {
  const StatusOr<Document> doc = ParseJsonRecord(
      R"({"id": "esc", "title": "\u00c9t\u00e9", "text": "a\nb \ud83d\ude00 \"q\"", "lang": "fr"})");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->id, "esc");
  EXPECT_EQ(doc->title, "Été");
  EXPECT_EQ(doc->text, "a\nb 😀 \"q\"");
  EXPECT_EQ(doc->lang, "fr");
}

// Random edits of the lines above (fixed seed): bytes and fragments that sit
// on the fast reader's edges (quotes, escapes, surrogates, UTF-8 leads and
// continuations, control bytes, numbers, literals, brackets).
TEST(ParseJsonRecord, AgreesWithTheReferenceOnMutatedLines) {
  const std::vector<std::string> fragments = {"\"",
                                              "\\",
                                              "\\u",
                                              "\\ud83d",
                                              "\\ude00",
                                              "\\u00e9",
                                              "\\n",
                                              "\xc3\xa9",
                                              "\xf0\x9f\x98\x80",
                                              "\xc3",
                                              "\xa9",
                                              "\xed\xa0",
                                              "\xe0\x9f",
                                              "\xf4\x90",
                                              "\xff",
                                              "\x00",
                                              "\x1f",
                                              "\x7f",
                                              " ",
                                              "\t",
                                              "\r",
                                              "\n",
                                              ",",
                                              ":",
                                              "{",
                                              "}",
                                              "[",
                                              "]",
                                              "null",
                                              "true",
                                              "false",
                                              "0",
                                              "-",
                                              "1",
                                              "123456789012345678901",
                                              "1e999",
                                              ".",
                                              "e",
                                              "\"id\":",
                                              "\"text\":",
                                              "\"title\":",
                                              "\"x\":"};
  std::mt19937 rng(7);
  int failures = 0;
  for (int round = 0; round < 100000 && failures < 10; ++round) {
    std::string line = kLines[rng() % kLines.size()];
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; ++e) {
      const size_t pos = line.empty() ? 0 : rng() % (line.size() + 1);
      switch (rng() % 4) {
        case 0:  // insert a fragment
          line.insert(pos, fragments[rng() % fragments.size()]);
          break;
        case 1:  // replace a byte by any byte
          if (pos < line.size()) line[pos] = static_cast<char>(rng() % 256);
          break;
        case 2:  // delete a few bytes
          if (pos < line.size()) line.erase(pos, 1 + rng() % 3);
          break;
        default:  // replace a byte by a fragment
          if (pos < line.size()) line.replace(pos, 1, fragments[rng() % fragments.size()]);
          break;
      }
    }
    const std::string difference = Difference(line);
    if (!difference.empty()) {
      ++failures;
      ADD_FAILURE() << difference << "\nline: " << line;
    }
  }
}

}  // namespace
}  // namespace precis::ingest
