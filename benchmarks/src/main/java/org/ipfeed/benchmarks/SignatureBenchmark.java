package org.ipfeed.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.ipfeed.schema.entry.SignedEntry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Entry signature verification against raw Bouncy Castle Ed25519 verification of the same bytes in
 * the same run; the target is the entry path within 10% of the raw one.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
@State(Scope.Thread)
public class SignatureBenchmark {

  private static final int N = 256;

  private SignedEntry[] entries;
  private byte[][] messages;
  private byte[][] signatures;
  private byte[][] publicKeys;
  private Ed25519.PublicPoint[] points;
  private int i;

  @Setup
  public void setUp() {
    // Many authors, so no cache of one decoded key flatters the entry path.
    entries = new SignedEntry[N];
    messages = new byte[N][];
    signatures = new byte[N][];
    publicKeys = new byte[N][];
    points = new Ed25519.PublicPoint[N];
    for (int k = 0; k < N; k++) {
      List<SignedEntry> one = SamplePosts.signed(1, 1000 + k);
      entries[k] = one.get(0);
      messages[k] = entries[k].unsignedBytes();
      signatures[k] = entries[k].signature();
      publicKeys[k] = entries[k].entry().author().publicKey().bytes();
      points[k] = Ed25519.validatePublicKeyPartialExport(publicKeys[k], 0);
    }
  }

  /** The floor: Bouncy Castle's verify over bytes already in hand. */
  @Benchmark
  public boolean rawBouncyCastleVerify() {
    int k = i++ & (N - 1);
    return Ed25519.verify(signatures[k], 0, publicKeys[k], 0, messages[k], 0, messages[k].length);
  }

  /**
   * The fair floor for the entry path, which keeps each author's decoded point: Bouncy Castle's
   * verify with the point decoded once, over bytes already in hand.
   */
  @Benchmark
  public boolean rawBouncyCastleVerifyDecodedPoint() {
    int k = i++ & (N - 1);
    return Ed25519.verify(signatures[k], 0, points[k], messages[k], 0, messages[k].length);
  }

  /** What ingest pays: re-encode the entry without its signature, then verify for its author. */
  @Benchmark
  public boolean entryVerify() {
    return entries[i++ & (N - 1)].hasValidSignature();
  }
}
