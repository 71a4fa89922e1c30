// Helpers shared by the incremental engine's tests.
#ifndef PRECIS_TESTS_INCREMENTAL_ENGINE_HELPERS_H_
#define PRECIS_TESTS_INCREMENTAL_ENGINE_HELPERS_H_

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "precis/ingest.h"
#include "tests/incremental/corpus.h"

namespace precis::testing {

// Stories as nested sets of ids, in result order: story -> events -> (ids,
// near-duplicate groups as id lists).
using Shape = std::vector<
    std::vector<std::pair<std::vector<std::string>, std::set<std::vector<std::string>>>>>;

inline Shape ShapeOf(const Result& r) {
  Shape shape;
  for (const Story& s : r.stories) {
    auto& story = shape.emplace_back();
    for (const Event& e : s.events) {
      std::vector<std::string> ids;
      for (uint32_t d : e.documents) ids.push_back(r.documents[d].id);
      std::set<std::vector<std::string>> groups;
      for (uint32_t g : e.near_duplicate_groups) {
        std::vector<std::string> members;
        for (uint32_t m : r.dedup.near_duplicate_groups[g].members)
          members.push_back(r.documents[m].id);
        groups.insert(members);
      }
      story.emplace_back(std::move(ids), std::move(groups));
    }
  }
  return shape;
}

inline std::filesystem::path FreshDir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("precis-incremental-" + name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::unique_ptr<IncrementalEngine> OpenOrDie(const std::string& path,
                                                    Options o = StreamOptions()) {
  auto e = IncrementalEngine::Open(path, std::move(o));
  EXPECT_TRUE(e.ok()) << e.status().ToString();
  return e.ok() ? std::move(e).value() : nullptr;
}

inline Result SnapshotOrDie(const IncrementalEngine& e,
                            SnapshotOptions o = {.since = "", .summarise = false}) {
  auto r = e.Snapshot(o);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : Result{};
}

// PRAGMA integrity_check of a database file says "ok".
inline bool IntegrityOk(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return false;
  sqlite3_stmt* q = nullptr;
  bool ok = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, nullptr) == SQLITE_OK &&
            sqlite3_step(q) == SQLITE_ROW &&
            std::string(reinterpret_cast<const char*>(sqlite3_column_text(q, 0))) == "ok";
  sqlite3_finalize(q);
  sqlite3_close(db);
  return ok;
}

// Runs one SQL statement on a database file behind the engine's back.
inline void Sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

// The value of one row of a database file's settings table ("" if absent).
inline std::string SettingOf(const std::string& path, const std::string& key) {
  sqlite3* db = nullptr;
  std::string value;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* q = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT value FROM settings WHERE key = ?", -1, &q, nullptr) ==
        SQLITE_OK) {
      sqlite3_bind_text(q, 1, key.c_str(), -1, SQLITE_TRANSIENT);
      if (sqlite3_step(q) == SQLITE_ROW)
        value = reinterpret_cast<const char*>(sqlite3_column_text(q, 0));
    }
    sqlite3_finalize(q);
  }
  sqlite3_close(db);
  return value;
}

// Every document of a snapshot is in exactly one event of one story.
inline void ExpectEachDocumentInOneEvent(const Result& r) {
  std::vector<int> seen(r.documents.size(), 0);
  for (const Story& s : r.stories) {
    size_t in_events = 0;
    for (const Event& e : s.events) {
      in_events += e.documents.size();
      for (uint32_t d : e.documents) ++seen.at(d);
    }
    EXPECT_EQ(in_events, s.documents.size());
  }
  for (int c : seen) EXPECT_EQ(c, 1);
}

// id -> (story, event) of every document of a snapshot.
inline std::map<std::string, std::pair<uint32_t, uint32_t>> Placements(const Result& r) {
  std::map<std::string, std::pair<uint32_t, uint32_t>> placed;
  for (const Story& s : r.stories) {
    for (const Event& e : s.events) {
      for (uint32_t d : e.documents) placed[r.documents[d].id] = {s.id, e.id};
    }
  }
  return placed;
}

// One JSON value per non-empty line (`precis ingest` output).
inline std::vector<nlohmann::json> JsonLines(const std::string& text) {
  std::vector<nlohmann::json> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  }
  return out;
}

}  // namespace precis::testing

#endif  // PRECIS_TESTS_INCREMENTAL_ENGINE_HELPERS_H_
