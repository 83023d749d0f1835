package org.ipfeed.schema.entry;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An enum whose constants are written as fixed lower-case words, such as {@code like}. */
interface WireName {

  String wireName();

  /** The constant of {@code type} written as {@code value}, or a message listing the choices. */
  static <E extends Enum<E> & WireName> E parse(String field, String value, Class<E> type) {
    for (E e : type.getEnumConstants()) {
      if (e.wireName().equals(value)) {
        return e;
      }
    }
    throw new InvalidEntryException(
        "invalid-field",
        field
            + ": '"
            + value
            + "' is not one of "
            + Arrays.stream(type.getEnumConstants())
                .map(WireName::wireName)
                .collect(Collectors.joining(", ")));
  }
}
