#include "engine/common/validate_options.h"

namespace precis {

namespace {

Status ValidateCluster(const ClusterOptions& c) {
  auto unit = [](double x) { return x >= 0.0 && x <= 1.0; };
  if (!(c.title_weight >= 0) || !(c.lead_weight >= 0) || !(c.entity_boost >= 0))
    return Status::InvalidArgument(
        "cluster.title_weight, lead_weight and entity_boost must be >= 0");
  if (c.lead_sentences < 0) return Status::InvalidArgument("cluster.lead_sentences must be >= 0");
  if (!unit(c.entity_weight))
    return Status::InvalidArgument("cluster.entity_weight must be in [0, 1]");
  if (!unit(c.event_threshold) || !unit(c.story_threshold))
    return Status::InvalidArgument("cluster.event_threshold and story_threshold must be in [0, 1]");
  if (c.story_threshold > c.event_threshold)
    return Status::InvalidArgument(
        "cluster.story_threshold must be <= cluster.event_threshold (stories contain events)");
  if (!(c.story_prior_pairs >= 0))
    return Status::InvalidArgument("cluster.story_prior_pairs must be >= 0 (0 = plain averages)");
  if (c.story_window_days < 0)
    return Status::InvalidArgument("cluster.story_window_days must be >= 0 (0 = no window)");
  if (!(c.stream_story_threshold >= 0 && c.stream_story_threshold <= 1))
    return Status::InvalidArgument("cluster.stream_story_threshold must be in [0, 1]");
  if (c.scale_neighbours < 0)
    return Status::InvalidArgument("cluster.scale_neighbours must be >= 0 (0 = raw cosines)");
  if (!(c.scale_floor >= 0 && c.scale_floor < 1))
    return Status::InvalidArgument("cluster.scale_floor must be in [0, 1) (0 = no floor)");
  if (c.event_max_days < 0)
    return Status::InvalidArgument("cluster.event_max_days must be >= 0 (0 = ignore dates)");
  if (c.max_terms < 1 || c.index_terms < 1 || c.max_candidates < 1 || c.max_postings < 1 ||
      c.posting_budget < 1)
    return Status::InvalidArgument(
        "cluster.max_terms, index_terms, max_candidates, max_postings and posting_budget must be "
        ">= "
        "1");
  return Status::OK();
}

Status ValidateSummary(const SummaryOptions& s) {
  auto unit = [](double x) { return x >= 0.0 && x <= 1.0; };
  if (s.min_sentence_words < 1 || s.max_sentence_words < s.min_sentence_words)
    return Status::InvalidArgument(
        "summary.min_sentence_words must be >= 1 and <= summary.max_sentence_words");
  if (s.max_position < 1) return Status::InvalidArgument("summary.max_position must be >= 1");
  if (!(s.weight_lexrank >= 0) || !(s.weight_centroid >= 0) || !(s.weight_position >= 0) ||
      !(s.weight_support >= 0))
    return Status::InvalidArgument("summary.weight_* must be >= 0");
  if (!unit(s.lexrank_threshold) || !unit(s.mmr_lambda) || !unit(s.redundancy_threshold) ||
      !unit(s.attribution_threshold))
    return Status::InvalidArgument(
        "summary.lexrank_threshold, mmr_lambda, redundancy_threshold and attribution_threshold "
        "must be in [0, 1]");
  if (!(s.lexrank_teleport > 0 && s.lexrank_teleport < 1))
    return Status::InvalidArgument("summary.lexrank_teleport must be in (0, 1)");
  if (!(s.lexrank_tolerance > 0))
    return Status::InvalidArgument("summary.lexrank_tolerance must be > 0");
  return Status::OK();
}

}  // namespace

Status ValidateOptions(const Options& o) {
  if (o.threads < 0) return Status::InvalidArgument("threads must be >= 0 (0 = all cores)");
  if (o.dedup.shingle_size < 1 || o.dedup.shingle_size > 32)
    return Status::InvalidArgument("dedup.shingle_size must be in [1, 32]");
  if (!(o.dedup.threshold > 0.0 && o.dedup.threshold <= 1.0))
    return Status::InvalidArgument("dedup.threshold must be in (0, 1]");
  if (o.dedup.signature_size < 8 || o.dedup.signature_size > 1024)
    return Status::InvalidArgument("dedup.signature_size must be in [8, 1024]");
  if (o.dedup.char_shingle_size < 0 || o.dedup.char_shingle_size > 64)
    return Status::InvalidArgument(
        "dedup.char_shingle_size must be in [0, 64] (0 = word shingles)");
  if (!(o.dedup.containment_threshold > 0.0 && o.dedup.containment_threshold <= 1.0))
    return Status::InvalidArgument("dedup.containment_threshold must be in (0, 1]");
  if (o.dedup.containment_min_shingles < 1)
    return Status::InvalidArgument("dedup.containment_min_shingles must be >= 1");
  if (Status s = ValidateCluster(o.cluster); !s.ok()) return s;
  if (o.summary.sentences < 1) return Status::InvalidArgument("summary.sentences must be >= 1");
  if (o.summary.max_words < 0) return Status::InvalidArgument("summary.max_words must be >= 0");
  if (o.summary.timeline_lead_sentences < 1 || o.summary.timeline_event_sentences < 1)
    return Status::InvalidArgument(
        "summary.timeline_lead_sentences and timeline_event_sentences must be >= 1");
  if (Status s = ValidateSummary(o.summary); !s.ok()) return s;
  return Status::OK();
}

}  // namespace precis
