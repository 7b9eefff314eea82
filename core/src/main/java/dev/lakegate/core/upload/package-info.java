/**
 * The upload API of {@code contract.md} §4 and §5: the request event, request rules, metadata
 * mapping, the four operations and their responses. No HTTP server, no files: the standalone
 * server and the Lambda handler both run this code.
 */
@NullMarked
package dev.lakegate.core.upload;

import org.jspecify.annotations.NullMarked;
