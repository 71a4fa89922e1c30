#include "tools/cli/cli_common.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace precis::cli {

void AddInputFlags(CLI::App* cmd, InputFlags* flags) {
  cmd->add_option("paths", flags->paths,
                  "Files or folders to read (.txt .md .html .htm .jsonl; folders recursively), "
                  "or - for JSON Lines on stdin")
      ->required();
  cmd->add_option("-t,--threads", flags->threads, "Worker threads (0 = all cores); output does not depend on it")
      ->default_val(0)
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--lang", flags->lang, "Language (ISO 639-1) of documents that do not name one; default: detect");
  cmd->add_flag("-v,--verbose", flags->verbose, "Print settings and progress on stderr");
  cmd->add_flag("-q,--quiet", flags->quiet, "No progress on stderr (skipped files are still reported)");
}

void PrintError(const Status& status) { std::cerr << "precis: " << status.message() << "\n"; }

Options BaseOptions(const InputFlags& flags) {
  Options options;
  options.threads = flags.threads;
  options.ingest.threads = flags.threads;
  const bool show = !flags.quiet && (flags.verbose || isatty(STDERR_FILENO));
  if (show) {
    // Throttled to a few lines a second so a million documents do not flood the terminal.
    auto last = std::make_shared<std::chrono::steady_clock::time_point>();
    options.progress = [last](std::string_view stage, size_t done, size_t total) {
      const auto now = std::chrono::steady_clock::now();
      if (done != 0 && done != total && now - *last < std::chrono::milliseconds(250)) return;
      *last = now;
      std::fprintf(stderr, "\r%-10.*s %zu/%zu%s", static_cast<int>(stage.size()), stage.data(), done, total,
                   done == total ? "\n" : "");
      std::fflush(stderr);
    };
  }
  return options;
}

StatusOr<Corpus> ReadCorpus(const InputFlags& flags, const Options& options) {
  Corpus corpus;
  auto sink = [&](Document doc) {
    if (doc.lang.empty() && !flags.lang.empty()) doc.lang = flags.lang;
    corpus.documents.push_back(std::move(doc));
  };
  auto skipped = [&](SkippedSource s) {
    std::cerr << s.where << ": " << s.status.message() << " (skipped)\n";
    ++corpus.skipped;
  };
  std::vector<std::string> files;
  bool read_stdin = false;
  for (const std::string& p : flags.paths) {
    if (p == "-") {
      read_stdin = true;
    } else {
      files.push_back(p);
    }
  }
  if (!files.empty()) {
    Status s = ReadSources(files, options.ingest, sink, skipped);
    if (!s.ok()) return s;
  }
  if (read_stdin) {
    Status s = ReadJsonLines(std::cin, "stdin", options.ingest, sink, skipped);
    if (!s.ok()) return s;
  }
  if (flags.verbose) {
    std::cerr << "read " << corpus.documents.size() << " documents, skipped " << corpus.skipped << "\n";
  }
  return corpus;
}

StatusOr<Result> RunEngine(Options options, Corpus corpus) {
  auto engine = Engine::Create(std::move(options));
  if (!engine.ok()) return engine.status();
  for (Document& doc : corpus.documents) {
    if (Status s = (*engine)->Add(std::move(doc)); !s.ok()) return s;
  }
  return (*engine)->Run();
}

StatusOr<Output> Output::Open(const std::string& path) {
  Output out;
  if (path.empty() || path == "-") {
    out.stream_ = &std::cout;
    return out;
  }
  auto file = std::make_shared<std::ofstream>(path, std::ios::binary | std::ios::trunc);
  if (!*file) return Status::IOError(path + ": cannot open for writing; check the folder exists and is writable");
  out.owned_ = file;
  out.stream_ = file.get();
  return out;
}

int ExitCodeFor(const Corpus& corpus) { return corpus.skipped > 0 ? kExitSkipped : kExitOk; }

}  // namespace precis::cli
