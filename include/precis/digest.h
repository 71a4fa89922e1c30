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

// Distinct reports of a story: its documents, near-duplicate copies counted once.
size_t DistinctReports(const Result& result, const Story& story);

}  // namespace precis

#endif  // PRECIS_DIGEST_H_
