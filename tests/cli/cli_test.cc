// End-to-end checks of the `precis` binary: what a user sees.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/testing/run_command.h"

namespace precis {
namespace {

using testing::RunCommand;
using testing::ShellQuote;

const std::string kCli = PRECIS_CLI;
const std::string kSeeds = std::string(PRECIS_SOURCE_DIR) + "/corpora/seeds";

TEST(Cli, VersionAndHelp) {
  auto version = RunCommand(ShellQuote(kCli) + " --version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("precis 0."), std::string::npos) << version.out;

  auto help = RunCommand(ShellQuote(kCli) + " --help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* word : {"sentences", "dedup", "cluster", "digest", "Exit codes"}) {
    EXPECT_NE(help.out.find(word), std::string::npos) << "--help lacks " << word;
  }
}

TEST(Cli, UsageErrorsExitOne) {
  EXPECT_EQ(RunCommand(ShellQuote(kCli)).exit_code, 1);
  EXPECT_EQ(RunCommand(ShellQuote(kCli) + " no-such-command").exit_code, 1);
  auto missing = RunCommand(ShellQuote(kCli) + " sentences /nonexistent/folder");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("/nonexistent/folder"), std::string::npos) << missing.err;
}

// The story level's prior pairs can be set, and a negative count is refused.
TEST(Cli, ClusterTakesStoryPriorPairs) {
  auto plain =
      RunCommand(ShellQuote(kCli) + " cluster --quiet --story-prior-pairs 0 " + ShellQuote(kSeeds));
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  const auto stories = nlohmann::json::parse(plain.out).at("stories");
  EXPECT_FALSE(stories.empty());
  auto negative = RunCommand(ShellQuote(kCli) + " cluster --quiet --story-prior-pairs -1 " +
                             ShellQuote(kSeeds));
  EXPECT_EQ(negative.exit_code, 1);
  EXPECT_NE(negative.err.find("story-prior-pairs"), std::string::npos) << negative.err;
}

// `precis cluster --method streaming` clusters as `precis digest --method
// streaming` does (and as `precis ingest` would in date order); an unknown
// method is a usage error naming the choices.
TEST(Cli, ClusterTakesTheMethodOfDigest) {
  auto events = [](const nlohmann::json& out) {
    std::vector<std::vector<std::string>> all;
    for (const auto& story : out.at("stories")) {
      for (const auto& event : story.at("events"))
        all.push_back(event.at("documents").get<std::vector<std::string>>());
    }
    std::sort(all.begin(), all.end());
    return all;
  };
  auto cluster =
      RunCommand(ShellQuote(kCli) + " cluster --quiet --method streaming " + ShellQuote(kSeeds));
  ASSERT_EQ(cluster.exit_code, 0) << cluster.err;
  const auto clustered = nlohmann::json::parse(cluster.out);
  EXPECT_EQ(clustered.at("options").at("method"), "streaming");
  auto digest = RunCommand(ShellQuote(kCli) + " digest --quiet --format json --method streaming " +
                           ShellQuote(kSeeds));
  ASSERT_EQ(digest.exit_code, 0) << digest.err;
  EXPECT_EQ(events(clustered), events(nlohmann::json::parse(digest.out)));
  auto batch = RunCommand(ShellQuote(kCli) + " cluster --quiet " + ShellQuote(kSeeds));
  ASSERT_EQ(batch.exit_code, 0) << batch.err;
  EXPECT_EQ(nlohmann::json::parse(batch.out).at("options").at("method"), "agglomerative");
  auto unknown =
      RunCommand(ShellQuote(kCli) + " cluster --quiet --method kmeans " + ShellQuote(kSeeds));
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("streaming"), std::string::npos) << unknown.err;
}

TEST(Cli, SentencesOfTheSeedsAreCleanAndSliceTheFiles) {
  auto r = RunCommand(ShellQuote(kCli) + " sentences --quiet " + ShellQuote(kSeeds));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  size_t count = 0;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line);
    const std::string doc = j["doc"];
    const std::string text = j["text"];
    ++count;
    // Navigation and widget text never becomes a sentence.
    for (const char* junk :
         {"Accueil Actu", "Réduire", "Aucune annonce", "Tout nettoyer", "Chargement..."}) {
      EXPECT_EQ(text.find(junk), std::string::npos) << doc << ": " << text;
    }
    // The byte range slices the original file back to the sentence (modulo
    // whitespace collapsing).
    const std::string file = testing::ReadFile(kSeeds + "/" + doc);
    const size_t start = j["start"], end = j["end"];
    ASSERT_LE(end, file.size());
    std::string slice = file.substr(start, end - start), collapsed;
    bool space = false;
    for (char c : slice) {
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
        space = !collapsed.empty();
        continue;
      }
      if (space) collapsed += ' ';
      space = false;
      collapsed += c;
    }
    EXPECT_EQ(collapsed, text);
  }
  EXPECT_GT(count, 50u);
}

