/**
 * Commands that talk to a running gateway over its HTTP API ({@code --gateway URL}, default the
 * local one): {@link org.ipfeed.cli.client.GatewayClient} turns problem documents back into
 * ipfeed's errors, so a refused entry is one line and exit code 1 like any other failure.
 */
package org.ipfeed.cli.client;
