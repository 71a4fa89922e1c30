// The incremental engine against the batch engine, under concurrency, across
// a crash (SIGKILL) and with mismatched settings.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "precis/engine.h"
#include "precis/ingest.h"
#include "tests/incremental/corpus.h"
#include "tests/incremental/engine_helpers.h"

extern char** environ;

namespace precis {
namespace {

using testing::FreshDir;
using testing::GeneratedStream;
using testing::IntegrityOk;
using testing::OpenOrDie;
using testing::Shape;
using testing::ShapeOf;
using testing::SnapshotOrDie;
using testing::StreamOptions;

TEST(IncrementalEngineTest, OneByOneInDateOrderEqualsBatchStreaming) {
  const auto docs = GeneratedStream(400, 7);
  ASSERT_GT(docs.size(), 300u);
  Options options = StreamOptions();
  options.last_stage = Options::Stage::kCluster;
  auto batch_cluster = Engine::Create(options);
  for (const Document& d : docs) ASSERT_TRUE((*batch_cluster)->Add(d).ok());
  auto expected = (*batch_cluster)->Run();
  ASSERT_TRUE(expected.ok());

  auto engine = OpenOrDie("");
  size_t copies = 0, joined = 0;
  for (const Document& d : docs) {
    auto fate = engine->Add(d);
    ASSERT_TRUE(fate.ok()) << fate.status().ToString();
    copies += fate->kind == Fate::Kind::kNearDuplicate || fate->kind == Fate::Kind::kExactDuplicate;
    joined += fate->kind == Fate::Kind::kJoinedStory;
  }
  // The corpus exercises every path.
  EXPECT_GT(copies, 20u);
  EXPECT_GT(joined, 5u);
  const Result got = SnapshotOrDie(*engine);
  ASSERT_EQ(got.documents.size(), expected->documents.size());
  EXPECT_EQ(ShapeOf(got), ShapeOf(*expected));
  ASSERT_EQ(got.dedup.near_duplicate_groups.size(), expected->dedup.near_duplicate_groups.size());
  for (size_t g = 0; g < got.dedup.near_duplicate_groups.size(); ++g) {
    EXPECT_EQ(got.dedup.near_duplicate_groups[g].members,
              expected->dedup.near_duplicate_groups[g].members);
  }
  for (size_t s = 0; s < got.stories.size() && s < expected->stories.size(); ++s) {
    EXPECT_EQ(got.stories[s].label, expected->stories[s].label);
  }
}

TEST(IncrementalEngineTest, FatesAgreeWithSnapshotAndCopiesNameTheirOriginal) {
  auto engine = OpenOrDie("");
  Document a;
  a.id = "a";
  a.title = "Storm hits the northern coast";
  a.text =
      "A violent storm hit the northern coast on Monday night, cutting power to thousands of "
      "homes and flooding the harbour district. Emergency services said two fishermen were "
      "missing and that rescue boats had been sent out at dawn.";
  Document b = a;
  b.id = "b";
  auto fa = engine->Add(a);
  auto fb = engine->Add(b);
  ASSERT_TRUE(fa.ok() && fb.ok());
  EXPECT_EQ(fa->kind, Fate::Kind::kNewStory);
  EXPECT_EQ(fb->kind, Fate::Kind::kExactDuplicate);
  EXPECT_EQ(fb->duplicate_of, "a");
  EXPECT_EQ(fb->story, fa->story);
  EXPECT_EQ(fb->event, fa->event);
  // Re-sent unchanged (at-least-once delivery): the stored fate, marked.
  auto again = engine->Add(a);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->replay);
  EXPECT_FALSE(fa->replay);
  EXPECT_EQ(again->kind, fa->kind);
  EXPECT_EQ(again->sequence, fa->sequence);
  EXPECT_EQ(std::make_pair(again->story, again->event), std::make_pair(fa->story, fa->event));
  auto copy_again = engine->Add(b);
  ASSERT_TRUE(copy_again.ok());
  EXPECT_TRUE(copy_again->replay);
  EXPECT_EQ(copy_again->duplicate_of, "a");
  EXPECT_EQ(copy_again->kind, Fate::Kind::kExactDuplicate);
  // The same id with another text is a conflict.
  Document changed = a;
  changed.text += " Updated at noon.";
  auto conflict = engine->Add(changed);
  EXPECT_EQ(conflict.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(conflict.status().message().find("another text"), std::string::npos);
  EXPECT_EQ(engine->size(), 2u);
  const Result r = SnapshotOrDie(*engine);
  ASSERT_EQ(r.stories.size(), 1u);
  EXPECT_EQ(r.stories[0].id, fa->story);
  EXPECT_EQ(r.stories[0].events[0].id, fa->event);
  EXPECT_EQ(r.dedup.exact_groups.size(), 1u);
}

TEST(IncrementalEngineTest, EightWritersAndASnapshotReaderStayConsistent) {
  const auto docs = GeneratedStream(320, 11);
  auto engine = OpenOrDie((FreshDir("concurrent") / "news.db").string());
  constexpr int kWriters = 8;
  std::vector<std::vector<Fate>> fates(kWriters);
  std::atomic<int> done{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (size_t i = static_cast<size_t>(w); i < docs.size(); i += kWriters) {
        auto f = engine->Add(docs[i]);
        EXPECT_TRUE(f.ok()) << f.status().ToString();
        if (f.ok()) fates[static_cast<size_t>(w)].push_back(*f);
      }
      ++done;
    });
  }
  size_t snapshots = 0, last_size = 0;
  while (done.load() < kWriters || snapshots == 0) {
    const Result r = SnapshotOrDie(*engine);
    testing::ExpectEachDocumentInOneEvent(r);
    EXPECT_GE(r.documents.size(), last_size);  // a growing prefix
    last_size = r.documents.size();
    ++snapshots;
  }
  for (auto& t : threads) t.join();
  EXPECT_GT(snapshots, 1u);
  const Result r = SnapshotOrDie(*engine);
  ASSERT_EQ(r.documents.size(), docs.size());
  auto placed = testing::Placements(r);
  std::set<uint64_t> sequences;
  for (const auto& list : fates) {
    for (const Fate& f : list) {
      EXPECT_EQ(placed.at(f.id), std::make_pair(f.story, f.event)) << f.id;
      sequences.insert(f.sequence);
    }
  }
  EXPECT_EQ(sequences.size(), docs.size());
}