TEST(Cli, OutputDoesNotDependOnThreadCount) {
  auto one = RunCommand(ShellQuote(kCli) + " sentences --quiet --threads 1 " + ShellQuote(kSeeds));
  auto eight =
      RunCommand(ShellQuote(kCli) + " sentences --quiet --threads 8 " + ShellQuote(kSeeds));
  ASSERT_EQ(one.exit_code, 0);
  ASSERT_EQ(eight.exit_code, 0);
  EXPECT_FALSE(one.out.empty());
  EXPECT_EQ(one.out, eight.out);
}

// --stats covers the whole run, so that the stages add up to the wall time a
// benchmark measures: reading the inputs first, writing the output last, the
// engine's stages between them.
TEST(Cli, StatsRunFromReadingToWriting) {
  testing::TempDir dir;
  const std::string stats = dir.path() + "/stats.json", out = dir.path() + "/digest.json";
  auto r = RunCommand(ShellQuote(kCli) + " digest --quiet --format json --stats " +
                      ShellQuote(stats) + " -o " + ShellQuote(out) + " " + ShellQuote(kSeeds));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto timings = nlohmann::json::parse(testing::ReadFile(stats)).at("timings");
  ASSERT_GE(timings.size(), 4u);
  EXPECT_EQ(timings.front().at("stage"), "read");
  EXPECT_EQ(timings.front().at("items"), 5);  // the five seed reports
  EXPECT_EQ(timings.back().at("stage"), "write");
  std::vector<std::string> stages;
  for (const auto& t : timings) {
    stages.push_back(t.at("stage"));
    EXPECT_GE(t.at("seconds").get<double>(), 0.0) << stages.back();
  }
  for (const char* stage : {"analyse", "cluster", "summarise"}) {
    EXPECT_NE(std::find(stages.begin(), stages.end(), stage), stages.end()) << stage;
  }
  EXPECT_FALSE(testing::ReadFile(out).empty());
}

// An output that cannot be written whole is an error, not a short file and a
// success: /dev/full fails every write as a full disk does.
TEST(Cli, AFailedWriteIsAnError) {
  for (const char* command : {"dedup", "digest", "cluster", "sentences"}) {
    auto r = RunCommand(ShellQuote(kCli) + " " + command + " --quiet -o /dev/full " +
                        ShellQuote(kSeeds));
    EXPECT_EQ(r.exit_code, 1) << command;
    EXPECT_NE(r.err.find("/dev/full"), std::string::npos) << command << ": " << r.err;
  }
}

// A temporary file that cannot be written (here a file size limit, as a
// full disk would) ends the run with an error naming it, not a run that
// quietly holds the corpus in memory instead.
TEST(Cli, AFullTemporaryFolderIsAnErrorNamingTheFile) {
  testing::TempDir dir;
  // About 6 MB of text, three times what the limit below lets a file hold.
  std::string jsonl;
  uint64_t state = 42;
  for (int d = 0; d < 4000; ++d) {
    std::string text;
    while (text.size() < 1500) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      for (int k = 0; k < 3; ++k)
        text.push_back(static_cast<char>('a' + (state >> (20 + 5 * k)) % 26));
      if ((state >> 40) % 9 == 0) text.push_back('.');
      text.push_back(' ');
    }
    const nlohmann::json line = {{"id", d}, {"text", text}};
    jsonl.append(line.dump());
    jsonl.push_back('\n');
  }
  const std::string corpus = dir.Write("corpus.jsonl", jsonl);
  const std::string tmp = dir.path() + "/tmp";
  std::filesystem::create_directories(tmp);
  auto r = RunCommand("ulimit -f 4096; TMPDIR=" + ShellQuote(tmp) + " exec " + ShellQuote(kCli) +
                      " dedup --quiet " + ShellQuote(corpus));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find(tmp + "/precis-spill-"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("TMPDIR"), std::string::npos) << r.err;
  // With room, the same run succeeds.
  r = RunCommand("TMPDIR=" + ShellQuote(tmp) + " " + ShellQuote(kCli) + " dedup --quiet " +
                 ShellQuote(corpus));
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

