#include "auth/aws/canonical.h"

#include <algorithm>
#include <vector>

#include "auth/aws/hashing.h"
#include "auth/aws/uri_encoding.h"

namespace cloud_tasks::auth::aws {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Offsets into a scratch buffer; views are made only after the buffer stops growing.
struct Span {
  size_t begin;
  size_t size;
};

struct EncodedParam {
  Span name;
  Span value;
};

struct LoweredHeader {
  Span name;
  std::string_view value;
  size_t order;  // position in the input: repeated names keep their values' order
};

}  // namespace

void AppendCanonicalQueryString(std::span<const QueryParam> params, std::string& out) {
  if (params.empty()) return;
  // Reused across calls: signing is hot, and these only ever grow to the largest request.
  thread_local std::string buffer;
  thread_local std::vector<EncodedParam> encoded;
  buffer.clear();
  encoded.clear();
  for (const QueryParam& p : params) {
    size_t name_at = buffer.size();
    AppendUriEncoded(p.name, false, buffer);
    size_t value_at = buffer.size();
    AppendUriEncoded(p.value, false, buffer);
    encoded.push_back({{name_at, value_at - name_at}, {value_at, buffer.size() - value_at}});
  }
  const std::string& b = buffer;
  auto view = [&b](Span s) { return std::string_view(b).substr(s.begin, s.size); };
  std::sort(encoded.begin(), encoded.end(), [&](const EncodedParam& x, const EncodedParam& y) {
    int by_name = view(x.name).compare(view(y.name));
    return by_name != 0 ? by_name < 0 : view(x.value) < view(y.value);
  });
  for (size_t i = 0; i < encoded.size(); ++i) {
    if (i > 0) out += '&';
    out += view(encoded[i].name);
    out += '=';
    out += view(encoded[i].value);
  }
}

std::string CanonicalQueryString(std::span<const QueryParam> params) {
  std::string out;
  AppendCanonicalQueryString(params, out);
  return out;
}

void AppendTrimAll(std::string_view value, std::string& out) {
  // Copies each word whole, with one space between words.
  size_t i = 0;
  bool first = true;
  while (i < value.size()) {
    while (i < value.size() && IsSpace(value[i])) ++i;
    size_t start = i;
    while (i < value.size() && !IsSpace(value[i])) ++i;
    if (i == start) break;
    if (!first) out += ' ';
    out.append(value.data() + start, i - start);
    first = false;
  }
}

std::string TrimAll(std::string_view value) {
  std::string out;
  AppendTrimAll(value, out);
  return out;
}

void AppendCanonicalHeaders(std::span<const HeaderView> headers, std::string& canonical,
                            std::string& signed_headers) {
  thread_local std::string names;
  thread_local std::vector<LoweredHeader> lowered;
  names.clear();
  lowered.clear();
  for (size_t i = 0; i < headers.size(); ++i) {
    size_t at = names.size();
    for (char c : headers[i].name) names += Lower(c);
    lowered.push_back({{at, headers[i].name.size()}, headers[i].value, i});
  }
  const std::string& n = names;
  auto name = [&n](const LoweredHeader& h) { return std::string_view(n).substr(h.name.begin, h.name.size); };
  std::sort(lowered.begin(), lowered.end(), [&](const LoweredHeader& x, const LoweredHeader& y) {
    int by_name = name(x).compare(name(y));
    return by_name != 0 ? by_name < 0 : x.order < y.order;
  });
  for (size_t i = 0; i < lowered.size(); ++i) {
    bool repeat = i > 0 && name(lowered[i]) == name(lowered[i - 1]);
    if (repeat) {
      canonical.back() = ',';  // replaces the previous value's '\n'
    } else {
      if (!signed_headers.empty()) signed_headers += ';';
      signed_headers += name(lowered[i]);
      canonical += name(lowered[i]);
      canonical += ':';
    }
    AppendTrimAll(lowered[i].value, canonical);
    canonical += '\n';
  }
}

CanonicalHeaderBlock CanonicalHeaders(std::span<const HeaderView> headers) {
  CanonicalHeaderBlock block;
  AppendCanonicalHeaders(headers, block.canonical, block.signed_headers);
  return block;
}

CanonicalHeaderBlock CanonicalHeaders(std::span<const Header> headers) {
  std::vector<HeaderView> views;
  views.reserve(headers.size());
  for (const Header& h : headers) views.push_back({h.name, h.value});
  return CanonicalHeaders(views);
}

std::string HashedPayload(std::string_view body) { return Sha256Hex(body); }

std::string CanonicalRequest(std::string_view method, std::string_view canonical_uri,
                             std::string_view canonical_query, std::string_view canonical_headers,
                             std::string_view signed_headers, std::string_view hashed_payload) {
  std::string out;
  out.reserve(method.size() + canonical_uri.size() + canonical_query.size() + canonical_headers.size() +
              signed_headers.size() + hashed_payload.size() + 5);
  for (std::string_view part : {method, canonical_uri, canonical_query, canonical_headers}) {
    out += part;
    out += '\n';
  }
  out += signed_headers;
  out += '\n';
  out += hashed_payload;
  return out;
}

}  // namespace cloud_tasks::auth::aws
