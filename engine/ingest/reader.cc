// ReadSources / ReadJsonLines (precis/document.h): list the sources, then a
// pipeline: cut the input into units (in order, one thread at a time), read
// and decode units in parallel, hand results to the callbacks in order.
#include <oneapi/tbb/parallel_pipeline.h>
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
#include "engine/ingest/dates/publication_date.h"
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
// Units in flight per worker thread; bounds memory to a few units per thread.
constexpr size_t kUnitsPerThread = 4;

// Where a document or problem comes from: a source (file path, or the name of
// a JSON Lines stream) and, for a JSON record, its 1-based line. Kept instead
// of the formatted text, which only a duplicate id needs.
struct Location {
  const std::string* label = nullptr;  // outlives the read (entry path, stream name)
  uint64_t line = 0;                   // 0: the whole source

  std::string ToString() const { return line == 0 ? *label : *label + ":" + std::to_string(line); }
};

// What one unit of work yields, in source order.
struct Outcome {
  std::optional<Document> doc;  // or, when empty, `skip`
  SkippedSource skip;
  Location where;  // of `doc`, for messages about it (duplicate ids)
};

// One JSON line of a batch: its 1-based number and its bytes in Unit::text.
struct LineSpan {
  uint64_t number = 0;
  size_t begin = 0;
  size_t size = 0;
};

// One unit of work: a file to read, or a batch of JSON lines, or an outcome
// already known (a problem found while listing or opening).
struct Unit {
  const SourceEntry* entry = nullptr;
  const std::string* label = nullptr;        // JSON Lines: "path" of "path:LINE"
  const std::string* source_path = nullptr;  // JSON Lines: Document::source_path
  std::string text;                          // JSON Lines: the batch's lines, back to back
  std::vector<LineSpan> lines;
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
      out.push_back({std::move(doc).value(), {}, {&unit.entry->path, 0}});
    } else {
      out.push_back(Skip(unit.entry->path, doc.status()));
    }
  }
  const std::optional<int32_t> today =
      unit.lines.empty() ? std::nullopt : ingest::dates::ReadingDay(options);
  for (const LineSpan& line : unit.lines) {
    const Location where{unit.label, line.number};
    auto doc =
        ingest::ParseJsonRecord(std::string_view(unit.text).substr(line.begin, line.size), today);
    if (!doc.ok()) {
      out.push_back(Skip(where.ToString(), doc.status()));
      continue;
    }
    doc->source_path = *unit.source_path;
    out.push_back({std::move(doc).value(), {}, where});
  }
  std::string().swap(unit.text);  // parsed: free the batch now, not when delivered
  return out;
}

// Cuts a JSON Lines stream into batches, checking per-line limits.
class JsonLinesBatcher {
 public:
  // `label` and `source_path` must outlive the read: outcomes point to them.
  JsonLinesBatcher(std::istream& in, const std::string* label, const std::string* source_path,
                   uint64_t max_bytes)
      : in_(in), label_(label), source_path_(source_path), max_bytes_(max_bytes) {}

  // Fills `unit` with the next batch; false at the end.
  bool Next(Unit* unit) {
    if (done_) return false;
    unit->label = label_;
    unit->source_path = source_path_;
    while (unit->lines.size() < kBatchLines && unit->text.size() < kBatchBytes) {
      if (!std::getline(in_, line_)) {
        Finish(unit);
        break;
      }
      ++number_;
      if (ingest::IsBlankLine(line_)) continue;
      ++records_;
      if (line_.find('\0') != std::string::npos) {
        unit->ready.push_back(
            Skip(*label_, Status::Unsupported("binary file (NUL bytes); precis reads text")));
        done_ = true;
        break;
      }
      if (line_.size() > max_bytes_) {
        unit->ready.push_back(
            Skip(Location{label_, number_}.ToString(),
                 Status::ResourceExhausted("record is " + std::to_string(line_.size()) +
                                           " bytes, over ingest.max_file_bytes")));
        continue;
      }
      unit->lines.push_back({number_, unit->text.size(), line_.size()});
      if (unit->text.empty()) {
        unit->text.swap(line_);  // no copy of a batch's first (maybe huge) line
      } else {
        unit->text += line_;
      }
    }
    return !unit->lines.empty() || !unit->ready.empty() || !done_;
  }

 private:
  void Finish(Unit* unit) {
    done_ = true;
    if (in_.bad()) {
      unit->ready.push_back(
          Skip(Location{label_, number_ + 1}.ToString(), Status::IOError("read failed")));
    } else if (records_ == 0) {
      unit->ready.push_back(Skip(
          *label_,
          Status::Unsupported(number_ == 0 ? "empty file" : "no JSON records (only blank lines)")));
    }
  }

  std::istream& in_;
  const std::string* label_;
  const std::string* source_path_;
  uint64_t max_bytes_;
  std::string line_;  // the line being read; keeps its capacity from line to line
  uint64_t number_ = 0;
  uint64_t records_ = 0;
  bool done_ = false;
};

// Delivers outcomes in order; a second document with an id already delivered
// is reported instead.
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
    auto [it, fresh] = seen_.try_emplace(o.doc->id, o.where);
    if (!fresh) {
      skipped_(
          {o.where.ToString(),
           Status::InvalidArgument("duplicate document id '" + o.doc->id + "' (first read from " +
                                   it->second.ToString() + "); ids must be unique")});
      return;
    }
    sink_(std::move(*o.doc));
  }

 private:
  const std::function<void(Document)>& sink_;
  const std::function<void(SkippedSource)>& skipped_;
  std::unordered_map<std::string, Location> seen_;  // id -> where it was first read
};

// Runs `next` -> Process -> Deliver as a pipeline: units are pulled from
// `next` one at a time in order, processed in parallel, and delivered one at
// a time in the order they were pulled. Output never depends on scheduling;
// at most kUnitsPerThread units per thread are in flight.
void RunOrdered(const IngestOptions& options, const std::function<bool(Unit*)>& next,
                Deliverer& out) {
  struct Work {
    Unit unit;
    std::vector<Outcome> outcomes;
  };
  using WorkPtr = std::unique_ptr<Work>;
  Parallel parallel(options.threads);
  const size_t tokens = kUnitsPerThread * static_cast<size_t>(parallel.threads());
  parallel.Run([&] {
    tbb::parallel_pipeline(
        tokens,
        tbb::make_filter<void, WorkPtr>(tbb::filter_mode::serial_in_order,
                                        [&](tbb::flow_control& control) {
                                          auto work = std::make_unique<Work>();
                                          if (!next(&work->unit)) {
                                            control.stop();
                                            work.reset();
                                          }
                                          return work;
                                        }) &
            tbb::make_filter<WorkPtr, WorkPtr>(tbb::filter_mode::parallel,
                                               [&](WorkPtr work) {
                                                 work->outcomes = Process(work->unit, options);
                                                 return work;
                                               }) &
            tbb::make_filter<WorkPtr, void>(tbb::filter_mode::serial_in_order, [&](WorkPtr work) {
              for (Outcome& o : work->outcomes) out.Deliver(o);
            }));
  });
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
        std::make_unique<JsonLinesBatcher>(*stream_, &e.path, &e.path, options_.max_file_bytes);
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
  auto entries = ingest::ListSources(paths, options.follow_links);
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
  const std::string label(name);
  JsonLinesBatcher batcher(in, &label, &label, options.max_file_bytes);
  Deliverer out(sink, skipped);
  RunOrdered(
      options, [&](Unit* u) { return batcher.Next(u); }, out);
  return Status::OK();
}

}  // namespace precis
