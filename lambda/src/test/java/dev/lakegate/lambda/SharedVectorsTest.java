package dev.lakegate.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.lakegate.core.upload.RequestEvent;
import dev.lakegate.core.upload.UploadService;
import dev.lakegate.core.vectors.TestVector;
import dev.lakegate.core.vectors.VectorCall;
import dev.lakegate.core.vectors.VectorEdge;
import dev.lakegate.core.vectors.VectorResponse;
import dev.lakegate.core.vectors.VectorRunner;
import dev.lakegate.core.vectors.VectorSettings;
import dev.lakegate.lake.s3.S3Lake;
import dev.lakegate.lake.s3.S3ProxyFixture;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The shared test vectors through the Lambda handler on S3 (s3proxy on loopback), with events
 * built as API Gateway builds them after its Cognito authorizer accepted the token. The standalone
 * server plays the same vectors; both must pass.
 */
class SharedVectorsTest {
  private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
  private static final VectorSettings SETTINGS = TestVector.settings();

  private static S3ProxyFixture s3;
  private static S3Lake lake;
  private static UploadHandler handler;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3ProxyFixture.start(SETTINGS.bucket());
    lake = s3.lake(Clock.systemUTC());
    handler = new UploadHandler(new UploadService(SETTINGS.uploadSettings(), lake, UUID::randomUUID));
  }

  @AfterAll
  static void stop() throws Exception {
    lake.close();
    s3.close();
  }

  static List<TestVector> vectors() {
    return TestVector.all();
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void lambdaHandlerAnswersEveryVectorAsSpecified(TestVector vector) {
    VectorRunner.run(vector, new LambdaEdge(), SETTINGS);
  }

  /** API Gateway in front of the handler: the proxy event it would send for a partner's request. */
  private static final class LambdaEdge implements VectorEdge {
    @Override
    public VectorResponse call(VectorCall call) {
      APIGatewayProxyResponseEvent response = handler.handleRequest(ProxyEventJson.of(event(call)), null);
      return new VectorResponse(response.getStatusCode(), response.getBody());
    }

    @Override
    public String clientId(String name) {
      return name;
    }

    @Override
    public Optional<byte[]> read(String key) {
      try {
        return Optional.of(s3.client().getObjectAsBytes(b -> b.bucket(s3.bucket()).key(key)).asByteArray());
      } catch (NoSuchKeyException e) {
        return Optional.empty();
      }
    }

    private static RequestEvent event(VectorCall call) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Host", "api.example.test");
      headers.putAll(call.headers());
      Map<String, List<String>> multi = new LinkedHashMap<>();
      headers.forEach((name, value) -> multi.put(name, List.of(value)));
      ZonedDateTime now = ZonedDateTime.now(Clock.systemUTC());
      return new RequestEvent(
          RequestEvent.RESOURCE,
          "/upload/" + call.operation(),
          "GET",
          headers,
          multi,
          call.query(),
          Map.of("proxy", call.operation()),
          new RequestEvent.RequestContext(
              UUID.randomUUID().toString(),
              REQUEST_TIME.format(now),
              now.toInstant().toEpochMilli(),
              "prod",
              RequestEvent.RESOURCE,
              "GET",
              new RequestEvent.Identity(call.sourceIp(), headers.get("User-Agent")),
              new RequestEvent.Authorizer(Map.of(
                  "client_id", clientIdOf(call), "sub", clientIdOf(call), "scope", "m2m-api/m2m-custom", "token_use", "access"))));
    }

    private static String clientIdOf(VectorCall call) {
      return call.client();
    }
  }
}
