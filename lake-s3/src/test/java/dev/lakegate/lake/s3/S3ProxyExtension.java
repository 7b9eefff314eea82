package dev.lakegate.lake.s3;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An {@link S3ProxyFixture} for a whole test class of a server built on the SDK's default
 * credential chain: started, with its credentials exported ({@link S3ProxyFixture#exportCredentials()}),
 * before the class's first test, and stopped after its last. Register it in a static field, so
 * instance fields (a test server) can use {@link #fixture()} when they are built:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final S3ProxyExtension S3 = S3ProxyExtension.withBucket("landing");
 * }</pre>
 */
public final class S3ProxyExtension implements BeforeAllCallback, AfterAllCallback {
  private final String bucket;
  private final String serverSecret;
  private S3ProxyFixture fixture;

  private S3ProxyExtension(String bucket, String serverSecret) {
    this.bucket = bucket;
    this.serverSecret = serverSecret;
  }

  /** A store holding {@code bucket} that accepts the exported credentials. */
  public static S3ProxyExtension withBucket(String bucket) {
    return new S3ProxyExtension(bucket, S3ProxyFixture.SECRET_KEY);
  }

  /** A store holding {@code bucket} whose secret is {@code serverSecret}: it refuses the exported credentials. */
  public static S3ProxyExtension refusingExportedCredentials(String bucket, String serverSecret) {
    return new S3ProxyExtension(bucket, serverSecret);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    S3ProxyFixture.exportCredentials();
    fixture = S3ProxyFixture.start(bucket, serverSecret);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (fixture != null) {
      fixture.close();
      fixture = null;
    }
  }

  /** The running store; only between the class's first and last test. */
  public S3ProxyFixture fixture() {
    if (fixture == null) {
      throw new IllegalStateException("the S3 store runs only while its test class does");
    }
    return fixture;
  }
}
