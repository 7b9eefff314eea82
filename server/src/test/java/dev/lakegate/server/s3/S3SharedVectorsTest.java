package dev.lakegate.server.s3;

import dev.lakegate.auth.client.ClientCredentials;
import dev.lakegate.core.vectors.TestVector;
import dev.lakegate.core.vectors.VectorCall;
import dev.lakegate.core.vectors.VectorEdge;
import dev.lakegate.core.vectors.VectorResponse;
import dev.lakegate.core.vectors.VectorRunner;
import dev.lakegate.core.vectors.VectorSettings;
import dev.lakegate.lake.s3.S3ProxyExtension;
import dev.lakegate.server.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared test vectors through the standalone server's HTTPS edge with {@code standalone.lake.s3}
 * on s3proxy: real tokens for the vectors' clients, real requests, uploads to the presigned S3 URLs.
 * The Lambda handler plays the same vectors; both must pass.
 */
class S3SharedVectorsTest {
  private static final VectorSettings SETTINGS = TestVector.settings();

  @RegisterExtension
  static final S3ProxyExtension S3 = S3ProxyExtension.withBucket(SETTINGS.bucket());

  @RegisterExtension
  final TestServer server = TestServer.builder()
      .api(api -> {
        api.targetBucketName(SETTINGS.bucket())
            .targetPrefix(SETTINGS.targetPrefix())
            .metadataTargetPrefix(SETTINGS.metadataTargetPrefix())
            .appClients("partner-a", "partner-b");
        SETTINGS.requestParameters().forEach(api::requestParameter);
        SETTINGS.eventMetadataMappings().forEach(api::eventMetadataMapping);
        return api;
      })
      .standalone(standalone -> standalone.lake(S3.fixture().settings()))
      .build();

  static List<TestVector> vectors() {
    return TestVector.all();
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void standaloneServerOnS3AnswersEveryVectorAsSpecified(TestVector vector) {
    VectorRunner.run(vector, new ServerEdge(), SETTINGS);
  }

  /** A partner in front of the server: a token per client, then HTTPS requests with it. */
  private final class ServerEdge implements VectorEdge {
    private final Map<String, String> tokens = new HashMap<>();

    @Override
    public VectorResponse call(VectorCall call) {
      String query = call.query().entrySet().stream()
          .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
          .collect(Collectors.joining("&"));
      List<String> headers = new ArrayList<>(List.of("Authorization", "Bearer " + token(call.client())));
      call.headers().forEach((name, value) -> {
        headers.add(name);
        headers.add(value);
      });
      HttpResponse<String> response = server.get(
          "/prod/upload/" + call.operation() + (query.isEmpty() ? "" : "?" + query), headers.toArray(String[]::new));
      return new VectorResponse(response.statusCode(), response.body());
    }

    @Override
    public String clientId(String name) {
      return server.credentials(name).clientId();
    }

    @Override
    public Optional<byte[]> read(String key) {
      return S3.fixture().read(key);
    }

    private String token(String client) {
      return tokens.computeIfAbsent(client, name -> {
        ClientCredentials credentials = server.credentials(name);
        HttpResponse<String> response = server.postToken("grant_type=client_credentials",
            "Authorization", TestServer.basic(credentials.clientId(), credentials.clientSecret().reveal()));
        String body = response.body();
        int start = body.indexOf("\"access_token\":\"") + "\"access_token\":\"".length();
        return body.substring(start, body.indexOf('"', start));
      });
    }

    private static String encode(String value) {
      return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
  }
}
