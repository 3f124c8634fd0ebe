/**
 * The typed Stagedoor API client: one method per endpoint, returning the records of {@code io.stagedoor.api}.
 *
 * <p>Failures come in two kinds that callers handle differently: {@link io.stagedoor.client.ApiProblemException}
 * when the server answered and said no, {@link io.stagedoor.client.ApiUnreachableException} when no usable answer
 * arrived (network down, timeout, not a Stagedoor server).
 */
@NullMarked
package io.stagedoor.client;

import org.jspecify.annotations.NullMarked;
