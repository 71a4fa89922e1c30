#include "engine/ingest/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "engine/ingest/offset_map.h"

namespace precis::ingest {
namespace {

// How much of a file the binary sniffer and the charset detector look at.
constexpr size_t kSniffBytes = 64 << 10;
constexpr size_t kDetectBytes = 1 << 20;
// Share of control bytes above which a file without NULs is still binary.
constexpr double kMaxControlShare = 0.10;
// ICU confidences run 0..100; below this a guess is noise (random high bytes
// score up to ~25 for some single-byte charset; real Latin-1 prose 70+).
constexpr int32_t kMinConfidence = 20;

bool IsValidUtf8(const std::string& s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int64_t n = static_cast<int64_t>(s.size());
  int64_t i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

bool LooksBinary(const std::string& s) {
  if (std::memchr(s.data(), '\0', s.size()) != nullptr) return true;
  const size_t n = std::min(s.size(), kSniffBytes);
  size_t control = 0;
  for (size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1b) ||
        c == 0x7f) {
      ++control;
    }
  }
  return n > 0 && static_cast<double>(control) > kMaxControlShare * static_cast<double>(n);
}

// Code points -> UTF-8 with "\r\n" and "\r" -> "\n", each character mapped
// to its source bytes (a character ends where the next one starts).
class Utf8Writer {
 public:
  void Put(UChar32 c, uint64_t source) {
    Flush(source);
    if (c == '\n' && after_cr_) {
      after_cr_ = false;
      return;
    }
    after_cr_ = c == '\r';
    pending_ = after_cr_ ? '\n' : c;
    pending_source_ = source;
  }
  std::string Take(std::vector<OffsetRun>* map, uint64_t source_end) {
    Flush(source_end);
    return out_.TakeText(map, source_end);
  }

 private:
  void Flush(uint64_t source_end) {
    if (pending_ < 0) return;
    char buf[U8_MAX_LENGTH];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(buf, len, U8_MAX_LENGTH, pending_, error);
    if (!error)
      out_.AppendChar(std::string_view(buf, static_cast<size_t>(len)), pending_source_, source_end);
    pending_ = -1;
  }

  OffsetMapBuilder out_;
  bool after_cr_ = false;
  UChar32 pending_ = -1;
  uint64_t pending_source_ = 0;
};

// UTF-8 input from `start` on: unchanged unless it has carriage returns.
DecodedText FromUtf8(std::string bytes, size_t start) {
  DecodedText out;
  out.charset = "UTF-8";
  if (bytes.find('\r', start) == std::string::npos) {
    if (start > 0) {
      bytes.erase(0, start);
      out.source_map = {{0, start}};
    }
    out.text = std::move(bytes);
    return out;
  }
  OffsetMapBuilder b;
  size_t i = start;
  while (i < bytes.size()) {
    const size_t cr = bytes.find('\r', i);
    const size_t end = cr == std::string::npos ? bytes.size() : cr;
    b.Append(std::string_view(bytes).substr(i, end - i), i);
    if (cr == std::string::npos) break;
    b.Append('\n', cr);
    i = cr + 1;
    if (i < bytes.size() && bytes[i] == '\n') ++i;
  }
  out.text = b.TakeText(&out.source_map, bytes.size());
  return out;
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// Converts with `charset`, failing on any byte the charset does not define.
StatusOr<DecodedText> Convert(const std::string& bytes, size_t start, const char* charset) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> cnv(ucnv_open(charset, &err));
  if (U_FAILURE(err)) return Status::Unsupported(std::string("no ICU converter for ") + charset);
  ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  constexpr size_t kChunk = 1 << 15;
  std::vector<UChar> units(kChunk);
  std::vector<int32_t> offsets(kChunk);
  Utf8Writer writer;
  const char* const base = bytes.data();
  const char* src = base + start;
  const char* const limit = base + bytes.size();
  uint64_t last_offset = start;
  UChar lead = 0;  // a lead surrogate waiting for its trail across chunks
  uint64_t lead_offset = 0;
  while (true) {
    UChar* target = units.data();
    const char* chunk = src;
    err = U_ZERO_ERROR;
    ucnv_toUnicode(cnv.get(), &target, units.data() + units.size(), &src, limit, offsets.data(),
                   true, &err);
    const size_t produced = static_cast<size_t>(target - units.data());
    for (size_t k = 0; k < produced; ++k) {
      // -1: the character began in the previous call's input.
      const uint64_t off =
          offsets[k] >= 0 ? static_cast<uint64_t>(chunk - base) + offsets[k] : last_offset;
      last_offset = off;
      const UChar u = units[k];
      if (lead != 0) {
        const UChar32 c = U16_IS_TRAIL(u) ? U16_GET_SUPPLEMENTARY(lead, u) : 0xFFFD;
        writer.Put(c, lead_offset);
        lead = 0;
        if (U16_IS_TRAIL(u)) continue;
      }
      if (U16_IS_LEAD(u)) {
        lead = u;
        lead_offset = off;
        continue;
      }
      writer.Put(U16_IS_SURROGATE(u) ? 0xFFFD : u, off);
    }
    if (err == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(err)) {
      return Status::Corruption(std::string("byte ") + std::to_string(src - base) +
                                " is not valid " + charset);
    }
    break;
  }
  if (lead != 0) writer.Put(0xFFFD, lead_offset);
  DecodedText out;
  out.charset = charset;
  out.text = writer.Take(&out.source_map, bytes.size());
  return out;
}

struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

// Charsets the detector proposes for `bytes`, best first, with their confidence.
std::vector<std::pair<std::string, int32_t>> Guesses(const std::string& bytes, bool markup) {
  std::vector<std::pair<std::string, int32_t>> guesses;
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> det(ucsdet_open(&err));
  if (U_FAILURE(err)) return guesses;
  ucsdet_enableInputFilter(det.get(), markup);
  ucsdet_setText(det.get(), bytes.data(),
                 static_cast<int32_t>(std::min(bytes.size(), kDetectBytes)), &err);
  int32_t found = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &found, &err);
  if (U_FAILURE(err)) return guesses;
  for (int32_t i = 0; i < found; ++i) {
    const char* name = ucsdet_getName(matches[i], &err);
    const int32_t confidence = ucsdet_getConfidence(matches[i], &err);
    if (U_FAILURE(err)) break;
    guesses.emplace_back(name, confidence);
  }
  return guesses;
}

