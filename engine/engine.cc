// The pipeline, stage by stage. Each stage reads the previous stage's output
// and writes slots indexed by document position, so results never depend on
// the thread count or the order documents were added in.
#include "precis/engine.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "engine/cluster/batch/stories.h"
#include "engine/cluster/features.h"
#include "engine/cluster/idf_model.h"
#include "engine/cluster/labels.h"
#include "engine/cluster/streaming/stories.h"
#include "engine/common/memory.h"
#include "engine/common/parallel.h"
#include "engine/common/spill_store.h"
#include "engine/common/validate_options.h"
#include "engine/dedup/deduplicator.h"
#include "engine/document_stages.h"
#include "engine/ingest/boilerplate.h"
#include "engine/summarise/stage.h"
#include "engine/text/analyzer.h"
#include "precis/env.h"

namespace precis {

const char* Version() { return PRECIS_VERSION; }

struct Engine::Impl {
  explicit Impl(Options o)
      : options(std::move(o)), texts(0, (options.env ? options.env : Env::Default())->TempDir()) {}

  std::string TempDir() const { return (options.env ? options.env : Env::Default())->TempDir(); }

  Options options;
  std::unique_ptr<text::Analyzer> analyzer;
  cluster::IdfModels idf;               // background IDF models (cluster stage)
  cluster::ClusterIndex cluster_index;  // vectors of the last Run, for Explain

  mutable std::mutex mu;  // guards documents, text_record and ids
  // The documents as added, but for their texts (Document::text is empty):
  // those wait in `texts` (spill_store.h), documents[i]'s as record
  // text_record[i], and each stage reads back the ones it works on. A corpus
  // is then never in memory as a whole: at a million reports it had been
  // two of the four gigabytes a digest held.
  std::vector<Document> documents;
  std::vector<uint32_t> text_record;
  SpillStore texts;
  std::unordered_set<std::string> ids;

