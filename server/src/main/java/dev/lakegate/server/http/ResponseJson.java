package dev.lakegate.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one JSON writer of the HTTP edge's response bodies (errors, tokens, discovery, health). Its
 * buffers come from a pool shared by all threads: Jackson's default keeps them per thread, and
 * every request runs on a new virtual thread, so each body would allocate fresh ones.
 */
final class ResponseJson {
  private static final ObjectMapper JSON =
      new ObjectMapper(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build());

  private ResponseJson() {}

  /** {@code value} as a JSON document. */
  static String write(Object value) throws JsonProcessingException {
    return JSON.writeValueAsString(value);
  }
}
