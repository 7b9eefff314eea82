/**
 * Access tokens for the upload API: the client-credentials grant of {@code contract.md} §2 and the
 * cache that renews a token before it expires.
 */
@NullMarked
package dev.lakegate.client.token;

import org.jspecify.annotations.NullMarked;
