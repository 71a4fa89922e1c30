// engine/store: records are little-endian whatever the host, and the writer
// lock keeps a second writer out.
#include "engine/store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

namespace precis::store {
namespace {

std::string TempPath(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("precis-store-" + name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return (dir / "news.db").string();
}

std::string Blob(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &q, nullptr) == SQLITE_OK &&
      sqlite3_step(q) == SQLITE_ROW) {
    out.assign(static_cast<const char*>(sqlite3_column_blob(q, 0)),
               static_cast<size_t>(sqlite3_column_bytes(q, 0)));
  }
  sqlite3_finalize(q);
  sqlite3_close(db);
  return out;
}

StoredDocument Sample() {
  StoredDocument d;
  d.seq = 1;
  // Built, then moved in: GCC 12 warns wrongly (-Wrestrict, its bug 105329)
  // about assigning a literal here once inlined.
  d.document.id = std::string("a");
  d.document.text = "Some text.";
  d.signature = {0x01020304u, 0xa0b0c0d0u};
  d.shingles = 2;
  d.vector.text = {{0x0102030405060708ull, 1.5f}};
  d.entity_names = {{0x1122334455667788ull, "Paris"}};
  return d;
}

TEST(Store, RecordsAreLittleEndianAndReadBack) {
  const std::string path = TempPath("endian");
  {
    auto s = Store::Open(path, "fp", "{}", Store::Mode::kWrite);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    ASSERT_TRUE((*s)->Insert(Sample(), 1, 1).ok());
  }
  EXPECT_EQ(Blob(path, "SELECT minhash FROM signatures"),
            std::string("\x04\x03\x02\x01\xd0\xc0\xb0\xa0", 8));
  // 1.5f is 0x3fc00000.
  EXPECT_EQ(Blob(path, "SELECT terms FROM vectors"),
            std::string("\x08\x07\x06\x05\x04\x03\x02\x01\x00\x00\xc0\x3f", 12));
  EXPECT_EQ(Blob(path, "SELECT entity_names FROM vectors"),
            std::string("\x88\x77\x66\x55\x44\x33\x22\x11\x05\x00\x00\x00Paris", 17));
  auto s = Store::Open(path, "fp", "{}", Store::Mode::kRead);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  std::vector<StoredDocument> read;
  ASSERT_TRUE(
      (*s)->Scan(false, INT32_MIN, 0, [&](StoredDocument&& d) { read.push_back(std::move(d)); })
          .ok());
  ASSERT_EQ(read.size(), 1u);
  const StoredDocument expected = Sample();
  EXPECT_EQ(read[0].signature, expected.signature);
  ASSERT_EQ(read[0].vector.text.size(), 1u);
  EXPECT_EQ(read[0].vector.text[0].key, expected.vector.text[0].key);
  EXPECT_EQ(read[0].vector.text[0].weight, 1.5f);
  EXPECT_EQ(read[0].entity_names, expected.entity_names);
}

// Runs `sql` on the database file at `path` (outside the Store).
void Exec(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

std::vector<StoredDocument> ScanAll(Store& store) {
  std::vector<StoredDocument> read;
  EXPECT_TRUE(
      store.Scan(false, INT32_MIN, 0, [&](StoredDocument&& d) { read.push_back(std::move(d)); })
          .ok());
  return read;
}

TEST(Store, KeepsWhereEachDateCameFrom) {
  const std::string path = TempPath("date-source");
  StoredDocument d = Sample();
  d.document.date = "2022-02-15";
  d.document.date_source = "dateline";
  {
    auto s = Store::Open(path, "fp", "{}", Store::Mode::kWrite);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    ASSERT_TRUE((*s)->Insert(d, 1, 1).ok());
    const auto read = ScanAll(**s);
    ASSERT_EQ(read.size(), 1u);
    EXPECT_EQ(read[0].document.date, "2022-02-15");
    EXPECT_EQ(read[0].document.date_source, "dateline");
    auto doc = (*s)->ReadDocument(1);
    ASSERT_TRUE(doc.ok());
    EXPECT_EQ(doc->date_source, "dateline");
  }
  auto reader = Store::Open(path, "fp", "{}", Store::Mode::kRead);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(ScanAll(**reader)[0].document.date_source, "dateline");
}

// A database made before documents kept their date source: readers see the
// sources as empty, the next writer adds the column and keeps new ones.
TEST(Store, ADatabaseWithoutDateSourcesIsReadAndGainsThem) {
  const std::string path = TempPath("old-schema");
  StoredDocument d = Sample();
  d.document.date = "2022-02-15";
  d.document.date_source = "url";
  {
    auto s = Store::Open(path, "fp", "{}", Store::Mode::kWrite);
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->Insert(d, 1, 1).ok());
  }
  Exec(path, "ALTER TABLE documents DROP COLUMN date_source");
  {
    auto reader = Store::Open(path, "fp", "{}", Store::Mode::kRead);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    const auto read = ScanAll(**reader);
    ASSERT_EQ(read.size(), 1u);
    EXPECT_EQ(read[0].document.date, "2022-02-15");
    EXPECT_EQ(read[0].document.date_source, "");
    EXPECT_EQ((*reader)->ReadDocument(1)->date_source, "");
  }
  auto writer = Store::Open(path, "fp", "{}", Store::Mode::kWrite);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  StoredDocument later = Sample();
  later.seq = 2;
  later.document.id = std::string("b");
  later.document.date = "2022-02-16";
  later.document.date_source = "json-ld";
  ASSERT_TRUE((*writer)->Insert(later, 1, 1).ok());
  const auto read = ScanAll(**writer);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].document.date_source, "");
  EXPECT_EQ(read[1].document.date_source, "json-ld");
}

