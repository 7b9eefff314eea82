package dev.lakegate.client;

/**
 * Why an upload did not happen, as a value the caller can switch over. {@link Rejected} is a 4xx
 * answer other than 429 (the request itself is wrong and retrying cannot help), {@link
 * CredentialsRefused} is the token endpoint refusing the client id or secret, {@link
 * UntrustedServer} is a TLS certificate the client does not trust, {@link GaveUp} is a
 * transient failure that outlasted the {@link RetryPolicy}, {@link LocalInput} is a problem
 * reading the data to upload, {@link Interrupted} is the caller stopping the upload.
 */
public sealed interface UploadFailure {

  /** One line for a person: what failed and why. */
  String describe();

  /** The server refused a request with a status that retrying cannot change. */
  record Rejected(String call, int status, String serverMessage) implements UploadFailure {
    @Override
    public String describe() {
      return call + " was refused with HTTP " + status + ": " + serverMessage;
    }
  }

  /** The token endpoint refused the credentials ({@code invalid_client} and the like). */
  record CredentialsRefused(int status, String serverMessage) implements UploadFailure {
    @Override
    public String describe() {
      return "the token endpoint refused the client credentials (HTTP " + status + ": " + serverMessage
          + "); check the client id and secret";
    }
  }

  /** The server's TLS certificate is not trusted (or not for its host name); retrying cannot change that. */
  record UntrustedServer(String call, String problem) implements UploadFailure {
    @Override
    public String describe() {
      return call + ": the server's certificate is not trusted (" + problem
          + "); add its certificate or CA with --ca-cert";
    }
  }

  /** A transient failure that kept happening until the retry budget ran out. */
  record GaveUp(String call, int attempts, String lastError) implements UploadFailure {
    @Override
    public String describe() {
      return call + " failed after " + attempts + " attempt(s): " + lastError;
    }
  }

  /** The data to upload could not be read. */
  record LocalInput(String source, String problem) implements UploadFailure {
    @Override
    public String describe() {
      return "cannot read " + source + ": " + problem;
    }
  }

  /** The upload was stopped by its caller. */
  record Interrupted(String call) implements UploadFailure {
    @Override
    public String describe() {
      return call + " was interrupted";
    }
  }
}
