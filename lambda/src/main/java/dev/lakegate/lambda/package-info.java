/**
 * The AWS integration handler: the API Gateway REST proxy event in, {@code UploadService} on an S3
 * lake, the proxy response out ({@code contract.md} §4, §9). Configured from the function's
 * environment variables.
 */
@NullMarked
package dev.lakegate.lambda;

import org.jspecify.annotations.NullMarked;
