/**
 * The JSON HTTP API under {@code /api/v1}: handlers that turn requests into calls on ingest, the
 * store and (next) the index, and their results into JSON. Errors are not handled here: they fail
 * the routing context and {@link org.ipfeed.gateway.http.Problems} answers them.
 */
package org.ipfeed.gateway.api;
