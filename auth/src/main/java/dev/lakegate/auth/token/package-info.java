/**
 * OAuth2 client-credentials tokens ({@code contract.md} §2, RFC 6749 §4.4): the parsed token
 * request, the grant that decides it, the issuer that signs RS256 access tokens with Cognito's
 * claims, and the verifier the upload API uses.
 */
@NullMarked
package dev.lakegate.auth.token;

import org.jspecify.annotations.NullMarked;
