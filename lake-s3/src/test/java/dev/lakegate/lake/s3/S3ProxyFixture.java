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
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

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
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(new TransientNio2BlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    proxy.start();
    URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    S3Client client = client(endpoint, credentials());
    client.createBucket(b -> b.bucket(bucket));
    return new S3ProxyFixture(proxy, endpoint, bucket, client);
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
