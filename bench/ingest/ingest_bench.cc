// Reading and cleaning reports, one thread: JSON Lines records, folders of
// .txt and .html files (charset detection, HTML text extraction with gumbo),
// and the boilerplate filter (corpus line counts, then each report's kept
// lines). BM_ReadHtmlFiles reads with publication dates looked for (the
// default, IngestOptions::find_dates), BM_ReadHtmlFilesNoDates without:
// the difference is what the date step costs. The generated pages carry no
// date at all, the date step's slowest case (every rule runs, down to the
// scan of the whole visible text). The corpus is made by tools/gen_corpus
// (5,000 reports; more with
// PRECIS_BENCH_DOCS=N) and written once, untimed, as JSON Lines in memory and
// as files in a temporary folder; the HTML pages wrap each report in the
// navigation, headings and footer a news site adds.
//
// Bytes are bytes of input (the JSON Lines text, the files on disk, the
// reports' texts for the filter). Each benchmark checks a checksum of its
// output (ids, titles, texts; kept line ranges) against an untimed reference
// run and fails (SkipWithError) on a mismatch.
//
//   build/bench/ingest/ingest_bench --benchmark_repetitions=3
#include <benchmark/benchmark.h>
#include <oneapi/tbb/task_arena.h>
#include <unistd.h>
#include <xxhash.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench/generated_corpus.h"
#include "engine/ingest/boilerplate.h"
#include "engine/output/html_escape.h"
#include "precis/document.h"

namespace precis {
namespace {

namespace fs = std::filesystem;

struct Corpus {
  std::vector<Document> docs;
  std::string jsonl;
  fs::path folder;  // txt/ and html/, one file per report
  size_t jsonl_bytes = 0, text_bytes = 0, txt_bytes = 0, html_bytes = 0;
  std::string error;

  ~Corpus() {
    std::error_code ec;
    if (!folder.empty()) fs::remove_all(folder, ec);
  }
};

// The report as a news site serves it: head, navigation, the headline, one
// <p> per paragraph, related links and a footer.
std::string AsHtml(const Document& d) {
  std::string page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" +
                     output::HtmlEscape(d.title) +
                     "</title></head><body>\n<nav><ul><li><a href=\"/\">Accueil</a></li>"
                     "<li><a href=\"/monde\">Monde</a></li><li><a href=\"/politique\">Politique"
                     "</a></li></ul></nav>\n<article><h1>" +
                     output::HtmlEscape(d.title) + "</h1>\n";
  size_t at = 0;
  while (at < d.text.size()) {
    size_t end = d.text.find("\n\n", at);
    if (end == std::string::npos) end = d.text.size();
    if (end > at)
      page += "<p>" + output::HtmlEscape(std::string_view(d.text).substr(at, end - at)) + "</p>\n";
    at = end + 2;
  }
  page +=
      "</article>\n<aside><h2>Lire aussi</h2><ul><li><a href=\"/a\">Les autres articles</a></li>"
      "</ul></aside>\n<footer>© Le Journal. Tous droits réservés.</footer></body></html>\n";
  return page;
}

const Corpus& GetCorpus() {
  static const Corpus corpus = [] {
    Corpus c;
    auto g = bench::BenchGenerator(5000, &c.error);
    if (!g) return c;
    c.folder = fs::temp_directory_path() / ("precis-ingest-bench-" + std::to_string(getpid()));
    fs::create_directories(c.folder / "txt");
    fs::create_directories(c.folder / "html");
    gen::GeneratedDoc d;
    while (g->Next(&d)) {
      Document doc = gen::ToDocument(d);
      c.jsonl += gen::CorpusLine(d) + '\n';
      const std::string txt = d.title + "\n\n" + d.text, html = AsHtml(doc);
      std::ofstream(c.folder / "txt" / (d.id + ".txt"), std::ios::binary) << txt;
      std::ofstream(c.folder / "html" / (d.id + ".html"), std::ios::binary) << html;
      c.text_bytes += d.text.size();
      c.txt_bytes += txt.size();
      c.html_bytes += html.size();
      c.docs.push_back(std::move(doc));
    }
    c.jsonl_bytes = c.jsonl.size();
    return c;
  }();
  return corpus;
}

IngestOptions OneThread() {
  IngestOptions o;
  o.threads = 1;
  return o;
}

// Ids, titles, texts and dates of what was read, in order, plus skipped
// sources.
struct ReadSum {
  uint64_t hash = 0;  // each field hashed with the hash so far as its seed
  size_t docs = 0, skipped = 0;
  void Add(const Document& d) {
    for (const std::string* s : {&d.id, &d.title, &d.text, &d.date, &d.date_source})
      hash = XXH3_64bits_withSeed(s->data(), s->size(), hash);
    ++docs;
  }
  uint64_t digest() const { return hash ^ docs ^ (skipped << 32); }
};

using ReadFn = Status (*)(const Corpus&, ReadSum*);

Status ReadJsonl(const Corpus& c, ReadSum* sum) {
  std::istringstream in(c.jsonl);
  return ReadJsonLines(
      in, "bench", OneThread(), [&](Document d) { sum->Add(d); },
      [&](SkippedSource) { ++sum->skipped; });
}

Status ReadFolder(const fs::path& folder, ReadSum* sum, bool find_dates = true) {
  IngestOptions options = OneThread();
  options.find_dates = find_dates;
  return ReadSources(
      {folder.string()}, options, [&](Document d) { sum->Add(d); },
      [&](SkippedSource) { ++sum->skipped; });
}

Status ReadTxt(const Corpus& c, ReadSum* sum) { return ReadFolder(c.folder / "txt", sum); }
Status ReadHtml(const Corpus& c, ReadSum* sum) { return ReadFolder(c.folder / "html", sum); }
Status ReadHtmlNoDates(const Corpus& c, ReadSum* sum) {
  return ReadFolder(c.folder / "html", sum, /*find_dates=*/false);
}

void RunRead(benchmark::State& state, ReadFn read, size_t Corpus::*bytes) {
  const Corpus& c = GetCorpus();
  if (c.docs.empty()) {
    state.SkipWithError(("no corpus: " + c.error).c_str());
    return;
  }
  ReadSum reference;
  if (Status s = read(c, &reference); !s.ok() || reference.docs != c.docs.size()) {
    state.SkipWithError(("reading failed or lost reports: " + s.ToString()).c_str());
    return;
  }
  for (auto _ : state) {
    ReadSum sum;
    const Status s = read(c, &sum);
    if (!s.ok() || sum.digest() != reference.digest()) {
      state.SkipWithError("checksum of the reports read differs from the reference run");
      return;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * (c.*bytes)));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * c.docs.size()));
  state.counters["docs"] = static_cast<double>(c.docs.size());
  state.counters["MB_input"] = static_cast<double>(c.*bytes) / 1e6;
}

