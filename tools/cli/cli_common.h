// What every precis subcommand shares: reading inputs, reporting skipped
// files, progress on stderr, writing output, exit codes.
#ifndef PRECIS_TOOLS_CLI_CLI_COMMON_H_
#define PRECIS_TOOLS_CLI_CLI_COMMON_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "precis/document.h"
#include "precis/engine.h"
#include "precis/options.h"

namespace precis::cli {

// Exit codes, as documented in --help and the README.
inline constexpr int kExitOk = 0;       // every input was read
inline constexpr int kExitUsage = 1;    // bad arguments or a fatal error
inline constexpr int kExitSkipped = 2;  // the run finished, but some inputs were skipped

// Options common to commands that read a corpus.
struct InputFlags {
  std::vector<std::string> paths;  // files, folders, or "-" for JSON Lines on stdin
  int threads = 0;
  bool verbose = false;
  bool quiet = false;
  std::string lang;        // forces a language for documents that have none
  std::string stats_path;  // --stats FILE: per-stage wall times as JSON
  bool follow = false;     // --follow: IngestOptions::follow_links
};

// Adds PATH... --threads --verbose --quiet --lang --stats --follow to `cmd`.
void AddInputFlags(CLI::App* cmd, InputFlags* flags);

// Adds --method (agglomerative or streaming) to `cmd`, read into `method`.
void AddMethodFlag(CLI::App* cmd, ClusterMethod* method);

struct Corpus {
  std::vector<Document> documents;
  size_t skipped = 0;  // sources reported on stderr and skipped
};

// Reads every input, printing "where: reason" to stderr for each skipped
// source. Returns non-OK only for usage errors (missing path, no input).
StatusOr<Corpus> ReadCorpus(const InputFlags& flags, const Options& options);

// Engine options from the common flags, with a progress reporter on stderr
// (unless --quiet, or stderr is not a terminal and --verbose is off).
Options BaseOptions(const InputFlags& flags);

// Creates an engine holding `documents` (for commands that query the engine
// itself, e.g. explain).
StatusOr<std::unique_ptr<Engine>> CreateEngine(Options options, std::vector<Document> documents);

// stdout, or the file named by --out (created/truncated). Errors are printed.
class Output {
 public:
  static StatusOr<Output> Open(const std::string& path);
  std::ostream& stream() { return *stream_; }

 private:
  std::shared_ptr<std::ostream> owned_;
  std::ostream* stream_ = nullptr;
};

int ExitCodeFor(const Corpus& corpus);

// Reads every input into a new engine and runs it, the start of every corpus
// command. The reading's wall time (parsing the inputs and handing documents
// to the engine) leads the result's timings as stage "read". On failure
// prints the error and returns nothing (the command exits kExitUsage);
// otherwise sets *exit_code to kExitOk or kExitSkipped.
std::optional<Result> ReadAndRun(const InputFlags& flags, const Options& options, int* exit_code);

// The end of every corpus command: opens `out_path` (stdout when empty or
// "-"), calls write(stream), flushes, appends the wall time of opening,
// writing and flushing to the result's timings as stage "write", and writes
// the timings to --stats when set. A failed write (disk full, closed pipe)
// is an error naming the output, not a silently short file. Returns false
// after printing the error (the command exits kExitUsage).
bool WriteResult(const InputFlags& flags, const std::string& out_path, Result* result,
                 const std::function<Status(std::ostream&)>& write);
void PrintError(const Status& status);

// Keeps `value` alive, never destroyed, until the process ends. A command
// whose output is written has no use for its Result, and freeing one object
// by object took seconds at a few hundred thousand reports (4 s of a 75 s
// digest at 300k), work the kernel does at once when the process exits. The
// object stays reachable from a static pointer, so leak checkers do not
// report it. (The compilers' -disable-free does the same.)
template <typename T>
void KeepUntilExit(T value) {
  static auto* kept = new std::vector<std::shared_ptr<void>>();
  kept->push_back(std::make_shared<T>(std::move(value)));
}

// Subcommand registration: each cmd_*.cc defines one of these. The returned
// callback runs after parsing and returns the exit code.
using Runner = std::function<int()>;
Runner RegisterSentences(CLI::App& app);
Runner RegisterDedup(CLI::App& app);  // cmd_dedup.cc
Runner RegisterDigest(CLI::App& app);
Runner RegisterCluster(CLI::App& app);  // cmd_cluster.cc
Runner RegisterExplain(CLI::App& app);  // cmd_cluster.cc
Runner RegisterIdf(CLI::App& app);      // cmd_cluster.cc: `idf build`
Runner RegisterIngest(CLI::App& app);   // cmd_ingest.cc

}  // namespace precis::cli

#endif  // PRECIS_TOOLS_CLI_CLI_COMMON_H_
