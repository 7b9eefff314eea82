/**
 * The partner-side Java client of the upload API ({@code contract.md} §2 and §4): one
 * {@link dev.lakegate.client.LakegateClient} that fetches and renews tokens and uploads files,
 * streams and directories, against the standalone server or the AWS deployment alike.
 */
@NullMarked
package dev.lakegate.client;

import org.jspecify.annotations.NullMarked;