void BM_ReadJsonLines(benchmark::State& state) { RunRead(state, ReadJsonl, &Corpus::jsonl_bytes); }
BENCHMARK(BM_ReadJsonLines)->Unit(benchmark::kMillisecond);

void BM_ReadTxtFiles(benchmark::State& state) { RunRead(state, ReadTxt, &Corpus::txt_bytes); }
BENCHMARK(BM_ReadTxtFiles)->Unit(benchmark::kMillisecond);

void BM_ReadHtmlFiles(benchmark::State& state) { RunRead(state, ReadHtml, &Corpus::html_bytes); }
BENCHMARK(BM_ReadHtmlFiles)->Unit(benchmark::kMillisecond);

void BM_ReadHtmlFilesNoDates(benchmark::State& state) {
  RunRead(state, ReadHtmlNoDates, &Corpus::html_bytes);
}
BENCHMARK(BM_ReadHtmlFilesNoDates)->Unit(benchmark::kMillisecond);

// Every report's kept lines, paragraph marks, headline and removed count.
uint64_t Clean(const ingest::BoilerplateFilter& filter, const std::vector<Document>& docs) {
  uint64_t hash = 0;
  for (const Document& d : docs) {
    const ingest::CleanedText cleaned = filter.Clean(d);
    for (const ingest::TextLine& line : cleaned.lines) {
      const uint32_t v[3] = {line.begin, line.end, line.paragraph_start ? 1u : 0u};
      hash = XXH3_64bits_withSeed(v, sizeof v, hash);
    }
    hash = XXH3_64bits_withSeed(cleaned.title.data(), cleaned.title.size(), hash);
    const uint64_t removed = cleaned.removed_lines;
    hash = XXH3_64bits_withSeed(&removed, sizeof removed, hash);
  }
  return hash;
}

// The corpus-level line counts (BoilerplateFilter::Build) and each report's
// Clean, as the engine's boilerplate stage and analysis run them.
void BM_Boilerplate(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  if (c.docs.empty()) {
    state.SkipWithError(("no corpus: " + c.error).c_str());
    return;
  }
  std::vector<const Document*> docs;
  for (const Document& d : c.docs) docs.push_back(&d);
  tbb::task_arena one_thread(1);
  auto run = [&] {
    uint64_t digest = 0;
    one_thread.execute([&] {
      const auto filter = ingest::BoilerplateFilter::Build(docs, IngestOptions());
      digest = Clean(filter, c.docs);
    });
    return digest;
  };
  const uint64_t reference = run();
  for (auto _ : state) {
    if (run() != reference) {
      state.SkipWithError("checksum of the kept lines differs from the reference run");
      return;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.text_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * c.docs.size()));
  state.counters["docs"] = static_cast<double>(c.docs.size());
}
BENCHMARK(BM_Boilerplate)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace precis

BENCHMARK_MAIN();
