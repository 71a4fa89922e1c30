#include "engine/ingest/file_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "engine/ingest/charset.h"
#include "engine/ingest/dates/publication_date.h"
#include "engine/ingest/html.h"
#include "engine/ingest/offset_map.h"

namespace precis::ingest {
namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

bool HasVisibleText(const std::string& text) {
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f' && c != '\v') return true;
  }
  return false;
}

}  // namespace

StatusOr<std::string> ReadFileBytes(const std::string& path, uint64_t max_bytes) {
  // O_NONBLOCK: opening a FIFO must not hang the run.
  Fd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) return Status::IOError(std::string("cannot open: ") + std::strerror(errno));
  struct stat st;
  if (fstat(fd.get(), &st) != 0)
    return Status::IOError(std::string("cannot stat: ") + std::strerror(errno));
  if (!S_ISREG(st.st_mode))
    return Status::Unsupported("not a regular file (device, pipe or socket)");
  const auto size = static_cast<uint64_t>(st.st_size);
  if (size == 0) return Status::Unsupported("empty file");
  if (size > max_bytes) {
    return Status::ResourceExhausted(
        "file is " + std::to_string(size) + " bytes, over ingest.max_file_bytes (" +
        std::to_string(max_bytes) + "); raise the limit or split the file");
  }
  std::string bytes(size, '\0');
  uint64_t done = 0;
  while (done < size) {
    const ssize_t n = read(fd.get(), bytes.data() + done, size - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IOError(std::string("read failed: ") + std::strerror(errno));
    }
    if (n == 0) break;  // shrank while we read
    done += static_cast<uint64_t>(n);
  }
  bytes.resize(done);
  if (bytes.empty()) return Status::Unsupported("empty file");
  return bytes;
}

StatusOr<Document> ReadDocumentFile(const SourceEntry& entry, const IngestOptions& options) {
  auto bytes = ReadFileBytes(entry.path, options.max_file_bytes);
  if (!bytes.ok()) return bytes.status();
  const bool html = entry.format == Format::kHtml;
  auto decoded = DecodeToUtf8(std::move(bytes).value(), html);
  if (!decoded.ok()) return decoded.status();
  Document doc;
  doc.id = entry.id;
  doc.source_path = entry.path;
  // A file has no URL of its own: a page's canonical URL stands in.
  const std::optional<int32_t> today = dates::ReadingDay(options);
  const dates::DateContext dating{.url = {}, .today = today.value_or(0)};
  if (html) {
    auto extracted = ExtractHtml(decoded->text, today ? &dating : nullptr);
    if (!extracted.ok()) return extracted.status();
    HtmlText& page = *extracted;
    doc.title = std::move(page.title);
    doc.source_map = ComposeMaps(page.source_map, page.text.size(), decoded->source_map);
    doc.text = std::move(page.text);
    dates::SetFoundDate(page.date, &doc);
  } else {
    doc.text = std::move(decoded->text);
    doc.source_map = std::move(decoded->source_map);
    if (today) dates::SetFoundDate(dates::TextDate(doc.text, dating), &doc);
  }
  if (!HasVisibleText(doc.text)) {
    return Status::Unsupported(html ? "no visible text in the page" : "no text (only whitespace)");
  }
  return doc;
}

}  // namespace precis::ingest
