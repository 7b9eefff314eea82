/** The network filter of {@code contract.md} §3: which source address a request has and whether it may pass. */
@NullMarked
package dev.lakegate.server.filter;

import org.jspecify.annotations.NullMarked;
