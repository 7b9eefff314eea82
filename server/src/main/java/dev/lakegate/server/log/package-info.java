/** The JSON-lines logs of {@code contract.md} §7: access, firewall, auth events and application, one owner-only file each. */
@NullMarked
package dev.lakegate.server.log;

import org.jspecify.annotations.NullMarked;
