// precis._precis: the Python binding of the public C++ API (include/precis
// only). The package python/precis wraps it; nothing here is meant to be
// called by users directly.
//
// The GIL is held only while Python objects are read or made; everything
// else (reading records, analysis, the engines, the writers, the sketch
// pieces) runs with it released, so other Python threads go on.
//
//   common.cc    errors, options, reading Python records (binding.h)
//   runs.cc      precis.dedup / cluster / digest, IncrementalEngine
//   sketches.cc  precis.signatures, precis.dask's pieces
#include "precis/engine.h"
#include "python/src/binding.h"

namespace precis::python {

PYBIND11_MODULE(_precis, m) {
  m.doc() = "precis: the C++ engine's public API (use the precis package, not this module)";
  MakeErrorClasses(m);
  m.def("version", [] { return std::string(Version()); });
  m.def("defaults", [] {
    const Options o;
    py::dict d;
    d["cluster.event_threshold"] = o.cluster.event_threshold;
    d["cluster.story_threshold"] = o.cluster.story_threshold;
    d["dedup.signature_size"] = o.dedup.signature_size;
    d["dedup.seed"] = o.dedup.seed;
    return d;
  });
  RegisterRuns(m);
  RegisterSketches(m);
}

}  // namespace precis::python
