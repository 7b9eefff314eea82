/**
 * The filesystem lake of {@code contract.md} §6: {@link dev.lakegate.lake.local.FileSystemLake}
 * keeps one directory per bucket and presigns SigV4 URLs on the server's own address;
 * {@link dev.lakegate.lake.local.LocalLakeEndpoint} verifies and serves the {@code PUT}s those
 * URLs allow, without depending on any HTTP framework.
 */
@NullMarked
package dev.lakegate.lake.local;

import org.jspecify.annotations.NullMarked;
