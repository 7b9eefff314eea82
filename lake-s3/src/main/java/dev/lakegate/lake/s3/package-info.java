/**
 * The {@link dev.lakegate.core.lake.Lake} port on Amazon S3 or any S3-compatible store, through the
 * AWS SDK v2. No SDK type leaves this package except in the factories that take SDK credentials.
 */
@NullMarked
package dev.lakegate.lake.s3;

import org.jspecify.annotations.NullMarked;
