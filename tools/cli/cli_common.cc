#include "tools/cli/cli_common.h"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

namespace precis::cli {

void AddMethodFlag(CLI::App* cmd, ClusterMethod* method) {
  static const std::map<std::string, ClusterMethod> kMethods = {
      {"agglomerative", ClusterMethod::kAgglomerative}, {"streaming", ClusterMethod::kStreaming}};
  cmd->add_option("--method", *method,
                  "Clustering: agglomerative (average linkage over the whole corpus), or "
                  "streaming (each report in date order joins an event or starts one and is "
                  "never moved, as `precis ingest` does)")
      ->transform(CLI::CheckedTransformer(kMethods, CLI::ignore_case))
      ->default_str("agglomerative");
}

void AddInputFlags(CLI::App* cmd, InputFlags* flags) {
  cmd->add_option("paths", flags->paths,
                  "Files or folders to read (.txt .md .html .htm .jsonl; folders recursively), "
                  "or - for JSON Lines on stdin")
      ->required();
  cmd->add_option("-t,--threads", flags->threads,
                  "Worker threads (0 = all cores); output does not depend on it")
      ->default_val(0)
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--lang", flags->lang,
                  "Language (ISO 639-1) of documents that do not name one; default: detect");
  cmd->add_option("--stats", flags->stats_path,
                  "Write each pipeline stage's wall time to this file as JSON (for benchmarks)");
  cmd->add_flag("--follow", flags->follow,
                "Follow symbolic links in folders that lead outside them too (default: report "
                "and skip those)");
  cmd->add_flag("-v,--verbose", flags->verbose, "Print settings and progress on stderr");
  cmd->add_flag("-q,--quiet", flags->quiet,
                "No progress on stderr (skipped files are still reported)");
}

void PrintError(const Status& status) { std::cerr << "precis: " << status.message() << "\n"; }

Options BaseOptions(const InputFlags& flags) {
  Options options;
  options.threads = flags.threads;
  options.ingest.threads = flags.threads;
  options.ingest.follow_links = flags.follow;
  const bool show = !flags.quiet && (flags.verbose || isatty(STDERR_FILENO));
  if (show) {
    // Throttled to a few lines a second so a million documents do not flood the
    // terminal; each stage ends with its wall time.
    struct State {
      std::chrono::steady_clock::time_point last_print, stage_start;
      std::string stage;
    };
    auto state = std::make_shared<State>();
    const bool tty = isatty(STDERR_FILENO);
    options.progress = [state, tty](std::string_view stage, size_t done, size_t total) {
      const auto now = std::chrono::steady_clock::now();
      if (stage != state->stage) {
        state->stage = std::string(stage);
        state->stage_start = now;
      }
      const bool last = done == total;
      if (!last && (!tty || now - state->last_print < std::chrono::milliseconds(250))) return;
      state->last_print = now;
      const double seconds = std::chrono::duration<double>(now - state->stage_start).count();
      if (last) {
        std::fprintf(stderr, "%s%-12s %zu/%zu  %.2f s\n", tty ? "\r" : "", state->stage.c_str(),
                     done, total, seconds);
      } else {
        std::fprintf(stderr, "\r%-12s %zu/%zu", state->stage.c_str(), done, total);
      }
      std::fflush(stderr);
    };
  }
  return options;
}

