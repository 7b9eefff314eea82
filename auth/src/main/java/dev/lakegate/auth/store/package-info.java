/**
 * The data directory: small state files written atomically under a cross-process lock, with a
 * change count shared through memory, and re-read when another process changed them, so the
 * CLI's changes reach a running server on its next request.
 */
@NullMarked
package dev.lakegate.auth.store;

import org.jspecify.annotations.NullMarked;
