#include "auth/aws/uri_encoding.h"

#include <array>
#include <vector>

namespace cloud_tasks::auth::aws {
namespace {

constexpr char kHexUpper[] = "0123456789ABCDEF";

// kKeep[c] & 1: unreserved; & 2: '/'; & 4: '%'.
constexpr std::array<unsigned char, 256> MakeKeepTable() {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 256; ++c) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    t[static_cast<size_t>(c)] =
        static_cast<unsigned char>((unreserved ? 1 : 0) | (c == '/' ? 2 : 0) | (c == '%' ? 4 : 0));
  }
  return t;
}
constexpr std::array<unsigned char, 256> kKeep = MakeKeepTable();

// Appends `in`, copying runs of kept bytes (kKeep & keep_mask) whole and %XX-encoding the rest.
void AppendEncoded(std::string_view in, unsigned char keep_mask, std::string& out) {
  size_t run = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    auto c = static_cast<unsigned char>(in[i]);
    if (kKeep[c] & keep_mask) continue;
    out.append(in.data() + run, i - run);
    const char escaped[3] = {'%', kHexUpper[c >> 4], kHexUpper[c & 0xf]};
    out.append(escaped, 3);
    run = i + 1;
  }
  out.append(in.data() + run, in.size() - run);
}

}  // namespace

bool IsUnreserved(unsigned char c) { return kKeep[c] & 1; }

void AppendUriEncoded(std::string_view in, bool keep_slash, std::string& out) {
  AppendEncoded(in, keep_slash ? 3 : 1, out);
}

std::string UriEncode(std::string_view in, bool keep_slash) {
  std::string out;
  out.reserve(in.size() + in.size() / 2);
  AppendUriEncoded(in, keep_slash, out);
  return out;
}

std::string NormalizeUriPath(std::string_view path) {
  if (path.empty()) return "/";
  std::string out;
  std::string_view rest = path;
  std::vector<std::string_view> kept;  // segments that survive, in order
  while (true) {
    size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    if (segment == "..") {
      if (!kept.empty()) kept.pop_back();
    } else if (!segment.empty() && segment != ".") {
      kept.push_back(segment);
    }
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  if (path.front() == '/') out += '/';
  for (size_t i = 0; i < kept.size(); ++i) {
    if (i > 0) out += '/';
    out += kept[i];
  }
  if (path.back() == '/' && !kept.empty()) out += '/';
  return out;
}

void AppendCanonicalUri(std::string_view path, std::string_view service, UriPathMode mode, std::string& out) {
  if (path.empty()) path = "/";
  if (mode == UriPathMode::kAuto) {
    mode = service == "s3" ? UriPathMode::kEncodeOnce : UriPathMode::kNormalizeAndEncode;
  }
  if (mode == UriPathMode::kEncodeOnce) {
    AppendEncoded(path, 1 | 2 | 4, out);  // already-encoded text stays as is
    return;
  }
  // The common case "/" (and any path without dots or double slashes) needs no rewrite.
  bool simple = path.front() == '/' && path.find("//") == std::string_view::npos &&
                path.find("/.") == std::string_view::npos;
  if (simple) {
    AppendUriEncoded(path, true, out);
  } else {
    AppendUriEncoded(NormalizeUriPath(path), true, out);
  }
}

std::string CanonicalUri(std::string_view path, std::string_view service, UriPathMode mode) {
  std::string out;
  AppendCanonicalUri(path, service, mode, out);
  return out;
}

}  // namespace cloud_tasks::auth::aws
