/** The load harness: keep-alive HTTP load against loopback targets only, for a fixed duration and a bounded request count, reporting throughput, latency percentiles and errors. */
@NullMarked
package dev.lakegate.bench.load;

import org.jspecify.annotations.NullMarked;
