package dev.lakegate.bench.load;

import java.net.http.HttpRequest;
import java.util.Optional;

/**
 * The requests of one load run. Called from every worker at once, so it must be thread-safe;
 * {@code sequence} numbers the requests from 0. An empty answer means the source is spent (a pool
 * of presigned URLs used up) and ends the run as the request bound would.
 */
@FunctionalInterface
public interface RequestSource {

  /** The request numbered {@code sequence}, or empty when there are no more. */
  Optional<HttpRequest> next(long sequence);
}
