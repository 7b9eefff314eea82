package dev.lakegate.core.config;

import dev.lakegate.core.net.Cidr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates the module's {@code api:} section and builds an {@link ApiConfig} ({@code contract.md}
 * §1, the table of keys and rules). Every problem is recorded; the result is present only when the
 * section has none.
 */
final class ApiSectionReader {
  private static final List<String> KEYS = List.of(
      "adminRoles", "targetBucketName", "targetPrefix", "metadataTargetPrefix", "concurrencyLimit",
      "allowedCidrs", "stageName", "kmsKeyArn", "integrationLambdaRoleArn", "setAccountCloudWatchRole",
      "wafArns", "appClients", "requestParameters", "eventMetadataMappings");
  private static final List<String> ROLE_KEYS = List.of("name", "arn", "id", "immutable", "sso");
  private static final List<String> CLIENT_KEYS =
      List.of("accessTokenValidityMinutes", "idTokenValidityMinutes", "refreshTokenValidityHours");

  private final MappingReader api;
  private final ValueReader values;

  ApiSectionReader(MappingReader api) {
    this.api = api;
    this.values = api.values();
  }

  Optional<ApiConfig> read() {
    api.allowOnly(KEYS);
    var adminRoles = adminRoles();
    var bucket = api.requiredText("targetBucketName", AwsNames.BUCKET_OR_SSM);
    var prefix = api.requiredText("targetPrefix", AwsNames.KEY_PREFIX);
    var metadataPrefix = api.optionalText("metadataTargetPrefix", AwsNames.KEY_PREFIX);
    var concurrency = api.requiredInt("concurrencyLimit", 1, Integer.MAX_VALUE);
    var cidrs = allowedCidrs();
    var stage = api.optionalText("stageName", AwsNames.STAGE_NAME);
    var kmsKeyArn = api.optionalText("kmsKeyArn", AwsNames.ARN_SYNTAX);
    var roleArn = api.optionalText("integrationLambdaRoleArn", AwsNames.ARN_SYNTAX);
    var cloudWatchRole = api.optionalBool("setAccountCloudWatchRole");
    var wafArns = textMap("wafArns", ValueReader.TextRule.NON_EMPTY, ValueReader.TextRule.NON_EMPTY);
    var appClients = appClients();
    var requestParameters = requestParameters();
    var mappings = textMap("eventMetadataMappings", ValueReader.TextRule.NON_EMPTY, AwsNames.EVENT_PATH);
    if (adminRoles.isEmpty() || bucket.isEmpty() || prefix.isEmpty() || concurrency.isEmpty() || cidrs.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ApiConfig(
        adminRoles.get(),
        bucket.get(),
        prefix.get(),
        metadataPrefix.orElse(prefix.get()),
        concurrency.get(),
        cidrs.get(),
        stage.orElse(ApiConfig.DEFAULT_STAGE_NAME),
        kmsKeyArn,
        roleArn,
        cloudWatchRole.orElse(false),
        wafArns,
        appClients,
        requestParameters,
        mappings));
  }

  private Optional<List<AdminRole>> adminRoles() {
    Optional<MappingReader.Item> list = api.required("adminRoles");
    Optional<List<MappingReader.Item>> items = list.flatMap(api::list);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    if (items.get().isEmpty()) {
      values.problem(list.get().keyLine(), list.get().path(), "must list at least one role");
      return Optional.empty();
    }
    List<AdminRole> roles = new ArrayList<>();
    for (MappingReader.Item item : items.get()) {
      MappingReader.of(values, item, item.keyLine()).flatMap(this::adminRole).ifPresent(roles::add);
    }
    return roles.size() == items.get().size() ? Optional.of(roles) : Optional.empty();
  }

  private Optional<AdminRole> adminRole(MappingReader role) {
    role.allowOnly(ROLE_KEYS);
    List<AdminRole.Reference> given = new ArrayList<>();
    for (AdminRole.Reference reference : AdminRole.Reference.values()) {
      if (role.has(reference.key())) {
        given.add(reference);
      }
    }
    var immutable = role.optionalBool("immutable");
    var sso = role.optionalBool("sso");
    if (given.size() != 1) {
      values.problem(role.line(), role.path(), given.isEmpty()
          ? "a role needs exactly one of name, arn, id; none is given"
          : "a role needs exactly one of name, arn, id; " + String.join(" and ", given.stream().map(AdminRole.Reference::key).toList()) + " are given");
      return Optional.empty();
    }
    AdminRole.Reference reference = given.get(0);
    ValueReader.TextRule rule = switch (reference) {
      case NAME -> AwsNames.ROLE_NAME_RULE;
      case ARN -> AwsNames.ARN_SYNTAX;
      case ID -> AwsNames.ROLE_ID_RULE;
    };
    return role.requiredText(reference.key(), rule).map(value -> new AdminRole(reference, value, immutable, sso));
  }

  private Optional<List<Cidr>> allowedCidrs() {
    Optional<MappingReader.Item> item = api.required("allowedCidrs");
    Optional<List<Cidr>> cidrs = item.flatMap(api::cidrs);
    if (cidrs.isPresent() && cidrs.get().isEmpty()) {
      values.problem(item.get().keyLine(), item.get().path(), "must list at least one CIDR block");
      return Optional.empty();
    }
    return cidrs;
  }

  private Map<String, AppClientSettings> appClients() {
    Map<String, AppClientSettings> clients = new LinkedHashMap<>();
    api.optionalMapping("appClients").ifPresent(map -> map.forEachEntry(AwsNames.APP_CLIENT_NAME, (name, item) -> {
      Optional<MappingReader> client = item.node() instanceof YamlNode.Scalar s && s.isNull()
          ? Optional.of(MappingReader.empty(values, item.path(), item.keyLine()))
          : MappingReader.of(values, item, item.keyLine());
      client.ifPresent(c -> clients.put(name, appClient(c)));
    }));
    return clients;
  }

  private AppClientSettings appClient(MappingReader client) {
    client.allowOnly(CLIENT_KEYS);
    return new AppClientSettings(
        client.optionalInt("accessTokenValidityMinutes", 5, 1440)
            .orElse(AppClientSettings.DEFAULT_ACCESS_TOKEN_VALIDITY_MINUTES),
        client.optionalInt("idTokenValidityMinutes", 5, 1440)
            .orElse(AppClientSettings.DEFAULT_ID_TOKEN_VALIDITY_MINUTES),
        client.optionalInt("refreshTokenValidityHours", 1, 87600)
            .orElse(AppClientSettings.DEFAULT_REFRESH_TOKEN_VALIDITY_HOURS));
  }

  private Map<String, Boolean> requestParameters() {
    Map<String, Boolean> parameters = new LinkedHashMap<>();
    api.optionalMapping("requestParameters").ifPresent(map -> map.forEachEntry(AwsNames.QUERY_PARAMETER_NAME,
        (name, item) -> values.bool(item.node(), item.path()).ifPresent(required -> parameters.put(name, required))));
    return parameters;
  }

  private Map<String, String> textMap(String key, ValueReader.TextRule keyRule, ValueReader.TextRule valueRule) {
    Map<String, String> result = new LinkedHashMap<>();
    api.optionalMapping(key).ifPresent(map -> map.forEachEntry(keyRule,
        (name, item) -> values.text(item.node(), item.path(), valueRule).ifPresent(value -> result.put(name, value))));
    return result;
  }
}
