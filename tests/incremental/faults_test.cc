// The incremental engine beside other processes and against damaged state:
// a reader in another process while a writer adds, a second writer, an
// eviction that fails half way, damaged settings and rows.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "precis/env.h"
#include "precis/ingest.h"
#include "tests/incremental/corpus.h"
#include "tests/incremental/engine_helpers.h"

extern char** environ;

namespace precis {
namespace {

using testing::ExpectEachDocumentInOneEvent;
using testing::FreshDir;
using testing::GeneratedStream;
using testing::OpenOrDie;
using testing::ShapeOf;
using testing::SnapshotOrDie;
using testing::Sql;
using testing::StreamOptions;

int64_t Count(const std::string& path, const std::string& table) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return -1;
  sqlite3_stmt* q = nullptr;
  const std::string sql = "SELECT count(*) FROM " + table;
  int64_t n = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &q, nullptr) == SQLITE_OK &&
      sqlite3_step(q) == SQLITE_ROW)
    n = sqlite3_column_int64(q, 0);
  sqlite3_finalize(q);
  sqlite3_close(db);
  return n;
}

TEST(IncrementalFaultsTest, ReaderInAnotherProcessSeesGrowingConsistentSnapshots) {
  const auto dir = FreshDir("reader");
  const std::string db = (dir / "news.db").string(), ack = (dir / "ack.txt").string();
  constexpr size_t kDocs = 500;
  const std::string n = std::to_string(kDocs);
  char* argv[] = {const_cast<char*>(PRECIS_WRITER), const_cast<char*>(db.c_str()),
                  const_cast<char*>(ack.c_str()),   const_cast<char*>(n.c_str()),
                  const_cast<char*>("7"),           nullptr};
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, PRECIS_WRITER, nullptr, nullptr, argv, environ), 0);
  // The writer creates the database; a reader can open it once its settings exist.
  std::unique_ptr<IncrementalEngine> reader;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  while (!reader && std::chrono::steady_clock::now() < deadline) {
    auto opened = IncrementalEngine::OpenForReading(db, StreamOptions());
    if (opened.ok()) {
      reader = std::move(opened).value();
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  ASSERT_TRUE(reader);
  size_t during = 0, last_size = 0, snapshots = 0;
  int status = 0;
  bool running = true;
  while (running) {
    running = waitpid(pid, &status, WNOHANG) == 0;
    // Every other snapshot summarises, so texts are read beside the writer too.
    auto r = reader->Snapshot({.since = "", .summarise = snapshots % 2 == 1});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ExpectEachDocumentInOneEvent(*r);
    EXPECT_GE(r->documents.size(), last_size);  // a growing prefix
    last_size = r->documents.size();
    if (running && last_size > 0 && last_size < kDocs) ++during;
    ++snapshots;
  }
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_GE(during, 1u) << "no snapshot was taken while the writer was adding";
  EXPECT_EQ(reader->size(), kDocs);
  // The reader's last snapshot is the writer's final state.
  auto writer = OpenOrDie(db);
  EXPECT_EQ(ShapeOf(SnapshotOrDie(*reader)), ShapeOf(SnapshotOrDie(*writer)));
}

TEST(IncrementalFaultsTest, ReaderFollowsAnEvictionByTheWriter) {
  auto docs = GeneratedStream(160, 9);
  for (size_t i = 0; i < docs.size(); ++i) docs[i].date = i < 80 ? "2024-03-01" : "2024-03-20";
  const std::string db = (FreshDir("evict-reader") / "news.db").string();
  auto writer = OpenOrDie(db);
  auto reader = IncrementalEngine::OpenForReading(db, StreamOptions());
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  for (const Document& d : docs) ASSERT_TRUE(writer->Add(d).ok());
  EXPECT_EQ(SnapshotOrDie(**reader).documents.size(), docs.size());
  auto removed = writer->Evict("2024-03-10");
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(*removed, 80u);
  const Result after = SnapshotOrDie(**reader);
  EXPECT_EQ(after.documents.size(), 80u);
  EXPECT_EQ(ShapeOf(after), ShapeOf(SnapshotOrDie(*writer)));
  // A reader writes nothing.
  EXPECT_EQ((*reader)->Add(docs[0]).status().code(), Status::Code::kFailedPrecondition);
  EXPECT_EQ((*reader)->Evict("2030-01-01").status().code(), Status::Code::kFailedPrecondition);
}

TEST(IncrementalFaultsTest, SecondWriterIsRefusedNamingTheFirst) {
  const std::string db = (FreshDir("two-writers") / "news.db").string();
  auto first = OpenOrDie(db);
  auto second = IncrementalEngine::Open(db, StreamOptions());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Status::Code::kFailedPrecondition);
  EXPECT_NE(second.status().message().find("pid " + std::to_string(getpid())), std::string::npos)
      << second.status().message();
  // Readers are welcome meanwhile; the lock goes with the first writer.
  EXPECT_TRUE(IncrementalEngine::OpenForReading(db, StreamOptions()).ok());
  first.reset();
  EXPECT_TRUE(IncrementalEngine::Open(db, StreamOptions()).ok());
}

