// The binding's shared parts (binding.h): errors, options, reading records.
#include <algorithm>
#include <atomic>
#include <map>
#include <optional>
#include <thread>

#include "python/src/binding.h"

namespace precis::python {
namespace {

// ---------------------------------------------------------------- errors --

// precis.Error and one subclass per Status code, each also deriving from the
// built-in exception a Python caller expects (ValueError for bad arguments
// and bad input, OSError for I/O, ...). Made once at import.
std::map<Status::Code, py::object>& ErrorClasses() {
  static auto* classes = new std::map<Status::Code, py::object>();
  return *classes;
}

}  // namespace

[[noreturn]] void Raise(const Status& status) {
  auto it = ErrorClasses().find(status.code());
  PyObject* cls = it != ErrorClasses().end() ? it->second.ptr() : PyExc_RuntimeError;
  PyErr_SetString(cls, status.message().c_str());
  throw py::error_already_set();
}

void MakeErrorClasses(py::module_& m) {
  py::object type = py::module_::import("builtins").attr("type");
  auto make = [&](const char* name, py::tuple bases, const char* code, const char* doc) {
    py::dict attrs;
    attrs["code"] = code;
    attrs["__doc__"] = doc;
    attrs["__module__"] = "precis";
    py::object cls = type(name, bases, attrs);
    m.attr(name) = cls;
    return cls;
  };
  py::object base = make("Error", py::make_tuple(py::handle(PyExc_Exception)), "",
                         "A precis call failed; the message is the C++ Status message.");
  auto sub = [&](Status::Code code, const char* name, PyObject* builtin, const char* doc) {
    ErrorClasses()[code] =
        make(name, py::make_tuple(base, py::handle(builtin)), Status::CodeName(code), doc);
  };
  sub(Status::Code::kInvalidArgument, "InvalidArgumentError", PyExc_ValueError,
      "An unusable option or argument (also raised for unknown or invalid keyword options).");
  sub(Status::Code::kNotFound, "NotFoundError", PyExc_FileNotFoundError,
      "A path or document does not exist.");
  sub(Status::Code::kIOError, "StorageError", PyExc_OSError, "Reading or writing failed.");
  sub(Status::Code::kCorruption, "CorruptionError", PyExc_ValueError,
      "Malformed input: a bad record, a damaged database or model.");
  sub(Status::Code::kUnsupported, "UnsupportedError", PyExc_ValueError,
      "Valid input that precis does not handle.");
  sub(Status::Code::kResourceExhausted, "ResourceExhaustedError", PyExc_RuntimeError,
      "A configured limit was exceeded.");
  sub(Status::Code::kFailedPrecondition, "FailedPreconditionError", PyExc_RuntimeError,
      "The call is not valid in the current state (settings mismatch, database held).");
  sub(Status::Code::kInternal, "InternalError", PyExc_RuntimeError, "A bug in precis.");
}

// --------------------------------------------------------------- options --

namespace {

// The clock read by date finding and the incremental engine, fixed when the
// caller gives "now" (precis.dask pins every worker to the client's clock).
class FixedClock final : public Env {
 public:
  explicit FixedClock(int64_t now) : now_(now) {}
  int64_t NowSeconds() const override { return now_; }

