package org.ipfeed.store.local;

import java.time.Duration;
import java.util.List;

/**
 * What opening the store found and repaired.
 *
 * @param segments journal segments replayed (a cleanly closed store leaves none)
 * @param records records replayed from them
 * @param blocksWritten blocks missing or damaged in flatfs and written again from the journal
 * @param damagedSegments segments whose replay stopped before their end, each as "file at byte
 *     offset: why"; a torn tail after a crash is normal, anything else points at a damaged disk
 * @param strayTempFiles leftover temporary files removed
 * @param flatfsSync how this store makes flatfs durable, as chosen at open
 * @param took how long recovery took
 */
public record RecoveryReport(
    int segments,
    long records,
    long blocksWritten,
    List<String> damagedSegments,
    int strayTempFiles,
    String flatfsSync,
    Duration took) {

  public RecoveryReport {
    damagedSegments = List.copyOf(damagedSegments);
  }
}
