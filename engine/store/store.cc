#include "engine/store/store.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace precis::store {
namespace {

constexpr const char* kFormat = "precis-store";
constexpr const char* kVersion = "1";

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents(
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, source_path TEXT, url TEXT, date TEXT,
  day INTEGER, added_day INTEGER NOT NULL, title TEXT, given_title TEXT, lang TEXT,
  given_lang TEXT, words INTEGER, text TEXT NOT NULL, text_hash TEXT NOT NULL,
  shingles INTEGER NOT NULL, date_source TEXT);
CREATE INDEX IF NOT EXISTS documents_day ON documents(coalesce(day, added_day));
CREATE TABLE IF NOT EXISTS signatures(seq INTEGER PRIMARY KEY, minhash BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS vectors(seq INTEGER PRIMARY KEY, terms BLOB NOT NULL,
  entities BLOB NOT NULL, entity_names BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS fates(seq INTEGER PRIMARY KEY, kind INTEGER NOT NULL,
  duplicate_of INTEGER, event INTEGER NOT NULL, story INTEGER NOT NULL,
  new_event INTEGER NOT NULL, new_story INTEGER NOT NULL, similarity REAL NOT NULL);
CREATE TABLE IF NOT EXISTS near_duplicates(seq INTEGER NOT NULL, other INTEGER NOT NULL,
  estimated REAL, jaccard REAL, containment REAL, PRIMARY KEY(seq, other));
)sql";

// A prepared statement, finalised on destruction. A failed prepare leaves
// ok() false (sqlite3_errmsg says why); every caller checks it before use.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &s_, nullptr) != SQLITE_OK) {
      sqlite3_finalize(s_);
      s_ = nullptr;
    }
  }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  bool ok() const { return s_ != nullptr; }
  sqlite3_stmt* get() const { return s_; }
  void Text(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void Blob(int i, const std::string& v) {
    sqlite3_bind_blob(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void Int(int i, int64_t v) { sqlite3_bind_int64(s_, i, v); }
  void Real(int i, double v) { sqlite3_bind_double(s_, i, v); }
  void Null(int i) { sqlite3_bind_null(s_, i); }
  std::string ColText(int i) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, i));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(s_, i))) : std::string();
  }
  std::string ColBlob(int i) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(s_, i));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(s_, i))) : std::string();
  }
  int64_t ColInt(int i) const { return sqlite3_column_int64(s_, i); }
  bool ColNull(int i) const { return sqlite3_column_type(s_, i) == SQLITE_NULL; }
  double ColReal(int i) const { return sqlite3_column_double(s_, i); }

 private:
  sqlite3_stmt* s_ = nullptr;
};

// Records are little-endian whatever the host, so a database file moves
// between machines. Floating-point values go as their IEEE-754 bits.
template <typename T>
auto BitsOf(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    static_assert(sizeof(T) == 4 || sizeof(T) == 8);
    using U = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
    return std::bit_cast<U>(v);
  } else {
    return static_cast<std::make_unsigned_t<T>>(v);
  }
}
template <typename T>
void Put(std::string& out, T v) {
  auto bits = BitsOf(v);
  for (size_t i = 0; i < sizeof(T); ++i) out.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
}
template <typename T>
bool Get(std::string_view& in, T* v) {
  if (in.size() < sizeof(T)) return false;
  decltype(BitsOf(T{})) bits = 0;
  for (size_t i = 0; i < sizeof(T); ++i)
    bits |= static_cast<decltype(bits)>(static_cast<unsigned char>(in[i])) << (8 * i);
  if constexpr (std::is_floating_point_v<T>) {
    *v = std::bit_cast<T>(bits);
  } else {
    *v = static_cast<T>(bits);
  }
  in.remove_prefix(sizeof(T));
  return true;
}

