// precis-gen-corpus: writes a synthetic news corpus with planted duplicates
// and its gold labels. See generator.h for what is planted.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "tools/gen_corpus/generator.h"

namespace {

// "10M", "1.5G", "200k" or plain bytes.
bool ParseSize(const std::string& s, uint64_t* out) {
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || v < 0) return false;
  double mult = 1;
  switch (*end) {
    case 'k':
    case 'K':
      mult = 1e3;
      ++end;
      break;
    case 'm':
    case 'M':
      mult = 1e6;
      ++end;
      break;
    case 'g':
    case 'G':
      mult = 1e9;
      ++end;
      break;
    default:
      break;
  }
  if (*end == 'B' || *end == 'b') ++end;
  if (*end != '\0') return false;
  *out = static_cast<uint64_t>(v * mult);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  precis::gen::GenOptions options;
  std::string out_path, format = "jsonl", gold_path, size;
  CLI::App app{
      "precis-gen-corpus writes a synthetic news corpus from real text (the repository's seeds, "
      "plus\n"
      "../shared/eval/*.docs.jsonl when present) with planted exact copies and near-duplicates of "
      "known\n"
      "edit rates, and reports of the same story that are not near-duplicates. A gold file (JSON "
      "Lines:\n"
      "id, story, event, near_duplicate_group, kind, edit_rate) labels every document. Output is "
      "streamed\n"
      "(constant memory) and depends only on --seed, --docs/--size and the input text.",
      "precis-gen-corpus"};
  app.add_option("-o,--out", out_path, "Output: a .jsonl file, or a folder for --format txt")
      ->required();
  app.add_option("--format", format,
                 "jsonl (one file) or txt (folder of .txt files: headline, blank line, body)")
      ->check(CLI::IsMember({"jsonl", "txt"}));
  app.add_option("-n,--docs", options.max_docs,
                 "Number of documents (0 = no limit; then --size must be set)");
  app.add_option("--size", size, "Stop once the text written reaches this size (e.g. 1M, 10G)");
  app.add_option("--seed", options.seed, "Random seed; same seed, same corpus");
  app.add_option("--seeds", options.seeds_dir,
                 "Folder of seed reports (default: corpora/seeds of the repository)");
  app.add_option("--eval", options.eval_dir,
                 "Folder of the eval data (default: ../shared/eval next to the repository)");
  app.add_flag(
      "--no-eval", [&](int64_t) { options.use_eval = false; }, "Use the seed reports only");
  app.add_option("--gold", gold_path, "Gold file (default: OUT.gold.jsonl, next to OUT)");
  bool verbose = false, quiet = false;
  app.add_flag("-v,--verbose", verbose,
               "Print progress on stderr even when it is not a terminal (a line every 10 s)");
  app.add_flag("-q,--quiet", quiet, "No progress on stderr (errors and the summary still print)");
  CLI11_PARSE(app, argc, argv);
  if (!size.empty() && !ParseSize(size, &options.max_bytes)) {
    std::cerr << "precis-gen-corpus: --size '" << size << "' is not a size like 1M or 10G\n";
    return 1;
  }
  if (!size.empty() && !app.count("--docs")) options.max_docs = 0;
  if (options.max_docs == 0 && options.max_bytes == 0) {
    std::cerr << "precis-gen-corpus: give --docs N or --size SIZE\n";
    return 1;
  }
  const fs::path root = fs::path(PRECIS_SOURCE_DIR);
  if (options.seeds_dir.empty()) options.seeds_dir = (root / "corpora" / "seeds").string();
  if (options.eval_dir.empty()) options.eval_dir = (root / ".." / "shared" / "eval").string();

  std::string error, notes;
  auto generator = precis::gen::Generator::Create(options, &error, &notes);
  if (!generator) {
    std::cerr << "precis-gen-corpus: " << error << "\n";
    return 1;
  }
  if (!notes.empty()) std::cerr << "precis-gen-corpus: " << notes;

  const bool txt = format == "txt";
  // Next to the output, never inside a txt folder (precis would read it as a corpus file).
  while (out_path.size() > 1 && out_path.back() == '/') out_path.pop_back();
  if (gold_path.empty()) gold_path = out_path + ".gold.jsonl";
  std::error_code ec;
  if (txt) fs::create_directories(out_path, ec);
  std::ofstream jsonl;
  if (!txt) {
    jsonl.open(out_path, std::ios::binary | std::ios::trunc);
    if (!jsonl) {
      std::cerr << "precis-gen-corpus: cannot write " << out_path << "\n";
      return 1;
    }
  }
  std::ofstream gold(gold_path, std::ios::binary | std::ios::trunc);
  if (!gold) {
    std::cerr << "precis-gen-corpus: cannot write " << gold_path << "\n";
    return 1;
  }
  precis::gen::GeneratedDoc doc;
  uint64_t count = 0, bytes = 0;
  std::string current_dir;
  // A 10 GB corpus takes minutes: on a terminal, a line rewritten four times a
  // second; elsewhere with --verbose, one line every ten seconds (a log).
  const bool tty = isatty(STDERR_FILENO) != 0;
  const bool show_progress = !quiet && (tty || verbose);
  const auto progress_every = tty ? std::chrono::milliseconds(250) : std::chrono::seconds(10);
  const auto started = std::chrono::steady_clock::now();
  auto last_progress = started;
  auto print_progress = [&] {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    // Whichever limit comes first ends the run: the larger fraction is the truer one.
    double done = 0;
    if (options.max_docs != 0) done = static_cast<double>(count) / options.max_docs;
    if (options.max_bytes != 0)
      done = std::max(done, static_cast<double>(bytes) / options.max_bytes);
    std::fprintf(stderr, "%sprecis-gen-corpus: %llu documents, %.1f MB of text (%.0f %%), %.0f s%s",
                 tty ? "\r" : "", static_cast<unsigned long long>(count), bytes / 1e6,
                 100 * std::min(done, 1.0), seconds, tty ? "" : "\n");
    std::fflush(stderr);
  };
  while (generator->Next(&doc)) {
    std::string id = doc.id;
    if (txt) {
      // 1000 stories per folder keeps folders small at a million documents.
      const std::string dir = doc.id.substr(0, 6);
      if (dir != current_dir) {
        fs::create_directories(fs::path(out_path) / dir, ec);
        current_dir = dir;
      }
      id = dir + "/" + doc.id + ".txt";
      std::ofstream f(fs::path(out_path) / id, std::ios::binary | std::ios::trunc);
      f << doc.title << "\n\n" << doc.text;
      if (!f) {
        std::cerr << "precis-gen-corpus: cannot write " << (fs::path(out_path) / id).string()
                  << "\n";
        return 1;
      }
    } else {
      jsonl << precis::gen::CorpusLine(doc) << '\n';
    }
    gold << precis::gen::GoldLine(doc, id) << '\n';
    ++count;
    bytes += doc.title.size() + doc.text.size();
    // The clock is read once per 256 documents (about 0.6 MB), not per document.
    if (show_progress && count % 256 == 0) {
      const auto now = std::chrono::steady_clock::now();
      if (now - last_progress >= progress_every) {
        last_progress = now;
        print_progress();
      }
    }
  }
  if (show_progress && tty && last_progress != started) std::fputc('\n', stderr);
  if (!jsonl.is_open() ? false : !jsonl.flush()) {
    std::cerr << "precis-gen-corpus: write error on " << out_path << "\n";
    return 1;
  }
  std::cerr << "precis-gen-corpus: wrote " << count << " documents (" << bytes
            << " bytes of text) to " << out_path << ", gold labels to " << gold_path << "\n";
  return 0;
}