// A folder is read as itself: `up -> ..` in it does not bring in the parent
// folder's files unless --follow asks for it, and the link not followed is
// named, so the user knows the run read less than the folder's links offer.
TEST(Cli, LinksLeadingOutsideTheFolderAreFollowedOnlyWithFollow) {
  testing::TempDir dir;
  dir.Write("outside.txt", "The harbour bridge reopened on Tuesday after two years of repairs.\n");
  dir.Write("news/a.txt", "The city council voted on the budget for next year on Monday.\n");
  const std::string news = dir.path() + "/news";
  std::filesystem::create_directory_symlink("..", news + "/up");

  auto plain = RunCommand(ShellQuote(kCli) + " sentences --quiet " + ShellQuote(news));
  EXPECT_EQ(plain.exit_code, 2) << plain.err;
  EXPECT_NE(plain.out.find("city council"), std::string::npos) << plain.out;
  EXPECT_EQ(plain.out.find("harbour bridge"), std::string::npos) << plain.out;
  EXPECT_NE(plain.err.find(news + "/up: symbolic link to "), std::string::npos) << plain.err;
  EXPECT_NE(plain.err.find("--follow"), std::string::npos) << plain.err;
  EXPECT_NE(plain.err.find("(skipped)"), std::string::npos) << plain.err;

  auto follow = RunCommand(ShellQuote(kCli) + " sentences --quiet --follow " + ShellQuote(news));
  EXPECT_NE(follow.out.find("\"doc\":\"up/outside.txt\""), std::string::npos) << follow.out;
  EXPECT_NE(follow.out.find("harbour bridge"), std::string::npos) << follow.out;
  // Through the parent, the folder being read comes round again: a loop,
  // reported once, which still makes the run one that skipped something.
  EXPECT_EQ(follow.exit_code, 2) << follow.err;
  EXPECT_NE(follow.err.find(news + "/up/news: symbolic link loop"), std::string::npos)
      << follow.err;
  size_t loops = 0;
  for (size_t at = follow.err.find("loop"); at != std::string::npos;
       at = follow.err.find("loop", at + 1)) {
    ++loops;
  }
  EXPECT_EQ(loops, 1u) << follow.err;

  for (const char* help : {" --help", " sentences --help"}) {
    auto r = RunCommand(ShellQuote(kCli) + help);
    EXPECT_NE(r.out.find("--follow"), std::string::npos) << help << ": " << r.out;
  }
}

