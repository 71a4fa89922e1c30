#include "engine/summarise/summariser.h"

#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <span>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "engine/common/flat_map.h"
#include "engine/summarise/candidate_filter.h"
#include "engine/summarise/lexrank.h"
#include "engine/summarise/mmr.h"

namespace precis::summarise {
namespace {

using SparseRows = Eigen::SparseMatrix<double, Eigen::RowMajor>;

// Every sentence of every report of the story.
struct SentenceInfo {
  uint32_t doc = 0;       // position in the input
  uint32_t sentence = 0;  // index in the report's sentences
  uint32_t words = 0;     // word tokens
};

// Sentence vectors of the story: one row per sentence, sublinear TF x IDF,
// L2-normalised. Term ids are given in order of first appearance, so the
// matrix does not depend on hashing.
//
// The (term id, count) pairs of all sentences live in one array: a vector
// per sentence meant tens of millions of small allocations at a million
// reports, and malloc and free grew dearer as the heap grew.
class StoryVectors {
 public:
  explicit StoryVectors(const std::vector<StoryDocument>& docs) {
    size_t total_sentences = 0, total_terms = 0;
    for (const StoryDocument& doc : docs) {
      total_sentences += doc.terms->sentences();
      total_terms += doc.terms->terms.size();
    }
    sentences_.reserve(total_sentences);
    counts_begin_.reserve(total_sentences + 1);
    counts_.reserve(total_terms);
    std::vector<uint32_t> ids;
    for (uint32_t d = 0; d < docs.size(); ++d) {
      const SentenceTerms& a = *docs[d].terms;
      for (uint32_t s = 0; s < a.sentences(); ++s) {
        sentences_.push_back({d, s, a.words[s]});
        counts_begin_.push_back(counts_.size());
        ids.clear();
        for (uint32_t hash : a.sentence(s)) ids.push_back(TermId(hash));
        std::sort(ids.begin(), ids.end());
        for (size_t i = 0; i < ids.size();) {
          size_t j = i;
          while (j < ids.size() && ids[j] == ids[i]) ++j;
          counts_.emplace_back(ids[i], static_cast<uint32_t>(j - i));
          i = j;
        }
      }
    }
    counts_begin_.push_back(counts_.size());
  }

  // Builds the weighted matrix; document frequencies are counted over the
  // sentences of the reports in `counted` (copies would inflate them).
  void Weigh(const std::vector<bool>& counted) {
    std::vector<uint32_t> df(vocabulary_.size(), 0);
    double n = 0;
    for (size_t i = 0; i < sentences_.size(); ++i) {
      if (!counted[sentences_[i].doc]) continue;
      ++n;
      for (auto [term, count] : Counts(i)) ++df[term];
    }
    idf_.resize(vocabulary_.size());
    for (size_t t = 0; t < idf_.size(); ++t) idf_[t] = std::log((n + 1) / (df[t] + 1)) + 1;
    matrix_.resize(static_cast<Eigen::Index>(sentences_.size()),
                   static_cast<Eigen::Index>(vocabulary_.size()));
    std::vector<Eigen::Triplet<double>> triplets;
    triplets.reserve(counts_.size());
    for (size_t i = 0; i < sentences_.size(); ++i) {
      double norm = 0;
      for (auto [term, count] : Counts(i)) {
        const double w = (1 + std::log(count)) * idf_[term];
        norm += w * w;
      }
      norm = std::sqrt(norm);
      for (auto [term, count] : Counts(i)) {
        triplets.emplace_back(static_cast<int>(i), static_cast<int>(term),
                              (1 + std::log(count)) * idf_[term] / norm);
      }
    }
    matrix_.setFromTriplets(triplets.begin(), triplets.end());
  }