TEST(IncrementalFaultsTest, FailedEvictionChangesNothing) {
  auto docs = GeneratedStream(120, 4);
  for (size_t i = 0; i < docs.size(); ++i) docs[i].date = i < 60 ? "2024-03-01" : "2024-03-20";
  const std::string db = (FreshDir("evict-fails") / "news.db").string();
  auto engine = OpenOrDie(db);
  for (const Document& d : docs) ASSERT_TRUE(engine->Add(d).ok());
  // A row that survives the eviction is damaged: replaying what remains fails.
  Sql(db, "UPDATE signatures SET minhash = x'010203' WHERE seq = 100");
  auto removed = engine->Evict("2024-03-10");
  ASSERT_FALSE(removed.ok());
  EXPECT_EQ(removed.status().code(), Status::Code::kCorruption) << removed.status().ToString();
  // Nothing was deleted, and Add still decides against every stored document.
  EXPECT_EQ(Count(db, "documents"), 120);
  EXPECT_EQ(engine->size(), 120u);
  Document copy = docs[3];
  copy.id = "copy-of-an-early-report";
  auto fate = engine->Add(copy);
  ASSERT_TRUE(fate.ok()) << fate.status().ToString();
  EXPECT_EQ(fate->kind, Fate::Kind::kExactDuplicate);
  EXPECT_EQ(fate->duplicate_of, docs[3].id);
}

