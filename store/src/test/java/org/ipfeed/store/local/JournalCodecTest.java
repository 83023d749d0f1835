package org.ipfeed.store.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ipfeed.store.local.StoreTesting.block;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.ipfeed.schema.multiformats.Cid;
import org.ipfeed.store.Block;
import org.junit.jupiter.api.Test;

class JournalCodecTest {

  private static final List<JournalRecord> RECORDS =
      List.of(
          new JournalRecord.Put(block(1, 1000), false),
          new JournalRecord.Put(block(2, 0), true),
          new JournalRecord.Pin(block(3, 10).cid()),
          new JournalRecord.Unpin(Cid.parse("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn")),
          new JournalRecord.Delete(block(4, 10).cid()),
          new JournalRecord.Put(block(5, 200), false));

  /** The header and every record, and where each record ends. */
  private static byte[] segment(List<JournalRecord> records, List<Integer> ends) {
    JournalCodec.Buffer buffer = new JournalCodec.Buffer(16);
    byte[] header = JournalCodec.HEADER;
    for (JournalRecord record : records) {
      JournalCodec.encode(record, buffer);
      ends.add(header.length + buffer.size());
    }
    byte[] out = Arrays.copyOf(header, header.length + buffer.size());
    System.arraycopy(buffer.array(), 0, out, header.length, buffer.size());
    return out;
  }

  private static List<JournalRecord> readAll(byte[] bytes) throws Exception {
    JournalCodec.Reader reader = new JournalCodec.Reader(new ByteArrayInputStream(bytes));
    List<JournalRecord> read = new ArrayList<>();
    JournalRecord record;
    while ((record = reader.next()) != null) {
      read.add(record);
    }
    return read;
  }

  @Test
  void everyRecordRoundTrips() throws Exception {
    assertThat(readAll(segment(RECORDS, new ArrayList<>()))).isEqualTo(RECORDS);
  }

  @Test
  void everyCutIsEitherABoundaryOrATornTail() throws Exception {
    List<Integer> ends = new ArrayList<>();
    byte[] whole = segment(RECORDS, ends);
    for (int cut = JournalCodec.HEADER.length; cut < whole.length; cut++) {
      int complete = 0;
      for (int end : ends) {
        if (end <= cut) {
          complete++;
        }
      }
      JournalCodec.Reader reader =
          new JournalCodec.Reader(new ByteArrayInputStream(Arrays.copyOf(whole, cut)));
      List<JournalRecord> read = new ArrayList<>();
      try {
        JournalRecord record;
        while ((record = reader.next()) != null) {
          read.add(record);
        }
        assertThat(cut == JournalCodec.HEADER.length || ends.contains(cut))
            .as("a clean end at %d", cut)
            .isTrue();
      } catch (JournalCodec.Stop stop) {
        assertThat(stop.end()).as("cut at %d", cut).isEqualTo(JournalCodec.End.TORN);
      }
      assertThat(read).as("cut at %d", cut).isEqualTo(RECORDS.subList(0, complete));
    }
  }

  @Test
  void aFlippedBitAnywhereInARecordStopsTheReadThere() throws Exception {
    List<Integer> ends = new ArrayList<>();
    byte[] whole = segment(RECORDS, ends);
    // Every byte of the third record (a PIN), one bit at a time.
    int start = ends.get(1);
    for (int at = start; at < ends.get(2); at++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] damaged = whole.clone();
        damaged[at] ^= (byte) (1 << bit);
        JournalCodec.Reader reader = new JournalCodec.Reader(new ByteArrayInputStream(damaged));
        assertThat(reader.next()).isEqualTo(RECORDS.get(0));
        assertThat(reader.next()).isEqualTo(RECORDS.get(1));
        assertThatThrownBy(reader::next).isInstanceOf(JournalCodec.Stop.class);
      }
    }
  }

  @Test
  void aPutWhoseBytesDoNotMatchItsCidStopsEvenWithAGoodCrc() throws Exception {
    Block block = block(6, 100);
    JournalCodec.Buffer buffer = new JournalCodec.Buffer(16);
    int length = JournalCodec.encode(new JournalRecord.Put(block, false), buffer);
    byte[] record = Arrays.copyOf(buffer.array(), length);
    record[length - 5] ^= 1; // the last byte of the block
    CRC32C crc = new CRC32C();
    crc.update(record, 0, length - 4);
    int value = (int) crc.getValue();
    record[length - 4] = (byte) (value >>> 24);
    record[length - 3] = (byte) (value >>> 16);
    record[length - 2] = (byte) (value >>> 8);
    record[length - 1] = (byte) value;
    byte[] bytes = new byte[JournalCodec.HEADER.length + length];
    System.arraycopy(JournalCodec.HEADER, 0, bytes, 0, JournalCodec.HEADER.length);
    System.arraycopy(record, 0, bytes, JournalCodec.HEADER.length, length);

    JournalCodec.Reader reader = new JournalCodec.Reader(new ByteArrayInputStream(bytes));
    assertThatThrownBy(reader::next)
        .isInstanceOf(JournalCodec.Stop.class)
        .hasMessageContaining("does not decode")
        .hasMessageContaining(block.cid().toString())
        .extracting(e -> ((JournalCodec.Stop) e).end())
        .isEqualTo(JournalCodec.End.CORRUPT);
  }

  @Test
  void aShortOrForeignHeaderIsRefused() {
    assertThatThrownBy(() -> new JournalCodec.Reader(new ByteArrayInputStream(new byte[3])))
        .isInstanceOf(JournalCodec.Stop.class)
        .extracting(e -> ((JournalCodec.Stop) e).end())
        .isEqualTo(JournalCodec.End.TORN);
    assertThatThrownBy(() -> new JournalCodec.Reader(new ByteArrayInputStream(new byte[8])))
        .isInstanceOf(JournalCodec.Stop.class)
        .extracting(e -> ((JournalCodec.Stop) e).end())
        .isEqualTo(JournalCodec.End.CORRUPT);
  }
}
