/** Starts a standalone server for a scenario, in this process or as a child process whose memory can be watched on its own. */
@NullMarked
package dev.lakegate.bench.server;

import org.jspecify.annotations.NullMarked;
