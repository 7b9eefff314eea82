/**
 * The upload engine behind {@link dev.lakegate.client.LakegateClient}: the wire calls of
 * {@code contract.md} §4, single and multipart transfers, part planning, retries with backoff and
 * the resume journal.
 */
@NullMarked
package dev.lakegate.client.transfer;

import org.jspecify.annotations.NullMarked;