  class StageRun;  // one Run of the stages
  StatusOr<Result> RunStages();
  // Sorts documents (and their text records) by id: results never depend on
  // the order documents were added in.
  void SortById();
  // Reads documents[i]'s text into *text; false on an I/O error.
  bool LoadText(size_t i, std::string* text) const {
    text->resize(texts.size(text_record[i]));
    return texts.Get(text_record[i], reinterpret_cast<std::byte*>(text->data()));
  }
  // The boilerplate statistics of every document's text.
  ingest::BoilerplateFilter BuildFilter(Parallel& parallel) const {
    return parallel.Run([&] {
      return ingest::BoilerplateFilter::Build(
          documents.size(),
          [&](size_t i, std::string* scratch) {
            if (!LoadText(i, scratch)) scratch->clear();
            return std::string_view(*scratch);
          },
          options.ingest);
    });
  }
};

Status TextReadError() {
  return Status::IOError(
      "could not read document texts back from the engine's temporary file (in $TMPDIR, else "
      "/tmp); check that the disk is not full or failing");
}

void Engine::Impl::SortById() {
  std::vector<uint32_t> order(documents.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return documents[a].id < documents[b].id; });
  // Position i takes the document at order[i]: applied in place, cycle by
  // cycle, not into a second array of every document (a quarter of a
  // gigabyte at a million reports, all of it new pages).
  std::vector<bool> placed(documents.size(), false);
  for (size_t start = 0; start < order.size(); ++start) {
    if (placed[start]) continue;
    Document held = std::move(documents[start]);
    const uint32_t held_record = text_record[start];
    size_t to = start;
    while (order[to] != start) {
      const size_t from = order[to];
      documents[to] = std::move(documents[from]);
      text_record[to] = text_record[from];
      placed[to] = true;
      to = from;
    }
    documents[to] = std::move(held);
    text_record[to] = held_record;
    placed[to] = true;
  }
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

StatusOr<std::unique_ptr<Engine>> Engine::Create(Options options) {
  if (Status s = ValidateOptions(options); !s.ok()) return s;
  auto analyzer = text::Analyzer::Create(options.text);
  if (!analyzer.ok()) return analyzer.status();
  auto idf = cluster::IdfModels::Load(options.cluster, options.text);
  if (!idf.ok()) return idf.status();
  auto impl = std::make_unique<Impl>(std::move(options));
  impl->analyzer = std::move(analyzer).value();
  impl->idf = std::move(idf).value();
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

const Options& Engine::options() const { return impl_->options; }

size_t Engine::size() const {
  std::lock_guard lock(impl_->mu);
  return impl_->documents.size();
}

Status Engine::Add(Document document) {
  if (document.id.empty())
    return Status::InvalidArgument("document has an empty id; give every document a unique id");
  std::lock_guard lock(impl_->mu);
  // The texts' temporary file could not be written: the run cannot end well.
  if (Status s = impl_->texts.status(); !s.ok()) return s;
  if (!impl_->ids.insert(document.id).second)
    return Status::InvalidArgument("document id '" + document.id +
                                   "' was already added; ids must be unique");
  impl_->text_record.push_back(
      static_cast<uint32_t>(impl_->texts.Append(std::as_bytes(std::span(document.text)))));
  std::string().swap(document.text);
  impl_->documents.push_back(std::move(document));
  return Status::OK();
}

StatusOr<Result> Engine::Run() {
  StatusOr<Result> result = impl_->RunStages();
  if (!result.ok() || !impl_->options.result_texts) return result;
  const Impl& m = *impl_;
  Parallel parallel(m.options.threads);
  std::atomic<bool> read_back{true};
  parallel.For(m.documents.size(), [&](size_t i) {
    std::string text;
    if (!m.LoadText(i, &text)) read_back = false;
    result->documents[i].text = SharedText(std::move(text));
  });
  if (!read_back) return TextReadError();
  return result;
}

// One Run: the stages in order, one method each, sharing the run's state.
class Engine::Impl::StageRun {
 public:
  explicit StageRun(Impl& m)
      : m_(m), options_(m.options), parallel_(options_.threads), n_(m.documents.size()) {
    result_.fingerprint = options_.Fingerprint();
  }

  StatusOr<Result> Run() {
    m_.SortById();
    EndStage("sort", n_);
    if (Status s = Analyse(); !s.ok()) return s;
    if (options_.last_stage == Options::Stage::kAnalyse) return std::move(result_);
    if (Status s = FindDuplicates(); !s.ok()) return s;
    if (options_.last_stage == Options::Stage::kDedup) return std::move(result_);
    if (Status s = Cluster(); !s.ok()) return s;
    if (options_.last_stage == Options::Stage::kCluster) return std::move(result_);
    if (Status s = Summarise(); !s.ok()) return s;
    return std::move(result_);
  }

 private:
  void Progress(std::string_view stage, size_t done, size_t total) const {
    if (options_.progress) options_.progress(stage, done, total);
  }

  // Closes the current stage's timing and starts the next one.
  void EndStage(std::string name, uint64_t items) {
    const auto now = std::chrono::steady_clock::now();
    result_.timings.push_back({std::move(name),
                               std::chrono::duration<double>(now - stage_start_).count(), items,
                               PeakRssBytes()});
    stage_start_ = now;
  }

  // Boilerplate statistics over the whole corpus, then every document through
  // the per-document stages (document_stages.h). What later stages need of
  // each waits outside the heap (spill_store.h): the cluster bags (the batch
  // method reads back only the units'), and what summarising needs, kept
  // instead of analysing again. Kept in memory, these had been twice the
  // corpus size.
  Status Analyse() {
    filter_.emplace(m_.BuildFilter(parallel_));
    EndStage("boilerplate", n_);
    const bool clustering = options_.last_stage >= Options::Stage::kCluster;
    const bool summarising = options_.last_stage >= Options::Stage::kSummarise;
    result_.documents.resize(n_);
    cluster_features_.resize(clustering ? n_ : 0);
    if (clustering && options_.cluster.method != ClusterMethod::kStreaming) {
      bags_.emplace(n_, m_.TempDir());
    }
    if (summarising) sentence_terms_.emplace(n_, m_.TempDir());
    deduplicator_.emplace(options_.dedup, n_, m_.TempDir());
    // Dedup alone needs words only: no sentences, stems or flags (the
    // documents then have no sentences).
    const DocumentWork work{.words_only = options_.last_stage == Options::Stage::kDedup,
                            .dedup = true,
                            .cluster = clustering,
                            .summary = summarising};
    const DocumentStages stages(options_, *m_.analyzer, *filter_);
    Progress("analyse", 0, n_);
    std::atomic<bool> texts_read{true};
    parallel_.For(n_, [&](size_t i) {
      // The text is here for this iteration only.
      Document& doc = m_.documents[i];
      if (!m_.LoadText(i, &doc.text)) texts_read = false;
      DocumentResult& out = result_.documents[i];
      Describe(doc, &out);
      // Borrowed for this iteration (the candidate filter reads it): no copy.
      out.text = SharedText(std::shared_ptr<const std::string>(std::shared_ptr<void>(), &doc.text));
      DocumentOutputs outputs = stages.Run(doc, work, &out);
      out.title = std::move(outputs.title);
      out.lang = std::move(outputs.lang);
      out.words = outputs.words;
      deduplicator_->Add(i, outputs.dedup);
      if (work.summary) sentence_terms_->Put(i, summarise::EncodeSentenceTerms(outputs.summary));
      if (work.cluster) {
        cluster_features_[i] = std::move(outputs.cluster);
        if (bags_) bags_->Put(i, cluster::TakeBags(&cluster_features_[i]));
      }
      out.text = SharedText();
      std::string().swap(doc.text);
    });
    if (!texts_read) return TextReadError();
    // A temporary file that could not be written ends the run here, naming it.
    for (const SpillStore* store :
         {&m_.texts, bags_ ? &*bags_ : nullptr, sentence_terms_ ? &*sentence_terms_ : nullptr}) {
      if (store == nullptr) continue;
      if (Status s = store->status(); !s.ok()) return s;
    }
    Progress("analyse", n_, n_);
    EndStage("analyse", n_);
    return Status::OK();
  }

  // What a document says of itself (the analysis adds its title, language,
  // sentences and words).
  static void Describe(const Document& doc, DocumentResult* out) {
    out->id = doc.id;
    out->date = doc.date;
    out->date_source = DateSource(doc);
    out->url = doc.url;
    out->source_path = doc.source_path;
    out->text_bytes = doc.text.size();
  }

  // Exact and near-duplicate groups. Candidate pairs are verified on the
  // shingle sets the deduplicator kept from the analysis.
  Status FindDuplicates() {
    Progress("dedup", 0, n_);
    StatusOr<DedupResult> dedup = deduplicator_->Finish(parallel_);
    deduplicator_.reset();
    if (!dedup.ok()) return dedup.status();
    result_.dedup = std::move(dedup).value();
    Progress("dedup", n_, n_);
    EndStage("dedup", n_);
    return Status::OK();
  }

  // Stories are labelled by their central document's title, or its first
  // sentence when it has none: that text is read back.
  std::string TitleOf(uint32_t d) const {
    const DocumentResult& r = result_.documents[d];
    if (!r.title.empty() || r.sentences.empty()) return cluster::DocumentTitle(result_, d);
    auto text = std::make_shared<std::string>();
    if (!m_.LoadText(d, text.get())) return r.id;
    DocumentResult first;
    first.text = SharedText(std::move(text));
    first.sentences = {r.sentences.front()};
    return first.SentenceText(0);
  }

  // Stories -> events -> near-duplicate groups (needs result.dedup).
  Status Cluster() {
    Progress("cluster", 0, n_);
    std::vector<StageTiming> parts;
    auto title_of = [this](uint32_t d) { return TitleOf(d); };
    if (options_.cluster.method == ClusterMethod::kStreaming) {
      result_.stories =
          cluster::StreamStories(cluster_features_, result_, &m_.idf, options_.cluster, title_of);
    } else {
      StatusOr<std::vector<Story>> stories =
          cluster::BuildStories(cluster_features_, bags_ ? &*bags_ : nullptr, result_, &m_.idf,
                                options_.cluster, parallel_, &m_.cluster_index, &parts, title_of);
      bags_.reset();
      if (!stories.ok()) return stories.status();
      result_.stories = std::move(stories).value();
    }
    std::vector<cluster::DocFeatures>().swap(cluster_features_);
    Progress("cluster", n_, n_);
    EndStage("cluster", n_);
    for (StageTiming& part : parts) result_.timings.push_back(std::move(part));
    return Status::OK();
  }

  // Digest: each story is summarised from its reports' sentence terms,
  // stories in parallel.
  Status Summarise() {
    if (options_.summary.single_story) summarise::MakeSingleStory(&result_);
    const size_t story_count = result_.stories.size();
    Progress("summarise", 0, story_count);
    const SpillStore& terms = *sentence_terms_;
    Status s = summarise::SummariseStories(
        options_.summary, parallel_, &result_,
        [&](uint32_t d, summarise::SentenceTerms* out) {
          std::vector<std::byte> record(terms.size(d));
          return terms.Get(d, record.data()) && summarise::DecodeSentenceTerms(record, out);
        },
        [&](uint32_t d, std::string* text) { return m_.LoadText(d, text); });
    if (!s.ok()) return s;
    Progress("summarise", story_count, story_count);
    EndStage("summarise", story_count);
    return Status::OK();
  }

  Impl& m_;
  const Options& options_;
  Parallel parallel_;
  const size_t n_;
  Result result_;
  std::chrono::steady_clock::time_point stage_start_ = std::chrono::steady_clock::now();
  std::optional<ingest::BoilerplateFilter> filter_;
  std::vector<cluster::DocFeatures> cluster_features_;
  std::optional<SpillStore> bags_;            // batch clustering's bags (TakeBags)
  std::optional<SpillStore> sentence_terms_;  // summarising's terms (EncodeSentenceTerms)
  std::optional<dedup::Deduplicator> deduplicator_;
};

StatusOr<Result> Engine::Impl::RunStages() { return StageRun(*this).Run(); }

StatusOr<std::string> Engine::BuildIdfModel(std::string_view lang, uint32_t min_df) {
  Impl& m = *impl_;
  const Options& options = m.options;
  Parallel parallel(options.threads);
  m.SortById();
  std::vector<Document>& docs = m.documents;
  const size_t n = docs.size();
  const ingest::BoilerplateFilter filter = m.BuildFilter(parallel);
  const DocumentStages stages(options, *m.analyzer, filter);
  std::vector<cluster::TermBag> bags(n);
  if (options.progress) options.progress("analyse", 0, n);
  std::atomic<bool> texts_read{true};
  parallel.For(n, [&](size_t i) {
    Document& doc = docs[i];
    if (!m.LoadText(i, &doc.text)) texts_read = false;
    bags[i] = stages.Bag(doc);
    // Only which strings occur matters for document frequencies.
    bags[i].entity_display.clear();
    std::string().swap(doc.text);
  });
  if (!texts_read) return TextReadError();
  if (options.progress) options.progress("analyse", n, n);
  std::string language(lang);
  if (language.empty()) {
    std::map<std::string, size_t> count;
    for (const cluster::TermBag& b : bags) ++count[b.lang];
    size_t best = 0;
    for (const auto& [l, c] : count) {
      if (c > best) best = c, language = l;
    }
  }
  cluster::IdfBuilder builder(language, cluster::TermFingerprint(options.text));
  for (const cluster::TermBag& b : bags) {
    if (b.lang == language) builder.Add(b);
  }
  if (builder.documents() == 0) {
    return Status::NotFound("no document in language '" + language +
                            "' to build an IDF model from; check --lang or the corpus");
  }
  return builder.Serialize(min_df);
}

StatusOr<PairExplanation> Engine::Explain(const Result& result, std::string_view id_a,
                                          std::string_view id_b) const {
  const Impl& m = *impl_;
  auto find = [&](std::string_view id) -> int64_t {
    auto it =
        std::lower_bound(result.documents.begin(), result.documents.end(), id,
                         [](const DocumentResult& d, std::string_view x) { return d.id < x; });
    return it != result.documents.end() && it->id == id ? it - result.documents.begin() : -1;
  };
  const int64_t a = find(id_a), b = find(id_b);
  if (a < 0 || b < 0) {
    return Status::NotFound("document '" + std::string(a < 0 ? id_a : id_b) +
                            "' is not in the result; pass ids of documents given to this run");
  }
  if (m.cluster_index.unit_of_doc.size() != result.documents.size() ||
      m.documents.size() != result.documents.size()) {
    return Status::FailedPrecondition("Explain needs the Result of this engine's latest Run");
  }
  // Display names: re-analyse the two documents (analyses are not kept).
  std::unordered_map<uint64_t, std::string> names;
  const ingest::BoilerplateFilter filter(m.options.ingest);
  const DocumentStages stages(m.options, *m.analyzer, filter);
  for (int64_t d : {a, b}) {
    Document doc = m.documents[static_cast<size_t>(d)];
    if (!m.LoadText(static_cast<size_t>(d), &doc.text)) return TextReadError();
    const cluster::TermBag bag = stages.Bag(doc);
    for (const auto& [t, w] : bag.terms) names.emplace(cluster::TermKey(bag.lang, t), t);
    for (const auto& [e, w] : bag.entities) {
      auto it = bag.entity_display.find(e);
      names.emplace(cluster::EntityKey(bag.lang, e),
                    it != bag.entity_display.end() ? it->second : e);
    }
  }
  PairExplanation x = cluster::ExplainPair(m.cluster_index, static_cast<uint32_t>(a),
                                           static_cast<uint32_t>(b), names, m.options.cluster);
  for (const Story& s : result.stories) {
    const bool has_a = std::binary_search(s.documents.begin(), s.documents.end(), x.a);
    const bool has_b = std::binary_search(s.documents.begin(), s.documents.end(), x.b);
    if (!has_a && !has_b) continue;
    x.same_story = has_a && has_b;
    for (const Event& e : s.events) {
      x.same_event =
          x.same_event || (std::binary_search(e.documents.begin(), e.documents.end(), x.a) &&
                           std::binary_search(e.documents.begin(), e.documents.end(), x.b));
    }
    break;
  }
  for (const DuplicateGroup& g : result.dedup.near_duplicate_groups) {
    for (const SimilarPair& p : g.pairs) {
      if (p.a == std::min(x.a, x.b) && p.b == std::max(x.a, x.b))
        x.near_duplicate_jaccard = p.jaccard;
    }
  }
  return x;
}

}  // namespace precis
