package dev.lakegate.lake.s3;

import dev.lakegate.core.config.StandaloneConfig;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A real S3-compatible server (s3proxy, in memory, SigV4 authentication) on {@code 127.0.0.1} and a
 * free port, with one bucket, plus an SDK client for reading back what a test wrote. Shared with
 * the lambda and server tests through this module's test jar.
 */
public final class S3ProxyFixture implements AutoCloseable {
  public static final String ACCESS_KEY = "lakegate-test-access";
  public static final String SECRET_KEY = "lakegate-test-secret";

  private final S3Proxy proxy;
  private final URI endpoint;
  private final String bucket;
  private final S3Client client;

  private S3ProxyFixture(S3Proxy proxy, URI endpoint, String bucket, S3Client client) {
    this.proxy = proxy;
    this.endpoint = endpoint;
    this.bucket = bucket;
    this.client = client;
  }

  /** Starts the server and creates {@code bucket}; returns once the server accepts requests. */
  public static S3ProxyFixture start(String bucket) throws Exception {
    return start(bucket, SECRET_KEY);
  }

  /**
   * Starts the server with {@code serverSecret} as the secret of {@link #ACCESS_KEY}: anything but
   * {@link #SECRET_KEY} makes {@link #credentials()} and {@link #exportCredentials()} wrong. The
   * fixture's own {@link #client()} uses the server's secret.
   */
  public static S3ProxyFixture start(String bucket, String serverSecret) throws Exception {
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(new TransientNio2BlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, serverSecret)
        .build();
    proxy.start();
    URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    S3Client client = client(endpoint, StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, serverSecret)));
    client.createBucket(b -> b.bucket(bucket));
    return new S3ProxyFixture(proxy, endpoint, bucket, client);
  }

  /**
   * Makes the SDK's default credential chain of this JVM answer with {@link #credentials()}: the
   * {@code aws.accessKeyId} and {@code aws.secretAccessKey} system properties come first in it.
   */
  public static void exportCredentials() {
    System.setProperty("aws.accessKeyId", ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", SECRET_KEY);
  }

  public static AwsCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
  }

  public URI endpoint() {
    return endpoint;
  }

  public String bucket() {
    return bucket;
  }

  /** {@code standalone.lake.s3} pointing at this server. */
  public StandaloneConfig.S3Lake settings() {
    return new StandaloneConfig.S3Lake(Optional.of("us-east-1"), Optional.of(endpoint), true);
  }

  /** A lake on this server's bucket with the right credentials. */
  public S3Lake lake(Clock clock) {
    return S3Lake.open(bucket, settings(), credentials(), clock);
  }

  /** An SDK client with the right credentials, for reading back and for setting up. */
  public S3Client client() {
    return client;
  }

  /** The object of that key, read back through the AWS SDK; empty when absent. */
  public Optional<byte[]> read(String key) {
    try {
      return Optional.of(client.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toBytes()).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  static S3Client client(URI endpoint, AwsCredentialsProvider credentials) {
    return S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(credentials)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  @Override
  public void close() {
    client.close();
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("s3proxy did not stop", e);
    }
  }
}
