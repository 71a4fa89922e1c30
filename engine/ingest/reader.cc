// ReadSources / ReadJsonLines (precis/document.h): list the sources, read and
// decode them in parallel windows, hand results to the callbacks in order on
// the calling thread.
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <unordered_map>

#include "engine/common/parallel.h"
#include "engine/ingest/file_reader.h"
#include "engine/ingest/json_record.h"
#include "engine/ingest/source_list.h"
#include "precis/document.h"

namespace precis {
namespace {

using ingest::Format;
using ingest::SourceEntry;

// A JSON Lines batch is cut at whichever limit comes first.
constexpr size_t kBatchLines = 512;
constexpr size_t kBatchBytes = 4 << 20;
// Units read ahead per worker thread; bounds memory to a few files per thread.
constexpr size_t kUnitsPerThread = 4;

// What one unit of work yields, in source order.
struct Outcome {
  std::optional<Document> doc;  // or, when empty, `skip`
  SkippedSource skip;
  std::string where;  // for messages about the document (duplicate ids)
};

// One unit of work: a file to read, or a batch of JSON lines, or an outcome
// already known (a problem found while listing or opening).
struct Unit {
  const SourceEntry* entry = nullptr;
  std::string label;  // JSON Lines: "path" of "path:LINE"
  std::string source_path;
  std::vector<std::pair<uint64_t, std::string>> lines;  // (1-based line number, line)
  std::vector<Outcome> ready;
};

Outcome Skip(std::string where, Status status) {
  Outcome o;
  o.skip = {std::move(where), std::move(status)};
  return o;
}

std::vector<Outcome> Process(Unit& unit, const IngestOptions& options) {
  std::vector<Outcome> out = std::move(unit.ready);
  // Growing would copy every Document so far (Outcome's move may throw).
  out.reserve(out.size() + unit.lines.size() + 1);
  if (unit.entry != nullptr) {
    auto doc = ingest::ReadDocumentFile(*unit.entry, options);
    if (doc.ok()) {
      out.push_back({std::move(doc).value(), {}, unit.entry->path});
    } else {
      out.push_back(Skip(unit.entry->path, doc.status()));
    }
  }
  for (auto& [number, line] : unit.lines) {
    std::string where = unit.label + ":" + std::to_string(number);
    auto doc = ingest::ParseJsonRecord(line);
    if (!doc.ok()) {
      out.push_back(Skip(std::move(where), doc.status()));
      continue;
    }
    doc->source_path = unit.source_path;
    out.push_back({std::move(doc).value(), {}, std::move(where)});
  }
  return out;
}

// Cuts a JSON Lines stream into batches, checking per-line limits.
class JsonLinesBatcher {
 public:
  JsonLinesBatcher(std::istream& in, std::string label, std::string source_path, uint64_t max_bytes)
      : in_(in),
        label_(std::move(label)),
        source_path_(std::move(source_path)),
        max_bytes_(max_bytes) {}

  // Fills `unit` with the next batch; false at the end.
  bool Next(Unit* unit) {
    if (done_) return false;
    unit->label = label_;
    unit->source_path = source_path_;
    size_t bytes = 0;
    std::string line;
    while (unit->lines.size() < kBatchLines && bytes < kBatchBytes) {
      if (!std::getline(in_, line)) {
        Finish(unit);
        break;
      }
      ++number_;
      if (ingest::IsBlankLine(line)) continue;
      ++records_;
      const std::string where = label_ + ":" + std::to_string(number_);
      if (line.find('\0') != std::string::npos) {
        unit->ready.push_back(
            Skip(label_, Status::Unsupported("binary file (NUL bytes); precis reads text")));
        done_ = true;
        break;
      }
      if (line.size() > max_bytes_) {
        unit->ready.push_back(
            Skip(where, Status::ResourceExhausted("record is " + std::to_string(line.size()) +
                                                  " bytes, over ingest.max_file_bytes")));
        continue;
      }
      bytes += line.size();
      unit->lines.emplace_back(number_, std::move(line));
      line.clear();
    }
    return !unit->lines.empty() || !unit->ready.empty() || !done_;
  }

 private:
  void Finish(Unit* unit) {
    done_ = true;
    if (in_.bad()) {
      unit->ready.push_back(
          Skip(label_ + ":" + std::to_string(number_ + 1), Status::IOError("read failed")));
    } else if (records_ == 0) {
      unit->ready.push_back(Skip(
          label_,
          Status::Unsupported(number_ == 0 ? "empty file" : "no JSON records (only blank lines)")));
    }
  }

