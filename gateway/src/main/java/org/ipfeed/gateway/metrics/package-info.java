/**
 * What the node measures, exposed at {@code GET /metrics} in the Prometheus text format: every
 * request (count and latency, by route, method and status class), what ingest accepts and rejects
 * and why, and how far the index is behind the store.
 *
 * <p>Why a package of its own: measuring touches the router, ingest and the index feeder, and none
 * of them should know about Prometheus. They report through small hooks ({@link
 * org.ipfeed.gateway.ingest.Ingest.Outcomes}, {@link
 * org.ipfeed.gateway.feed.IndexFeeder#backlog()}) and {@link
 * org.ipfeed.gateway.metrics.GatewayMetrics} turns those into meters. Micrometer's Prometheus
 * registry writes the exposition, so no part of the format is hand-built here.
 *
 * <p>Tricky bits:
 *
 * <ul>
 *   <li>Label values must stay few, or every scrape grows without bound. Requests are labelled by
 *       the route template that answers them ({@code /api/v1/entries/:cid}), never the raw path;
 *       paths no route serves share {@code unmatched}; methods outside the usual seven share {@code
 *       OTHER}; statuses are classes ({@code 2xx}). Rejection reasons are the problem reasons of
 *       {@link org.ipfeed.gateway.http.Problem}, a vocabulary fixed in the code.
 *   <li>The template is found by matching the request against the router's own routes, in the
 *       router's order ({@link org.ipfeed.gateway.metrics.RouteTemplates}): Vert.x Web forgets the
 *       matched route once a request fails over to the failure handler, and a rejected request is
 *       exactly the one that must be counted under its route.
 *   <li>Scraping reads the index feeder's queue; it runs on a worker, never the event loop.
 * </ul>
 */
package org.ipfeed.gateway.metrics;