TEST(Store, OneWriterAtATimeReadersAlways) {
  const std::string path = TempPath("lock");
  auto first = Store::Open(path, "fp", "{}", Store::Mode::kWrite);
  ASSERT_TRUE(first.ok());
  auto second = Store::Open(path, "fp", "{}", Store::Mode::kWriteFullSync);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Status::Code::kFailedPrecondition);
  EXPECT_NE(second.status().message().find("another writer"), std::string::npos);
  EXPECT_TRUE(Store::Open(path, "fp", "{}", Store::Mode::kRead).ok());
  first->reset();
  EXPECT_TRUE(Store::Open(path, "fp", "{}", Store::Mode::kWrite).ok());
  EXPECT_EQ(Store::Open(path + ".missing", "fp", "{}", Store::Mode::kRead).status().code(),
            Status::Code::kNotFound);
}

// The caller says what stored settings stand for today: an earlier form of
// the given settings opens, a writer stores the current form, a reader
// leaves the file as it is; anything else is refused naming what differs.
TEST(Store, SettingsOfAnEarlierFormOpenAndAWriterRewritesThem) {
  const std::string path = TempPath("settings-form");
  const std::string old_json = R"({"a":1,"gone":2})", new_json = R"({"a":1})";
  ASSERT_TRUE(Store::Open(path, "old", old_json, Store::Mode::kWrite).ok());
  const Store::SettingsForm current = [&](std::string_view fp, std::string_view json) {
    return fp == "old" ? new_json : std::string(json);
  };
  auto stored = [&](const char* key) {
    return Blob(path, std::string("SELECT value FROM settings WHERE key = '") + key + "'");
  };
  auto refused = Store::Open(path, "new", new_json, Store::Mode::kRead);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("differing: gone"), std::string::npos)
      << refused.status().message();
  ASSERT_TRUE(Store::Open(path, "new", new_json, Store::Mode::kRead, current).ok());
  EXPECT_EQ(stored("fingerprint"), "old");
  EXPECT_EQ(stored("settings"), old_json);
  ASSERT_TRUE(Store::Open(path, "new", new_json, Store::Mode::kWrite, current).ok());
  EXPECT_EQ(stored("fingerprint"), "new");
  EXPECT_EQ(stored("settings"), new_json);
  ASSERT_TRUE(Store::Open(path, "new", new_json, Store::Mode::kWrite).ok());
  auto other = Store::Open(path, "other", R"({"a":2})", Store::Mode::kWrite, current);
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.status().message().find("differing: a (stored 1, given 2)"), std::string::npos)
      << other.status().message();
}

}  // namespace
}  // namespace precis::store
