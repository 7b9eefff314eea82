package dev.lakegate.server.s3;

import dev.lakegate.core.config.StandaloneConfig;
import java.net.URI;
import java.util.Optional;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * An S3-compatible server (s3proxy, in memory, SigV4) on {@code 127.0.0.1} and a free port with one
 * bucket, for running the standalone server with {@code standalone.lake.s3}. The server finds the
 * credentials through the SDK's default chain: {@link #exportCredentials()} puts them where that
 * chain looks first, the {@code aws.accessKeyId} and {@code aws.secretAccessKey} system properties.
 */
final class LoopbackS3 implements AutoCloseable {
  static final String ACCESS_KEY = "lakegate-server-test";
  static final String SECRET_KEY = "lakegate-server-test-secret";

  private final S3Proxy proxy;
  private final URI endpoint;
  private final String bucket;
  private final S3Client client;

  private LoopbackS3(S3Proxy proxy, URI endpoint, String bucket, S3Client client) {
    this.proxy = proxy;
    this.endpoint = endpoint;
    this.bucket = bucket;
    this.client = client;
  }

  /** Starts s3proxy and creates {@code bucket}; returns once it accepts requests. */
  static LoopbackS3 start(String bucket) throws Exception {
    return start(bucket, SECRET_KEY);
  }

  /**
   * Starts s3proxy whose secret for {@link #ACCESS_KEY} is {@code secret}: anything else than
   * {@link #SECRET_KEY} makes the exported credentials wrong.
   */
  static LoopbackS3 start(String bucket, String secret) throws Exception {
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(new TransientNio2BlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, secret)
        .build();
    proxy.start();
    URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    S3Client client = S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, secret)))
        .build();
    client.createBucket(b -> b.bucket(bucket));
    return new LoopbackS3(proxy, endpoint, bucket, client);
  }

  /** Makes the SDK's default credential chain of this JVM answer with this server's credentials. */
  static void exportCredentials() {
    System.setProperty("aws.accessKeyId", ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", SECRET_KEY);
  }

  /** {@code standalone.lake.s3} pointing here. */
  StandaloneConfig.S3Lake settings() {
    return new StandaloneConfig.S3Lake(Optional.of("us-east-1"), Optional.of(endpoint), true);
  }

  URI endpoint() {
    return endpoint;
  }

  /** The object of that key, read back through the AWS SDK; empty when absent. */
  Optional<byte[]> read(String key) {
    try {
      return Optional.of(client.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toBytes()).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
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
