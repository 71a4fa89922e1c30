// precis digest: the merged digest, one section per story.
#include <ctime>
#include <filesystem>
#include <iostream>

#include "precis/digest.h"
#include "precis/env.h"
#include "precis/ingest.h"
#include "tools/cli/cli_common.h"

namespace precis::cli {
namespace {

// The snapshot of a `precis ingest` database; `since` is "", "Nh", "Nd" or a day.
StatusOr<Result> StoredDigest(const std::string& db, const std::string& since,
                              const Options& options) {
  if (!std::filesystem::exists(db))
    return Status::NotFound(db + ": no such database; create it with `precis ingest --db`");
  SnapshotOptions snapshot;
  snapshot.since = since;
  if (!since.empty() && (since.back() == 'h' || since.back() == 'd')) {
    char* end = nullptr;
    const double n = std::strtod(since.c_str(), &end);
    if (end != since.c_str() + since.size() - 1 || !(n >= 0))
      return Status::InvalidArgument("--since " + since + ": give 24h, 7d or YYYY-MM-DD");
    const double hours = since.back() == 'h' ? n : n * 24;
    const std::time_t t = static_cast<std::time_t>(Env::Default()->NowSeconds()) -
                          static_cast<std::time_t>(hours * 3600);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char day[16];
    std::strftime(day, sizeof day, "%Y-%m-%d", &tm);
    snapshot.since = day;
  }
  // A reader: it takes no writer lock, so it runs beside `precis ingest`.
  auto engine = IncrementalEngine::OpenForReading(db, options);
  if (!engine.ok()) return engine.status();
  return (*engine)->Snapshot(snapshot);
}

}  // namespace

Runner RegisterDigest(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "digest",
      "Write a merged digest: one section per story (largest first, single reports last), with a\n"
      "headline, the few sentences that best say what happened (none repeated), each credited to\n"
      "the reports carrying it, and the story's reports, events and near-duplicate copies. A "
      "story\n"
      "whose dated reports form several events is a timeline: a short lead, then its events in\n"
      "date order, each with its days, its own sentences and its reports.\n"
      "Markdown on stdout by default; --format json for programs, --format html for a browser.");
  auto flags = std::make_shared<InputFlags>();
  struct DigestFlags {
    int sentences = SummaryOptions{}.sentences;
    int words = 0;
    std::string format = "md";
    std::string out;
    int min_sources = 1;
    bool single_story = false;
    bool no_timeline = false;
    std::string title = DigestOptions{}.title;
    std::string db;     // --db: the digest of a database made by `precis ingest`
    std::string since;  // --since 24h | 7d | YYYY-MM-DD (with --db)
    ClusterMethod method = ClusterMethod::kAgglomerative;
  };
  auto d = std::make_shared<DigestFlags>();
  AddInputFlags(cmd, flags.get());
  cmd->add_option("-n,--sentences", d->sentences, "Sentences per story")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("-w,--words", d->words,
                  "Word budget per story instead of --sentences (whole sentences)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("-f,--format", d->format, "md, json or html")
      ->capture_default_str()
      ->check(CLI::IsMember({"md", "markdown", "json", "html"}));
  cmd->add_option("-o,--out", d->out, "Write to this file instead of stdout");
  cmd->add_option("--min-sources", d->min_sources,
                  "Leave out stories with fewer distinct reports (copies count once); 2 hides "
                  "single reports")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--single-story", d->single_story,
                "Summarise all inputs as one story, whatever the clustering finds (\"summarise "
                "this folder\")");
  cmd->add_flag("--no-timeline", d->no_timeline,
                "One summary per story even when its reports are dated and form several events "
                "(by default such a story is a timeline: a short lead, then its events in date "
                "order, each with its own sentences)");
  cmd->add_option("--title", d->title, "Heading of the digest")->capture_default_str();
  cmd->get_option("paths")->required(false);
  AddMethodFlag(cmd, &d->method);
  cmd->add_option("--db", d->db,
                  "Digest of the reports stored in this database by `precis ingest` instead of "
                  "PATHs");
  cmd->add_option("--since", d->since,
                  "With --db: only reports of the last 24h, 7d (hours/days, whole UTC days) or "
                  "since a date YYYY-MM-DD");
  return [flags, d]() -> int {
    Options options = BaseOptions(*flags);
    options.summary.sentences = d->sentences;
    options.summary.max_words = d->words;
    options.summary.single_story = d->single_story;
    options.summary.timeline = !d->no_timeline;
    options.cluster.method = d->method;
    // The output names documents but quotes no full text: leave the texts out
    // of the Result, so that the corpus is never in memory as a whole.
    options.result_texts = false;
    auto format = ParseDigestFormat(d->format);
    if (!format.ok()) {
      PrintError(format.status());
      return kExitUsage;
    }
    int exit_code = kExitOk;
    std::optional<Result> result;
    if (!d->db.empty()) {
      auto stored = StoredDigest(d->db, d->since, options);
      if (!stored.ok()) {
        PrintError(stored.status());
        return kExitUsage;
      }
      result = std::move(stored).value();
    } else if (flags->paths.empty()) {
      PrintError(Status::InvalidArgument("give PATHs to read, or --db FILE"));
      return kExitUsage;
    } else {
      result = ReadAndRun(*flags, options, &exit_code);
    }
    if (!result) return kExitUsage;
    DigestOptions digest;
    digest.min_sources = d->min_sources;
    digest.title = d->title;
    digest.threads = flags->threads;
    const bool written = WriteResult(*flags, d->out, &*result, [&](std::ostream& out) {
      return WriteDigest(*result, *format, digest, out);
    });
    if (!written) return kExitUsage;
    KeepUntilExit(std::move(result));
    return exit_code;
  };
}

}  // namespace precis::cli
