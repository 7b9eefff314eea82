package dev.lakegate.cdk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.services.iam.FromRoleArnOptions;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Tracing;
import software.constructs.Construct;

/**
 * One of our Java functions as {@code contract.md} §9 deploys it: runtime, reserved concurrency,
 * X-Ray tracing, environment encrypted with the stack's key, its own encrypted log group, and an
 * execution role. A new role gets exactly the permissions listed here, in one customer-managed
 * policy; a configured role ({@code integrationLambdaRoleArn}) is used as it is and never changed.
 */
public final class HandlerFunction extends Construct {

  /**
   * What distinguishes one function from the other.
   *
   * @param nameSuffix appended to the resource names' base
   * @param permissions what a new role may do beyond writing its logs and traces
   * @param wildcardFindings the AwsSolutions-IAM5 findings ({@code Resource::...}) that {@code
   *     permissions} cause on purpose
   * @param existingRoleArn use this role instead of creating one
   */
  public record Spec(
      String nameSuffix,
      String description,
      String handler,
      int reservedConcurrency,
      Map<String, String> environment,
      List<PolicyStatement> permissions,
      List<String> wildcardFindings,
      Optional<String> existingRoleArn) {
    public Spec {
      Objects.requireNonNull(nameSuffix, "nameSuffix");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(handler, "handler");
      environment = Map.copyOf(environment);
      permissions = List.copyOf(permissions);
      wildcardFindings = List.copyOf(wildcardFindings);
      Objects.requireNonNull(existingRoleArn, "existingRoleArn");
    }
  }

  public final Function function;
  public final EncryptedLogGroup logGroup;
  public final IRole role;
  /** The policy of a role created here; absent when a configured role is used. */
  public final Optional<ManagedPolicy> policy;

  public HandlerFunction(Construct scope, String id, Spec spec, Path code, ResourceNames names, IKey key) {
    super(scope, id);
    String functionName = names.name(spec.nameSuffix(), StackDefaults.LAMBDA_NAME_MAX);
    this.logGroup = new EncryptedLogGroup(this, "Logs", "/aws/lambda/" + functionName, key);
    if (spec.existingRoleArn().isPresent()) {
      this.role = Role.fromRoleArn(this, "Role", spec.existingRoleArn().get(), FromRoleArnOptions.builder().mutable(false).build());
      this.policy = Optional.empty();
    } else {
      Role created = Role.Builder.create(this, "Role")
          .roleName(names.name(spec.nameSuffix() + "-role", StackDefaults.IAM_ROLE_NAME_MAX))
          .description("Runs " + functionName)
          .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
          .build();
      ManagedPolicy managed = ManagedPolicy.Builder.create(this, "Policy")
          .managedPolicyName(names.name(spec.nameSuffix() + "-policy", StackDefaults.IAM_POLICY_NAME_MAX))
          .statements(statements(spec, key))
          .roles(List.of(created))
          .build();
      this.policy = Optional.of(managed);
      // Immutable from here: CDK would otherwise add an inline default policy, which the compliance packs reject.
      this.role = created.withoutPolicyUpdates();
    }
    this.function = Function.Builder.create(this, "Function")
        .functionName(functionName)
        .description(spec.description())
        .runtime(StackDefaults.RUNTIME)
        .architecture(StackDefaults.ARCHITECTURE)
        .handler(spec.handler())
        .code(Code.fromAsset(code.toString()))
        .memorySize(StackDefaults.MEMORY_MB)
        .timeout(StackDefaults.TIMEOUT)
        .reservedConcurrentExecutions(spec.reservedConcurrency())
        .environment(spec.environment())
        .environmentEncryption(key)
        .tracing(Tracing.ACTIVE)
        .logGroup(logGroup.logGroup)
        .loggingFormat(LoggingFormat.JSON)
        .role(role)
        .build();
    policy.ifPresent(p -> function.getNode().addDependency(p));
    exempt(spec);
  }

  private void exempt(Spec spec) {
    List<Exemption> exemptions = new ArrayList<>();
    exemptions.add(Exemption.awsSolutions("L1",
        "java21 on purpose: the handler is built for Java release 21, the project's baseline"));
    exemptions.addAll(Exemption.inPacks("LambdaDLQ",
        "Invoked only synchronously (API Gateway, Cognito): the caller receives every failure, and a"
            + " dead-letter queue would only ever see asynchronous invocations",
        Exemption.NIST, Exemption.HIPAA));
    exemptions.addAll(Exemption.inPacks("LambdaInsideVPC",
        "The function reaches only S3, CloudWatch and X-Ray over their TLS endpoints with IAM"
            + " credentials; the module deploys no VPC, and network access to the API is restricted by"
            + " the WAF web ACL and the resource policy",
        Exemption.NIST, Exemption.HIPAA, Exemption.PCI));
    Exemption.apply(function, exemptions);
    policy.ifPresent(p -> {
      List<String> findings = new ArrayList<>();
      findings.add("Resource::*");
      findings.addAll(spec.wildcardFindings());
      Exemption.apply(p, List.of(Exemption.awsSolutions("IAM5",
          "X-Ray trace writes support no resource-level permission (Resource::*); object ARNs end in /*"
              + " because the function creates new keys (random UUIDs) under the configured prefixes only",
          findings.toArray(String[]::new))));
    });
  }

  private List<PolicyStatement> statements(Spec spec, IKey key) {
    List<PolicyStatement> statements = new ArrayList<>();
    statements.add(PolicyStatement.Builder.create()
        .sid("WriteOwnLogs")
        .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
        .resources(List.of(logGroup.logGroup.getLogGroupArn()))
        .build());
    statements.add(PolicyStatement.Builder.create()
        .sid("WriteTraces")
        .actions(List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"))
        .resources(List.of("*"))
        .build());
    statements.add(PolicyStatement.Builder.create()
        .sid("DecryptEnvironment")
        .actions(List.of("kms:Decrypt"))
        .resources(List.of(key.getKeyArn()))
        .build());
    statements.addAll(spec.permissions());
    return statements;
  }
}
