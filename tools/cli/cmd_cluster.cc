// precis cluster / precis explain / precis idf build: the clustering stage
// seen from the command line.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "precis/digest.h"
#include "tools/cli/cli_common.h"

namespace precis::cli {
namespace {

void WriteMarkdown(const Result& r, std::ostream& out) {
  for (const Story& s : r.stories) {
    out << "## " << s.label << "\n\n";
    if (!s.entities.empty()) {
      out << "*";
      for (size_t i = 0; i < s.entities.size(); ++i) out << (i ? ", " : "") << s.entities[i];
      out << "* — " << s.documents.size() << " report" << (s.documents.size() == 1 ? "" : "s")
          << "\n\n";
    }
    for (const Event& e : s.events) {
      out << "- **" << e.label << "**\n";
      for (uint32_t d : e.documents) {
        out << "  - " << r.documents[d].id;
        if (!r.documents[d].title.empty() && r.documents[d].title != e.label) {
          out << " — " << r.documents[d].title;
        }
        out << "\n";
      }
    }
    out << "\n";
  }
}

}  // namespace

Runner RegisterCluster(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "cluster",
      "Group reports into stories (one ongoing matter) made of events (one happening), each\n"
      "event holding its near-duplicate groups. Stories come biggest first, then most recent.");
  auto flags = std::make_shared<InputFlags>();
  auto out_path = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("json");
  auto threshold = std::make_shared<double>(-1);
  auto story_threshold = std::make_shared<double>(-1);
  auto story_prior = std::make_shared<double>(-1);
  auto idf = std::make_shared<std::string>();
  auto method = std::make_shared<ClusterMethod>(ClusterMethod::kAgglomerative);
  AddInputFlags(cmd, flags.get());
  AddMethodFlag(cmd, method.get());
  cmd->add_option("--threshold", *threshold,
                  "Event similarity threshold (0..1); default: ClusterOptions::event_threshold")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--story-threshold", *story_threshold,
                  "Story similarity threshold (0..1, <= --threshold); default: "
                  "ClusterOptions::story_threshold")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--story-prior-pairs", *story_prior,
                  "Story links are averaged as if this many more pairs had similarity 0, so a "
                  "link resting on few reports must be stronger (0 = plain averages); default: "
                  "ClusterOptions::story_prior_pairs")
      ->check(CLI::Range(0.0, 1000.0));
  cmd->add_option("--idf", *idf,
                  "Background IDF model from `precis idf build` (default: built-in fr/en models)");
  cmd->add_option("--format", *format, "json or md")->check(CLI::IsMember({"json", "md"}));
  cmd->add_option("-o,--out", *out_path, "Write to this file instead of stdout");
  return [=]() -> int {
    Options options = BaseOptions(*flags);
    if (*threshold >= 0) {
      options.cluster.event_threshold = *threshold;
      options.cluster.story_threshold = std::min(options.cluster.story_threshold, *threshold);
    }
    if (*story_threshold >= 0) options.cluster.story_threshold = *story_threshold;
    if (*story_prior >= 0) options.cluster.story_prior_pairs = *story_prior;
    options.cluster.idf_path = *idf;
    options.cluster.method = *method;
    options.last_stage = Options::Stage::kCluster;
    // The output names documents but quotes no full text: leave the texts out
    // of the Result, so that the corpus is never in memory as a whole.
    options.result_texts = false;
    int exit_code = kExitOk;
    std::optional<Result> result = ReadAndRun(*flags, options, &exit_code);
    if (!result) return kExitUsage;
    const bool written = WriteResult(*flags, *out_path, &*result, [&](std::ostream& out) {
      if (*format == "md") {
        WriteMarkdown(*result, out);
        return Status::OK();
      }
      DigestOptions json;
      json.threads = flags->threads;
      return WriteClusterJson(*result, options, json, out);
    });
    return written ? exit_code : kExitUsage;
  };
}

