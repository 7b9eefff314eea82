package dev.lakegate.lake.s3;

import dev.lakegate.core.config.StandaloneConfig;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The SDK client and presigner for the settings of {@code standalone.lake.s3}: region, endpoint
 * override and path-style addressing as configured, the JDK's URL connection as HTTP client, and
 * checksums only where S3 requires them, so that presigned URLs carry no checksum parameter a
 * partner would have to match and S3-compatible stores without the newer checksums work.
 */
record S3Connection(S3Client s3, S3Presigner presigner) {

  /** The region S3-compatible stores expect when none is configured. */
  static final Region FALLBACK_REGION = Region.US_EAST_1;

  static S3Connection of(StandaloneConfig.S3Lake settings, AwsCredentialsProvider credentials) {
    Region region = region(settings);
    S3ClientBuilder builder = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .credentialsProvider(credentials)
        .region(region)
        .forcePathStyle(settings.pathStyle())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    settings.endpoint().ifPresent(builder::endpointOverride);
    S3Client s3 = builder.build();
    S3Presigner.Builder presign = S3Presigner.builder()
        .s3Client(s3)
        .credentialsProvider(credentials)
        .region(region)
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
    settings.endpoint().ifPresent(presign::endpointOverride);
    S3Presigner presigner = presign.build();
    return new S3Connection(s3, presigner);
  }

  private static Region region(StandaloneConfig.S3Lake settings) {
    if (settings.region().isPresent()) {
      return Region.of(settings.region().get());
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      if (settings.endpoint().isPresent()) {
        return FALLBACK_REGION;
      }
      throw new IllegalStateException(
          "no AWS region: set standalone.lake.s3.region or the AWS_REGION environment variable", e);
    }
  }
}
