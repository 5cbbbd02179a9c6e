#pragma once
/// URI encoding as SigV4 defines it: the unreserved characters A-Z a-z 0-9 - . _ ~ are kept,
/// every other byte becomes %XX (upper-case hex). Paths and query parameters differ only in
/// what else is kept ('/' in paths) and in whether the path is normalised first.

#include <string>
#include <string_view>

namespace cloud_tasks::auth::aws {

/// How the request path becomes the canonical URI.
enum class UriPathMode {
  /// kEncodeOnce for service "s3", kNormalizeAndEncode for every other service.
  kAuto,
  /// Every service but S3 (botocore's SigV4Auth): remove "." and ".." segments and empty
  /// segments ("//"), then URI-encode the whole path keeping '/'. The path is the one sent on
  /// the wire, usually already percent-encoded, so "%" becomes "%25": AWS calls this
  /// "double encoding".
  kNormalizeAndEncode,
  /// S3: no normalisation; the wire path is already encoded once, so it is used as is.
  /// Bytes that a valid wire path cannot hold (space, non-ASCII, ...) are encoded; '%' and
  /// '/' are kept, which makes the mode idempotent on an encoded path.
  kEncodeOnce,
};

/// True for A-Z a-z 0-9 - . _ ~.
bool IsUnreserved(unsigned char c);

/// Appends the URI encoding of `in` to `out`; '/' is kept when `keep_slash`.
void AppendUriEncoded(std::string_view in, bool keep_slash, std::string& out);

/// URI-encodes `in` (query keys and values: keep_slash = false).
std::string UriEncode(std::string_view in, bool keep_slash = false);

/// Builds a wire path from a raw (decoded) path such as an S3 object key: each byte that is
/// not unreserved and not '/' is percent-encoded.
inline std::string EncodeWirePath(std::string_view raw_path) { return UriEncode(raw_path, true); }

/// botocore's normalize_url_path: "" -> "/"; drops empty and "." segments, resolves ".." (never
/// above the root), keeps a leading '/' and keeps a trailing '/' unless nothing remains.
std::string NormalizeUriPath(std::string_view path);

/// The canonical URI (second line of the canonical request) for `path` (the wire path) of a
/// request to `service`. An empty path is treated as "/".
std::string CanonicalUri(std::string_view path, std::string_view service, UriPathMode mode);
void AppendCanonicalUri(std::string_view path, std::string_view service, UriPathMode mode, std::string& out);

}  // namespace cloud_tasks::auth::aws
