/**
 * The gateway node: the Vert.x HTTP server in front of a block store. {@link
 * org.ipfeed.gateway.Gateway} wires routes; {@link org.ipfeed.gateway.GatewayConfig} holds the
 * settings and their defaults. Handlers never block the event loop: the stores are asynchronous,
 * and CPU-heavy work goes to worker threads.
 */
package org.ipfeed.gateway;
