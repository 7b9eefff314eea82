/**
 * Keys ({@code contract.md} §8): the master key and what is derived from it, the envelope that
 * encrypts secrets at rest under it, and the RS256 signing keys with their rotation and JWKS.
 */
@NullMarked
package dev.lakegate.auth.key;

import org.jspecify.annotations.NullMarked;
