#pragma once
/// The stages of SigV4's canonical request, each a pure function:
///
///   CanonicalRequest = Method \n CanonicalUri \n CanonicalQueryString \n
///                      CanonicalHeaders \n SignedHeaders \n HashedPayload
///
/// (CanonicalUri lives in uri_encoding.h.) Append* forms write into a caller's buffer so the
/// signer can build the whole request without temporary strings.

#include <span>
#include <string>
#include <string_view>

#include "auth/aws/signing_request.h"

namespace cloud_tasks::auth::aws {

/// name=value pairs, each side URI-encoded ('/' too), sorted by encoded name then encoded
/// value, joined by '&'. '=' is always present ("key=" for an empty value, "=v" for an empty
/// name); repeated names are all kept.
std::string CanonicalQueryString(std::span<const QueryParam> params);
void AppendCanonicalQueryString(std::span<const QueryParam> params, std::string& out);

/// SigV4 "Trimall": leading and trailing whitespace removed, inner runs of whitespace
/// (space, tab, CR, LF, VT, FF) replaced by one space.
std::string TrimAll(std::string_view value);
void AppendTrimAll(std::string_view value, std::string& out);

/// Canonical headers and the signed headers list for exactly the given headers.
struct CanonicalHeaderBlock {
  /// "name:value\n" per distinct lower-cased name, sorted by name; the values of a repeated
  /// name are trimmed and joined by ',' in their original order.
  std::string canonical;
  /// The sorted distinct lower-cased names joined by ';'.
  std::string signed_headers;
};
CanonicalHeaderBlock CanonicalHeaders(std::span<const HeaderView> headers);
CanonicalHeaderBlock CanonicalHeaders(std::span<const Header> headers);
void AppendCanonicalHeaders(std::span<const HeaderView> headers, std::string& canonical,
                            std::string& signed_headers);

/// The lower-case hex SHA-256 of the body ("e3b0...b855" for an empty body).
std::string HashedPayload(std::string_view body);

/// Joins the six parts with '\n'. `canonical_headers` already ends in '\n' (as produced
/// above), so a blank line separates it from the signed headers.
std::string CanonicalRequest(std::string_view method, std::string_view canonical_uri,
                             std::string_view canonical_query, std::string_view canonical_headers,
                             std::string_view signed_headers, std::string_view hashed_payload);

}  // namespace cloud_tasks::auth::aws
