/** The raw limits each scenario is judged against, measured in the same run: RS256 signing on all cores, fsync'd file writes, single-stream MD5 and the native RSA rate. */
@NullMarked
package dev.lakegate.bench.baseline;

import org.jspecify.annotations.NullMarked;
