// The newsroom path through the CLI under concurrent use and faults: digests
// pulled while `precis ingest` writes, two writers on one database, a feed
// killed at random moments and re-sent, a file size limit reached mid-feed.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <thread>

#include "tests/incremental/corpus.h"
#include "tests/incremental/engine_helpers.h"
#include "tests/testing/run_command.h"

extern char** environ;

namespace precis {
namespace {

using testing::JsonLines;
using testing::RunCommand;
using testing::ShellQuote;

std::string Cli() { return ShellQuote(PRECIS_CLI); }

// `n` generated reports in date order as JSON Lines.
std::string Feed(size_t n, uint64_t seed) {
  std::string jsonl;
  for (const Document& d : testing::GeneratedStream(n, seed)) {
    jsonl += nlohmann::json{{"id", d.id}, {"title", d.title}, {"text", d.text}, {"date", d.date}}
                 .dump() +
             "\n";
  }
  return jsonl;
}

// Starts `command` under /bin/sh (which should `exec` the program, so that
// the pid is the program's).
pid_t Spawn(const std::string& command) {
  const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
  pid_t pid = 0;
  if (posix_spawn(&pid, "/bin/sh", nullptr, nullptr, const_cast<char**>(argv), environ) != 0)
    return -1;
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

size_t CountLines(const std::string& path) {
  const std::string text = testing::ReadFile(path);
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

// id -> (story, event) of every report in a `precis digest --format json`.
std::map<std::string, std::pair<uint32_t, uint32_t>> Placed(const nlohmann::json& digest) {
  std::map<std::string, std::pair<uint32_t, uint32_t>> placed;
  for (const auto& story : digest["stories"]) {
    for (const auto& event : story["events"]) {
      for (const auto& id : event["documents"])
        placed[id.get<std::string>()] = {story["id"].get<uint32_t>(), event["id"].get<uint32_t>()};
    }
  }
  return placed;
}

TEST(CliFaultsTest, DigestsPulledWhileIngestWritesAreConsistent) {
  testing::TempDir dir;
  constexpr size_t kDocs = 3000;
  const std::string feed = dir.Write("feed.jsonl", Feed(kDocs, 3));
  const std::string db = dir.path() + "/news.db";
  const pid_t writer = Spawn("exec " + Cli() + " ingest -q --db " + ShellQuote(db) + " " +
                             ShellQuote(feed) + " > /dev/null");
  ASSERT_GT(writer, 0);
  size_t digests = 0, during = 0, last = 0;
  int status = 0;
  bool running = true;
  while (running) {
    running = waitpid(writer, &status, WNOHANG) == 0;
    const auto r = RunCommand(Cli() + " digest -q -n 1 --format json --db " + ShellQuote(db));
    if (r.exit_code != 0 && r.err.find("no such database") != std::string::npos) continue;
    if (r.exit_code != 0 &&
        r.err.find("not a precis database (no settings yet)") != std::string::npos)
      continue;  // the writer is creating it
    ASSERT_EQ(r.exit_code, 0) << "digest " << digests << " failed: " << r.err;
    EXPECT_EQ(r.err, "");
    const nlohmann::json d = nlohmann::json::parse(r.out);
    const size_t n = d["documents"].size();
    EXPECT_GE(n, last) << "a later digest has fewer reports";
    EXPECT_EQ(Placed(d).size(), n) << "every report in one event of one story";
    last = n;
    if (running && n > 0 && n < kDocs) ++during;
    ++digests;
  }
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_GE(during, 2u) << "too few digests while the ingest was writing (" << digests << ")";
  EXPECT_EQ(last, kDocs);
}

TEST(CliFaultsTest, ASecondWriterStopsAtOnceNamingTheFirst) {
  testing::TempDir dir;
  const std::string all = Feed(200, 5);
  const size_t half = all.find('\n', all.size() / 2) + 1;
  const std::string first_half = all.substr(0, half), second_half = all.substr(half);
  const std::string second = dir.Write("second.jsonl", second_half);
  const std::string db = dir.path() + "/news.db";
  const std::string fifo = dir.path() + "/feed.fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  const std::string out1 = dir.path() + "/first.out";
  const pid_t first = Spawn("exec " + Cli() + " ingest -q --db " + ShellQuote(db) + " - < " +
                            ShellQuote(fifo) + " > " + ShellQuote(out1));
  ASSERT_GT(first, 0);
  const int feed = open(fifo.c_str(), O_WRONLY);  // waits for the first writer to open it
  ASSERT_GE(feed, 0);
  const size_t some = first_half.find('\n', first_half.size() / 2) + 1;
  ASSERT_EQ(write(feed, first_half.data(), some), static_cast<ssize_t>(some));
  // The first writer holds the database once it has printed a fate.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  while (CountLines(out1) == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_GT(CountLines(out1), 0u);

  const auto refused =
      RunCommand(Cli() + " ingest -q --db " + ShellQuote(db) + " " + ShellQuote(second));
  EXPECT_EQ(refused.exit_code, 1) << refused.err;
  EXPECT_EQ(refused.out, "") << "the second writer read its input";
  EXPECT_NE(refused.err.find("another writer"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("pid " + std::to_string(first)), std::string::npos) << refused.err;
  EXPECT_EQ(refused.err.find("skipped"), std::string::npos) << refused.err;
  // Readers are not writers.
  EXPECT_EQ(RunCommand(Cli() + " digest -q --db " + ShellQuote(db)).exit_code, 0);

  const std::string rest = first_half.substr(some);
  ASSERT_EQ(write(feed, rest.data(), rest.size()), static_cast<ssize_t>(rest.size()));
  close(feed);
  EXPECT_EQ(Wait(first), 0);
  // Once the first is done, the second feed goes in: both are stored.
  const auto later =
      RunCommand(Cli() + " ingest -q --db " + ShellQuote(db) + " " + ShellQuote(second));
  EXPECT_EQ(later.exit_code, 0) << later.err;
  const auto d = RunCommand(Cli() + " digest -q -f json --db " + ShellQuote(db));
  ASSERT_EQ(d.exit_code, 0) << d.err;
  EXPECT_EQ(nlohmann::json::parse(d.out)["documents"].size(), 200u);
}

TEST(CliFaultsTest, AFeedKilledAtRandomMomentsAndResentGivesEveryReportOneFate) {
  testing::TempDir dir;
  constexpr size_t kDocs = 400;
  const std::string feed = dir.Write("feed.jsonl", Feed(kDocs, 8));
  const std::string db = dir.path() + "/news.db";
  std::mt19937 random(20261207);
  std::vector<nlohmann::json> lines;
  constexpr int kKills = 5;
  int killed = 0;
  for (int round = 0; round <= kKills; ++round) {
    const std::string out = dir.path() + "/run" + std::to_string(round) + ".out";
    const pid_t pid = Spawn("exec " + Cli() + " ingest -q --db " + ShellQuote(db) + " " +
                            ShellQuote(feed) + " > " + ShellQuote(out));
    ASSERT_GT(pid, 0);
    if (round < kKills) {
      // A random point of the feed (counted in printed lines, which include
      // the replays of what earlier runs stored): the run may be replaying,
      // adding, or between a commit and its line when it dies.
      const size_t at = std::uniform_int_distribution<size_t>(1, kDocs - 40)(random);
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
      int status = 0;
      while (CountLines(out) < at && waitpid(pid, &status, WNOHANG) == 0 &&
             std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      kill(pid, SIGKILL);
      killed += Wait(pid) == 128 + SIGKILL;
    } else {
      EXPECT_EQ(Wait(pid), 0) << "replays must not change the exit status";
    }
    for (auto& j : JsonLines(testing::ReadFile(out))) lines.push_back(std::move(j));
  }
  EXPECT_GE(killed, 3) << "most runs should have been killed mid-feed";
  EXPECT_TRUE(testing::IntegrityOk(db));

  const auto d = RunCommand(Cli() + " digest -q -f json --db " + ShellQuote(db));
  ASSERT_EQ(d.exit_code, 0) << d.err;
  const auto placed = Placed(nlohmann::json::parse(d.out));
  ASSERT_EQ(placed.size(), kDocs);
  std::map<std::string, int> decided, replayed;
  std::map<std::string, nlohmann::json> first_line;
  for (const nlohmann::json& j : lines) {
    const std::string id = j["id"];
    (j.value("replay", false) ? replayed : decided)[id]++;
    // Every printed fate is stored, and every line of a report agrees.
    ASSERT_TRUE(placed.count(id)) << id << " was printed but is not stored";
    EXPECT_EQ(placed.at(id), std::make_pair(j["story"].get<uint32_t>(), j["event"].get<uint32_t>()))
        << id;
    auto [it, fresh] = first_line.emplace(id, j);
    if (!fresh) {
      EXPECT_EQ(it->second["sequence"], j["sequence"]) << id;
      EXPECT_EQ(it->second["fate"], j["fate"]) << id;
    }
  }
  size_t replays = 0;
  for (const auto& [id, where] : placed) {
    EXPECT_LE(decided[id], 1) << id << " was decided twice";
    EXPECT_GE(decided[id] + replayed[id], 1) << id << " never got a fate";
    replays += static_cast<size_t>(replayed[id]);
  }
  EXPECT_GT(replays, 0u) << "a resumed feed re-sends stored reports";
}

TEST(CliFaultsTest, AFullDiskStopsTheRunAndALaterRunResumes) {
  testing::TempDir dir;
  constexpr size_t kDocs = 300;
  const std::string feed = dir.Write("feed.jsonl", Feed(kDocs, 12));
  const std::string db = dir.path() + "/news.db";
  // A file size limit (RLIMIT_FSIZE, in 512-byte blocks for sh's ulimit)
  // well below what the feed needs: precis ignores SIGXFSZ, so its writes
  // fail with EFBIG as on a full disk instead of the signal killing it.
  const auto full = RunCommand("ulimit -f 400; exec " + Cli() + " ingest -q --db " +
                               ShellQuote(db) + " " + ShellQuote(feed));
  EXPECT_EQ(full.exit_code, 1) << full.err;
  EXPECT_NE(full.err.find(db), std::string::npos) << "the error names the database: " << full.err;
  EXPECT_NE(full.err.find("run it again to resume"), std::string::npos) << full.err;
  EXPECT_EQ(full.err.find("(skipped)"), std::string::npos) << "no report is skipped: " << full.err;
  const auto printed = JsonLines(full.out);
  ASSERT_GT(printed.size(), 0u);
  ASSERT_LT(printed.size(), kDocs);
  EXPECT_TRUE(testing::IntegrityOk(db));

  const auto resumed =
      RunCommand(Cli() + " ingest -q --db " + ShellQuote(db) + " " + ShellQuote(feed));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  const auto again = JsonLines(resumed.out);
  ASSERT_EQ(again.size(), kDocs);
  for (size_t i = 0; i < printed.size(); ++i) {
    EXPECT_TRUE(again[i].value("replay", false)) << again[i].dump();
    EXPECT_EQ(again[i]["sequence"], printed[i]["sequence"]);
  }
  EXPECT_FALSE(again[printed.size() + 1].value("replay", false));
  const auto d = RunCommand(Cli() + " digest -q -f json --db " + ShellQuote(db));
  ASSERT_EQ(d.exit_code, 0) << d.err;
  EXPECT_EQ(nlohmann::json::parse(d.out)["documents"].size(), kDocs);
  EXPECT_TRUE(testing::IntegrityOk(db));
}

}  // namespace
}  // namespace precis