std::string EncodeKeys(const std::vector<cluster::WeightedKey>& keys) {
  std::string out;
  out.reserve(keys.size() * 12);
  for (const auto& k : keys) Put(out, k.key), Put(out, k.weight);
  return out;
}
bool DecodeKeys(std::string_view in, std::vector<cluster::WeightedKey>* out) {
  cluster::WeightedKey k;
  while (Get(in, &k.key) && Get(in, &k.weight)) out->push_back(k);
  return in.empty();
}
std::string EncodeNames(const std::vector<std::pair<uint64_t, std::string>>& names) {
  std::string out;
  for (const auto& [key, name] : names) {
    Put(out, key);
    Put(out, static_cast<uint32_t>(name.size()));
    out += name;
  }
  return out;
}
bool DecodeNames(std::string_view in, std::vector<std::pair<uint64_t, std::string>>* out) {
  uint64_t key;
  uint32_t size;
  while (Get(in, &key) && Get(in, &size)) {
    if (in.size() < size) return false;
    out->emplace_back(key, std::string(in.substr(0, size)));
    in.remove_prefix(size);
  }
  return in.empty();
}
std::string EncodeSignature(const std::vector<uint32_t>& sig) {
  std::string out;
  out.reserve(sig.size() * 4);
  for (uint32_t v : sig) Put(out, v);
  return out;
}
bool DecodeSignature(std::string_view in, std::vector<uint32_t>* out) {
  uint32_t v;
  while (Get(in, &v)) out->push_back(v);
  return in.empty();
}

std::string HashHex(uint64_t high, uint64_t low) {
  char hex[33];
  std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(high),
                static_cast<unsigned long long>(low));
  return hex;
}
bool ParseHex(std::string_view hex, uint64_t* v) {
  const auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), *v, 16);
  return ec == std::errc() && end == hex.data() + hex.size();
}
bool ParseHashHex(std::string_view hex, uint64_t* high, uint64_t* low) {
  return hex.size() == 32 && ParseHex(hex.substr(0, 16), high) && ParseHex(hex.substr(16), low);
}

// A stored counter: decimal digits only (std::stoul would throw on damage).
template <typename T>
bool ParseCounter(std::string_view text, T* v) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *v);
  return ec == std::errc() && end == text.data() + text.size();
}

// "pid 123 (precis), since 2026-12-07T10:00:00Z": who holds a writer lock.
std::string HolderDescription() {
  std::string program = "unknown program";
  if (FILE* f = std::fopen("/proc/self/comm", "r")) {
    char name[64] = {};
    if (std::fgets(name, sizeof name, f)) {
      program = name;
      while (!program.empty() && program.back() == '\n') program.pop_back();
    }
    std::fclose(f);
  }
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char when[32];
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return "pid " + std::to_string(getpid()) + " (" + program + "), since " + when;
}

// "a.b, c" : the leaf settings that differ between two settings objects.
void Differences(const nlohmann::json& a, const nlohmann::json& b, const std::string& prefix,
                 std::string* out) {
  if (a.is_object() && b.is_object()) {
    for (auto it = a.begin(); it != a.end(); ++it) {
      const std::string name = prefix.empty() ? it.key() : prefix + "." + it.key();
      Differences(it.value(), b.contains(it.key()) ? b[it.key()] : nlohmann::json(), name, out);
    }
    for (auto it = b.begin(); it != b.end(); ++it) {
      if (!a.contains(it.key()))
        *out += (out->empty() ? "" : ", ") + (prefix.empty() ? it.key() : prefix + "." + it.key());
    }
  } else if (a != b) {
    *out +=
        (out->empty() ? "" : ", ") + prefix + " (stored " + a.dump() + ", given " + b.dump() + ")";
  }
}

}  // namespace

Store::~Store() {
  if (db_) sqlite3_close_v2(db_);
  if (lock_fd_ >= 0) close(lock_fd_);  // releases the writer lock
}

std::string Store::Name() const {
  return path_.empty() ? std::string("in-memory database") : path_;
}

// SQLite's message, the system's reason when there is one ("File too
// large", "No space left on device") and what to do about a full disk.
std::string Store::Describe(const char* sqlite_message) const {
  std::string msg = sqlite_message;
  const int sys = db_ ? sqlite3_system_errno(db_) : 0;
  if (sys != 0) msg += std::string(" (") + std::strerror(sys) + ")";
  const int code = db_ ? sqlite3_errcode(db_) : SQLITE_CANTOPEN;
  if (code == SQLITE_FULL || sys == ENOSPC || sys == EFBIG || sys == EDQUOT)
    msg +=
        "; free space or raise the file size limit, then run again: nothing acknowledged "
        "is lost";
  else if ((code & 0xff) == SQLITE_IOERR)
    msg +=
        "; check the disk's free space, the file size limit (ulimit -f) and the file's "
        "permissions, then run again: nothing acknowledged is lost";
  return msg;
}