TEST(IncrementalFaultsTest, DamagedSettingsAndRowsAreCorruptionNotACrash) {
  const auto dir = FreshDir("damaged");
  const std::string db = (dir / "news.db").string();
  {
    auto engine = OpenOrDie(db);
    for (const Document& d : GeneratedStream(20, 2)) ASSERT_TRUE(engine->Add(d).ok());
  }
  Sql(db, "UPDATE settings SET value = '12x' WHERE key = 'next_event'");
  auto opened = IncrementalEngine::Open(db, StreamOptions());
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), Status::Code::kCorruption) << opened.status().ToString();
  EXPECT_NE(opened.status().message().find("next_event"), std::string::npos);
  Sql(db, "UPDATE settings SET value = '99999999999999999999' WHERE key = 'next_event'");
  EXPECT_EQ(IncrementalEngine::Open(db, StreamOptions()).status().code(),
            Status::Code::kCorruption);
  Sql(db, "UPDATE settings SET value = '40' WHERE key = 'next_event'");
  ASSERT_TRUE(IncrementalEngine::Open(db, StreamOptions()).ok());
  // Rows SQLite reads happily but whose contents lie: a signature of the
  // wrong size, ids that were never issued (replaying them had indexed out
  // of range or allocated for billions of events), a seq out of order.
  for (const char* damage : {"UPDATE signatures SET minhash = x'01020304' WHERE seq = 2",
                             "UPDATE fates SET event = 3000000000 WHERE seq = 5",
                             "UPDATE fates SET story = 7 WHERE seq = 2",
                             "UPDATE fates SET duplicate_of = 9 WHERE seq = 4",
                             "UPDATE documents SET seq = 4000000000 WHERE seq = 6"}) {
    const std::string copy = (dir / "copy.db").string();
    std::filesystem::copy_file(db, copy, std::filesystem::copy_options::overwrite_existing);
    Sql(copy, damage);
    auto damaged = IncrementalEngine::Open(copy, StreamOptions());
    EXPECT_EQ(damaged.status().code(), Status::Code::kCorruption)
        << damage << ": " << damaged.status().ToString();
    damaged = IncrementalEngine::OpenForReading(copy, StreamOptions());
    EXPECT_EQ(damaged.status().code(), Status::Code::kCorruption) << damage;
  }
  Sql(db, "UPDATE vectors SET terms = x'0102' WHERE seq = (SELECT min(seq) FROM vectors)");
  opened = IncrementalEngine::Open(db, StreamOptions());
  EXPECT_EQ(opened.status().code(), Status::Code::kCorruption) << opened.status().ToString();
  // A file that is not a database at all.
  const std::string junk = (dir / "junk.db").string();
  {
    std::FILE* f = std::fopen(junk.c_str(), "wb");
    ASSERT_TRUE(f);
    const std::string bytes(8192, 'x');
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
  }
  EXPECT_EQ(IncrementalEngine::Open(junk, StreamOptions()).status().code(),
            Status::Code::kCorruption);
  EXPECT_EQ(IncrementalEngine::OpenForReading(junk, StreamOptions()).status().code(),
            Status::Code::kCorruption);
}

TEST(IncrementalFaultsTest, AMissingTableIsAnErrorAndNothingIsHalfWritten) {
  const std::string db = (FreshDir("missing-table") / "news.db").string();
  const auto docs = GeneratedStream(12, 6);
  auto engine = OpenOrDie(db);
  for (size_t i = 0; i < 10; ++i) ASSERT_TRUE(engine->Add(docs[i]).ok());
  Sql(db, "DROP TABLE fates");
  auto fate = engine->Add(docs[10]);
  ASSERT_FALSE(fate.ok());
  EXPECT_EQ(fate.status().code(), Status::Code::kIOError);
  EXPECT_NE(fate.status().message().find(db), std::string::npos) << fate.status().message();
  EXPECT_EQ(Count(db, "documents"), 10);  // the failed Add's rows were rolled back
  EXPECT_EQ(engine->size(), 10u);
}

// The clock comes from Options::env: an undated report counts from the day
// its Add ran by that clock, for Snapshot's window and for Evict.
TEST(IncrementalFaultsTest, UndatedReportsAreDatedByTheEnvClock) {
  struct FixedClock : Env {
    int64_t now = 0;
    int64_t NowSeconds() const override { return now; }
  } clock;
  auto seconds_of = [](std::chrono::year_month_day day) {
    return int64_t{std::chrono::sys_days(day).time_since_epoch().count()} * 86400 + 3600;
  };
  Options options = StreamOptions();
  options.env = &clock;
  auto engine = OpenOrDie("", options);
  auto docs = GeneratedStream(40, 13);
  for (size_t i = 0; i < docs.size(); ++i) {
    docs[i].date.clear();
    clock.now =
        seconds_of(i < 25 ? std::chrono::year_month_day(std::chrono::year(2024), std::chrono::March,
                                                        std::chrono::day(5))
                          : std::chrono::year_month_day(std::chrono::year(2024), std::chrono::March,
                                                        std::chrono::day(20)));
    ASSERT_TRUE(engine->Add(docs[i]).ok());
  }
  EXPECT_EQ(SnapshotOrDie(*engine, {.since = "2024-03-10", .summarise = false}).documents.size(),
            15u);
  auto removed = engine->Evict("2024-03-10");
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(*removed, 25u);
  EXPECT_EQ(engine->size(), 15u);
}

}  // namespace
}  // namespace precis