 private:
  int64_t now_;
};

template <typename T>
T As(py::handle v, const std::string& key) {
  try {
    return v.cast<T>();
  } catch (const py::cast_error&) {
    Raise(Status::InvalidArgument("option " + key + ": wrong type"));
  }
}

}  // namespace

// Options from a dict of C++ option paths (python/precis/_options.py maps
// the CLI's names to these and checks ranges first).
Settings SettingsFrom(const py::dict& d) {
  Settings s;
  Options& o = s.options;
  o.result_texts = false;
  for (auto [k, v] : d) {
    const std::string key = py::str(k);
    if (key == "threads") {
      o.threads = As<int>(v, key);
      o.ingest.threads = o.threads;
    } else if (key == "lang") {
      s.lang = As<std::string>(v, key);
    } else if (key == "now") {
      s.env = std::make_shared<FixedClock>(As<int64_t>(v, key));
    } else if (key == "last_stage") {
      const std::string stage = As<std::string>(v, key);
      o.last_stage = stage == "dedup"     ? Options::Stage::kDedup
                     : stage == "cluster" ? Options::Stage::kCluster
                     : stage == "analyse" ? Options::Stage::kAnalyse
                                          : Options::Stage::kSummarise;
    } else if (key == "dedup.threshold") {
      o.dedup.threshold = As<double>(v, key);
    } else if (key == "dedup.shingle_size") {
      o.dedup.shingle_size = As<int>(v, key);
    } else if (key == "dedup.char_shingle_size") {
      o.dedup.char_shingle_size = As<int>(v, key);
    } else if (key == "dedup.signature_size") {
      o.dedup.signature_size = As<int>(v, key);
    } else if (key == "dedup.seed") {
      o.dedup.seed = As<uint64_t>(v, key);
    } else if (key == "dedup.containment") {
      o.dedup.containment = As<bool>(v, key);
    } else if (key == "dedup.containment_threshold") {
      o.dedup.containment_threshold = As<double>(v, key);
    } else if (key == "cluster.event_threshold") {
      o.cluster.event_threshold = As<double>(v, key);
    } else if (key == "cluster.story_threshold") {
      o.cluster.story_threshold = As<double>(v, key);
    } else if (key == "cluster.story_prior_pairs") {
      o.cluster.story_prior_pairs = As<double>(v, key);
    } else if (key == "cluster.idf_path") {
      o.cluster.idf_path = As<std::string>(v, key);
    } else if (key == "cluster.method") {
      o.cluster.method = As<std::string>(v, key) == "streaming" ? ClusterMethod::kStreaming
                                                                : ClusterMethod::kAgglomerative;
    } else if (key == "summary.sentences") {
      o.summary.sentences = As<int>(v, key);
    } else if (key == "summary.max_words") {
      o.summary.max_words = As<int>(v, key);
    } else if (key == "summary.single_story") {
      o.summary.single_story = As<bool>(v, key);
    } else if (key == "summary.timeline") {
      o.summary.timeline = As<bool>(v, key);
    } else {
      Raise(Status::InvalidArgument("unknown option " + key));
    }
  }
  o.env = s.env.get();
  o.ingest.env = s.env.get();
  return s;
}

DigestOptions DigestFrom(const py::dict& d) {
  DigestOptions out;
  for (auto [k, v] : d) {
    const std::string key = py::str(k);
    if (key == "min_sources") {
      out.min_sources = As<int>(v, key);
    } else if (key == "title") {
      out.title = As<std::string>(v, key);
    } else if (key == "threads") {
      out.threads = As<int>(v, key);
    } else {
      Raise(Status::InvalidArgument("unknown digest option " + key));
    }
  }
  return out;
}

// ----------------------------------------------------------------- input --

// Runs f(0..n) on up to `threads` threads (0 = all cores), the caller's
// among them. f must not touch Python objects.
void ParallelFor(size_t n, int threads, const std::function<void(size_t)>& f) {
  size_t workers = threads > 0 ? static_cast<size_t>(threads)
                               : std::max<size_t>(1, std::thread::hardware_concurrency());
  workers = std::min(workers, std::max<size_t>(1, n / 8));
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < n;) f(i);
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

namespace {

// The UTF-8 bytes of a str (compact ASCII strings are read in place, others
// encoded once, not cached on the object). False for a lone surrogate.
bool Utf8(py::handle s, std::string* out) {
  PyObject* o = s.ptr();
  if (PyUnicode_IS_COMPACT_ASCII(o)) {
    out->assign(static_cast<const char*>(PyUnicode_DATA(o)),
                static_cast<size_t>(PyUnicode_GET_LENGTH(o)));
    return true;
  }
  PyObject* bytes = PyUnicode_AsUTF8String(o);
  if (bytes == nullptr) {
    PyErr_Clear();
    return false;
  }
  out->assign(PyBytes_AS_STRING(bytes), static_cast<size_t>(PyBytes_GET_SIZE(bytes)));
  Py_DECREF(bytes);
  return true;
}

}  // namespace

// A Python record (a dict with the JSON Lines fields) as a Record, or the
// reason it cannot be one: the message the JSON Lines reader gives for a
// record holding the same values, checked in the same order. Needs the GIL.
StatusOr<Record> RecordFrom(py::handle item) {
  if (!PyDict_Check(item.ptr())) {
    py::module_ abc = py::module_::import("collections.abc");
    if (!py::isinstance(item, abc.attr("Mapping")))
      return Status::Corruption("a record must be a JSON object with \"id\" and \"text\"");
    return RecordFrom(py::dict(py::reinterpret_borrow<py::object>(item)));
  }
  auto field = [&](const char* name) -> PyObject* {
    PyObject* v = PyDict_GetItemString(item.ptr(), name);  // borrowed, or null
    return v == Py_None ? nullptr : v;
  };
  Record r;
  PyObject* id = field("id");
  if (id == nullptr) return Status::Corruption("missing \"id\"");
  if (PyUnicode_Check(id)) {
    if (!Utf8(id, &r.id)) return Status::Corruption("\"id\" is not valid Unicode");
  } else if (!PyBool_Check(id) && PyIndex_Check(id)) {
    // JSON integers: int64 or uint64; larger ones read as floats.
    py::int_ n = py::reinterpret_steal<py::int_>(PyNumber_Index(id));
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(n.ptr(), &overflow);
    if (overflow == 0) {
      r.id = std::to_string(v);
    } else {
      const unsigned long long u = PyLong_AsUnsignedLongLong(n.ptr());
      if (PyErr_Occurred()) {
        PyErr_Clear();
        return Status::Corruption("\"id\" must be a string or an integer");
      }
      r.id = std::to_string(u);
    }
  } else {
    return Status::Corruption("\"id\" must be a string or an integer");
  }
  if (r.id.empty()) return Status::Corruption("empty \"id\"");
  PyObject* text = field("text");
  PyObject* html = field("html");
  if (text != nullptr && html != nullptr)
    return Status::Corruption("both \"text\" and \"html\"; a record gives one of them");
  if (text == nullptr && html == nullptr) return Status::Corruption("missing \"text\" or \"html\"");
  struct Field {
    const char* name;
    PyObject* value;
    std::optional<std::string>* out;
  };
  for (const Field& f :
       {Field{"text", text, &r.text}, Field{"html", html, &r.html},
        Field{"title", field("title"), &r.title}, Field{"url", field("url"), &r.url},
        Field{"date", field("date"), &r.date}, Field{"lang", field("lang"), &r.lang}}) {
    if (f.value == nullptr) continue;
    if (!PyUnicode_Check(f.value))
      return Status::Corruption(std::string("\"") + f.name + "\" must be a string");
    std::string value;
    if (!Utf8(f.value, &value))
      return Status::Corruption(std::string("\"") + f.name +
                                "\" is not valid Unicode (a lone surrogate)");
    *f.out = std::move(value);
  }
  return r;
}

namespace {

// The id of a record that could not be read, when it gives a usable one.
std::string IdOf(py::handle item) {
  if (!PyDict_Check(item.ptr())) return {};
  PyObject* id = PyDict_GetItemString(item.ptr(), "id");
  std::string out;
  if (id != nullptr && PyUnicode_Check(id)) {
    if (!Utf8(id, &out)) out.clear();
  } else if (id != nullptr && !PyBool_Check(id) && PyLong_Check(id)) {
    out = py::str(id);
  }
  return out;
}

std::string Where(uint64_t index) { return "docs[" + std::to_string(index) + "]"; }

// Reads up to `limit` records from `it` (GIL held while reading Python
// objects, released while decoding them on `settings`' threads).
// Returns false when the iterator is exhausted before any record was read.
}  // namespace

bool ReadSome(py::iterator& it, size_t limit, uint64_t first, const Settings& settings,
              Batch* out) {
  std::vector<std::optional<Record>> records;
  std::vector<Status> errors;
  std::vector<std::string> ids;
  while (records.size() < limit && it != py::iterator::sentinel()) {
    StatusOr<Record> r = RecordFrom(*it);
    if (r.ok()) {
      ids.push_back(r->id);
      records.push_back(std::move(r).value());
      errors.push_back(Status::OK());
    } else {
      ids.push_back(IdOf(*it));
      records.emplace_back();
      errors.push_back(r.status());
    }
    ++it;
  }
  if (records.empty()) return false;
  std::vector<std::optional<Document>> docs(records.size());
  {
    py::gil_scoped_release release;
    ParallelFor(records.size(), settings.options.ingest.threads, [&](size_t i) {
      if (!records[i]) return;
      auto doc = ReadRecord(std::move(*records[i]), settings.options.ingest);
      if (!doc.ok()) {
        errors[i] = doc.status();
        return;
      }
      if (doc->lang.empty() && !settings.lang.empty()) doc->lang = settings.lang;
      docs[i] = std::move(doc).value();
    });
  }
  for (size_t i = 0; i < docs.size(); ++i) {
    if (docs[i]) {
      out->documents.push_back(std::move(*docs[i]));
      out->index.push_back(first + i);
    } else {
      out->skipped.push_back({first + i, ids[i], errors[i].message()});
    }
  }
  out->records += records.size();
  return true;
}

bool Reader::Next(Batch* batch) {
  *batch = Batch{};
  if (!ReadSome(it_, kBatch, next_, settings_, batch)) return false;
  next_ += batch->records;
  std::vector<Document> kept;
  std::vector<uint64_t> index;
  for (size_t i = 0; i < batch->documents.size(); ++i) {
    Document& d = batch->documents[i];
    auto [at, fresh] = first_.try_emplace(d.id, batch->index[i]);
    if (!fresh) {
      skipped_.push_back({batch->index[i], d.id, DuplicateMessage(d.id, at->second)});
      continue;
    }
    kept.push_back(std::move(d));
    index.push_back(batch->index[i]);
  }
  skipped_.insert(skipped_.end(), batch->skipped.begin(), batch->skipped.end());
  batch->documents = std::move(kept);
  batch->index = std::move(index);
  return true;
}

std::vector<Skipped> Reader::skipped() const {
  std::vector<Skipped> s = skipped_;
  std::stable_sort(s.begin(), s.end(),
                   [](const Skipped& a, const Skipped& b) { return a.index < b.index; });
  return s;
}

std::string Reader::DuplicateMessage(const std::string& id, uint64_t first) {
  return "duplicate document id '" + id + "' (first read from " + Where(first) +
         "); ids must be unique";
}

py::list SkippedList(const std::vector<Skipped>& skipped) {
  py::list out;
  for (const Skipped& s : skipped) {
    out.append(
        py::make_tuple(s.index, s.id.empty() ? py::object(py::none()) : py::str(s.id), s.message));
  }
  return out;
}
}  // namespace precis::python