// A folder of saved pages and texts: every JSON output gives each report's
// date and where it came from, and `precis explain` says it too.
TEST(Cli, ReportsCarryTheirDateAndItsSource) {
  testing::TempDir dir;
  const std::string body =
      "<p>The harbour crane fell into the water on Tuesday night as the storm reached the "
      "coast, the port authority said.</p><p>Divers inspected the wreck on Wednesday.</p>";
  dir.Write("news/meta.html",
            "<html><head><title>Crane falls</title><meta property=\"article:published_time\" "
            "content=\"2022-02-15T09:30:00+01:00\"></head><body><h1>Crane falls</h1>" +
                body + "</body></html>");
  dir.Write("news/ld.html",
            "<html><head><title>Crane falls in storm</title><script "
            "type=\"application/ld+json\">{\"@graph\": [{\"@type\": \"NewsArticle\", "
            "\"datePublished\": \"2022-02-16\"}]}</script></head><body><h1>Crane falls in "
            "storm</h1>" +
                body + "</body></html>");
  dir.Write("news/wire.txt",
            "Crane falls\n\nLONDON, Feb. 15, 2022 (Reuters) - The harbour crane fell into the "
            "water on Tuesday night, the port authority said.\n");
  dir.Write("news/undated.txt", "Football\n\nThe home side won the cup final on Saturday.\n");
  const std::string news = ShellQuote(dir.path() + "/news");
  const std::map<std::string, std::pair<std::string, std::string>> expected = {
      {"meta.html", {"2022-02-15", "html-meta"}},
      {"ld.html", {"2022-02-16", "json-ld"}},
      {"wire.txt", {"2022-02-15", "dateline"}},
      {"undated.txt", {"", ""}}};

  for (const char* command : {"cluster", "digest --format json"}) {
    auto r = RunCommand(ShellQuote(kCli) + " " + command + " --quiet " + news);
    ASSERT_EQ(r.exit_code, 0) << command << ": " << r.err;
    const auto docs = nlohmann::json::parse(r.out).at("documents");
    ASSERT_EQ(docs.size(), expected.size()) << command;
    for (const auto& d : docs) {
      const auto& [date, source] = expected.at(d.at("id").get<std::string>());
      EXPECT_EQ(d.at("date"), date) << command << " " << d;
      EXPECT_EQ(d.at("date_source"), source) << command << " " << d;
    }
  }

  // Duplicate groups name each member's date; two copies of one page here.
  dir.Write("copies/a.html", testing::ReadFile(dir.path() + "/news/meta.html"));
  dir.Write("copies/b.html", testing::ReadFile(dir.path() + "/news/meta.html"));
  auto dedup = RunCommand(ShellQuote(kCli) + " dedup --quiet --format json " +
                          ShellQuote(dir.path() + "/copies"));
  ASSERT_EQ(dedup.exit_code, 0) << dedup.err;
  const auto groups = nlohmann::json::parse(dedup.out).at("near_duplicate_groups");
  ASSERT_EQ(groups.size(), 1u) << dedup.out;
  for (const auto& m : groups[0].at("members")) {
    EXPECT_EQ(m.at("date"), "2022-02-15");
    EXPECT_EQ(m.at("date_source"), "html-meta");
  }

  auto explain_pair = [&](const std::string& a, const std::string& b) {
    return RunCommand(ShellQuote(kCli) + " explain " + ShellQuote(dir.path() + "/news/" + a) + " " +
                      ShellQuote(dir.path() + "/news/" + b));
  };
  auto explain = explain_pair("meta.html", "undated.txt");
  ASSERT_EQ(explain.exit_code, 0) << explain.err;
  EXPECT_NE(explain.out.find("A 2022-02-15 (html-meta), B no date"), std::string::npos)
      << explain.out;
  EXPECT_NE(explain.out.find("day weight 1.00"), std::string::npos) << explain.out;
  // A day apart, their similarity counts 0.75 toward one event (event_day_fade).
  auto next_day = explain_pair("wire.txt", "ld.html");
  ASSERT_EQ(next_day.exit_code, 0) << next_day.err;
  EXPECT_NE(next_day.out.find("day weight 0.75 (1 - days apart / 4)"), std::string::npos)
      << next_day.out;

  // `precis ingest` prints each fate with the date the report was read with.
  const std::string db = dir.path() + "/news.db";
  auto ingest = RunCommand(
      "printf '%s\\n' '{\"id\": \"u\", \"url\": \"https://n.example/2022/02/14/crane\", "
      "\"text\": \"The crane fell.\"}' '{\"id\": \"g\", \"date\": \"2022-02-13\", \"text\": "
      "\"The cup final.\"}' | " +
      ShellQuote(kCli) + " ingest --quiet --db " + ShellQuote(db) + " -");
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  std::istringstream fates(ingest.out);
  std::string line;
  std::vector<std::string> seen;
  while (std::getline(fates, line)) {
    const auto fate = nlohmann::json::parse(line);
    seen.push_back(fate.at("id").get<std::string>() + " " + fate.at("date").get<std::string>() +
                   " " + fate.at("date_source").get<std::string>());
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"u 2022-02-14 url", "g 2022-02-13 input"}));

  // The database keeps where each date came from: its digest names them too.
  auto digest =
      RunCommand(ShellQuote(kCli) + " digest --quiet --format json --db " + ShellQuote(db));
  ASSERT_EQ(digest.exit_code, 0) << digest.err;
  std::vector<std::string> stored;
  const auto digested = nlohmann::json::parse(digest.out);
  for (const auto& d : digested.at("documents")) {
    stored.push_back(d.at("id").get<std::string>() + " " + d.at("date").get<std::string>() + " " +
                     d.at("date_source").get<std::string>());
  }
  std::sort(stored.begin(), stored.end());
  EXPECT_EQ(stored, (std::vector<std::string>{"g 2022-02-13 input", "u 2022-02-14 url"}));
}

}  // namespace
}  // namespace precis
