package org.ipfeed.indexer;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ipfeed.schema.entry.SignedEntry;
import org.ipfeed.schema.identity.Did;

/**
 * The process {@link CrashSafetyTest} kills: opens the index, reads its checkpoints, and applies
 * every batch from a file, skipping what the checkpoints say is in, as a gateway resuming after a
 * crash would. Commits often, so a kill lands before, during and after commits. Prints {@code
 * applied N} after each batch.
 */
public final class CrashChild {

  private CrashChild() {}

  public static void main(String[] args) throws IOException {
    Path indexDir = Path.of(args[0]);
    List<List<SignedEntry>> batches = readBatches(Path.of(args[1]));
    IndexConfig config =
        IndexConfig.defaults()
            .withCommitEveryOps(Integer.parseInt(args[2]))
            .withCommitInterval(Duration.ofMillis(30));
    LuceneFeedIndex index = LuceneFeedIndex.open(indexDir, config);
    Map<Did, Checkpoint> done = index.checkpoints();
    int n = 0;
    for (List<SignedEntry> batch : batches) {
      List<SignedEntry> todo = new ArrayList<>();
      Map<Did, Checkpoint> last = new LinkedHashMap<>();
      for (SignedEntry e : batch) {
        Did author = e.entry().author();
        Checkpoint c = done.get(author);
        if (c != null && e.entry().seq() <= c.seq()) {
          continue;
        }
        todo.add(e);
        Checkpoint mine = last.get(author);
        if (mine == null || e.entry().seq() > mine.seq()) {
          last.put(author, new Checkpoint(author, e.cid(), e.entry().seq()));
        }
      }
      index.apply(IndexBatch.of(todo, List.copyOf(last.values())));
      System.out.println("applied " + ++n);
      System.out.flush();
    }
    index.close();
    System.out.println("done");
    System.out.flush();
  }

  static void writeBatches(Path file, List<List<SignedEntry>> batches) throws IOException {
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      out.writeInt(batches.size());
      for (List<SignedEntry> batch : batches) {
        out.writeInt(batch.size());
        for (SignedEntry e : batch) {
          byte[] block = e.block();
          out.writeInt(block.length);
          out.write(block);
        }
      }
    }
  }

  static List<List<SignedEntry>> readBatches(Path file) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      int count = in.readInt();
      List<List<SignedEntry>> batches = new ArrayList<>(count);
      for (int b = 0; b < count; b++) {
        int size = in.readInt();
        List<SignedEntry> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          byte[] block = new byte[in.readInt()];
          in.readFully(block);
          batch.add(SignedEntry.decode(block));
        }
        batches.add(batch);
      }
      return batches;
    }
  }
}