TEST(IncrementalEngineTest, ReopenedDatabaseContinuesAsIfNeverClosed) {
  const auto docs = GeneratedStream(240, 5);
  const std::string path = (FreshDir("reopen") / "news.db").string();
  {
    auto engine = OpenOrDie(path);
    for (size_t i = 0; i < docs.size() / 2; ++i) ASSERT_TRUE(engine->Add(docs[i]).ok());
  }
  auto reopened = OpenOrDie(path);
  auto uninterrupted = OpenOrDie("");
  for (size_t i = 0; i < docs.size(); ++i) {
    auto f = uninterrupted->Add(docs[i]);
    ASSERT_TRUE(f.ok());
    if (i < docs.size() / 2) continue;
    auto g = reopened->Add(docs[i]);
    ASSERT_TRUE(g.ok());
    EXPECT_EQ(g->story, f->story);
    EXPECT_EQ(g->event, f->event);
    EXPECT_EQ(g->kind, f->kind);
    EXPECT_EQ(g->similarity, f->similarity);
  }
  const Result a = SnapshotOrDie(*reopened), b = SnapshotOrDie(*uninterrupted);
  EXPECT_EQ(ShapeOf(a), ShapeOf(b));
}

size_t CountLines(const std::string& path) {
  std::ifstream in(path);
  size_t n = 0;
  std::string line;
  while (std::getline(in, line)) n += !line.empty();
  return n;
}

TEST(IncrementalEngineTest, KilledWriterLosesNothingAcknowledged) {
  const auto dir = FreshDir("crash");
  const std::string db = (dir / "news.db").string(), ack = (dir / "ack.txt").string();
  constexpr size_t kDocs = 600;
  const std::string n = std::to_string(kDocs);
  char* argv[] = {const_cast<char*>(PRECIS_WRITER), const_cast<char*>(db.c_str()),
                  const_cast<char*>(ack.c_str()),   const_cast<char*>(n.c_str()),
                  const_cast<char*>("3"),           nullptr};
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, PRECIS_WRITER, nullptr, nullptr, argv, environ), 0);
  // Kill it once a fair part of the stream is acknowledged.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  while (CountLines(ack) < 150 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the writer finished before it was killed";

  std::map<std::string, std::tuple<uint32_t, uint32_t, std::string>> acknowledged;
  {
    std::ifstream in(ack);
    std::string id, kind;
    uint32_t story, event;
    while (in >> id >> story >> event >> kind) acknowledged[id] = {story, event, kind};
  }
  ASSERT_GE(acknowledged.size(), 150u);
  ASSERT_LT(acknowledged.size(), kDocs);
  EXPECT_TRUE(IntegrityOk(db));

  auto engine = OpenOrDie(db);
  const Result r = SnapshotOrDie(*engine);
  auto placed = testing::Placements(r);
  // At most the one Add in flight when it was killed is there unacknowledged.
  EXPECT_LE(placed.size(), acknowledged.size() + 1);
  for (const auto& [id, f] : acknowledged) {
    ASSERT_TRUE(placed.count(id)) << id << " was acknowledged but is lost";
    EXPECT_EQ(placed[id], std::make_pair(std::get<0>(f), std::get<1>(f))) << id;
  }
  // Resuming gives what an uninterrupted run gives.
  const auto docs = GeneratedStream(kDocs, 3);
  auto reference = OpenOrDie("");
  for (const Document& d : docs) {
    ASSERT_TRUE(reference->Add(d).ok());
    auto f = engine->Add(d);
    if (!f.ok()) {
      EXPECT_TRUE(placed.count(d.id)) << f.status().ToString();
    }
  }
  EXPECT_EQ(ShapeOf(SnapshotOrDie(*engine)), ShapeOf(SnapshotOrDie(*reference)));
  engine.reset();
  EXPECT_TRUE(IntegrityOk(db));
}

