/** The standalone HTTP edge ({@code contract.md} §2–§4, §6–§8): one listener serving the token endpoint, discovery, the upload API, the local lake and health, behind the network filter. */
@NullMarked
package dev.lakegate.server;

import org.jspecify.annotations.NullMarked;
