package org.ipfeed.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ipfeed.schema.codec.DagCbor;
import org.ipfeed.schema.entry.EntryCodec;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.ipld.Ipld;
import org.ipfeed.schema.multiformats.Cid;
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
 * Encoding, addressing and strict decoding of typical signed posts, one thread (the targets are per
 * core): at least 300,000 encode+CID per second and 300,000 strict decodes per second.
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
public class PostCodecBenchmark {

  private static final int N = 1024;

  private SignedEntry[] posts;
  private Ipld.Map[] maps;
  private byte[][] blocks;
  private int i;

  @Setup
  public void setUp() {
    List<SignedEntry> signed = SamplePosts.signed(N, 42);
    posts = signed.toArray(new SignedEntry[0]);
    maps = new Ipld.Map[N];
    blocks = new byte[N][];
    for (int k = 0; k < N; k++) {
      maps[k] = EntryCodec.toIpld(posts[k].entry(), posts[k].signature());
      blocks[k] = posts[k].block();
    }
  }

  /** Record to IPLD to DAG-CBOR to CID: what publishing a post costs before signing. */
  @Benchmark
  public Cid encodeAndCidFromRecord() {
    SignedEntry p = posts[i++ & (N - 1)];
    return DagCbor.cid(DagCbor.encode(EntryCodec.toIpld(p.entry(), p.signature())));
  }

  /** IPLD map to DAG-CBOR to CID: the codec and the hash alone. */
  @Benchmark
  public Cid encodeAndCid() {
    return DagCbor.cid(DagCbor.encode(maps[i++ & (N - 1)]));
  }

  /** Bytes to IPLD with every strictness rule checked. */
  @Benchmark
  public Ipld strictDecode() {
    return DagCbor.decode(blocks[i++ & (N - 1)]);
  }

  /** Bytes to a checked entry: strict decode, schema, canonical form, CID (no signature). */
  @Benchmark
  public SignedEntry decodeEntry() {
    return SignedEntry.decode(blocks[i++ & (N - 1)]);
  }
}
