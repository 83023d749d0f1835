/**
 * HTTP concerns shared by every route: the mapping of ipfeed's error vocabulary to status codes and
 * RFC 9457 problem documents ({@link org.ipfeed.gateway.http.Problem}, done once, here), CORS for
 * reads, the health endpoint, and the OpenAPI document that describes every route.
 */
package org.ipfeed.gateway.http;
