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

// Only the first member of a copy group present in the story counts.
std::vector<bool> FirstOfEachCopyGroup(const std::vector<StoryDocument>& docs) {
  std::vector<bool> canonical(docs.size(), false);
  std::unordered_map<uint32_t, uint32_t> first_of_group;
  for (uint32_t d = 0; d < docs.size(); ++d) {
    canonical[d] = first_of_group.try_emplace(docs[d].group, d).second;
  }
  return canonical;
}

// One story's summary, step by step (SummariseStory runs them in order).
class StorySummariser {
 public:
  StorySummariser(const std::vector<StoryDocument>& docs, const SummaryOptions& options)
      : docs_(docs),
        options_(options),
        vectors_(docs),
        canonical_(FirstOfEachCopyGroup(docs)),
        sentences_(vectors_.sentences()) {
    vectors_.Weigh(canonical_);
  }

  // The candidate sentences: canonical reports' first max_position
  // sentences with words, not shown before, that pass the candidate filter
  // (or, if none does, fail it only softly); earliest positions first, at
  // most kMaxCandidates, then in sentence order.
  void SelectCandidates(const ShownSentences& shown) {
    for (bool relaxed : {false, true}) {
      for (uint32_t i = 0; i < sentences_.size(); ++i) {
        if (IsCandidate(sentences_[i], shown, relaxed)) candidates_.push_back(i);
      }
      if (!candidates_.empty()) break;
    }
    std::stable_sort(candidates_.begin(), candidates_.end(), [&](uint32_t a, uint32_t b) {
      return std::tie(sentences_[a].sentence, sentences_[a].doc) <
             std::tie(sentences_[b].sentence, sentences_[b].doc);
    });
    if (candidates_.size() > kMaxCandidates) candidates_.resize(kMaxCandidates);
    std::sort(candidates_.begin(), candidates_.end());
  }

  // The candidates' rows, their pairwise cosines and the story centroid (the
  // normalised sum of the candidate vectors).
  void CompareCandidates() {
    const SparseRows& x = vectors_.matrix();
    const size_t n = candidates_.size();
    xc_ = SparseRows(static_cast<Eigen::Index>(n), x.cols());
    std::vector<Eigen::Triplet<double>> triplets;
    for (size_t i = 0; i < n; ++i) {
      for (SparseRows::InnerIterator it(x, candidates_[i]); it; ++it)
        triplets.emplace_back(static_cast<int>(i), static_cast<int>(it.col()), it.value());
    }
    xc_.setFromTriplets(triplets.begin(), triplets.end());
    sim_ = Eigen::MatrixXd(xc_ * SparseRows(xc_.transpose()));
    centroid_ = Eigen::VectorXd::Zero(x.cols());
    for (size_t i = 0; i < n; ++i) {
      for (SparseRows::InnerIterator it(xc_, static_cast<Eigen::Index>(i)); it; ++it)
        centroid_[it.col()] += it.value();
    }
    if (centroid_.norm() > 0) centroid_.normalize();
  }

  // Each candidate's relevance: the weighted mean of its features, each
  // scaled to [0, 1].
  std::vector<double> Relevance() const {
    const size_t n = candidates_.size();
    std::vector<double> lexrank = LexRankScores(), centroid_sim(n), position(n),
                        support = Support();
    const Eigen::VectorXd to_centroid = xc_ * centroid_;
    for (size_t i = 0; i < n; ++i) {
      centroid_sim[i] = std::max(0.0, to_centroid[static_cast<Eigen::Index>(i)]);
      position[i] = 1.0 / std::sqrt(1.0 + sentences_[candidates_[i]].sentence);
    }
    ScaleToUnit(lexrank);
    ScaleToUnit(centroid_sim);
    ScaleToUnit(support);
    const double total_weight = options_.weight_lexrank + options_.weight_centroid +
                                options_.weight_position + options_.weight_support;
    std::vector<double> relevance(n);
    for (size_t i = 0; i < n; ++i) {
      relevance[i] =
          (options_.weight_lexrank * lexrank[i] + options_.weight_centroid * centroid_sim[i] +
           options_.weight_position * position[i] + options_.weight_support * support[i]) /
          (total_weight > 0 ? total_weight : 1);
    }
    return relevance;
  }

