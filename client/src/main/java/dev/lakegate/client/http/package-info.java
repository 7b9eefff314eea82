/**
 * What every call of the client shares: the retry loop with exponential backoff and jitter, and
 * the reading of a server's error answer into one line.
 */
@NullMarked
package dev.lakegate.client.http;

import org.jspecify.annotations.NullMarked;
