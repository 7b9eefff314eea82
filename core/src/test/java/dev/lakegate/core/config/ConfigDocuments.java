package dev.lakegate.core.config;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A valid configuration using every key, one per line, and a way to change single lines of it, so
 * that a test of one rule names the line it breaks and the line the problem must point at.
 */
final class ConfigDocuments {
  private ConfigDocuments() {}

  static final String FILE = "m2m-api.yaml";

  /** Line n of the document is {@code VALID.get(n - 1)}. */
  static final List<String> VALID = List.of(
      "api:",                                                                    // 1
      "  adminRoles:",                                                           // 2
      "    - name: admin",                                                       // 3
      "  targetBucketName: landing",                                             // 4
      "  targetPrefix: incoming",                                                // 5
      "  metadataTargetPrefix: incoming-metadata",                               // 6
      "  concurrencyLimit: 10",                                                  // 7
      "  allowedCidrs:",                                                         // 8
      "    - 10.0.0.0/8",                                                        // 9
      "  stageName: prod",                                                       // 10
      "  kmsKeyArn: arn:{{partition}}:kms:{{region}}:{{account}}:key/k1",        // 11
      "  integrationLambdaRoleArn: arn:{{partition}}:iam::{{account}}:role/r1",  // 12
      "  setAccountCloudWatchRole: false",                                       // 13
      "  wafArns:",                                                              // 14
      "    extra: arn:aws:wafv2:us-east-1:000000000000:regional/webacl/x/1",     // 15
      "  appClients:",                                                           // 16
      "    demo-client:",                                                        // 17
      "      accessTokenValidityMinutes: 60",                                    // 18
      "      idTokenValidityMinutes: 60",                                        // 19
      "      refreshTokenValidityHours: 720",                                    // 20
      "  requestParameters:",                                                    // 21
      "    source: false",                                                       // 22
      "  eventMetadataMappings:",                                                // 23
      "    ip: requestContext.identity.sourceIp",                                // 24
      "standalone:",                                                             // 25
      "  listen: 127.0.0.1:8443",                                                // 26
      "  plainHttp: false",                                                      // 27
      "  dataDir: ./data",                                                       // 28
      "  lake:",                                                                 // 29
      "    local:",                                                              // 30
      "      abandonedUploadAge: 7d",                                            // 31
      "  trustedProxies:",                                                       // 32
      "    - 10.1.0.0/16",                                                       // 33
      "  limits:",                                                               // 34
      "    idleTimeout: 30s",                                                    // 35
      "    maxHeaderBytes: 16384");                                              // 36

  /** The valid document with the given 1-based lines replaced (an empty string blanks a line). */
  static String withLines(Map<Integer, String> replacements) {
    List<String> lines = new ArrayList<>(VALID);
    replacements.forEach((number, text) -> lines.set(number - 1, text));
    return String.join("\n", lines) + "\n";
  }

  static LakegateConfig load(String document) {
    return ConfigLoader.withDefaults().load(FILE,
        new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)), Map.of());
  }

  static LakegateConfig load(ConfigLoader loader, String document, Map<String, String> context) {
    return loader.load(FILE, new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)), context);
  }
}
