package dev.lakegate.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.lakegate.core.config.StandaloneConfig;
import dev.lakegate.core.lake.Lake;
import dev.lakegate.core.upload.RequestEvent;
import dev.lakegate.core.upload.UploadOutcome;
import dev.lakegate.core.upload.UploadResponses;
import dev.lakegate.core.upload.UploadService;
import dev.lakegate.lake.s3.S3Lake;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The integration function of the AWS deployment ({@code contract.md} §4, §9): turns API Gateway's
 * REST proxy event into the core's request event, runs the same {@link UploadService} as the
 * standalone server on an S3 lake, and returns its response. It does not authenticate: API
 * Gateway's Cognito authorizer did, and the client id is read from
 * {@code requestContext.authorizer.claims}. Everything is built once per execution environment, in
 * the constructor, so that only the first request pays for it.
 */
public final class UploadHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  static {
    // slf4j-simple reads its level once, when the first logger is made: set it before that.
    LogLevels.apply(System.getenv());
  }

  private static final Logger LOG = LoggerFactory.getLogger(UploadHandler.class);

  private final UploadService service;

  /** The function's handler: configured from the environment, on S3 with the SDK's default credentials. */
  public UploadHandler() {
    this(FunctionEnvironment.from(System.getenv()), Clock.systemUTC());
  }

  UploadHandler(FunctionEnvironment environment, Clock clock) {
    this(new UploadService(environment.upload(), lakeOf(environment, clock), UUID::randomUUID));
  }

  /** A handler around a service built elsewhere (tests, other lakes). */
  public UploadHandler(UploadService service) {
    this.service = Objects.requireNonNull(service, "service");
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent input, @Nullable Context context) {
    RequestEvent event;
    try {
      event = ProxyEvents.toRequestEvent(input);
    } catch (IllegalArgumentException e) {
      LOG.warn("refused malformed event: {}", e.getMessage());
      return ProxyEvents.toResponse(UploadResponses.error(400, "bad_request", "malformed request"));
    }
    try {
      UploadOutcome outcome = service.decide(event);
      log(event, outcome);
      return ProxyEvents.toResponse(outcome.response());
    } catch (RuntimeException e) {
      // The one safety net: a bug answers a generic 500, logged once with its trace, never shown.
      LOG.error("request {} failed unexpectedly", event.requestContext().requestId(), e);
      return ProxyEvents.toResponse(UploadResponses.error(500, "internal_error", "internal error"));
    }
  }

  private static void log(RequestEvent event, UploadOutcome outcome) {
    int status = outcome.response().status();
    String requestId = event.requestContext().requestId();
    String operation = event.operation();
    String client = event.clientId();
    if (outcome.failure().isEmpty()) {
      LOG.info("request {} client {} {} -> {}", requestId, client, operation, status);
    } else if (status >= 500) {
      LOG.error("request {} client {} {} -> {}: {}", requestId, client, operation, status, outcome.failure().get().detail());
    } else {
      LOG.info("request {} client {} {} -> {}: {}", requestId, client, operation, status, outcome.failure().get().detail());
    }
  }

  private static Lake lakeOf(FunctionEnvironment environment, Clock clock) {
    var settings = new StandaloneConfig.S3Lake(
        environment.region(), environment.endpoint(), environment.endpoint().isPresent());
    return S3Lake.open(environment.bucket(), settings, clock);
  }

  /** Sets slf4j-simple's defaults from {@code LOG_LEVEL}, unless set as system properties already. */
  static final class LogLevels {
    private LogLevels() {}

    static void apply(Map<String, String> env) {
      String level = FunctionEnvironment.slf4jLevel(env);
      setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", level);
      // The Lambda runtime timestamps every line and ships stdout to CloudWatch Logs.
      setIfAbsent("org.slf4j.simpleLogger.logFile", "System.out");
      setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
      // The SDK logs each retry at INFO/DEBUG; keep it one level quieter than our own lines.
      if (!level.equals("trace") && !level.equals("debug")) {
        setIfAbsent("org.slf4j.simpleLogger.log.software.amazon.awssdk", "warn");
      }
    }

    private static void setIfAbsent(String property, String value) {
      if (System.getProperty(property) == null) {
        System.setProperty(property, value);
      }
    }
  }
}
