#include "http/api_error.h"

#include <fmt/format.h>

#include <utility>

#include "core/json.h"
#include "core/strings.h"
#include "http/throttling.h"
#include "http/xml_text.h"

namespace cloud_tasks::http {
namespace {

std::string AwsRequestIdHeader(const HttpResponse& response) {
  for (const char* name : {"x-amzn-requestid", "x-amz-request-id"}) {
    if (auto v = response.Header(name)) return std::string(*v);
  }
  return "";
}

std::string JsonString(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

Json ParseJson(const std::string& body) { return Json::parse(body, nullptr, false); }

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 409:
      return "Conflict";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "error";
  }
}

ApiError Unrecognised(const HttpResponse& response) {
  ApiError e;
  e.http_status = response.status;
  e.request_id = AwsRequestIdHeader(response);
  e.message = fmt::format("{} (the {}-byte body is not an error document this client knows)",
                          ReasonPhrase(response.status), response.body.size());
  return e;
}

bool IsGoogleShape(const Json& body) {
  auto it = body.find("error");
  return it != body.end() && (it->is_object() || it->is_string());
}

}  // namespace

ApiError ParseAwsXmlError(const HttpResponse& response) {
  ApiError e;
  e.http_status = response.status;
  std::string_view body = response.body;
  // The <Error> element (not <Errors>), so a stray <Code> elsewhere is not taken.
  std::string_view error = XmlElement(body, "Error").value_or(body);
  e.provider_code = XmlText(error, "Code");
  e.message = XmlText(error, "Message");
  e.request_id = XmlText(body, "RequestID");  // EC2 spelling
  if (e.request_id.empty()) e.request_id = XmlText(body, "RequestId");
  if (e.request_id.empty()) e.request_id = AwsRequestIdHeader(response);
  if (e.provider_code.empty() && e.message.empty()) {
    ApiError u = Unrecognised(response);
    u.request_id = e.request_id;
    return u;
  }
  return e;
}

ApiError ParseAwsJsonError(const HttpResponse& response) {
  ApiError e;
  e.http_status = response.status;
  e.request_id = AwsRequestIdHeader(response);
  Json body = ParseJson(response.body);
  if (body.is_object()) {
    e.message = JsonString(body, "message");
    if (e.message.empty()) e.message = JsonString(body, "Message");
    e.provider_code = JsonString(body, "__type");
    if (e.provider_code.empty()) e.provider_code = JsonString(body, "code");
  }
  // "com.amazonaws.sqs#QueueDoesNotExist" -> "QueueDoesNotExist";
  // "ValidationException:http://internal.amazon.com/..." -> "ValidationException".
  if (size_t hash = e.provider_code.rfind('#'); hash != std::string::npos) {
    e.provider_code.erase(0, hash + 1);
  }
  if (size_t colon = e.provider_code.find(':'); colon != std::string::npos) {
    e.provider_code.erase(colon);
  }
  // Query-compatible services (SQS) name the code their query API used: "Code;Sender".
  if (auto header = response.Header("x-amzn-query-error")) {
    size_t semi = header->find(';');
    if (semi != std::string_view::npos && semi > 0 && header->find(';', semi + 1) == std::string_view::npos) {
      e.provider_code = std::string(header->substr(0, semi));
    }
  }
  if (e.provider_code.empty() && e.message.empty()) return Unrecognised(response);
  return e;
}

ApiError ParseGoogleError(const HttpResponse& response) {
  Json body = ParseJson(response.body);
  if (!body.is_object() || !IsGoogleShape(body)) return Unrecognised(response);
  ApiError e;
  e.http_status = response.status;
  const Json& error = body.at("error");
  if (error.is_string()) {  // OAuth 2.0 token endpoint (RFC 6749 section 5.2)
    e.provider_code = error.get<std::string>();
    e.message = JsonString(body, "error_description");
    return e;
  }
  e.message = JsonString(error, "message");
  e.provider_code = JsonString(error, "status");
  if (auto errors = error.find("errors"); errors != error.end() && errors->is_array() && !errors->empty()) {
    const Json& first = errors->front();
    e.reason = JsonString(first, "reason");
    if (e.provider_code.empty()) e.provider_code = JsonString(first, "code");  // operations
    if (e.message.empty()) e.message = JsonString(first, "message");
  }
  if (auto details = error.find("details"); details != error.end() && details->is_array()) {
    for (const Json& d : *details) {
      if (e.reason.empty() && d.is_object() && EndsWith(JsonString(d, "@type"), "google.rpc.ErrorInfo")) {
        e.reason = JsonString(d, "reason");
      }
    }
  }
  if (e.provider_code.empty()) e.provider_code = e.reason;
  return e;
}

ApiError ParseApiError(const HttpResponse& response) {
  std::string_view body = Trim(response.body);
  if (body.starts_with("<")) return ParseAwsXmlError(response);
  if (body.starts_with("{")) {
    Json json = ParseJson(response.body);
    if (json.is_object() && IsGoogleShape(json)) return ParseGoogleError(response);
    return ParseAwsJsonError(response);
  }
  if (response.Header("x-amzn-query-error")) return ParseAwsJsonError(response);
  return Unrecognised(response);
}

}  // namespace cloud_tasks::http