bool StartsWith(const std::string& s, std::string_view prefix) {
  return s.size() >= prefix.size() && std::string_view(s).substr(0, prefix.size()) == prefix;
}

}  // namespace

StatusOr<DecodedText> DecodeToUtf8(std::string bytes, bool markup) {
  // A byte-order mark is authoritative (and UTF-16/32 text is full of NULs).
  if (StartsWith(bytes, "\xEF\xBB\xBF")) {
    if (!IsValidUtf8(bytes))
      return Status::Corruption("starts with a UTF-8 byte-order mark but is not valid UTF-8");
    return FromUtf8(std::move(bytes), 3);
  }
  if (StartsWith(bytes, std::string_view("\xFF\xFE\0\0", 4))) return Convert(bytes, 4, "UTF-32LE");
  if (StartsWith(bytes, std::string_view("\0\0\xFE\xFF", 4))) return Convert(bytes, 4, "UTF-32BE");
  if (StartsWith(bytes, "\xFF\xFE")) return Convert(bytes, 2, "UTF-16LE");
  if (StartsWith(bytes, "\xFE\xFF")) return Convert(bytes, 2, "UTF-16BE");

  if (LooksBinary(bytes))
    return Status::Unsupported("binary file (NUL or control bytes); precis reads text");
  if (IsValidUtf8(bytes)) return FromUtf8(std::move(bytes), 0);

  std::string tried;
  for (const auto& [name, confidence] : Guesses(bytes, markup)) {
    if (confidence < kMinConfidence) break;
    // Known not to be UTF-8; UTF-16/32 without a byte-order mark would have
    // been refused as binary (NUL bytes) already.
    if (name == "UTF-8" || StartsWith(name, "UTF-16") || StartsWith(name, "UTF-32")) continue;
    auto decoded = Convert(bytes, 0, name.c_str());
    if (decoded.ok()) return decoded;
    tried += (tried.empty() ? "" : ", ") + name;
  }
  return Status::Corruption("not valid UTF-8 and no charset fits it" +
                            (tried.empty() ? std::string() : " (tried " + tried + ")") +
                            "; convert it to UTF-8");
}

}  // namespace precis::ingest