namespace {

// Reads every input into `sink` (the document's language set from --lang when
// it has none), printing "where: reason (skipped)" for each skipped source.
// Returns how many were skipped, or a usage error.
StatusOr<size_t> ReadInputs(const InputFlags& flags, const Options& options,
                            const std::function<void(Document)>& sink) {
  size_t skipped_count = 0;
  auto add = [&](Document doc) {
    if (doc.lang.empty() && !flags.lang.empty()) doc.lang = flags.lang;
    sink(std::move(doc));
  };
  auto skipped = [&](SkippedSource s) {
    std::cerr << s.where << ": " << s.status.message() << " (skipped)\n";
    ++skipped_count;
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
    Status s = ReadSources(files, options.ingest, add, skipped);
    if (!s.ok()) return s;
  }
  if (read_stdin) {
    Status s = ReadJsonLines(std::cin, "stdin", options.ingest, add, skipped);
    if (!s.ok()) return s;
  }
  return skipped_count;
}

void PrintReadCount(const InputFlags& flags, size_t documents, size_t skipped) {
  if (flags.verbose) {
    std::cerr << "read " << documents << " documents, skipped " << skipped << "\n";
  }
}

// As engine/common/memory.h's, which the CLI cannot include: it is a client
// of the public API only.
uint64_t PeakRssBytes() {
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
  return static_cast<uint64_t>(usage.ru_maxrss) * 1024;  // Linux: KiB
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Writes the stage timings of `result` to `path` as JSON.
Status WriteStats(const std::string& path, const Result& result) {
  nlohmann::ordered_json j;
  j["documents"] = result.documents.size();
  j["timings"] = nlohmann::ordered_json::array();
  for (const StageTiming& t : result.timings) {
    j["timings"].push_back({{"stage", t.stage},
                            {"seconds", t.seconds},
                            {"items", t.items},
                            {"peak_rss_mb", static_cast<double>(t.peak_rss_bytes) / 1e6}});
  }
  std::ofstream stats(path, std::ios::trunc);
  stats << j.dump(2) << "\n";
  if (!stats) return Status::IOError(path + ": cannot write the --stats file");
  return Status::OK();
}

}  // namespace

StatusOr<Corpus> ReadCorpus(const InputFlags& flags, const Options& options) {
  Corpus corpus;
  auto skipped =
      ReadInputs(flags, options, [&](Document doc) { corpus.documents.push_back(std::move(doc)); });
  if (!skipped.ok()) return skipped.status();
  corpus.skipped = *skipped;
  PrintReadCount(flags, corpus.documents.size(), corpus.skipped);
  return corpus;
}

StatusOr<std::unique_ptr<Engine>> CreateEngine(Options options, std::vector<Document> documents) {
  auto engine = Engine::Create(std::move(options));
  if (!engine.ok()) return engine.status();
  for (Document& doc : documents) {
    if (Status s = (*engine)->Add(std::move(doc)); !s.ok()) return s;
  }
  return engine;
}

StatusOr<Output> Output::Open(const std::string& path) {
  Output out;
  if (path.empty() || path == "-") {
    out.stream_ = &std::cout;
    return out;
  }
  auto file = std::make_shared<std::ofstream>(path, std::ios::binary | std::ios::trunc);
  if (!*file)
    return Status::IOError(path +
                           ": cannot open for writing; check the folder exists and is writable");
  out.owned_ = file;
  out.stream_ = file.get();
  return out;
}

std::optional<Result> ReadAndRun(const InputFlags& flags, const Options& options, int* exit_code) {
  // Documents go into the engine as they are read, not into a vector first
  // (one move per document, no second array of the corpus). The engine is
  // made at the first document, or after reading when there is none, so that
  // an engine error still comes after the reports of skipped inputs.
  std::optional<StatusOr<std::unique_ptr<Engine>>> engine;
  Status add_error;
  size_t documents = 0;
  const auto read_start = std::chrono::steady_clock::now();
  auto skipped = ReadInputs(flags, options, [&](Document doc) {
    if (!engine) engine = Engine::Create(options);
    ++documents;
    if (!engine->ok() || !add_error.ok()) return;
    add_error = (**engine)->Add(std::move(doc));
  });
  if (!skipped.ok()) {
    PrintError(skipped.status());
    return std::nullopt;
  }
  const StageTiming read{"read", SecondsSince(read_start), documents, PeakRssBytes()};
  PrintReadCount(flags, documents, *skipped);
  *exit_code = *skipped > 0 ? kExitSkipped : kExitOk;
  if (!engine) engine = Engine::Create(options);
  Status status = engine->ok() ? add_error : engine->status();
  StatusOr<Result> result = status.ok() ? (**engine)->Run() : StatusOr<Result>(status);
  if (result.ok()) result->timings.insert(result->timings.begin(), read);
  engine.reset();  // as before: the engine is gone before the output is written
  if (!result.ok()) {
    PrintError(result.status());
    return std::nullopt;
  }
  return std::move(result).value();
}

bool WriteResult(const InputFlags& flags, const std::string& out_path, Result* result,
                 const std::function<Status(std::ostream&)>& write) {
  const auto start = std::chrono::steady_clock::now();
  auto out = Output::Open(out_path);
  if (!out.ok()) {
    PrintError(out.status());
    return false;
  }
  Status status = write(out->stream());
  if (status.ok()) out->stream().flush();
  if (!out->stream()) {
    // The writers' own messages do not know the output's name.
    const std::string where = out_path.empty() || out_path == "-" ? "standard output" : out_path;
    status = Status::IOError(where + ": the output could not be written in full (disk full?)" +
                             (status.ok() ? "" : "; " + status.message()));
  }
  if (!status.ok()) {
    PrintError(status);
    return false;
  }
  result->timings.push_back(
      {"write", SecondsSince(start), result->documents.size(), PeakRssBytes()});
  if (!flags.stats_path.empty()) {
    if (Status s = WriteStats(flags.stats_path, *result); !s.ok()) {
      PrintError(s);
      return false;
    }
  }
  return true;
}

int ExitCodeFor(const Corpus& corpus) { return corpus.skipped > 0 ? kExitSkipped : kExitOk; }

}  // namespace precis::cli
