// Digest writers: a Result as Markdown (for people, the CLI's default), JSON
// (for programs; schema in engine/output/digest.schema.json and the README)
// or one self-contained HTML page (for reading in a browser).
//
// Every writer shows, per story: its headline (Story::label), its summary
// sentences each credited to the reports that carry it (with byte ranges into
// the original files in JSON and HTML), and its membership: events and
// near-duplicate groups. Stories appear in Result::stories order.
//
// Thread-safety: the writers only read the Result; any number may run at once
// on distinct streams. Complexity: O(size of the output).
#ifndef PRECIS_DIGEST_H_
#define PRECIS_DIGEST_H_

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

#include "precis/ingest.h"
#include "precis/options.h"
#include "precis/result.h"
#include "precis/status.h"

namespace precis {

struct DigestOptions {
  // Stories with fewer distinct reports than this are left out (near-duplicate
  // copies count once). Default 1: every story, singletons included (they come
  // last, as Result::stories is ordered by size).
  int min_sources = 1;
  // Heading of the digest: Markdown title and HTML <title>/<h1>.
  std::string title = "News digest";
  // Worker threads that render the JSON digest (0 = all cores); the bytes
  // written do not depend on it.
  int threads = 0;
};

enum class DigestFormat { kMarkdown, kJson, kHtml };

// "md"/"markdown", "json", "html" -> the format; InvalidArgument otherwise.
StatusOr<DigestFormat> ParseDigestFormat(std::string_view name);

// Writes `result` to `out`. Fails with IOError when the stream fails, with
// InvalidArgument for min_sources < 1.
Status WriteDigest(const Result& result, DigestFormat format, const DigestOptions& options,
                   std::ostream& out);
Status WriteMarkdown(const Result& result, const DigestOptions& options, std::ostream& out);
Status WriteJson(const Result& result, const DigestOptions& options, std::ostream& out);
Status WriteHtml(const Result& result, const DigestOptions& options, std::ostream& out);

// The near-duplicate detection part of `result` as JSON (what `precis dedup
// --format json` prints): version, the dedup settings of `options`, the LSH
// parameters, the document count, then every exact and near-duplicate group
// with member ids, similarities and verified pairs. DigestOptions::threads
// is the only field read. Fails with IOError when the stream fails.
Status WriteDuplicatesJson(const Result& result, const Options& options,
                           const DigestOptions& digest, std::ostream& out);

// Stories -> events -> near-duplicate groups of `result` as JSON (what
// `precis cluster --format json` prints): version, the fingerprint, the
// method and the event and story thresholds of `options`, every document (id, title, lang,
// date, date_source), then every story with its events and their groups;
// a member's similarity is its verified Jaccard with the group's canonical
// (its best pair when it has none with the canonical; 1 for the canonical
// and exact copies), as in the digest. DigestOptions::threads is the only
// field read. Fails with IOError when the stream fails, InvalidArgument for
// an inconsistent Result.
Status WriteClusterJson(const Result& result, const Options& options, const DigestOptions& digest,
                        std::ostream& out);

// The JSON line `precis ingest` prints for one added report (no line break):
// id, the report's `date` and `date_source` as read (date_source "input"
// when a date came without a source), fate (Fate::KindName), duplicate_of
// (copies only), story, event, new_event, similarity (rounded to 4
// decimals), sequence, and "replay": true for a replayed report.
std::string FateJson(const Fate& fate, std::string_view date, std::string_view date_source);

// Distinct reports of a story: its documents, near-duplicate copies counted once.
size_t DistinctReports(const Result& result, const Story& story);

}  // namespace precis

#endif  // PRECIS_DIGEST_H_
