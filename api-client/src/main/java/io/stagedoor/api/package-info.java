/**
 * The wire contract of the Stagedoor HTTP API: one record per JSON body, shared by the server and the client.
 * These records are the only definition of the JSON; change them and both sides change together.
 */
@NullMarked
package io.stagedoor.api;

import org.jspecify.annotations.NullMarked;