  // Unit TF-IDF vector of a term sequence (a title); unknown terms are dropped.
  Eigen::SparseVector<double> Vector(std::span<const uint32_t> terms) const {
    std::vector<uint32_t> ids;
    for (uint32_t hash : terms) {
      const uint32_t id = vocabulary_.Find(hash);
      if (id != FlatMap<uint32_t>::kAbsent) ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    Eigen::SparseVector<double> v(static_cast<Eigen::Index>(vocabulary_.size()));
    for (size_t i = 0; i < ids.size();) {
      size_t j = i;
      while (j < ids.size() && ids[j] == ids[i]) ++j;
      v.insert(ids[i]) = (1 + std::log(static_cast<double>(j - i))) * idf_[ids[i]];
      i = j;
    }
    const double norm = v.norm();
    if (norm > 0) v /= norm;
    return v;
  }

  const std::vector<SentenceInfo>& sentences() const { return sentences_; }
  const SparseRows& matrix() const { return matrix_; }

 private:
  // (term id, count) of sentence i, sorted by id.
  std::span<const std::pair<uint32_t, uint32_t>> Counts(size_t i) const {
    return {counts_.data() + counts_begin_[i], counts_begin_[i + 1] - counts_begin_[i]};
  }

  // Ids in order of first appearance, so the matrix does not depend on hashing.
  uint32_t TermId(uint32_t hash) {
    return *vocabulary_.Insert(hash, static_cast<uint32_t>(vocabulary_.size())).first;
  }

  // Story vocabulary in flat arrays: a node-based map here was the largest
  // part of summarising at 300k reports.
  FlatMap<uint32_t> vocabulary_;
  std::vector<SentenceInfo> sentences_;
  std::vector<std::pair<uint32_t, uint32_t>> counts_;  // (term id, count), all sentences
  std::vector<size_t> counts_begin_;  // sentence i: [counts_begin_[i], counts_begin_[i + 1])
  std::vector<double> idf_;
  SparseRows matrix_;
};

SourceSpan SpanOf(const StoryDocument& doc, uint32_t sentence, double similarity) {
  const Sentence& s = doc.result->sentences[sentence];
  return {doc.index, s.begin, s.end, s.source_begin, s.source_end, similarity};
}

void ScaleToUnit(std::vector<double>& v) {
  const double max = v.empty() ? 0 : *std::max_element(v.begin(), v.end());
  if (max > 0)
    for (double& x : v) x /= max;
}

}  // namespace

StorySummary SummariseStory(const std::vector<StoryDocument>& docs, const SummaryOptions& options,
                            const ShownSentences& shown) {
  StorySummary out;
  if (docs.empty()) return out;
  StoryVectors vectors(docs);
  // Copies: only the first member of a group present in the story counts.
  std::vector<bool> canonical(docs.size(), false);
  {
    std::unordered_map<uint32_t, uint32_t> first_of_group;
    for (uint32_t d = 0; d < docs.size(); ++d) {
      canonical[d] = first_of_group.try_emplace(docs[d].group, d).second;
    }
  }
  vectors.Weigh(canonical);
  const auto& sentences = vectors.sentences();
  const SparseRows& x = vectors.matrix();

  // Candidates, earliest positions first, bounded.
  std::vector<uint32_t> candidates;
  for (bool relaxed : {false, true}) {
    for (uint32_t i = 0; i < sentences.size(); ++i) {
      const SentenceInfo& s = sentences[i];
      if (!canonical[s.doc] || s.sentence >= static_cast<uint32_t>(options.max_position) ||
          s.words == 0)
        continue;
      if (!shown.empty()) {
        const std::pair<uint32_t, uint32_t> key{docs[s.doc].index,
                                                docs[s.doc].result->sentences[s.sentence].begin};
        if (std::find(shown.begin(), shown.end(), key) != shown.end()) continue;
      }
      const std::vector<uint8_t>& verdicts = docs[s.doc].terms->verdicts;
      const Rejection r =
          s.sentence < verdicts.size()
              ? static_cast<Rejection>(verdicts[s.sentence])
              : CheckSentence(docs[s.doc].result->SentenceText(s.sentence), s.words, options);
      if (r == Rejection::kNone || (relaxed && !IsHard(r))) candidates.push_back(i);
    }
    if (!candidates.empty()) break;
  }
  std::stable_sort(candidates.begin(), candidates.end(), [&](uint32_t a, uint32_t b) {
    return std::tie(sentences[a].sentence, sentences[a].doc) <
           std::tie(sentences[b].sentence, sentences[b].doc);
  });
  if (candidates.size() > kMaxCandidates) candidates.resize(kMaxCandidates);
  std::sort(candidates.begin(), candidates.end());
  const size_t n = candidates.size();

  // Candidate rows and their pairwise cosines.
  SparseRows xc(static_cast<Eigen::Index>(n), x.cols());
  {
    std::vector<Eigen::Triplet<double>> triplets;
    for (size_t i = 0; i < n; ++i) {
      for (SparseRows::InnerIterator it(x, candidates[i]); it; ++it)
        triplets.emplace_back(static_cast<int>(i), static_cast<int>(it.col()), it.value());
    }
    xc.setFromTriplets(triplets.begin(), triplets.end());
  }
  const Eigen::MatrixXd sim = Eigen::MatrixXd(xc * SparseRows(xc.transpose()));

  // Centroid of the story: the sum of the candidate vectors.
  Eigen::VectorXd centroid = Eigen::VectorXd::Zero(x.cols());
  for (size_t i = 0; i < n; ++i) {
    for (SparseRows::InnerIterator it(xc, static_cast<Eigen::Index>(i)); it; ++it)
      centroid[it.col()] += it.value();
  }
  if (centroid.norm() > 0) centroid.normalize();

  std::vector<double> lexrank(n), centroid_sim(n), position(n), support(n, 0.0);
  {
    std::vector<Eigen::Triplet<double>> edges;
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < n; ++j) {
        if (i != j && sim(i, j) >= options.lexrank_threshold) edges.emplace_back(i, j, sim(i, j));
      }
    }
    SparseRows graph(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
    graph.setFromTriplets(edges.begin(), edges.end());
    const Eigen::VectorXd rank = LexRank(
        graph, {.teleport = options.lexrank_teleport, .tolerance = options.lexrank_tolerance});
    for (size_t i = 0; i < n; ++i) lexrank[i] = rank[static_cast<Eigen::Index>(i)];
  }
  const Eigen::VectorXd to_centroid = xc * centroid;
  for (size_t i = 0; i < n; ++i) {
    centroid_sim[i] = std::max(0.0, to_centroid[static_cast<Eigen::Index>(i)]);
    position[i] = 1.0 / std::sqrt(1.0 + sentences[candidates[i]].sentence);
  }
  // Support: mean over the other reports (with candidates) of their best cosine.
  {
    std::vector<uint32_t> doc_slot(docs.size(), UINT32_MAX);
    uint32_t reports = 0;
    for (uint32_t c : candidates) {
      if (doc_slot[sentences[c].doc] == UINT32_MAX) doc_slot[sentences[c].doc] = reports++;
    }
    if (reports > 1) {
      std::vector<double> best(reports);
      for (size_t i = 0; i < n; ++i) {
        std::fill(best.begin(), best.end(), 0.0);
        for (size_t j = 0; j < n; ++j) {
          double& b = best[doc_slot[sentences[candidates[j]].doc]];
          b = std::max(b, sim(i, j));
        }
        best[doc_slot[sentences[candidates[i]].doc]] = 0;
        support[i] = std::accumulate(best.begin(), best.end(), 0.0) / (reports - 1);
      }
    }
  }
  ScaleToUnit(lexrank);
  ScaleToUnit(centroid_sim);
  ScaleToUnit(support);
  const double total_weight = options.weight_lexrank + options.weight_centroid +
                              options.weight_position + options.weight_support;
  std::vector<double> relevance(n);
  std::vector<uint32_t> words(n);
  for (size_t i = 0; i < n; ++i) {
    relevance[i] =
        (options.weight_lexrank * lexrank[i] + options.weight_centroid * centroid_sim[i] +
         options.weight_position * position[i] + options.weight_support * support[i]) /
        (total_weight > 0 ? total_weight : 1);
    words[i] = sentences[candidates[i]].words;
  }