Status Store::Error(std::string_view what) const {
  const int code = db_ ? sqlite3_errcode(db_) : SQLITE_CANTOPEN;
  const std::string msg = Name() + ": " + std::string(what) + ": " +
                          (db_ ? Describe(sqlite3_errmsg(db_)) : std::string("cannot open"));
  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) return Status::Corruption(msg);
  return Status::IOError(msg);
}

Status Store::Exec(const char* sql) const {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string msg = Describe(err ? err : "unknown error");
    sqlite3_free(err);
    if (sqlite3_errcode(db_) == SQLITE_CORRUPT || sqlite3_errcode(db_) == SQLITE_NOTADB)
      return Status::Corruption(Name() + ": " + msg);
    return Status::IOError(Name() + ": " + msg);
  }
  return Status::OK();
}

StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& path, std::string_view fingerprint,
                                             std::string_view settings_json, Mode mode,
                                             const SettingsForm& current_form) {
  std::unique_ptr<Store> s(new Store());
  s->path_ = path;
  const bool read_only = mode == Mode::kRead;
  if (read_only && path.empty())
    return Status::InvalidArgument("an in-memory database cannot be opened for reading");
  if (read_only && !std::filesystem::exists(path))
    return Status::NotFound(path + ": no such database");
  if (!read_only && !path.empty()) {
    // The writer lock comes first: nothing is created or read before it.
    const std::string lock_path = path + "-lock";
    s->lock_fd_ = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (s->lock_fd_ < 0)
      return Status::IOError(lock_path + ": cannot create the writer lock: " +
                             std::strerror(errno) + "; check the folder exists and is writable");
    if (flock(s->lock_fd_, LOCK_EX | LOCK_NB) != 0) {
      if (errno != EWOULDBLOCK)
        return Status::IOError(lock_path + ": cannot lock: " + std::strerror(errno));
      char holder[256] = {};
      const ssize_t n = pread(s->lock_fd_, holder, sizeof holder - 1, 0);
      std::string who = n > 0 ? std::string(holder, static_cast<size_t>(n)) : "another process";
      while (!who.empty() && (who.back() == '\n' || who.back() == '\0')) who.pop_back();
      return Status::FailedPrecondition(
          path + ": another writer has it open (" + who +
          "); one writer at a time: wait for it to finish, or read it meanwhile with `precis "
          "digest --db`");
    }
    const std::string me = HolderDescription() + "\n";
    if (ftruncate(s->lock_fd_, 0) != 0 ||
        pwrite(s->lock_fd_, me.data(), me.size(), 0) != static_cast<ssize_t>(me.size())) {
      // The lock is held all the same; only the holder's description is missing.
    }
  }
  const int flags = read_only ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
                              : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.empty() ? ":memory:" : path.c_str(), &s->db_, flags, nullptr) !=
      SQLITE_OK) {
    return s->Error("cannot open the database; check the folder exists and is writable");
  }
  sqlite3_busy_timeout(s->db_, 5000);
  if (!read_only) {
    // A file that is not a database fails on the first read, with SQLITE_NOTADB.
    if (Status st = s->Exec("PRAGMA journal_mode=WAL"); !st.ok()) {
      return Status::Corruption(path + ": not a precis database (" + st.message() + ")");
    }
    if (Status st = s->Exec(mode == Mode::kWriteFullSync ? "PRAGMA synchronous=FULL"
                                                         : "PRAGMA synchronous=NORMAL");
        !st.ok())
      return st;
    if (Status st = s->Exec("PRAGMA foreign_keys=OFF"); !st.ok()) return st;
  }

  // An existing database must be ours and made with the same settings.
  bool has_settings = false;
  {
    Stmt q(s->db_, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='settings'");
    if (!q.ok() || sqlite3_step(q.get()) != SQLITE_ROW) {
      if (sqlite3_errcode(s->db_) == SQLITE_NOTADB || sqlite3_errcode(s->db_) == SQLITE_CORRUPT)
        return Status::Corruption(path + ": not a precis database (" + sqlite3_errmsg(s->db_) +
                                  ")");
      return s->Error("cannot read the schema");
    }
    has_settings = q.ColInt(0) > 0;
    Stmt t(s->db_, "SELECT count(*) FROM sqlite_master");
    if (!has_settings && t.ok() && sqlite3_step(t.get()) == SQLITE_ROW && t.ColInt(0) > 0)
      return Status::FailedPrecondition(
          path + ": an SQLite database that precis did not make; give a new file name");
  }
  if (has_settings) {
    std::string format, version, stored_fp, stored_json;
    Stmt q(s->db_, "SELECT key, value FROM settings");
    if (!q.ok()) return s->Error("cannot read the settings");
    int rc;
    while ((rc = sqlite3_step(q.get())) == SQLITE_ROW) {
      const std::string key = q.ColText(0), value = q.ColText(1);
      if (key == "format") format = value;
      if (key == "version") version = value;
      if (key == "fingerprint") stored_fp = value;
      if (key == "settings") stored_json = value;
      if ((key == "next_event" && !ParseCounter(value, &s->next_event_)) ||
          (key == "next_story" && !ParseCounter(value, &s->next_story_)))
        return Status::Corruption(path + ": damaged setting " + key + " = '" + value +
                                  "'; restore the file from a backup or re-ingest");
    }
    if (rc != SQLITE_DONE) return s->Error("cannot read the settings");
    if (format != kFormat)
      return Status::FailedPrecondition(path + ": not a precis database; give a new file name");
    if (version != kVersion)
      return Status::FailedPrecondition(path + ": precis database version " + version +
                                        ", this precis reads version " + kVersion +
                                        "; re-ingest the documents into a new database");
    if (Status st = s->AddDateSource(read_only); !st.ok()) return st;
    if (stored_fp == fingerprint) return s;
    const std::string current = current_form ? current_form(stored_fp, stored_json) : stored_json;
    if (current != settings_json) {
      std::string diff;
      const auto a = nlohmann::json::parse(current, nullptr, false);
      const auto b = nlohmann::json::parse(settings_json, nullptr, false);
      if (!a.is_discarded() && !b.is_discarded()) Differences(a, b, "", &diff);
      return Status::FailedPrecondition(
          path + ": made with other settings (fingerprint " + stored_fp + ", these options give " +
          std::string(fingerprint) + (diff.empty() ? "" : "; differing: " + diff) +
          "); open it with the options it was made with, or ingest into a new database");
    }
    if (!read_only) {
      if (Status st = s->RewriteSettings(fingerprint, settings_json); !st.ok()) return st;
    }
    return s;
  }
  if (read_only)
    return Status::FailedPrecondition(path + ": not a precis database (no settings yet)");
  if (Status st = s->Exec(kSchema); !st.ok()) return st;
  s->has_date_source_ = true;
  if (Status st = s->BeginWrite(); !st.ok()) return st;
  Stmt ins(s->db_, "INSERT INTO settings(key, value) VALUES(?, ?)");
  if (!ins.ok()) {
    s->Rollback();
    return s->Error("cannot write the settings");
  }
  for (const auto& [k, v] :
       std::vector<std::pair<std::string, std::string>>{{"format", kFormat},
                                                        {"version", kVersion},
                                                        {"fingerprint", std::string(fingerprint)},
                                                        {"settings", std::string(settings_json)},
                                                        {"next_event", "0"},
                                                        {"next_story", "0"},
                                                        {"evictions", "0"},
                                                        {"evicted_documents", "0"}}) {
    ins.Text(1, k);
    ins.Text(2, v);
    if (sqlite3_step(ins.get()) != SQLITE_DONE) {
      Status st = s->Error("cannot write the settings");
      s->Rollback();
      return st;
    }
    sqlite3_reset(ins.get());
  }
  if (Status st = s->Commit(); !st.ok()) return st;
  return s;
}

