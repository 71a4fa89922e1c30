// Opening a damaged database: IncrementalEngine::Open on a file made of the
// input, then what `precis digest --db` and `precis ingest --db` do with it
// (Snapshot, rendered as the JSON digest; Add). A damaged file may be
// refused with a Status, never crash or throw; if it opens, the results
// must still hold together.
//
// Three ways to make the file, since random bytes rarely get past SQLite's
// header checks and never reach precis's own decoding:
//   - an input starting with "SQLite format 3\0" is the file itself;
//   - otherwise, first byte even: a valid database made at start-up (a few
//     reports with a copy, a near copy and two stories), its bytes patched by
//     the input (records of 3 bytes of offset, 1 byte of length, the bytes);
//   - first byte odd: that database with cells rewritten through SQLite (each
//     record picks a table, column, row and a new value, or deletes a row or
//     inserts a row), a file SQLite reads happily but whose contents lie.
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "precis/digest.h"
#include "precis/ingest.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

namespace fs = std::filesystem;

// A database is larger than other inputs: the start-up one is about 60 KB.
constexpr size_t kMaxDb = 256 << 10;

// Reports of the start-up database: an original, an exact copy, a near copy,
// the same story in French, another story, and an undated note.
struct Report {
  const char* id;
  const char* title;
  const char* text;
  const char* date;
  const char* lang;
};
const Report kReports[] = {
    {"wire-1", "Storm closes the port of Brest",
     "A violent storm closed the port of Brest on Tuesday. Ferries to Plymouth were cancelled and "
     "fishermen stayed ashore.\n\nThe harbour master said the port would reopen on Thursday if "
     "the wind eased.",
     "2024-03-05", "en"},
    {"wire-1-copy", "Storm closes the port of Brest",
     "A violent storm closed the port of Brest on Tuesday. Ferries to Plymouth were cancelled and "
     "fishermen stayed ashore.\n\nThe harbour master said the port would reopen on Thursday if "
     "the wind eased.",
     "2024-03-05", ""},
    {"wire-1-edit", "Brest port shut by storm",
     "A violent storm shut the port of Brest on Tuesday. Ferries to Plymouth were cancelled and "
     "the fishermen stayed ashore.\n\nThe harbour master said the port would reopen on Thursday "
     "if the wind eased.",
     "2024-03-05", ""},
    {"fr-1", "Tempête : le port de Brest fermé",
     "Une violente tempête a fermé mardi le port de Brest. Les ferries vers Plymouth ont été "
     "annulés et les pêcheurs sont restés à quai. Le capitaine du port espère une réouverture "
     "jeudi.",
     "2024-03-05", "fr"},
    {"de-1", "Neue Brücke in Köln eröffnet",
     "Die neue Rheinbrücke in Köln ist am Montag für den Verkehr freigegeben worden. Der "
     "Bürgermeister sprach von einem großen Tag für die Stadt.",
     "2024-03-04", ""},
    {"undated", "", "A short note without a date or a title, about a chess tournament.", "", ""},
};
// Added to every database that opens: a near copy of the first story.
const Report kLateReport = {
    "late", "Brest port reopens after the storm",
    "The port of Brest reopened on Thursday after a violent storm. Ferries to Plymouth sailed "
    "again and fishermen went back to sea.",
    "2024-03-07", ""};

precis::Document ToDocument(const Report& r) {
  precis::Document doc;
  doc.id = r.id;
  doc.title = r.title;
  doc.text = r.text;
  doc.date = r.date;
  doc.lang = r.lang;
  return doc;
}

struct Scratch {
  fs::path dir;
  fs::path db;       // the file each input becomes
  std::string seed;  // the start-up database's bytes
};

void RemoveDb(const fs::path& db) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(db.string() + suffix, ec);
}

void WriteFile(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  PRECIS_FUZZ_CHECK(out.good(), "the scratch database can be written");
}

