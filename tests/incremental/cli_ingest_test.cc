// precis ingest / precis digest --db end to end through the CLI.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/incremental/corpus.h"
#include "tests/incremental/engine_helpers.h"
#include "tests/testing/run_command.h"

namespace precis {
namespace {

using testing::JsonLines;
using testing::RunCommand;
using testing::ShellQuote;

std::string Cli() { return ShellQuote(PRECIS_CLI); }

TEST(CliIngestTest, MalformedLinesAreReportedAndTheFeedGoesOn) {
  testing::TempDir dir;
  const std::string body =
      "A violent storm hit the northern coast on Monday night, cutting power to thousands of "
      "homes and flooding the harbour district.";
  const std::string feed =
      "{\"id\": \"a\", \"title\": \"Storm\", \"text\": \"" + body + "\"}\n" +
      "{\"id\": \"broken\", \"text\": \n" +          // line 2: not JSON
      "\n" +                                         // line 3: blank, ignored
      "{\"title\": \"no id\", \"text\": \"x\"}\n" +  // line 4: no id
      "{\"id\": \"b\", \"title\": \"Storm\", \"text\": \"" + body + "\"}\n" +
      "{\"id\": \"c\", \"text\": \"Parliament voted the budget on Tuesday after a long night of "
      "debate over pensions and the deficit.\"}\n";
  const std::string in = dir.Write("feed.jsonl", feed);
  const std::string db = dir.path() + "/news.db";
  const auto r = RunCommand(Cli() + " ingest -q --db " + ShellQuote(db) + " - < " + ShellQuote(in));
  EXPECT_EQ(r.exit_code, 2) << r.err;  // kExitSkipped
  EXPECT_NE(r.err.find("stdin:2:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("stdin:4:"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("stdin:3:"), std::string::npos) << r.err;
  const auto fates = JsonLines(r.out);
  ASSERT_EQ(fates.size(), 3u) << r.out;
  EXPECT_EQ(fates[0]["id"], "a");
  EXPECT_EQ(fates[0]["fate"], "new_story");
  EXPECT_EQ(fates[1]["id"], "b");
  EXPECT_EQ(fates[1]["fate"], "exact_duplicate");
  EXPECT_EQ(fates[1]["duplicate_of"], "a");
  EXPECT_EQ(fates[2]["id"], "c");
  EXPECT_EQ(fates[2]["fate"], "new_story");
  // A second run resumes: the stored ids are refused, the new one is added.
  const std::string more =
      dir.Write("more.jsonl", "{\"id\": \"a\", \"text\": \"again\"}\n{\"id\": \"d\", \"text\": \"" +
                                  body + " Rescue boats went out at dawn.\"}\n");
  const auto r2 =
      RunCommand(Cli() + " ingest -q --db " + ShellQuote(db) + " - < " + ShellQuote(more));
  EXPECT_EQ(r2.exit_code, 2);
  EXPECT_NE(r2.err.find("stdin:1: document id 'a' is already stored"), std::string::npos) << r2.err;
  const auto f2 = JsonLines(r2.out);
  ASSERT_EQ(f2.size(), 1u);
  EXPECT_EQ(f2[0]["sequence"], 4);
  // The digest of the database names every stored report.
  const auto d = RunCommand(Cli() + " digest -q --format json --db " + ShellQuote(db));
  ASSERT_EQ(d.exit_code, 0) << d.err;
  EXPECT_EQ(nlohmann::json::parse(d.out)["documents"].size(), 4u);
}

// The acceptance check: streaming a generated corpus (in date order)
// through `precis ingest` then `precis digest --db` gives the stories of a
// batch `precis digest --method streaming` of the same file.
TEST(CliIngestTest, IngestThenDigestEqualsBatchStreamingDigest) {
  if (!testing::EvalDataPresent()) {
    GTEST_SKIP()
        << "needs a corpus of many stories: the generator has only the seed reports without "
           "the labelled data (" PRECIS_EVAL_DIR ")";
  }
  testing::TempDir dir;
  std::string jsonl;
  for (const Document& d : testing::GeneratedStream(300, 21)) {
    jsonl +=
        nlohmann::json{
            {"id", d.id}, {"title", d.title}, {"text", d.text}, {"date", d.date}, {"lang", d.lang}}
            .dump() +
        "\n";
  }
  const std::string file = dir.Write("stream.jsonl", jsonl);
  const std::string db = dir.path() + "/news.db";
  const auto in = RunCommand(Cli() + " ingest -q --db " + ShellQuote(db) + " " + ShellQuote(file));
  ASSERT_EQ(in.exit_code, 0) << in.err;
  EXPECT_EQ(JsonLines(in.out).size(), 300u);
  const auto stored = RunCommand(Cli() + " digest -q -f json --db " + ShellQuote(db));
  const auto batch =
      RunCommand(Cli() + " digest -q -f json --method streaming " + ShellQuote(file));
  ASSERT_EQ(stored.exit_code, 0) << stored.err;
  ASSERT_EQ(batch.exit_code, 0) << batch.err;
  auto shape = [](const std::string& out) {
    std::vector<std::vector<std::vector<std::string>>> s;
    const nlohmann::json digest = nlohmann::json::parse(out);
    for (const auto& story : digest["stories"]) {
      auto& events = s.emplace_back();
      for (const auto& e : story["events"]) events.push_back(e["documents"]);
    }
    return s;
  };
  const auto a = shape(stored.out), b = shape(batch.out);
  EXPECT_GT(a.size(), 20u);
  EXPECT_LT(a.size(), 300u);
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace precis
