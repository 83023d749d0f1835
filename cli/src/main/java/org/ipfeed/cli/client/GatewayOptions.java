package org.ipfeed.cli.client;

import java.net.URI;
import picocli.CommandLine.Option;

/** {@code --gateway URL}, shared by every client command. */
public final class GatewayOptions {

  @Option(
      names = "--gateway",
      paramLabel = "URL",
      defaultValue = "${env:IPFEED_GATEWAY:-" + GatewayClient.DEFAULT_URL + "}",
      description = "The gateway (env IPFEED_GATEWAY; default: ${DEFAULT-VALUE}).")
  URI gateway;

  GatewayClient client() {
    return new GatewayClient(gateway);
  }
}