  std::istream& in_;
  std::string label_;
  std::string source_path_;
  uint64_t max_bytes_;
  uint64_t number_ = 0;
  uint64_t records_ = 0;
  bool done_ = false;
};

// Delivers outcomes in order on the calling thread; a second document with
// an id already delivered is reported instead.
class Deliverer {
 public:
  Deliverer(const std::function<void(Document)>& sink,
            const std::function<void(SkippedSource)>& skipped)
      : sink_(sink), skipped_(skipped) {}

  void Deliver(Outcome& o) {
    if (!o.doc) {
      skipped_(std::move(o.skip));
      return;
    }
    auto [it, fresh] = seen_.emplace(o.doc->id, o.where);
    if (!fresh) {
      skipped_({o.where, Status::InvalidArgument("duplicate document id '" + o.doc->id +
                                                 "' (first read from " + it->second +
                                                 "); ids must be unique")});
      return;
    }
    sink_(std::move(*o.doc));
  }

 private:
  const std::function<void(Document)>& sink_;
  const std::function<void(SkippedSource)>& skipped_;
  std::unordered_map<std::string, std::string> seen_;
};

// Pulls units from `next` (on this thread) a window at a time, processes a
// window in parallel, then delivers it in order: output never depends on
// scheduling, and callbacks never run on worker threads.
void RunOrdered(const IngestOptions& options, const std::function<bool(Unit*)>& next,
                Deliverer& out) {
  Parallel parallel(options.threads);
  const size_t window = kUnitsPerThread * static_cast<size_t>(parallel.threads());
  bool more = true;
  while (more) {
    std::vector<Unit> units;
    while (units.size() < window) {
      Unit unit;
      if (!next(&unit)) {
        more = false;
        break;
      }
      units.push_back(std::move(unit));
    }
    std::vector<std::vector<Outcome>> results(units.size());
    parallel.For(units.size(), [&](size_t i) { results[i] = Process(units[i], options); });
    for (auto& outcomes : results) {
      for (Outcome& o : outcomes) out.Deliver(o);
    }
  }
}

// Units for a list of entries: one per text/HTML file, batches for JSON Lines.
class EntryUnits {
 public:
  EntryUnits(const std::vector<SourceEntry>& entries, const IngestOptions& options)
      : entries_(entries), options_(options) {}

  bool Next(Unit* unit) {
    while (true) {
      if (batcher_) {
        if (batcher_->Next(unit)) return true;
        batcher_.reset();
        stream_.reset();
      }
      if (pos_ == entries_.size()) return false;
      const SourceEntry& e = entries_[pos_++];
      if (!e.problem.ok()) {
        unit->ready.push_back(Skip(e.path, e.problem));
        return true;
      }
      if (e.format != Format::kJsonLines) {
        unit->entry = &e;
        return true;
      }
      if (Status s = OpenJsonLines(e); !s.ok()) {
        unit->ready.push_back(Skip(e.path, s));
        return true;
      }
    }
  }

 private:
  Status OpenJsonLines(const SourceEntry& e) {
    struct stat st;
    if (stat(e.path.c_str(), &st) != 0)
      return Status::IOError("cannot stat: " + std::string(std::strerror(errno)));
    if (!S_ISREG(st.st_mode))
      return Status::Unsupported("not a regular file (device, pipe or socket)");
    if (st.st_size == 0) return Status::Unsupported("empty file");
    stream_ = std::make_unique<std::ifstream>(e.path, std::ios::binary);
    if (!*stream_) return Status::IOError("cannot open: " + std::string(std::strerror(errno)));
    batcher_ =
        std::make_unique<JsonLinesBatcher>(*stream_, e.path, e.path, options_.max_file_bytes);
    return Status::OK();
  }

  const std::vector<SourceEntry>& entries_;
  const IngestOptions& options_;
  size_t pos_ = 0;
  std::unique_ptr<std::ifstream> stream_;
  std::unique_ptr<JsonLinesBatcher> batcher_;
};

}  // namespace

Status ReadSources(const std::vector<std::string>& paths, const IngestOptions& options,
                   const std::function<void(Document)>& sink,
                   const std::function<void(SkippedSource)>& skipped) {
  auto entries = ingest::ListSources(paths);
  if (!entries.ok()) return entries.status();
  EntryUnits units(*entries, options);
  Deliverer out(sink, skipped);
  RunOrdered(
      options, [&](Unit* u) { return units.Next(u); }, out);
  return Status::OK();
}

Status ReadJsonLines(std::istream& in, std::string_view name, const IngestOptions& options,
                     const std::function<void(Document)>& sink,
                     const std::function<void(SkippedSource)>& skipped) {
  JsonLinesBatcher batcher(in, std::string(name), std::string(name), options.max_file_bytes);
  Deliverer out(sink, skipped);
  RunOrdered(
      options, [&](Unit* u) { return batcher.Next(u); }, out);
  return Status::OK();
}

}  // namespace precis
