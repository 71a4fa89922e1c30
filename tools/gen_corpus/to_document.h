// A generated report as the engine's input. Header-only, so that the
// generator library itself does not depend on the precis library: tests and
// benchmarks that have both include it.
#ifndef PRECIS_TOOLS_GEN_CORPUS_TO_DOCUMENT_H_
#define PRECIS_TOOLS_GEN_CORPUS_TO_DOCUMENT_H_

#include "precis/document.h"
#include "tools/gen_corpus/generator.h"

namespace precis::gen {

inline Document ToDocument(const GeneratedDoc& g) {
  Document d;
  d.id = g.id;
  d.title = g.title;
  d.text = g.text;
  d.date = g.date;
  d.lang = g.lang;
  return d;
}

}  // namespace precis::gen

#endif  // PRECIS_TOOLS_GEN_CORPUS_TO_DOCUMENT_H_