TEST(IncrementalEngineTest, OtherSettingsAreAClearError) {
  const std::string path = (FreshDir("mismatch") / "news.db").string();
  {
    auto engine = OpenOrDie(path);
    Document x;
    x.id = "x";
    x.text = "Some words of a report.";
    ASSERT_TRUE(engine->Add(x).ok());
  }
  Options other = StreamOptions();
  other.cluster.event_threshold = 0.5;
  auto e = IncrementalEngine::Open(path, other);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), Status::Code::kFailedPrecondition);
  EXPECT_NE(e.status().message().find(path), std::string::npos) << e.status().message();
  EXPECT_NE(e.status().message().find("cluster.event_threshold"), std::string::npos)
      << e.status().message();
  // Summary settings and thread counts are not part of the stored state.
  Options summary = StreamOptions();
  summary.summary.sentences = 7;
  summary.threads = 1;
  EXPECT_TRUE(IncrementalEngine::Open(path, summary).ok());
  // Not a precis database.
  const std::string text = (FreshDir("notdb") / "x.db").string();
  std::ofstream(text) << "hello, this is not SQLite\n";
  auto bad = IncrementalEngine::Open(text, StreamOptions());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find(text), std::string::npos);
}

TEST(IncrementalEngineTest, EvictRemovesOldDocumentsAndTheirIndexEntries) {
  const auto docs = GeneratedStream(200, 9);
  const std::string path = (FreshDir("evict") / "news.db").string();
  auto engine = OpenOrDie(path);
  for (const Document& d : docs) ASSERT_TRUE(engine->Add(d).ok());
  const std::string cut = docs[docs.size() / 2].date;
  size_t older = 0;
  for (const Document& d : docs) older += d.date < cut;
  ASSERT_GT(older, 0u);
  auto removed = engine->Evict(cut);
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(*removed, older);
  EXPECT_EQ(engine->size(), docs.size() - older);
  const Result r = SnapshotOrDie(*engine);
  for (const DocumentResult& d : r.documents) EXPECT_GE(d.date, cut);
  // An evicted document is gone from the copy index: adding it again makes it
  // new, not a duplicate of itself.
  const Document& old = docs.front();
  ASSERT_LT(old.date, cut);
  auto again = engine->Add(old);
  ASSERT_TRUE(again.ok());
  // After reopening, the same state.
  const Shape before = ShapeOf(SnapshotOrDie(*engine));
  engine.reset();
  EXPECT_EQ(ShapeOf(SnapshotOrDie(*OpenOrDie(path))), before);
}

TEST(IncrementalEngineTest, SnapshotSinceKeepsTheWindowAndSummarises) {
  const auto docs = GeneratedStream(150, 13);
  auto engine = OpenOrDie("");
  for (const Document& d : docs) ASSERT_TRUE(engine->Add(d).ok());
  const std::string since = docs[docs.size() * 3 / 4].date;
  auto r = engine->Snapshot({.since = since, .summarise = true});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  size_t expected = 0;
  for (const Document& d : docs) expected += d.date >= since;
  EXPECT_EQ(r->documents.size(), expected);
  size_t summarised = 0;
  for (const Story& s : r->stories) summarised += !s.summary.empty();
  EXPECT_GT(summarised, 0u);
  EXPECT_FALSE(engine->Snapshot({.since = "yesterday", .summarise = false}).ok());
}

}  // namespace
}  // namespace precis
