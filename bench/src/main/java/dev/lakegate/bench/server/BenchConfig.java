package dev.lakegate.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration every scenario's server runs with: the module's file format
 * ({@code contract.md} §1), loopback the only allowed network, one app client, six metadata
 * mappings (so {@code unipart} writes a realistic metadata object), plain HTTP on
 * {@code 127.0.0.1:0}, and data, logs and the local lake in the run's work directory. The
 * concurrency limit sits above the harness's connection count, so the load measures work, not 429s.
 */
public final class BenchConfig {
  public static final String STAGE = "prod";
  public static final String BUCKET = "bench-lake";
  public static final String CLIENT = "bench-partner";

  private BenchConfig() {}

  /** Writes {@code lakegate.yaml} into {@code workDir} and returns its path. */
  public static Path write(Path workDir) throws IOException {
    Path file = workDir.resolve("lakegate.yaml");
    Files.writeString(file, """
        api:
          adminRoles:
            - name: BenchAdmin
          targetBucketName: %s
          targetPrefix: incoming
          metadataTargetPrefix: metadata
          concurrencyLimit: 256
          stageName: %s
          allowedCidrs:
            - 127.0.0.0/8
          appClients:
            %s:
              accessTokenValidityMinutes: 60
          eventMetadataMappings:
            Resource: resource
            Host: headers.Host
            UserAgent: headers.User-Agent
            SourceIp: requestContext.identity.sourceIp
            RequestTime: requestContext.requestTime
            ClientId: requestContext.authorizer.claims.client_id
        standalone:
          listen: 127.0.0.1:0
          plainHttp: true
          dataDir: %s
          logDir: %s
          lake:
            local:
              dir: %s
          limits:
            maxConnectionsPerPeer: 1024
        """.formatted(BUCKET, STAGE, CLIENT, workDir.resolve("data"), workDir.resolve("logs"), lakeDirectory(workDir)));
    return file;
  }

  /** The local lake's directory under {@code workDir}. */
  public static Path lakeDirectory(Path workDir) {
    return workDir.resolve("lake");
  }
}
