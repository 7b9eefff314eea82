package dev.lakegate.bench.micro;

import dev.lakegate.core.upload.RequestEvent;
import java.util.List;
import java.util.Map;

/**
 * The request the micro-benchmarks feed the core: a {@code unipart} call as the standalone edge
 * builds it, with the headers and claims of a real partner call and the comprehensive sample's
 * request parameters and metadata mappings.
 */
final class SampleRequests {
  static final String MD5 = "1B2M2Y8AsgTpgAmY7PhCfg==";
  static final Map<String, Boolean> REQUEST_PARAMETERS =
      Map.of("test_required_param", true, "test_opt_param", false);
  static final Map<String, String> METADATA_MAPPINGS = Map.of(
      "Resource", "resource",
      "Host", "headers.Host",
      "UserAgent", "headers.User-Agent",
      "IPForwarding", "headers.X-Forwarded-For",
      "RequestTime", "requestContext.requestTime",
      "queryStringParameters", "queryStringParameters");
  static final Map<String, String> UNIPART_QUERY = Map.of("md5", MD5, "test_required_param", "acme");

  private SampleRequests() {}

  static RequestEvent unipart() {
    Map<String, String> headers = Map.of(
        "Host", "127.0.0.1:8443",
        "User-Agent", "partner-uploader/1.0",
        "Accept", "application/json",
        "X-Forwarded-For", "10.1.2.3");
    return new RequestEvent(
        RequestEvent.RESOURCE,
        "/upload/unipart",
        "GET",
        headers,
        Map.of("Host", List.of("127.0.0.1:8443"), "User-Agent", List.of("partner-uploader/1.0"),
            "Accept", List.of("application/json"), "X-Forwarded-For", List.of("10.1.2.3")),
        UNIPART_QUERY,
        Map.of("proxy", "unipart"),
        new RequestEvent.RequestContext(
            "c0ffee00-0000-4000-8000-000000000001",
            "24/Nov/2026:05:00:00 +0000",
            1_795_496_400_000L,
            "prod",
            RequestEvent.RESOURCE,
            "GET",
            new RequestEvent.Identity("10.1.2.3", "partner-uploader/1.0"),
            new RequestEvent.Authorizer(Map.of(
                "client_id", "5p1lkf0b4c7q2v8kd3r9m6xz1e",
                "sub", "5p1lkf0b4c7q2v8kd3r9m6xz1e",
                "scope", "m2m-api/m2m-custom",
                "token_use", "access"))));
  }
}
