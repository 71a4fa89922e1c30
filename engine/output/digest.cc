#include "precis/digest.h"

#include <ostream>

namespace precis {

StatusOr<DigestFormat> ParseDigestFormat(std::string_view name) {
  if (name == "md" || name == "markdown") return DigestFormat::kMarkdown;
  if (name == "json") return DigestFormat::kJson;
  if (name == "html") return DigestFormat::kHtml;
  return Status::InvalidArgument("unknown digest format '" + std::string(name) +
                                 "'; use md, json or html");
}

Status WriteDigest(const Result& result, DigestFormat format, const DigestOptions& options,
                   std::ostream& out) {
  switch (format) {
    case DigestFormat::kMarkdown:
      return WriteMarkdown(result, options, out);
    case DigestFormat::kJson:
      return WriteJson(result, options, out);
    case DigestFormat::kHtml:
      return WriteHtml(result, options, out);
  }
  return Status::InvalidArgument("unknown digest format");
}

}  // namespace precis