  MmrParams mmr{.lambda = options.mmr_lambda,
                .redundancy_threshold = options.redundancy_threshold,
                .max_items = options.max_words > 0 ? 0 : static_cast<size_t>(options.sentences),
                .max_words = static_cast<size_t>(std::max(0, options.max_words))};
  std::vector<size_t> picked = SelectMmr(
      relevance, words,
      [&](size_t a, size_t b) {
        return sim(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b));
      },
      mmr);

  // Reading order: report date, then position, then report.
  std::sort(picked.begin(), picked.end(), [&](size_t a, size_t b) {
    const SentenceInfo& sa = sentences[candidates[a]];
    const SentenceInfo& sb = sentences[candidates[b]];
    return std::forward_as_tuple(docs[sa.doc].result->date, sa.sentence, sa.doc) <
           std::forward_as_tuple(docs[sb.doc].result->date, sb.sentence, sb.doc);
  });

  // Attribution: every other report's closest sentence above the threshold.
  for (size_t p : picked) {
    const SentenceInfo& s = sentences[candidates[p]];
    SummarySentence summary;
    summary.text = docs[s.doc].result->SentenceText(s.sentence);
    summary.sources.push_back(SpanOf(docs[s.doc], s.sentence, 1.0));
    const Eigen::VectorXd to_all =
        x * Eigen::VectorXd(xc.row(static_cast<Eigen::Index>(p)).transpose());
    std::vector<std::pair<double, uint32_t>> best(docs.size(), {0.0, 0});
    for (size_t i = 0; i < sentences.size(); ++i) {
      auto& b = best[sentences[i].doc];
      if (to_all[static_cast<Eigen::Index>(i)] > b.first)
        b = {to_all[static_cast<Eigen::Index>(i)], sentences[i].sentence};
    }
    std::vector<SourceSpan> others;
    for (uint32_t d = 0; d < docs.size(); ++d) {
      if (d == s.doc || best[d].first < options.attribution_threshold) continue;
      others.push_back(SpanOf(docs[d], best[d].second, std::min(1.0, best[d].first)));
    }
    std::sort(others.begin(), others.end(),
              [](const SourceSpan& a, const SourceSpan& b) { return a.doc < b.doc; });
    summary.sources.insert(summary.sources.end(), others.begin(), others.end());
    out.sentences.push_back(std::move(summary));
  }

  // The report whose title is closest to the centroid.
  double best_title = -1;
  for (uint32_t d = 0; d < docs.size(); ++d) {
    if (docs[d].terms->title.empty()) continue;
    const Eigen::SparseVector<double> t = vectors.Vector(docs[d].terms->title);
    // Sparse . dense walks the title's entries only: converting the centroid
    // to a sparse vector here cost O(vocabulary) per report, quadratic in
    // the size of a story.
    const double c = t.dot(centroid);
    if (c > best_title) {
      best_title = c;
      out.central_document = static_cast<int>(d);
    }
  }
  return out;
}

}  // namespace precis::summarise
