// The Python binding's shared parts (precis._precis): errors as Python
// exceptions, option dicts as precis::Options, Python records read as
// Documents. Only the public C++ API (include/precis) is used.
#ifndef PRECIS_PYTHON_SRC_BINDING_H_
#define PRECIS_PYTHON_SRC_BINDING_H_

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "precis/digest.h"
#include "precis/document.h"
#include "precis/env.h"
#include "precis/options.h"
#include "precis/status.h"

namespace py = pybind11;

namespace precis::python {

// Raises the Python exception of `status`'s code (precis.InvalidArgumentError,
// ...) with its message. Needs the GIL.
[[noreturn]] void Raise(const Status& status);

template <typename T>
T Value(StatusOr<T> v) {
  if (!v.ok()) Raise(v.status());
  return std::move(v).value();
}

inline void Check(const Status& s) {
  if (!s.ok()) Raise(s);
}

// Makes precis.Error and its subclasses in module `m` (at import).
void MakeErrorClasses(py::module_& m);

// Options plus what they point to (Options::env is not owned).
struct Settings {
  Options options;
  std::string lang;  // given to documents without one (the CLI's --lang)
  std::shared_ptr<const Env> env;
};

// Options from a dict of C++ option paths (python/precis/_options.py maps
// the CLI's names to these and checks ranges first); results_texts off.
Settings SettingsFrom(const py::dict& d);
DigestOptions DigestFrom(const py::dict& d);

// A Python record (a dict with the JSON Lines fields) as a Record, or the
// reason it cannot be one: the message the JSON Lines reader gives for a
// record holding the same values, checked in the same order. Needs the GIL.
StatusOr<Record> RecordFrom(py::handle item);

// Runs f(0..n) on up to `threads` threads (0 = all cores), the caller's
// among them. f must not touch Python objects.
void ParallelFor(size_t n, int threads, const std::function<void(size_t)>& f);

struct Skipped {
  uint64_t index = 0;
  std::string id;  // empty when the record gave none
  std::string message;
};

// Documents read from Python records, numbered in the order given.
// Duplicate ids are left to the caller (Reader below, or precis.dask's id
// step across partitions).
struct Batch {
  std::vector<Document> documents;
  std::vector<uint64_t> index;  // of each document among the records
  std::vector<Skipped> skipped;
  uint64_t records = 0;
};

// Reads up to `limit` records from `it`, numbered from `first`, into *out
// (GIL held while reading Python objects, released while decoding them on
// `settings`' threads). Returns false when the iterator is exhausted before
// any record was read.
bool ReadSome(py::iterator& it, size_t limit, uint64_t first, const Settings& settings, Batch* out);

// All records of an iterable, in batches, with duplicate ids reported (the
// first one read is kept), as ReadJsonLines does.
class Reader {
 public:
  Reader(py::handle iterable, const Settings& settings)
      : it_(py::iter(iterable)), settings_(settings) {}

  // Next batch of documents; false at the end.
  bool Next(Batch* batch);

  // Every record skipped so far, in record order.
  std::vector<Skipped> skipped() const;

  static std::string DuplicateMessage(const std::string& id, uint64_t first);

 private:
  static constexpr size_t kBatch = 2048;
  py::iterator it_;
  const Settings& settings_;
  uint64_t next_ = 0;
  std::unordered_map<std::string, uint64_t> first_;
  std::vector<Skipped> skipped_;
};

// [(index, id or None, reason)].
py::list SkippedList(const std::vector<Skipped>& skipped);

inline py::bytes Bytes(const std::string& s) { return py::bytes(s.data(), s.size()); }

using U32 = py::array_t<uint32_t, py::array::c_style | py::array::forcecast>;
using U64 = py::array_t<uint64_t, py::array::c_style | py::array::forcecast>;
using I64 = py::array_t<int64_t, py::array::c_style | py::array::forcecast>;
using F64 = py::array_t<double, py::array::c_style | py::array::forcecast>;

template <typename T>
py::array_t<T> ArrayOf(const std::vector<T>& v) {
  py::array_t<T> a(static_cast<py::ssize_t>(v.size()));
  if (!v.empty()) std::memcpy(a.mutable_data(), v.data(), v.size() * sizeof(T));
  return a;
}

// The module's functions and classes, by file.
void RegisterRuns(py::module_& m);      // runs.cc: run, IncrementalEngine
void RegisterSketches(py::module_& m);  // sketches.cc: signatures, precis.dask's pieces

}  // namespace precis::python

#endif  // PRECIS_PYTHON_SRC_BINDING_H_
