// precis ingest: add reports to a database one at a time and print each fate.
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <sstream>

#include "precis/digest.h"
#include "precis/ingest.h"
#include "tools/cli/cli_common.h"

namespace precis::cli {

Runner RegisterIngest(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "ingest",
      "Add reports to a precis database (created if needed) one at a time, as a newsroom feed\n"
      "does, and print one JSON line per report with its fate: exact_duplicate or\n"
      "near_duplicate of an earlier report, joined_story S (event E), or new_story. Every\n"
      "printed report is committed. Reads files/folders, or JSON Lines on stdin with -;\n"
      "a malformed line is reported on stderr with its line number and skipped. A report\n"
      "already stored with the same text (a feed re-sent after a crash) prints its stored\n"
      "fate again with \"replay\": true; the same id with another text is a conflict\n"
      "(skipped). One writer per database: a second `precis ingest` on it stops at once,\n"
      "naming the process that holds it; `precis digest --db` may run at any time. If the\n"
      "database cannot be written (disk full), the run stops (exit 1); run it again to resume.\n"
      "`precis digest --db FILE` writes the digest of what is stored.");
  auto flags = std::make_shared<InputFlags>();
  auto db = std::make_shared<std::string>();
  auto durable = std::make_shared<bool>(false);
  AddInputFlags(cmd, flags.get());
  cmd->add_option("--db", *db, "The database file (SQLite)")->required();
  cmd->add_flag("--sync", *durable,
                "fsync every commit, so acknowledged reports also survive a power cut (slower)");
  return [flags, db, durable]() -> int {
    Options options = BaseOptions(*flags);
    options.progress = nullptr;
    const bool show = !flags->quiet && (flags->verbose || isatty(STDERR_FILENO));
    auto engine = IncrementalEngine::Open(*db, options,
                                          *durable ? IncrementalEngine::Durability::kPowerLoss
                                                   : IncrementalEngine::Durability::kProcessCrash);
    if (!engine.ok()) {
      PrintError(engine.status());
      return kExitUsage;
    }
    size_t added = 0, replayed = 0, skipped = 0;
    const auto start = std::chrono::steady_clock::now();
    auto last = start;
    auto progress = [&](bool final) {
      const auto now = std::chrono::steady_clock::now();
      if (!final && now - last < std::chrono::seconds(2)) return;
      last = now;
      const double s = std::chrono::duration<double>(now - start).count();
      std::fprintf(stderr, "%singested %zu, replayed %zu, skipped %zu, %.0f docs/s%s",
                   final ? "" : "\r", added, replayed, skipped, s > 0 ? added / s : 0.0,
                   final ? "\n" : "");
      std::fflush(stderr);
    };
    std::string where;  // of the document being added, for messages
    // The database cannot be written (disk full, I/O error, damage): every
    // later report would fail the same way, so the run stops; what was
    // printed is committed and a later run resumes.
    std::optional<Status> fatal;
    auto add = [&](Document doc) {
      if (fatal) return;
      if (doc.lang.empty() && !flags->lang.empty()) doc.lang = flags->lang;
      const std::string id = doc.id;
      const std::string date = doc.date, date_source(DateSource(doc));
      auto fate = (*engine)->Add(std::move(doc));
      if (!fate.ok()) {
        const Status::Code code = fate.status().code();
        if (code == Status::Code::kIOError || code == Status::Code::kCorruption ||
            code == Status::Code::kInternal) {
          fatal = fate.status();
          return;
        }
        std::cerr << (where.empty() ? id : where) << ": " << fate.status().message()
                  << " (skipped)\n";
        ++skipped;
        return;
      }
      // One line per report, flushed: a consumer sees each fate as soon as it
      // is committed, and a killed run loses no printed line.
      std::cout << FateJson(*fate, date, date_source) << std::endl;
      if (fate->replay) {
        ++replayed;
      } else {
        ++added;
      }
      if (show) progress(false);
    };
    auto skip = [&](const SkippedSource& s, const std::string& at) {
      std::cerr << (at.empty() ? s.where : at) << ": " << s.status.message() << " (skipped)\n";
      ++skipped;
    };
    IngestOptions ingest = options.ingest;
    std::vector<std::string> files;
    bool from_stdin = false;
    for (const std::string& p : flags->paths) {
      if (p == "-") {
        from_stdin = true;
      } else {
        files.push_back(p);
      }
    }
    if (!files.empty()) {
      Status s = ReadSources(files, ingest, add, [&](SkippedSource sk) { skip(sk, ""); });
      if (!s.ok()) {
        PrintError(s);
        return kExitUsage;
      }
    }
    if (from_stdin) {
      // Line by line, so that each report is added (and its fate printed) as
      // soon as its line arrives, whatever the feed's pace.
      ingest.threads = 1;
      std::string line;
      for (size_t number = 1; !fatal && std::getline(std::cin, line); ++number) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        std::istringstream one(line);
        where = "stdin:" + std::to_string(number);
        ReadJsonLines(one, "stdin", ingest, add, [&](SkippedSource sk) { skip(sk, where); });
        std::cout.flush();
      }
      where.clear();
    }
    if (!flags->quiet) progress(true);
    std::cout.flush();
    if (fatal) {
      PrintError(*fatal);
      std::cerr << "precis ingest: stopped after " << added
                << " new reports, every printed one committed; run it again to resume\n";
      return kExitUsage;
    }
    return skipped > 0 ? kExitSkipped : kExitOk;
  };
}

}  // namespace precis::cli