Runner RegisterExplain(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "explain",
      "Why two documents are (not) in one event or story: their similarity (text and entity\n"
      "cosines), the shared terms and entities with their weights, the near-duplicate Jaccard.\n"
      "With --corpus, the two are clustered within that corpus (its word frequencies count).");
  auto a = std::make_shared<std::string>();
  auto b = std::make_shared<std::string>();
  auto corpus_paths = std::make_shared<std::vector<std::string>>();
  auto idf = std::make_shared<std::string>();
  auto top = std::make_shared<int>(10);
  cmd->add_option("doc_a", *a, "First document (file)")->required();
  cmd->add_option("doc_b", *b, "Second document (file)")->required();
  cmd->add_option("--corpus", *corpus_paths, "More files or folders to cluster them with");
  cmd->add_option("--idf", *idf, "Background IDF model from `precis idf build`");
  cmd->add_option("--top", *top, "Shared terms and entities to show")->default_val(10);
  return [=]() -> int {
    InputFlags flags;
    flags.paths = {*a, *b};
    flags.paths.insert(flags.paths.end(), corpus_paths->begin(), corpus_paths->end());
    flags.quiet = true;
    Options options = BaseOptions(flags);
    options.cluster.idf_path = *idf;
    auto corpus = ReadCorpus(flags, options);
    if (!corpus.ok()) {
      PrintError(corpus.status());
      return kExitUsage;
    }
    // Files are read with ids relative to their own path: the first two read are a and b.
    if (corpus->documents.size() < 2) {
      std::cerr << "precis explain: need two readable documents\n";
      return kExitUsage;
    }
    const std::string id_a = corpus->documents[0].id, id_b = corpus->documents[1].id;
    auto engine = CreateEngine(options, std::move(corpus->documents));
    if (!engine.ok()) {
      PrintError(engine.status());
      return kExitUsage;
    }
    auto result = (*engine)->Run();
    if (!result.ok()) {
      PrintError(result.status());
      return kExitUsage;
    }
    auto x = (*engine)->Explain(*result, id_a, id_b);
    if (!x.ok()) {
      PrintError(x.status());
      return kExitUsage;
    }
    const Options& o = (*engine)->options();
    // Which day each report got, and from where (a date in the page, its
    // URL, its dateline, or the input): event_max_days keeps reports dated
    // too far apart out of one event.
    auto dated = [&](const std::string& id) {
      for (const DocumentResult& d : result->documents) {
        if (d.id != id) continue;
        return d.date.empty() ? std::string("no date") : d.date + " (" + d.date_source + ")";
      }
      return std::string("no date");
    };
    std::printf("%s\n%s\n\n", id_a.c_str(), id_b.c_str());
    std::printf("dates          A %s, B %s (event_max_days %d)\n", dated(id_a).c_str(),
                dated(id_b).c_str(), o.cluster.event_max_days);
    std::printf("similarity     %.3f  = %.2f x text cosine %.3f + %.2f x entity cosine %.3f\n",
                x->similarity, 1 - o.cluster.entity_weight, x->text_cosine, o.cluster.entity_weight,
                x->entity_cosine);
    std::printf(
        "scaled         %.3f  = %.3f / sqrt(%.3f x %.3f) (each report's mean similarity to its "
        "%d nearest)\n",
        x->scaled_similarity, x->similarity, x->scale_a, x->scale_b, o.cluster.scale_neighbours);
    if (o.cluster.event_day_fade) {
      std::printf("as one event   %.3f  = %.3f x day weight %.2f (1 - days apart / %d)\n",
                  x->scaled_similarity * x->event_day_weight, x->scaled_similarity,
                  x->event_day_weight, o.cluster.event_max_days + 1);
    }
    std::printf(
        "thresholds     event %.3f, story %.3f (on scaled similarities, average over "
        "clusters)\n",
        o.cluster.event_threshold, o.cluster.story_threshold);
    std::printf("same event     %s\nsame story     %s\n", x->same_event ? "yes" : "no",
                x->same_story ? "yes" : "no");
    if (x->near_duplicate_jaccard >= 0) {
      std::printf("near-duplicate yes, Jaccard %.3f\n", x->near_duplicate_jaccard);
    } else {
      std::printf("near-duplicate no\n");
    }
    auto show = [&](const char* what, const std::vector<PairExplanation::Shared>& v) {
      std::printf("\nshared %s (weight in A, weight in B, share of cosine):\n", what);
      if (v.empty()) std::printf("  none\n");
      for (size_t i = 0; i < v.size() && i < static_cast<size_t>(*top); ++i) {
        std::printf("  %-30s %.3f %.3f %.3f\n", v[i].name.c_str(), v[i].weight_a, v[i].weight_b,
                    v[i].weight_a * v[i].weight_b);
      }
    };
    show("terms", x->shared_terms);
    show("entities", x->shared_entities);
    return kExitOk;
  };
}

Runner RegisterIdf(CLI::App& app) {
  auto* idf = app.add_subcommand("idf", "Background IDF models for clustering");
  idf->require_subcommand(1);
  auto* cmd = idf->add_subcommand(
      "build",
      "Count the document frequency of every term and entity of CORPUS (documents of one\n"
      "language) and write a versioned model for `precis cluster --idf FILE`.");
  auto flags = std::make_shared<InputFlags>();
  auto out_path = std::make_shared<std::string>();
  auto min_df = std::make_shared<uint32_t>(2);
  AddInputFlags(cmd, flags.get());
  cmd->add_option("-o,--out", *out_path, "Model file to write")->required();
  cmd->add_option("--min-df", *min_df, "Leave out terms found in fewer documents")->default_val(2);
  return [=]() -> int {
    Options options = BaseOptions(*flags);
    // A model is counted, never weighted, so it needs no background model;
    // and after a kTermScheme bump the embedded ones refuse to load until
    // this command has rebuilt them.
    options.cluster.background_idf = false;
    auto corpus = ReadCorpus(*flags, options);
    if (!corpus.ok()) {
      PrintError(corpus.status());
      return kExitUsage;
    }
    const int exit_code = ExitCodeFor(*corpus);
    auto engine = CreateEngine(options, std::move(corpus->documents));
    if (!engine.ok()) {
      PrintError(engine.status());
      return kExitUsage;
    }
    auto model = (*engine)->BuildIdfModel(flags->lang, *min_df);
    if (!model.ok()) {
      PrintError(model.status());
      return kExitUsage;
    }
    auto out = Output::Open(*out_path);
    if (!out.ok()) {
      PrintError(out.status());
      return kExitUsage;
    }
    out->stream() << *model;
    out->stream().flush();
    return exit_code;
  };
}

}  // namespace precis::cli
