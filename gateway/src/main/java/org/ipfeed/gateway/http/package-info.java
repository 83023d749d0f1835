/**
 * HTTP concerns shared by every route: the mapping of ipfeed's error vocabulary to status codes and
 * RFC 9457 problem documents ({@link org.ipfeed.gateway.http.Problem}, done once, here), CORS for
 * reads, and the health endpoint.
 */
package org.ipfeed.gateway.http;
