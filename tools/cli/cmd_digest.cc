// precis digest: the merged digest, one section per story.
#include <iostream>

#include "precis/digest.h"
#include "tools/cli/cli_common.h"

namespace precis::cli {

Runner RegisterDigest(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "digest",
      "Write a merged digest: one section per story (largest first, single reports last), with a\n"
      "headline, the few sentences that best say what happened (none repeated), each credited to\n"
      "the reports carrying it, and the story's reports, events and near-duplicate copies.\n"
      "Markdown on stdout by default; --format json for programs, --format html for a browser.");
  auto flags = std::make_shared<InputFlags>();
  struct DigestFlags {
    int sentences = SummaryOptions{}.sentences;
    int words = 0;
    std::string format = "md";
    std::string out;
    int min_sources = 1;
    bool single_story = false;
    std::string title = DigestOptions{}.title;
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
  cmd->add_option("--title", d->title, "Heading of the digest")->capture_default_str();
  return [flags, d]() -> int {
    Options options = BaseOptions(*flags);
    options.summary.sentences = d->sentences;
    options.summary.max_words = d->words;
    options.summary.single_story = d->single_story;
    auto format = ParseDigestFormat(d->format);
    if (!format.ok()) {
      PrintError(format.status());
      return kExitUsage;
    }
    int exit_code = kExitOk;
    std::optional<Result> result = ReadAndRun(*flags, options, &exit_code);
    if (!result) return kExitUsage;
    auto out = Output::Open(d->out);
    if (!out.ok()) {
      PrintError(out.status());
      return kExitUsage;
    }
    DigestOptions digest;
    digest.min_sources = d->min_sources;
    digest.title = d->title;
    if (Status s = WriteDigest(*result, *format, digest, out->stream()); !s.ok()) {
      PrintError(s);
      return kExitUsage;
    }
    return exit_code;
  };
}

}  // namespace precis::cli
