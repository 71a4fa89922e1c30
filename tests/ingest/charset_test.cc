// Decoding to UTF-8: legacy charsets convert correctly and every character
// maps back to its exact bytes in the original file.
#include "engine/ingest/charset.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include "engine/ingest/offset_map.h"

namespace precis::ingest {
namespace {

// A French news paragraph, long enough for the charset detector.
const std::string kFrench =
    "Le président de la République a présenté mercredi à l'Élysée son plan pour l'économie. "
    "« Nous allons réduire les dépenses et protéger les ménages », a-t-il déclaré devant les "
    "journalistes réunis dans la salle des fêtes. Selon le ministre, la croissance française "
    "devrait dépasser 1,5 % l'an prochain, malgré la hausse des prix de l'énergie.\n"
    "Les syndicats, reçus jeudi à Matignon, ont jugé ces mesures « très insuffisantes ».\n";

// UTF-8 -> a single-byte charset via ICU, for building test files.
std::string Encode(const std::string& utf8, const char* charset) {
  UErrorCode err = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  const int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                 utf8.data(), static_cast<int32_t>(utf8.size()), &err);
  EXPECT_TRUE(U_SUCCESS(err)) << u_errorName(err);
  out.resize(static_cast<size_t>(n));
  return out;
}

// Character k of the text (in code points) maps to source byte skip + k * width
// (a fixed-width source charset), and the end maps to the source end.
void ExpectFixedWidthMap(const DecodedText& d, size_t source_size, size_t skip = 0,
                         size_t width = 1) {
  size_t chars = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(d.text.data());
  const auto n = static_cast<int32_t>(d.text.size());
  for (int32_t i = 0; i < n; ++chars) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    ASSERT_EQ(MapOffset(d.source_map, static_cast<uint64_t>(start)), skip + chars * width)
        << "at text byte " << start;
  }
  EXPECT_EQ(MapOffset(d.source_map, d.text.size()), source_size);
}

TEST(Charset, Utf8PassesUnchanged) {
  auto d = DecodeToUtf8(kFrench, false);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->text, kFrench);
  EXPECT_EQ(d->charset, "UTF-8");
  EXPECT_TRUE(d->source_map.empty());
}

TEST(Charset, Utf8ByteOrderMarkIsDroppedAndMapped) {
  auto d = DecodeToUtf8("\xEF\xBB\xBF" + kFrench, false);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->text, kFrench);
  EXPECT_EQ(MapOffset(d->source_map, 0), 3u);
  EXPECT_EQ(MapOffset(d->source_map, kFrench.size()), kFrench.size() + 3);
}

TEST(Charset, Latin1IsDetectedAndMappedExactly) {
  const std::string latin1 = Encode(kFrench, "ISO-8859-1");
  ASSERT_LT(latin1.size(), kFrench.size());  // really single-byte
  auto d = DecodeToUtf8(latin1, false);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->text, kFrench);
  ExpectFixedWidthMap(*d, latin1.size());
}

TEST(Charset, Windows1252IsDetectedAndMappedExactly) {
  // Curly quotes, the euro sign, "œ" and an em dash only exist in Windows-1252
  // (bytes 0x80-0x9F), not in Latin-1.
  const std::string text = kFrench +
                           "Le cœur du projet — un fonds de 20 € par ménage — a été qualifié de "
                           "“geste symbolique” par l’opposition.\n";
  const std::string cp1252 = Encode(text, "windows-1252");
  ASSERT_NE(cp1252.find('\x80'), std::string::npos);  // the euro sign
  auto d = DecodeToUtf8(cp1252, false);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->text, text);
  ExpectFixedWidthMap(*d, cp1252.size());
}

TEST(Charset, Utf16WithByteOrderMark) {
  const std::string utf16 = Encode(kFrench, "UTF-16LE");
  auto d = DecodeToUtf8("\xFF\xFE" + utf16, false);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->text, kFrench);
  // Every character of this (BMP) text is 2 bytes, after the 2-byte mark.
  ExpectFixedWidthMap(*d, 2 + utf16.size(), 2, 2);
}

TEST(Charset, LineEndsAreNormalisedWithExactOffsets) {
  auto d = DecodeToUtf8("one\r\ntwo\rthree\n", false);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->text, "one\ntwo\nthree\n");
  EXPECT_EQ(MapOffset(d->source_map, 4), 5u);    // "two"
  EXPECT_EQ(MapOffset(d->source_map, 8), 9u);    // "three"
  EXPECT_EQ(MapOffset(d->source_map, 14), 15u);  // end
}

TEST(Charset, BinaryIsRefused) {
  auto nul = DecodeToUtf8(std::string("text\0more", 9), false);
  ASSERT_FALSE(nul.ok());
  EXPECT_EQ(nul.status().code(), Status::Code::kUnsupported);
  EXPECT_NE(nul.status().message().find("binary file"), std::string::npos);
  std::string control(200, 'a');
  for (size_t i = 0; i < control.size(); i += 3) control[i] = '\x01';
  EXPECT_FALSE(DecodeToUtf8(control, false).ok());
}

TEST(Charset, UndecodableBytesAreRefused) {
  // Random high bytes with no structure: no charset fits with any confidence.
  std::string noise;
  uint32_t x = 12345;
  for (int i = 0; i < 64; ++i) {
    x = x * 1103515245u + 12345u;
    noise += static_cast<char>(0x80 | ((x >> 16) & 0x7f));
  }
  auto d = DecodeToUtf8(noise, false);
  ASSERT_FALSE(d.ok()) << "decoded noise as " << d->charset;
  EXPECT_EQ(d.status().code(), Status::Code::kCorruption);
  EXPECT_NE(d.status().message().find("convert it to UTF-8"), std::string::npos);
  // Too little text to tell: refused rather than guessed.
  EXPECT_FALSE(DecodeToUtf8("caf\xE9", false).ok());
}

}  // namespace
}  // namespace precis::ingest
