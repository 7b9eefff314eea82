package dev.lakegate.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cognito post-authentication trigger of the AWS deployment ({@code contract.md} §2, §9):
 * writes one JSON line per successful authentication to the function's log group (the auth event
 * log of the AWS side) and hands the event back unchanged, as Cognito requires. It reads the event
 * as a plain map so the deployable jar needs no Cognito event classes; it logs identifiers only,
 * never attributes that may hold personal data.
 */
public final class PostAuthenticationLogger implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  static {
    UploadHandler.LogLevels.apply(System.getenv());
  }

  private static final Logger LOG = LoggerFactory.getLogger(PostAuthenticationLogger.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, @Nullable Context context) {
    LOG.info(line(event));
    return event;
  }

  /** The log line of one authentication event: who, through which app client, in which pool. */
  static String line(Map<String, Object> event) {
    ObjectNode line = JSON.createObjectNode();
    line.put("event", "authentication");
    line.put("triggerSource", text(event.get("triggerSource")));
    line.put("userPoolId", text(event.get("userPoolId")));
    line.put("region", text(event.get("region")));
    line.put("userName", text(event.get("userName")));
    Object caller = event.get("callerContext");
    line.put("clientId", caller instanceof Map<?, ?> callerContext ? text(callerContext.get("clientId")) : null);
    try {
      return JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  private static @Nullable String text(@Nullable Object value) {
    return value == null ? null : value.toString();
  }
}
