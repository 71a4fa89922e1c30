// precis.dedup / cluster / digest and precis.IncrementalEngine: the engines
// over Python records, their JSON written by the library's writers.
#include <sstream>

#include "precis/engine.h"
#include "precis/ingest.h"
#include "python/src/binding.h"

namespace precis::python {
namespace {

// ------------------------------------------------------------ batch runs --

// precis.dedup / cluster / digest: reads `docs` into an Engine, runs it and
// writes the command's JSON. Returns (json bytes, skipped records).
py::tuple Run(py::handle docs, const py::dict& options, const std::string& command,
              const py::dict& digest_options) {
  Settings settings = SettingsFrom(options);
  DigestOptions digest = DigestFrom(digest_options);
  std::unique_ptr<Engine> engine = Value(Engine::Create(settings.options));
  Reader reader(docs, settings);
  Batch batch;
  while (reader.Next(&batch)) {
    Status added;
    {
      py::gil_scoped_release release;
      for (Document& d : batch.documents) {
        if (added.ok()) added = engine->Add(std::move(d));
      }
    }
    Check(added);
  }
  std::string json;
  {
    py::gil_scoped_release release;
    StatusOr<Result> result = engine->Run();
    engine.reset();
    if (result.ok()) {
      std::ostringstream out;
      Status s;
      if (command == "dedup") {
        s = WriteDuplicatesJson(*result, settings.options, digest, out);
      } else if (command == "cluster") {
        s = WriteClusterJson(*result, settings.options, digest, out);
      } else {
        s = WriteJson(*result, digest, out);
      }
      if (!s.ok()) result = s;
      json = std::move(out).str();
    }
    if (!result.ok()) {
      py::gil_scoped_acquire acquire;
      Raise(result.status());
    }
  }
  return py::make_tuple(Bytes(json), SkippedList(reader.skipped()));
}

// ----------------------------------------------------------- incremental --

class PyIncremental {
 public:
  PyIncremental(const std::string& path, const py::dict& options, bool sync, bool read_only)
      : settings_(SettingsFrom(options)) {
    py::gil_scoped_release release;
    auto engine =
        read_only ? IncrementalEngine::OpenForReading(path, settings_.options)
                  : IncrementalEngine::Open(path, settings_.options,
                                            sync ? IncrementalEngine::Durability::kPowerLoss
                                                 : IncrementalEngine::Durability::kProcessCrash);
    if (!engine.ok()) {
      py::gil_scoped_acquire acquire;
      Raise(engine.status());
    }
    engine_ = std::move(engine).value();
  }

  // The fate line of `item`; raises for a bad record (the reason it would
  // be skipped) or a failed Add.
  py::bytes Add(py::handle item) {
    StatusOr<Record> record = RecordFrom(item);
    if (!record.ok()) Raise(record.status());
    std::string line;
    Status error;
    {
      py::gil_scoped_release release;
      StatusOr<Document> doc = ReadRecord(std::move(record).value(), settings_.options.ingest);
      if (!doc.ok()) {
        error = doc.status();
      } else {
        if (doc->lang.empty() && !settings_.lang.empty()) doc->lang = settings_.lang;
        const std::string date = doc->date, date_source(DateSource(*doc));
        StatusOr<Fate> fate = engine_->Add(std::move(doc).value());
        if (fate.ok()) {
          line = FateJson(*fate, date, date_source);
        } else {
          error = fate.status();
        }
      }
    }
    if (!error.ok()) Raise(error);
    return Bytes(line);
  }

  py::bytes Digest(const std::string& since, const py::dict& digest_options) {
    DigestOptions digest = DigestFrom(digest_options);
    SnapshotOptions snapshot;
    snapshot.since = since;
    std::string json;
    Status error;
    {
      py::gil_scoped_release release;
      StatusOr<Result> result = engine_->Snapshot(snapshot);
      if (result.ok()) {
        std::ostringstream out;
        error = WriteJson(*result, digest, out);
        json = std::move(out).str();
      } else {
        error = result.status();
      }
    }
    if (!error.ok()) Raise(error);
    return Bytes(json);
  }

  size_t Size() const { return engine_->size(); }

 private:
  Settings settings_;
  std::unique_ptr<IncrementalEngine> engine_;
};

}  // namespace

void RegisterRuns(py::module_& m) {
  m.def("run", &Run, py::arg("docs"), py::arg("options"), py::arg("command"),
        py::arg("digest_options"));
  m.def("duplicate_message", &Reader::DuplicateMessage);
  py::class_<PyIncremental>(m, "IncrementalEngine")
      .def(py::init<const std::string&, const py::dict&, bool, bool>(), py::arg("path"),
           py::arg("options"), py::arg("sync"), py::arg("read_only"))
      .def("add", &PyIncremental::Add)
      .def("digest", &PyIncremental::Digest, py::arg("since"), py::arg("digest_options"))
      .def("size", &PyIncremental::Size);
}

}  // namespace precis::python