const Scratch& GetScratch() {
  static const Scratch* const scratch = [] {
    auto* s = new Scratch;
    const char* tmp = std::getenv("TMPDIR");
    std::string dir =
        (tmp != nullptr && *tmp != '\0' ? std::string(tmp) : "/tmp") + "/precis-fuzz-db-XXXXXX";
    PRECIS_FUZZ_CHECK(mkdtemp(dir.data()) != nullptr, "a scratch folder can be made");
    s->dir = dir;
    s->db = s->dir / "fuzz.db";
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(GetScratch().dir, ec);
    });
    const fs::path seed = s->dir / "seed.db";
    {
      auto engine = precis::IncrementalEngine::Open(seed.string(), precis::Options{});
      PRECIS_FUZZ_CHECK(engine.ok(), "the start-up database can be made");
      for (const Report& report : kReports) {
        PRECIS_FUZZ_CHECK((*engine)->Add(ToDocument(report)).ok(),
                          "the start-up reports can be added");
      }
    }  // closing the last connection folds the WAL into the file
    std::ifstream in(seed, std::ios::binary);
    s->seed.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    PRECIS_FUZZ_CHECK(!s->seed.empty() && !fs::exists(seed.string() + "-wal"),
                      "the start-up database is one file");
    return s;
  }();
  return *scratch;
}

// Reads little-endian integers and byte strings off the input; zeros once
// it runs out.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool empty() const { return in_.empty(); }
  uint64_t Int(size_t bytes) {
    uint64_t v = 0;
    for (size_t i = 0; i < bytes && !in_.empty(); ++i) {
      v |= uint64_t{static_cast<uint8_t>(in_.front())} << (8 * i);
      in_.remove_prefix(1);
    }
    return v;
  }
  std::string_view Bytes(size_t n) {
    const std::string_view out = in_.substr(0, n);
    in_.remove_prefix(out.size());
    return out;
  }

 private:
  std::string_view in_;
};

std::string Patched(const std::string& seed, Reader in) {
  std::string file = seed;
  while (!in.empty()) {
    const size_t at = in.Int(3) % file.size();
    const std::string_view bytes = in.Bytes(in.Int(1) % 17);
    file.replace(at, std::min(bytes.size(), file.size() - at), bytes.substr(0, file.size() - at));
  }
  return file;
}

struct Table {
  const char* name;
  std::vector<const char*> columns;
};
const Table kTables[] = {
    {"settings", {"key", "value"}},
    {"documents",
     {"seq", "id", "source_path", "url", "date", "day", "added_day", "title", "given_title", "lang",
      "given_lang", "words", "text", "text_hash", "shingles"}},
    {"signatures", {"seq", "minhash"}},
    {"vectors", {"seq", "terms", "entities", "entity_names"}},
    {"fates",
     {"seq", "kind", "duplicate_of", "event", "story", "new_event", "new_story", "similarity"}},
    {"near_duplicates", {"seq", "other", "estimated", "jaccard", "containment"}},
};

