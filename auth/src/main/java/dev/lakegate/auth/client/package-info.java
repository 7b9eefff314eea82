/**
 * App clients ({@code contract.md} §2): one per {@code appClients} entry, with a generated id and
 * a secret stored only as a keyed hash; disabled, enabled and rotated through the CLI with effect
 * on the server's next request.
 */
@NullMarked
package dev.lakegate.auth.client;

import org.jspecify.annotations.NullMarked;
