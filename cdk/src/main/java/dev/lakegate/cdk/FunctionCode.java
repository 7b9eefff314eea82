package dev.lakegate.cdk;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The code both functions run: one deployable archive (the {@code lambda} module's jar, or a
 * directory in tests) and the handler of each function.
 *
 * @param asset a {@code .jar}/{@code .zip} file or a directory, uploaded as the functions' code
 * @param integrationHandler handler of the upload API's integration function
 * @param postAuthenticationHandler handler of the user pool's post-authentication trigger
 */
public record FunctionCode(Path asset, String integrationHandler, String postAuthenticationHandler) {

  public static final String INTEGRATION_HANDLER = "dev.lakegate.lambda.UploadHandler";
  public static final String POST_AUTHENTICATION_HANDLER = "dev.lakegate.lambda.PostAuthenticationLogger";

  public FunctionCode {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(integrationHandler, "integrationHandler");
    Objects.requireNonNull(postAuthenticationHandler, "postAuthenticationHandler");
  }

  /** Our own handlers in the given archive. */
  public static FunctionCode lakegateHandlers(Path asset) {
    return new FunctionCode(asset, INTEGRATION_HANDLER, POST_AUTHENTICATION_HANDLER);
  }
}