// Applies the edits of `in` to the database at `path` (errors such as a
// broken constraint just skip an edit: the result is still a damaged file).
void Edit(const fs::path& path, Reader in) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close_v2(db);
    return;
  }
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  while (!in.empty()) {
    const Table& table = kTables[in.Int(1) % std::size(kTables)];
    const std::string column = table.columns[in.Int(1) % table.columns.size()];
    const uint64_t row = in.Int(1);
    const uint64_t what = in.Int(1) % 8;
    const std::string name = table.name;
    const std::string nth = "(SELECT rowid FROM " + name + " ORDER BY rowid LIMIT 1 OFFSET " +
                            std::to_string(row % 8) + ")";
    std::string sql;
    if (what == 6) {
      sql = "DELETE FROM " + name + " WHERE rowid = " + nth;
    } else if (what == 7) {
      sql = "INSERT INTO " + name + " SELECT * FROM " + name + " WHERE rowid = " + nth;
    } else {
      sql = "UPDATE " + name + " SET " + column + " = ? WHERE rowid = " + nth;
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
      switch (what) {
        case 0:
          sqlite3_bind_null(stmt, 1);
          break;
        case 1: {
          sqlite3_bind_int64(stmt, 1, static_cast<int64_t>(in.Int(8)));
          break;
        }
        case 2: {  // small integers: ids, counts and flags near the real ones
          sqlite3_bind_int64(stmt, 1, static_cast<int64_t>(in.Int(1)) - 64);
          break;
        }
        case 3: {
          const uint64_t bits = in.Int(8);
          double v;
          std::memcpy(&v, &bits, sizeof v);
          sqlite3_bind_double(stmt, 1, v);
          break;
        }
        case 4: {
          const std::string_view s = in.Bytes(in.Int(1));
          sqlite3_bind_text(stmt, 1, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
          break;
        }
        case 5: {
          const std::string_view s = in.Bytes(in.Int(2));
          sqlite3_bind_blob(stmt, 1, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
          break;
        }
        default:
          break;
      }
      sqlite3_step(stmt);
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close_v2(db);
}

// Every index in `result` points at something that exists.
void CheckResult(const precis::Result& result) {
  const size_t n = result.documents.size();
  for (const precis::DocumentResult& d : result.documents) {
    for (const precis::Sentence& s : d.sentences)
      PRECIS_FUZZ_CHECK(s.begin <= s.end && s.end <= d.text.size(), "a sentence lies in its text");
  }
  for (const auto* groups : {&result.dedup.exact_groups, &result.dedup.near_duplicate_groups}) {
    for (const precis::DuplicateGroup& g : *groups) {
      PRECIS_FUZZ_CHECK(g.canonical < n, "a group's canonical member exists");
      for (uint32_t m : g.members) PRECIS_FUZZ_CHECK(m < n, "a group member exists");
      for (const precis::SimilarPair& p : g.pairs)
        PRECIS_FUZZ_CHECK(p.a < n && p.b < n, "a pair's documents exist");
    }
  }
  for (const precis::Story& story : result.stories) {
    for (uint32_t d : story.documents) PRECIS_FUZZ_CHECK(d < n, "a story's document exists");
    for (const precis::Event& e : story.events) {
      for (uint32_t d : e.documents) PRECIS_FUZZ_CHECK(d < n, "an event's document exists");
      for (uint32_t g : e.near_duplicate_groups)
        PRECIS_FUZZ_CHECK(g < result.dedup.near_duplicate_groups.size(), "an event's group exists");
    }
    for (const precis::SummarySentence& s : story.summary) {
      for (const precis::SourceSpan& span : s.sources) {
        PRECIS_FUZZ_CHECK(span.doc < n, "a summary source exists");
        PRECIS_FUZZ_CHECK(
            span.begin <= span.end && span.end <= result.documents[span.doc].text.size(),
            "a summary source lies in its text");
      }
    }
  }
}

// Discards what is written, as fast as possible.
class NullBuffer : public std::streambuf {
 protected:
  int overflow(int c) override { return c == EOF ? 0 : c; }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

void Digest(const precis::Result& result) {
  CheckResult(result);
  NullBuffer buffer;
  std::ostream out(&buffer);
  precis::DigestOptions options;
  options.threads = 1;
  PRECIS_FUZZ_CHECK(precis::WriteJson(result, options, out).ok(), "a snapshot can be written");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxDb) return 0;
  const Scratch& scratch = GetScratch();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  RemoveDb(scratch.db);
  constexpr std::string_view kMagic("SQLite format 3\0", 16);
  if (input.substr(0, kMagic.size()) == kMagic) {
    WriteFile(scratch.db, input);
  } else if (size == 0 || data[0] % 2 == 0) {
    WriteFile(scratch.db, Patched(scratch.seed, Reader(input.substr(std::min<size_t>(1, size)))));
  } else {
    WriteFile(scratch.db, scratch.seed);
    Edit(scratch.db, Reader(input.substr(1)));
  }

  precis::Options options;
  options.threads = 1;
  auto engine = precis::IncrementalEngine::Open(scratch.db.string(), options);
  if (!engine.ok()) return 0;
  auto snapshot = (*engine)->Snapshot();
  if (snapshot.ok()) Digest(*snapshot);
  auto since = (*engine)->Snapshot({.since = "2024-03-05", .summarise = false});
  if (since.ok()) CheckResult(*since);
  if ((*engine)->Add(ToDocument(kLateReport)).ok()) {
    auto after = (*engine)->Snapshot();
    if (after.ok()) Digest(*after);
  }
  return 0;
}
