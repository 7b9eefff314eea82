package dev.lakegate.bench.scenario;

import dev.lakegate.bench.load.LoadHarness;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * Scenario 3's reference server: s3proxy on {@code 127.0.0.1}, its filesystem backend in a
 * directory of the same disk, one bucket. It runs without authentication, so its PUTs skip the
 * signature check Lakegate's lake does, and its backend does not fsync: the comparison shows what
 * durability and verification cost, not a like-for-like race.
 */
public final class S3ProxyReference implements AutoCloseable {
  public static final String BUCKET = "bench";

  private final S3Proxy proxy;
  private final URI base;

  private S3ProxyReference(S3Proxy proxy) {
    this.proxy = proxy;
    this.base = URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** Starts s3proxy over {@code directory} and creates the bucket; returns once it accepts requests. */
  public static S3ProxyReference start(Path directory, LoadHarness harness) throws Exception {
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(new FilesystemNio2BlobStore(directory.toString()))
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.NONE, "", "")
        .build();
    proxy.start();
    S3ProxyReference reference = new S3ProxyReference(proxy);
    try {
      HttpResponse<String> created = harness.send(
          HttpRequest.newBuilder(reference.object("")).PUT(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      if (created.statusCode() != 200) {
        throw new IOException("s3proxy refused to create the bucket: " + created.statusCode() + " " + created.body());
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      reference.close();
      throw e;
    }
    return reference;
  }

  /** The URL of an object in the bucket; the empty key is the bucket itself. */
  public URI object(String key) {
    return URI.create(base + "/" + BUCKET + (key.isEmpty() ? "" : "/" + key));
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("s3proxy did not stop: " + e.getMessage(), e);
    }
  }
}
