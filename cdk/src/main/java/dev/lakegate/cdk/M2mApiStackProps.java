package dev.lakegate.cdk;

import dev.lakegate.core.config.AppClientSettings;
import dev.lakegate.core.config.ApiConfig;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything the stack is built from: the configuration's {@code api:} section, the resource
 * names and the functions' code. {@link #validated} checks what the deployment needs beyond the
 * file's own rules and reports every problem at once, before any resource exists.
 */
public record M2mApiStackProps(ApiConfig api, ResourceNames names, FunctionCode code) {

  private static final Pattern HANDLER = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*(::[A-Za-z_$][\\w$]*)?");
  private static final Pattern STAGE = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final Pattern ARN = Pattern.compile("arn:[^:\\s]+:([a-z0-9-]+):[^:\\s]*:[^:\\s]*:\\S+");

  public M2mApiStackProps {
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(code, "code");
  }

  /**
   * Props from a configuration loaded with {@link DeployTimeValues#loaderContext}: validated, then
   * with the open account, region and partition turned into deploy-time values.
   *
   * @throws StackPropsException with every problem found
   */
  public static M2mApiStackProps fromConfig(ApiConfig api, ResourceNames names, FunctionCode code) {
    validated(api, names, code);
    return new M2mApiStackProps(DeployTimeValues.resolve(api), names, code);
  }

  /**
   * Props that can be deployed.
   *
   * @throws StackPropsException with every problem found
   */
  public static M2mApiStackProps validated(ApiConfig api, ResourceNames names, FunctionCode code) {
    return new M2mApiStackProps(api, names, code).checked();
  }

  /**
   * These props, when they can be deployed; the stack checks them again before creating anything.
   *
   * @throws StackPropsException with every problem found
   */
  public M2mApiStackProps checked() {
    List<String> problems = new ArrayList<>();
    checkApi(api, problems);
    checkCode(code, problems);
    checkDomainPrefix(names, problems);
    if (!problems.isEmpty()) {
      throw new StackPropsException(problems);
    }
    return this;
  }

  private static void checkApi(ApiConfig api, List<String> problems) {
    if (api.allowedCidrs().isEmpty()) {
      problems.add("api.allowedCidrs must list at least one CIDR block: the web ACL allows nothing else");
    }
    if (api.concurrencyLimit() < 1) {
      problems.add("api.concurrencyLimit must be at least 1, was " + api.concurrencyLimit());
    }
    if (!STAGE.matcher(api.stageName()).matches()) {
      problems.add("api.stageName \"" + api.stageName() + "\" must match [A-Za-z0-9_-]{1,128}");
    }
    checkArn("api.kmsKeyArn", api.kmsKeyArn(), "kms", problems);
    checkArn("api.integrationLambdaRoleArn", api.integrationLambdaRoleArn(), "iam", problems);
    if (api.targetBucketName().isBlank()) {
      problems.add("api.targetBucketName must not be empty");
    }
    for (Map.Entry<String, AppClientSettings> client : api.appClients().entrySet()) {
      checkClient("api.appClients." + client.getKey(), client.getValue(), problems);
    }
  }

  private static void checkArn(String path, Optional<String> arn, String service, List<String> problems) {
    arn.ifPresent(value -> {
      var m = ARN.matcher(value);
      if (!m.matches() || !m.group(1).equals(service)) {
        problems.add(path + " \"" + value + "\" is not an ARN of service " + service);
      }
    });
  }

  private static void checkClient(String path, AppClientSettings client, List<String> problems) {
    checkRange(path + ".accessTokenValidityMinutes", client.accessTokenValidityMinutes(), 5, 1440, problems);
    checkRange(path + ".idTokenValidityMinutes", client.idTokenValidityMinutes(), 5, 1440, problems);
    checkRange(path + ".refreshTokenValidityHours", client.refreshTokenValidityHours(), 1, 87600, problems);
    long refreshMinutes = client.refreshTokenValidityHours() * 60L;
    // Cognito refuses a client whose access or id token outlives its refresh token.
    if (client.accessTokenValidityMinutes() > refreshMinutes || client.idTokenValidityMinutes() > refreshMinutes) {
      problems.add(path + ": access and id token validity must not exceed the refresh token validity ("
          + client.refreshTokenValidityHours() + " h)");
    }
  }

  private static void checkRange(String path, int value, int min, int max, List<String> problems) {
    if (value < min || value > max) {
      problems.add(path + " must be between " + min + " and " + max + ", was " + value);
    }
  }

  private static void checkCode(FunctionCode code, List<String> problems) {
    if (!Files.isDirectory(code.asset()) && !Files.isRegularFile(code.asset())) {
      problems.add("function code " + code.asset() + " does not exist (build the lambda module first)");
    }
    for (String handler : List.of(code.integrationHandler(), code.postAuthenticationHandler())) {
      if (!HANDLER.matcher(handler).matches()) {
        problems.add("handler \"" + handler + "\" is not a Java class name (optionally ::method)");
      }
    }
  }

  private static void checkDomainPrefix(ResourceNames names, List<String> problems) {
    for (String word : StackDefaults.COGNITO_DOMAIN_RESERVED_WORDS) {
      if (names.base().contains(word)) {
        problems.add("the user pool domain \"" + names.base() + "\" may not contain \"" + word
            + "\" (a Cognito rule): choose other org/env/domain/module_name values");
      }
    }
  }
}