  // The candidates MMR picks under the budget, in reading order: report
  // date, then position, then report.
  std::vector<size_t> Pick(const std::vector<double>& relevance) const {
    std::vector<uint32_t> words(candidates_.size());
    for (size_t i = 0; i < candidates_.size(); ++i) words[i] = sentences_[candidates_[i]].words;
    MmrParams mmr{.lambda = options_.mmr_lambda,
                  .redundancy_threshold = options_.redundancy_threshold,
                  .max_items = options_.max_words > 0 ? 0 : static_cast<size_t>(options_.sentences),
                  .max_words = static_cast<size_t>(std::max(0, options_.max_words))};
    std::vector<size_t> picked = SelectMmr(
        relevance, words,
        [&](size_t a, size_t b) {
          return sim_(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b));
        },
        mmr);
    std::sort(picked.begin(), picked.end(), [&](size_t a, size_t b) {
      const SentenceInfo& sa = sentences_[candidates_[a]];
      const SentenceInfo& sb = sentences_[candidates_[b]];
      return std::forward_as_tuple(docs_[sa.doc].result->date, sa.sentence, sa.doc) <
             std::forward_as_tuple(docs_[sb.doc].result->date, sb.sentence, sb.doc);
    });
    return picked;
  }

  // Candidate p as a summary sentence, credited to its own report and to
  // every other report's closest sentence above the attribution threshold.
  SummarySentence Attribute(size_t p) const {
    const SparseRows& x = vectors_.matrix();
    const SentenceInfo& s = sentences_[candidates_[p]];
    SummarySentence summary;
    summary.text = docs_[s.doc].result->SentenceText(s.sentence);
    summary.sources.push_back(SpanOf(docs_[s.doc], s.sentence, 1.0));
    const Eigen::VectorXd to_all =
        x * Eigen::VectorXd(xc_.row(static_cast<Eigen::Index>(p)).transpose());
    std::vector<std::pair<double, uint32_t>> best(docs_.size(), {0.0, 0});
    for (size_t i = 0; i < sentences_.size(); ++i) {
      auto& b = best[sentences_[i].doc];
      if (to_all[static_cast<Eigen::Index>(i)] > b.first)
        b = {to_all[static_cast<Eigen::Index>(i)], sentences_[i].sentence};
    }
    std::vector<SourceSpan> others;
    for (uint32_t d = 0; d < docs_.size(); ++d) {
      if (d == s.doc || best[d].first < options_.attribution_threshold) continue;
      others.push_back(SpanOf(docs_[d], best[d].second, std::min(1.0, best[d].first)));
    }
    std::sort(others.begin(), others.end(),
              [](const SourceSpan& a, const SourceSpan& b) { return a.doc < b.doc; });
    summary.sources.insert(summary.sources.end(), others.begin(), others.end());
    return summary;
  }

  // The report whose title is closest to the centroid; -1 if none has a title.
  int CentralDocument() const {
    int central = -1;
    double best_title = -1;
    for (uint32_t d = 0; d < docs_.size(); ++d) {
      if (docs_[d].terms->title.empty()) continue;
      const Eigen::SparseVector<double> t = vectors_.Vector(docs_[d].terms->title);
      // Sparse . dense walks the title's entries only: converting the centroid
      // to a sparse vector here cost O(vocabulary) per report, quadratic in
      // the size of a story.
      const double c = t.dot(centroid_);
      if (c > best_title) {
        best_title = c;
        central = static_cast<int>(d);
      }
    }
    return central;
  }

 private:
  bool IsCandidate(const SentenceInfo& s, const ShownSentences& shown, bool relaxed) const {
    if (!canonical_[s.doc] || s.sentence >= static_cast<uint32_t>(options_.max_position) ||
        s.words == 0)
      return false;
    if (!shown.empty()) {
      const std::pair<uint32_t, uint32_t> key{docs_[s.doc].index,
                                              docs_[s.doc].result->sentences[s.sentence].begin};
      if (std::find(shown.begin(), shown.end(), key) != shown.end()) return false;
    }
    const std::vector<uint8_t>& verdicts = docs_[s.doc].terms->verdicts;
    const Rejection r =
        s.sentence < verdicts.size()
            ? static_cast<Rejection>(verdicts[s.sentence])
            : CheckSentence(docs_[s.doc].result->SentenceText(s.sentence), s.words, options_);
    return r == Rejection::kNone || (relaxed && !IsHard(r));
  }

  // LexRank centrality over the graph of candidate cosines at or above
  // lexrank_threshold.
  std::vector<double> LexRankScores() const {
    const size_t n = candidates_.size();
    std::vector<Eigen::Triplet<double>> edges;
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < n; ++j) {
        if (i != j && sim_(i, j) >= options_.lexrank_threshold)
          edges.emplace_back(i, j, sim_(i, j));
      }
    }
    SparseRows graph(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
    graph.setFromTriplets(edges.begin(), edges.end());
    const Eigen::VectorXd rank = LexRank(
        graph, {.teleport = options_.lexrank_teleport, .tolerance = options_.lexrank_tolerance});
    std::vector<double> scores(n);
    for (size_t i = 0; i < n; ++i) scores[i] = rank[static_cast<Eigen::Index>(i)];
    return scores;
  }

  // Support: mean over the other reports (with candidates) of their best
  // cosine to the candidate.
  std::vector<double> Support() const {
    const size_t n = candidates_.size();
    std::vector<double> support(n, 0.0);
    std::vector<uint32_t> doc_slot(docs_.size(), UINT32_MAX);
    uint32_t reports = 0;
    for (uint32_t c : candidates_) {
      if (doc_slot[sentences_[c].doc] == UINT32_MAX) doc_slot[sentences_[c].doc] = reports++;
    }
    if (reports <= 1) return support;
    std::vector<double> best(reports);
    for (size_t i = 0; i < n; ++i) {
      std::fill(best.begin(), best.end(), 0.0);
      for (size_t j = 0; j < n; ++j) {
        double& b = best[doc_slot[sentences_[candidates_[j]].doc]];
        b = std::max(b, sim_(i, j));
      }
      best[doc_slot[sentences_[candidates_[i]].doc]] = 0;
      support[i] = std::accumulate(best.begin(), best.end(), 0.0) / (reports - 1);
    }
    return support;
  }

  const std::vector<StoryDocument>& docs_;
  const SummaryOptions& options_;
  StoryVectors vectors_;
  const std::vector<bool> canonical_;
  const std::vector<SentenceInfo>& sentences_;
  std::vector<uint32_t> candidates_;  // indices into sentences_
  SparseRows xc_;                     // the candidates' rows
  Eigen::MatrixXd sim_;               // their pairwise cosines
  Eigen::VectorXd centroid_;
};

}  // namespace

StorySummary SummariseStory(const std::vector<StoryDocument>& docs, const SummaryOptions& options,
                            const ShownSentences& shown) {
  StorySummary out;
  if (docs.empty()) return out;
  StorySummariser story(docs, options);
  story.SelectCandidates(shown);
  story.CompareCandidates();
  for (size_t p : story.Pick(story.Relevance())) out.sentences.push_back(story.Attribute(p));
  out.central_document = story.CentralDocument();
  return out;
}

}  // namespace precis::summarise
