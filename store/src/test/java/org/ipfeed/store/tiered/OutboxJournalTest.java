package org.ipfeed.store.tiered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ipfeed.schema.error.IntegrityException;
import org.ipfeed.schema.multiformats.Cid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's replay: what a crash can leave behind, and what it cannot. */
class OutboxJournalTest {

  @TempDir Path dir;

  private static final Cid A = Cid.raw(new byte[] {1});
  private static final Cid B = Cid.raw(new byte[] {2});
  private static final Cid C = Cid.raw(new byte[] {3});

  private void write(String... lines) throws Exception {
    Files.writeString(dir.resolve(OutboxJournal.LOG), String.join("", lines));
  }

  @Test
  void replayKeepsWhatIsPendingInOrder() throws Exception {
    write(
        OutboxJournal.pendingLine(1, OutboxOp.PUT, A),
        OutboxJournal.pendingLine(2, OutboxOp.PIN, B),
        OutboxJournal.doneLine(1),
        OutboxJournal.pendingLine(3, OutboxOp.UNPIN, C));

    try (OutboxJournal journal = OutboxJournal.open(dir, 1 << 20)) {
      assertThat(journal.pending())
          .containsExactly(
              new OutboxJournal.Pending(2, OutboxOp.PIN, B),
              new OutboxJournal.Pending(3, OutboxOp.UNPIN, C));
    }
    assertThat(Files.readString(dir.resolve(OutboxJournal.LOG)))
        .as("rewritten with the pending lines only")
        .isEqualTo(
            OutboxJournal.pendingLine(2, OutboxOp.PIN, B)
                + OutboxJournal.pendingLine(3, OutboxOp.UNPIN, C));
  }

  @Test
  void anUnfinishedLastWriteIsIgnored() throws Exception {
    String torn = OutboxJournal.pendingLine(2, OutboxOp.PUT, B);
    write(
        OutboxJournal.pendingLine(1, OutboxOp.PUT, A),
        torn.substring(0, torn.length() / 2),
        "\0\0\0\0\n");

    try (OutboxJournal journal = OutboxJournal.open(dir, 1 << 20)) {
      assertThat(journal.pending()).containsExactly(new OutboxJournal.Pending(1, OutboxOp.PUT, A));
    }
  }

  @Test
  void aDamagedLineBeforeGoodOnesIsCorruptionNotACrash() throws Exception {
    String good = OutboxJournal.pendingLine(1, OutboxOp.PUT, A);
    String damaged = good.replace(" put ", " pun ");
    write(damaged, OutboxJournal.pendingLine(2, OutboxOp.PUT, B));

    assertThatThrownBy(() -> OutboxJournal.open(dir, 1 << 20))
        .isInstanceOfSatisfying(
            IntegrityException.class, e -> assertThat(e.reason()).isEqualTo("outbox-corrupt"))
        .hasMessageContaining("line 1");
  }

  @Test
  void appendedLinesSurviveAReopen() throws Exception {
    try (OutboxJournal journal = OutboxJournal.open(dir, 1 << 20)) {
      journal.append(
          List.of(
              OutboxJournal.pendingLine(7, OutboxOp.PUT, A),
              OutboxJournal.pendingLine(8, OutboxOp.PUT, B)));
      journal.append(List.of(OutboxJournal.doneLine(7)));
    }
    try (OutboxJournal journal = OutboxJournal.open(dir, 1 << 20)) {
      assertThat(journal.pending()).containsExactly(new OutboxJournal.Pending(8, OutboxOp.PUT, B));
    }
  }

  @Test
  void theLogIsPlainTextAnOperatorCanRead() throws Exception {
    try (OutboxJournal journal = OutboxJournal.open(dir, 1 << 20)) {
      journal.append(List.of(OutboxJournal.pendingLine(1, OutboxOp.PIN, A)));
    }
    String text =
        Files.readString(dir.resolve(OutboxJournal.LOG), StandardCharsets.US_ASCII).trim();

    assertThat(text).matches("[0-9a-f]{8} P 1 pin " + A);
  }
}
