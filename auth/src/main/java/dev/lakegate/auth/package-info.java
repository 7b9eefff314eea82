/**
 * The standalone authorization server of {@code contract.md} §2 and §8: app clients, OAuth2
 * client-credentials tokens, their verification, and the keys behind them. {@link
 * dev.lakegate.auth.AuthorizationServer} is the one entry point the HTTP edge and the CLI use.
 */
@NullMarked
package dev.lakegate.auth;

import org.jspecify.annotations.NullMarked;
