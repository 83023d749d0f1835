package org.ipfeed.schema.car;

import java.util.Arrays;
import java.util.Objects;
import org.ipfeed.schema.multiformats.Cid;

/**
 * One block of a CAR: its CID and its bytes. The array is copied in and out, so the value stays
 * immutable. A {@link CarReader} only hands out blocks whose bytes it has checked against the CID.
 */
public record CarBlock(Cid cid, byte[] bytes) {

  public CarBlock {
    Objects.requireNonNull(cid, "cid");
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The number of block bytes, without copying them. */
  public int length() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CarBlock b && b.cid.equals(cid) && Arrays.equals(b.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return cid.hashCode();
  }

  @Override
  public String toString() {
    return "CarBlock[" + cid + ", " + bytes.length + " bytes]";
  }
}
