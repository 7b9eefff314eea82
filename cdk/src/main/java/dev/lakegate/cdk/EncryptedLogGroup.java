package dev.lakegate.cdk;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * A CloudWatch log group encrypted with the stack's KMS key, with a fixed retention and kept when
 * the stack is deleted, so that audit records outlive the deployment ({@code contract.md} §7).
 */
public final class EncryptedLogGroup extends Construct {

  public final LogGroup logGroup;

  public EncryptedLogGroup(Construct scope, String id, String name, IKey key) {
    super(scope, id);
    this.logGroup = LogGroup.Builder.create(this, "LogGroup")
        .logGroupName(name)
        .encryptionKey(key)
        .retention(StackDefaults.LOG_RETENTION)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
  }
}
