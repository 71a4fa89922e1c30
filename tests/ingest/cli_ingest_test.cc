// What a user sees when `precis` reads bad input: each problem once on
// stderr, sentences for every good file, exit code 2 (1 for usage errors).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tests/ingest/bad_corpus.h"
#include "tests/testing/run_command.h"

namespace precis {
namespace {

using testing::RunCommand;
using testing::ShellQuote;

const std::string kCli = PRECIS_CLI;

size_t Occurrences(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + 1))
    ++n;
  return n;
}

TEST(CliIngest, BadInputExitsTwoReportsEachProblemOnceAndKeepsGoodFiles) {
  if (kCli.empty())
    GTEST_SKIP() << "the precis CLI is not part of this build (PRECIS_BUILD_CLI=OFF)";
  testing::BadCorpus corpus;
  testing::BuildBadCorpus(&corpus);
  const auto r = RunCommand(ShellQuote(kCli) + " sentences --quiet --threads 2 " +
                            ShellQuote(corpus.dir.path()));
  EXPECT_EQ(r.exit_code, 2) << r.err;

  // stderr: one line per problem, "where: reason (skipped)".
  std::istringstream err(r.err);
  std::string line;
  size_t lines = 0;
  while (std::getline(err, line)) ++lines;
  EXPECT_EQ(lines, corpus.problems.size()) << r.err;
  for (const auto& [where, reason] : corpus.problems) {
    EXPECT_EQ(Occurrences(r.err, where + ": "), 1u) << where << " in:\n" << r.err;
    EXPECT_NE(r.err.find(where + ": "), std::string::npos);
    const size_t at = r.err.find(where + ": ");
    if (at != std::string::npos) {
      const std::string report = r.err.substr(at, r.err.find('\n', at) - at);
      EXPECT_NE(report.find(reason), std::string::npos) << report;
    }
  }

  // stdout: sentences from every good document, and only from them.
  std::set<std::string> docs;
  std::istringstream out(r.out);
  while (std::getline(out, line)) {
    const auto j = nlohmann::json::parse(line);
    docs.insert(j["doc"].get<std::string>());
    const std::string text = j["text"];
    EXPECT_FALSE(text.empty());
    EXPECT_LT(j["start"].get<uint64_t>(), j["end"].get<uint64_t>());
  }
  EXPECT_EQ(docs, std::set<std::string>(corpus.good_ids.begin(), corpus.good_ids.end())) << r.out;
  // Latin-1 text comes out as UTF-8; its offsets index the Latin-1 file.
  EXPECT_NE(r.out.find("Le ministre de l'économie a présenté"), std::string::npos);
}

TEST(CliIngest, Latin1OffsetsSliceTheOriginalBytes) {
  if (kCli.empty())
    GTEST_SKIP() << "the precis CLI is not part of this build (PRECIS_BUILD_CLI=OFF)";
  testing::TempDir dir;
  const std::string file =
      dir.Write("latin1.txt",
                "Le ministre de l'\xE9"
                "conomie a pr\xE9sent\xE9 un plan de relance pour les entreprises fran\xE7"
                "aises. "
                "Selon lui, la croissance reviendra d\xE8s l'\xE9t\xE9 prochain, malgr\xE9 la "
                "hausse des prix de l'\xE9nergie.\n");
  const auto r = RunCommand(ShellQuote(kCli) + " sentences --quiet " + ShellQuote(dir.path()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string bytes = testing::ReadFile(file);
  std::istringstream out(r.out);
  std::string line;
  size_t sentences = 0;
  while (std::getline(out, line)) {
    const auto j = nlohmann::json::parse(line);
    const size_t start = j["start"], end = j["end"];
    ASSERT_LE(end, bytes.size());
    // The slice of the Latin-1 file, converted, is the sentence.
    std::string slice_utf8;
    for (char c : bytes.substr(start, end - start)) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x80) {
        slice_utf8 += c;
      } else {
        slice_utf8 += static_cast<char>(0xC0 | (u >> 6));
        slice_utf8 += static_cast<char>(0x80 | (u & 0x3F));
      }
    }
    EXPECT_EQ(slice_utf8, j["text"].get<std::string>());
    ++sentences;
  }
  EXPECT_EQ(sentences, 2u) << r.out;
}

TEST(CliIngest, MissingPathIsAUsageError) {
  if (kCli.empty())
    GTEST_SKIP() << "the precis CLI is not part of this build (PRECIS_BUILD_CLI=OFF)";
  const auto r = RunCommand(ShellQuote(kCli) + " sentences --quiet /nonexistent/precis/input");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("/nonexistent/precis/input"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

}  // namespace
}  // namespace precis
