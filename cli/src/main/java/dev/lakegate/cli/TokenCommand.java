package dev.lakegate.cli;

import dev.lakegate.client.ClientSecret;
import dev.lakegate.client.LakegateClient;
import dev.lakegate.client.TrustedCertificates;
import dev.lakegate.client.UploadException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lakegate token}: fetches an access token with the client-credentials grant ({@code
 * contract.md} §2) and prints it, for use with curl or another HTTP tool. The secret comes from a
 * file or the environment, never from the command line.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Print an access token for a client (client-credentials grant).")
public final class TokenCommand implements Callable<Integer> {

  /** The environment variable that may hold the client secret. */
  public static final String SECRET_VARIABLE = "LAKEGATE_CLIENT_SECRET";

  @Mixin Credentials credentials = new Credentials();
  @Spec @Nullable CommandSpec spec;

  private final Map<String, String> environment;

  public TokenCommand() {
    this(System.getenv());
  }

  TokenCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Integer call() {
    CommandSpec command = java.util.Objects.requireNonNull(spec);
    LakegateClient.Builder builder;
    try {
      builder = credentials.builder(environment);
    } catch (UsageProblem e) {
      command.commandLine().getErr().println("lakegate token: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    try {
      command.commandLine().getOut().println(builder.buildTokenSource().current().value());
      return 0;
    } catch (UploadException e) {
      command.commandLine().getErr().println("lakegate token: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
  }

  /** A command line or configuration that cannot work; the command exits with code 2. */
  static final class UsageProblem extends Exception {
    UsageProblem(String message) {
      super(message);
    }
  }

  /** The options that identify a client to the token endpoint; shared by {@code token} and {@code upload}. */
  static final class Credentials {
    @Option(names = "--token-url", required = true, paramLabel = "URL",
        description = "Token endpoint, e.g. https://host:8443/oauth2/token.")
    @Nullable URI tokenUrl;

    @Option(names = "--client-id", required = true, paramLabel = "ID", description = "App client id.")
    @Nullable String clientId;

    @Option(names = "--client-secret-file", paramLabel = "FILE",
        description = "File holding the client secret (else the environment variable " + SECRET_VARIABLE + ").")
    @Nullable Path secretFile;

    @Option(names = "--client-secret", hidden = true, paramLabel = "SECRET",
        description = "Refused: a secret on the command line is visible to other users.")
    @Nullable String plainSecret;

    @Option(names = "--ca-cert", paramLabel = "PEM",
        description = "Also trust the certificates in this PEM file (repeatable), e.g. the standalone server's tls/certificate.pem.")
    List<Path> caCerts = List.of();

    /** A builder with the token URL, id, secret and TLS trust set. */
    LakegateClient.Builder builder(Map<String, String> environment) throws UsageProblem {
      LakegateClient.Builder builder = LakegateClient.builder()
          .tokenUrl(java.util.Objects.requireNonNull(tokenUrl))
          .clientId(java.util.Objects.requireNonNull(clientId))
          .clientSecret(secret(environment));
      try {
        builder.sslContext(TrustedCertificates.sslContext(caCerts));
      } catch (IOException | GeneralSecurityException e) {
        throw new UsageProblem("cannot use --ca-cert: " + e.getMessage());
      }
      return builder;
    }

    private ClientSecret secret(Map<String, String> environment) throws UsageProblem {
      if (plainSecret != null) {
        throw new UsageProblem("--client-secret is refused: a secret on the command line shows in process lists "
            + "and shell history; use --client-secret-file FILE or the environment variable " + SECRET_VARIABLE);
      }
      try {
        if (secretFile != null) {
          return ClientSecret.of(Files.readString(secretFile, StandardCharsets.UTF_8));
        }
        String fromEnvironment = environment.get(SECRET_VARIABLE);
        if (fromEnvironment != null) {
          return ClientSecret.of(fromEnvironment);
        }
      } catch (IOException e) {
        throw new UsageProblem("cannot read the client secret file " + secretFile + ": " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new UsageProblem(e.getMessage() + " (" + (secretFile != null ? secretFile : SECRET_VARIABLE) + ")");
      }
      throw new UsageProblem("no client secret: give --client-secret-file FILE or set " + SECRET_VARIABLE);
    }
  }
}
