package org.ipfeed.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.ipfeed.schema.identity.KeyFile;
import org.ipfeed.schema.identity.KeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipfeed keygen --out FILE}: a new identity, written owner-only, never over a file. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
      "Creates a new Ed25519 identity and prints its did:key.",
      "The key file is PEM PKCS#8 (openssl reads it), readable by you only; an existing file is"
          + " never overwritten."
    })
public final class KeygenCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "Where to write the new key.")
  Path out;

  public KeygenCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    KeyPair key = KeyPair.generate(new SecureRandom());
    KeyFile.write(out, key);
    terminal.out().println(key.did());
    return ExitCodes.OK;
  }
}
