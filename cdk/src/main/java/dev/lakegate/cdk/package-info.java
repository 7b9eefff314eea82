/**
 * The AWS deployment of {@code contract.md} §9: one CloudFormation stack, built with the AWS CDK
 * from a loaded configuration, checked by the cdk-nag rule packs in every synthesis, and written
 * as a cloud assembly that CDK or CloudFormation tooling can deploy.
 */
@NullMarked
package dev.lakegate.cdk;

import org.jspecify.annotations.NullMarked;