StatusOr<std::unique_ptr<Store>> Store::OpenReader() const {
  if (path_.empty()) return Status::Unsupported("an in-memory database has no second connection");
  std::unique_ptr<Store> s(new Store());
  s->path_ = path_;
  if (sqlite3_open_v2(path_.c_str(), &s->db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK)
    return s->Error("cannot open a reader");
  sqlite3_busy_timeout(s->db_, 5000);
  s->has_date_source_ = has_date_source_;
  s->next_event_ = next_event_;
  s->next_story_ = next_story_;
  return s;
}

// Settings accepted in an earlier form are stored in the current one, so
// that the next open compares fingerprints only.
Status Store::RewriteSettings(std::string_view fingerprint, std::string_view settings_json) {
  if (Status st = BeginWrite(); !st.ok()) return st;
  Stmt q(db_, "UPDATE settings SET value = ? WHERE key = ?");
  for (const auto& [k, v] : {std::pair{"fingerprint", fingerprint}, {"settings", settings_json}}) {
    if (q.ok()) {
      q.Text(1, v);
      q.Text(2, k);
    }
    if (!q.ok() || sqlite3_step(q.get()) != SQLITE_DONE) {
      Status st = Error("cannot rewrite the settings");
      Rollback();
      return st;
    }
    sqlite3_reset(q.get());
  }
  return Commit();
}

// Databases made before documents had a date_source column (2026-12-07)
// gain it when a writer opens them; a reader of one that no writer has
// opened since reads their date sources as empty.
Status Store::AddDateSource(bool read_only) {
  {
    Stmt q(db_, "SELECT count(*) FROM pragma_table_info('documents') WHERE name = 'date_source'");
    if (!q.ok() || sqlite3_step(q.get()) != SQLITE_ROW) return Error("cannot read the schema");
    has_date_source_ = q.ColInt(0) > 0;
  }
  if (has_date_source_ || read_only) return Status::OK();
  if (Status st = Exec("ALTER TABLE documents ADD COLUMN date_source TEXT"); !st.ok()) return st;
  has_date_source_ = true;
  return Status::OK();
}

Status Store::BeginRead() {
  if (Status st = Exec("BEGIN"); !st.ok()) return st;
  // A deferred transaction pins its state at the first read.
  Stmt q(db_, "SELECT count(*) FROM settings");
  if (!q.ok() || sqlite3_step(q.get()) != SQLITE_ROW) {
    Status st = Error("cannot start reading");
    Rollback();
    return st;
  }
  return Status::OK();
}

Status Store::BeginWrite() { return Exec("BEGIN IMMEDIATE"); }

Status Store::Commit() {
  if (Status st = Exec("COMMIT"); !st.ok()) {
    Rollback();
    return st;
  }
  return Status::OK();
}

bool Store::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

void Store::Rollback() {
  if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

Status Store::Insert(const StoredDocument& d, uint32_t next_event, uint32_t next_story) {
  if (Status st = BeginWrite(); !st.ok()) return st;
  auto fail = [&](std::string_view what) {
    Status st = Error(what);
    Rollback();
    return st;
  };
  const Document& doc = d.document;
  {
    Stmt q(db_,
           "INSERT INTO documents(seq, id, source_path, url, date, day, added_day, title, "
           "given_title, lang, given_lang, words, text, text_hash, shingles, date_source) "
           "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!q.ok()) return fail("cannot insert document " + doc.id);
    q.Int(1, d.seq);
    q.Text(2, doc.id);
    q.Text(3, doc.source_path);
    q.Text(4, doc.url);
    q.Text(5, doc.date);
    if (d.day == cluster::DocFeatures::kNoDay) {
      q.Null(6);
    } else {
      q.Int(6, d.day);
    }
    q.Int(7, d.added_day);
    q.Text(8, d.title);
    q.Text(9, doc.title);
    q.Text(10, d.lang);
    q.Text(11, doc.lang);
    q.Int(12, d.words);
    q.Text(13, doc.text);
    q.Text(14, HashHex(d.hash_high, d.hash_low));
    q.Int(15, d.shingles);
    q.Text(16, doc.date_source);
    if (sqlite3_step(q.get()) != SQLITE_DONE) return fail("cannot insert document " + doc.id);
  }
  {
    Stmt q(db_, "INSERT INTO signatures(seq, minhash) VALUES(?, ?)");
    if (!q.ok()) return fail("cannot insert a signature");
    q.Int(1, d.seq);
    q.Blob(2, EncodeSignature(d.signature));
    if (sqlite3_step(q.get()) != SQLITE_DONE) return fail("cannot insert a signature");
  }
  if (d.kind == FateKind::kUnit) {
    Stmt q(db_, "INSERT INTO vectors(seq, terms, entities, entity_names) VALUES(?,?,?,?)");
    if (!q.ok()) return fail("cannot insert a vector");
    q.Int(1, d.seq);
    q.Blob(2, EncodeKeys(d.vector.text));
    q.Blob(3, EncodeKeys(d.vector.entities));
    q.Blob(4, EncodeNames(d.entity_names));
    if (sqlite3_step(q.get()) != SQLITE_DONE) return fail("cannot insert a vector");
  }
  {
    Stmt q(db_,
           "INSERT INTO fates(seq, kind, duplicate_of, event, story, new_event, new_story, "
           "similarity) VALUES(?,?,?,?,?,?,?,?)");
    if (!q.ok()) return fail("cannot insert a fate");
    q.Int(1, d.seq);
    q.Int(2, static_cast<int>(d.kind));
    if (d.duplicate_of > 0) {
      q.Int(3, d.duplicate_of);
    } else {
      q.Null(3);
    }
    q.Int(4, d.event);
    q.Int(5, d.story);
    q.Int(6, d.new_event);
    q.Int(7, d.new_story);
    q.Real(8, d.similarity);
    if (sqlite3_step(q.get()) != SQLITE_DONE) return fail("cannot insert a fate");
  }
  if (!d.pairs.empty()) {
    Stmt q(db_,
           "INSERT INTO near_duplicates(seq, other, estimated, jaccard, containment) "
           "VALUES(?,?,?,?,?)");
    if (!q.ok()) return fail("cannot insert a near-duplicate pair");
    for (const StoredPair& p : d.pairs) {
      q.Int(1, d.seq);
      q.Int(2, p.other);
      q.Real(3, p.estimated);
      q.Real(4, p.jaccard);
      q.Real(5, p.containment);
      if (sqlite3_step(q.get()) != SQLITE_DONE) return fail("cannot insert a near-duplicate pair");
      sqlite3_reset(q.get());
    }
  }
  if (next_event != next_event_ || next_story != next_story_) {
    Stmt q(db_, "UPDATE settings SET value = ? WHERE key = ?");
    if (!q.ok()) return fail("cannot update the counters");
    for (const auto& [k, v] : {std::pair{"next_event", next_event}, {"next_story", next_story}}) {
      q.Text(1, std::to_string(v));
      q.Text(2, k);
      if (sqlite3_step(q.get()) != SQLITE_DONE) return fail("cannot update the counters");
      sqlite3_reset(q.get());
    }
  }
  if (Status st = Commit(); !st.ok()) return st;
  next_event_ = next_event;
  next_story_ = next_story;
  return Status::OK();
}

Status Store::Scan(bool with_text, int32_t min_day, int64_t min_seq,
                   const std::function<void(StoredDocument&&)>& fn) {
  // Pairs and documents are read by two statements: one read transaction
  // keeps them of one committed state when the caller has none open.
  const bool own = sqlite3_get_autocommit(db_) != 0;
  if (own) {
    if (Status st = BeginRead(); !st.ok()) return st;
  }
  struct EndRead {
    Store* store;
    bool own;
    ~EndRead() {
      if (own) store->Rollback();
    }
  } end_read{this, own};
  // Pairs first (few), then one pass over the joined tables in seq order.
  std::vector<std::pair<int64_t, StoredPair>> pairs;
  {
    Stmt q(db_,
           "SELECT seq, other, estimated, jaccard, containment FROM near_duplicates "
           "WHERE seq >= ? ORDER BY seq, other");
    if (!q.ok()) return Error("cannot read near-duplicate pairs");
    q.Int(1, min_seq);
    int rc;
    while ((rc = sqlite3_step(q.get())) == SQLITE_ROW) {
      pairs.push_back({q.ColInt(0), {q.ColInt(1), q.ColReal(2), q.ColReal(3), q.ColReal(4)}});
    }
    if (rc != SQLITE_DONE) return Error("cannot read near-duplicate pairs");
  }
  const std::string sql = std::string(
                              "SELECT d.seq, d.id, d.source_path, d.url, d.date, d.day, "
                              "d.added_day, d.title, d.given_title, d.lang, d.given_lang, d.words, "
                              "d.text_hash, d.shingles, s.minhash, f.kind, f.duplicate_of, "
                              "f.event, f.story, f.new_event, f.new_story, f.similarity, "
                              "v.terms, v.entities, v.entity_names, ") +
                          (with_text ? "d.text" : "''") +
                          (has_date_source_ ? ", d.date_source" : ", ''") +
                          " FROM documents d JOIN fates f ON f.seq = d.seq "
                          "JOIN signatures s ON s.seq = d.seq LEFT JOIN vectors v ON v.seq = "
                          "d.seq WHERE coalesce(d.day, d.added_day) >= ? AND d.seq >= ? "
                          "ORDER BY d.seq";
  Stmt q(db_, sql.c_str());
  if (!q.ok()) return Error("cannot read documents");
  q.Int(1, min_day);
  q.Int(2, min_seq);
  size_t next_pair = 0;
  int rc;
  while ((rc = sqlite3_step(q.get())) == SQLITE_ROW) {
    StoredDocument d;
    d.seq = q.ColInt(0);
    d.document.id = q.ColText(1);
    d.document.source_path = q.ColText(2);
    d.document.url = q.ColText(3);
    d.document.date = q.ColText(4);
    d.document.date_source = q.ColText(26);
    d.day = q.ColNull(5) ? cluster::DocFeatures::kNoDay : static_cast<int32_t>(q.ColInt(5));
    d.added_day = static_cast<int32_t>(q.ColInt(6));
    d.title = q.ColText(7);
    d.document.title = q.ColText(8);
    d.lang = q.ColText(9);
    d.document.lang = q.ColText(10);
    d.words = static_cast<uint32_t>(q.ColInt(11));
    const int64_t kind = q.ColInt(15);
    bool intact = ParseHashHex(q.ColText(12), &d.hash_high, &d.hash_low) &&
                  DecodeSignature(q.ColBlob(14), &d.signature) && kind >= 0 && kind <= 2;
    d.shingles = static_cast<uint32_t>(q.ColInt(13));
    d.kind = static_cast<FateKind>(kind);
    d.duplicate_of = q.ColNull(16) ? 0 : q.ColInt(16);
    d.event = static_cast<uint32_t>(q.ColInt(17));
    d.story = static_cast<uint32_t>(q.ColInt(18));
    d.new_event = q.ColInt(19) != 0;
    d.new_story = q.ColInt(20) != 0;
    d.similarity = q.ColReal(21);
    if (!q.ColNull(22)) {
      intact = intact && DecodeKeys(q.ColBlob(22), &d.vector.text) &&
               DecodeKeys(q.ColBlob(23), &d.vector.entities) &&
               DecodeNames(q.ColBlob(24), &d.entity_names);
    }
    if (!intact)
      return Status::Corruption(Name() + ": damaged row of document #" + std::to_string(d.seq) +
                                " ('" + d.document.id +
                                "'); restore the file from a backup or re-ingest");
    d.vector.lang = d.lang;
    d.vector.day = d.day;
    if (with_text) d.document.text = q.ColText(25);
    while (next_pair < pairs.size() && pairs[next_pair].first < d.seq) ++next_pair;
    while (next_pair < pairs.size() && pairs[next_pair].first == d.seq) {
      d.pairs.push_back(pairs[next_pair++].second);
    }
    fn(std::move(d));
  }
  if (rc != SQLITE_DONE) return Error("cannot read documents");
  return Status::OK();
}

Status Store::ScanTexts(int32_t min_day,
                        const std::function<void(int64_t, std::string&&)>& fn) const {
  Stmt q(db_, "SELECT seq, text FROM documents WHERE coalesce(day, added_day) >= ? ORDER BY seq");
  if (!q.ok()) return Error("cannot read texts");
  q.Int(1, min_day);
  int rc;
  while ((rc = sqlite3_step(q.get())) == SQLITE_ROW) fn(q.ColInt(0), q.ColText(1));
  if (rc != SQLITE_DONE) return Error("cannot read texts");
  return Status::OK();
}

StatusOr<Document> Store::ReadDocument(int64_t seq) const {
  Stmt q(db_, has_date_source_
                  ? "SELECT id, source_path, url, date, given_title, given_lang, text, "
                    "date_source FROM documents WHERE seq = ?"
                  : "SELECT id, source_path, url, date, given_title, given_lang, text, '' "
                    "FROM documents WHERE seq = ?");
  if (!q.ok()) return Error("cannot read a document");
  q.Int(1, seq);
  const int rc = sqlite3_step(q.get());
  if (rc == SQLITE_DONE) return Status::NotFound(Name() + ": no document #" + std::to_string(seq));
  if (rc != SQLITE_ROW) return Error("cannot read document #" + std::to_string(seq));
  Document d;
  d.id = q.ColText(0);
  d.source_path = q.ColText(1);
  d.url = q.ColText(2);
  d.date = q.ColText(3);
  d.title = q.ColText(4);
  d.lang = q.ColText(5);
  d.text = q.ColText(6);
  d.date_source = q.ColText(7);
  return d;
}

StatusOr<StoredFate> Store::ReadFate(int64_t seq) const {
  Stmt q(db_,
         "SELECT kind, duplicate_of, event, story, new_event, new_story, similarity FROM fates "
         "WHERE seq = ?");
  if (!q.ok()) return Error("cannot read a fate");
  q.Int(1, seq);
  const int rc = sqlite3_step(q.get());
  if (rc == SQLITE_DONE) return Status::NotFound(Name() + ": no fate #" + std::to_string(seq));
  if (rc != SQLITE_ROW) return Error("cannot read the fate of #" + std::to_string(seq));
  StoredFate f;
  const int64_t kind = q.ColInt(0);
  if (kind < 0 || kind > 2)
    return Status::Corruption(Name() + ": damaged fate of document #" + std::to_string(seq));
  f.kind = static_cast<FateKind>(kind);
  f.duplicate_of = q.ColNull(1) ? 0 : q.ColInt(1);
  f.event = static_cast<uint32_t>(q.ColInt(2));
  f.story = static_cast<uint32_t>(q.ColInt(3));
  f.new_event = q.ColInt(4) != 0;
  f.new_story = q.ColInt(5) != 0;
  f.similarity = q.ColReal(6);
  return f;
}

StatusOr<int64_t> Store::DeleteBefore(int32_t day) {
  const std::string doomed =
      "(SELECT seq FROM documents WHERE coalesce(day, added_day) < " + std::to_string(day) + ")";
  for (const char* table : {"signatures", "vectors", "fates"}) {
    const std::string sql = std::string("DELETE FROM ") + table + " WHERE seq IN " + doomed;
    if (Status st = Exec(sql.c_str()); !st.ok()) return st;
  }
  {
    const std::string sql =
        "DELETE FROM near_duplicates WHERE seq IN " + doomed + " OR other IN " + doomed;
    if (Status st = Exec(sql.c_str()); !st.ok()) return st;
  }
  const std::string sql =
      "DELETE FROM documents WHERE coalesce(day, added_day) < " + std::to_string(day);
  if (Status st = Exec(sql.c_str()); !st.ok()) return st;
  const int64_t removed = sqlite3_changes64(db_);
  // Databases made before the counters existed have no rows yet; a database
  // without `evicted_documents` had evictions nobody counted, so it gets none.
  if (Status st = Exec(
          "INSERT INTO settings(key, value) VALUES('evictions', '1') ON CONFLICT(key) DO UPDATE "
          "SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)");
      !st.ok())
    return st;
  const std::string count = "UPDATE settings SET value = CAST(CAST(value AS INTEGER) + " +
                            std::to_string(removed) + " AS TEXT) WHERE key = 'evicted_documents'";
  if (Status st = Exec(count.c_str()); !st.ok()) return st;
  return removed;
}

StatusOr<Store::Counters> Store::ReadCounters() const {
  Stmt q(db_,
         "SELECT key, value FROM settings WHERE key IN ('next_event', 'next_story', "
         "'evictions', 'evicted_documents')");
  if (!q.ok()) return Error("cannot read the settings");
  Counters c;
  int rc;
  while ((rc = sqlite3_step(q.get())) == SQLITE_ROW) {
    const std::string key = q.ColText(0), value = q.ColText(1);
    const bool parsed = key == "next_event"   ? ParseCounter(value, &c.next_event)
                        : key == "next_story" ? ParseCounter(value, &c.next_story)
                        : key == "evictions"  ? ParseCounter(value, &c.evictions)
                                              : ParseCounter(value, &c.evicted_documents);
    if (!parsed)
      return Status::Corruption(Name() + ": damaged setting " + key + " = '" + value +
                                "'; restore the file from a backup or re-ingest");
  }
  if (rc != SQLITE_DONE) return Error("cannot read the settings");
  return c;
}

}  // namespace precis::store
