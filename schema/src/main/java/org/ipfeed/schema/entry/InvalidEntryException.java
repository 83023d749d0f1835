package org.ipfeed.schema.entry;

import org.ipfeed.schema.error.BadInputException;

/**
 * Well-formed IPLD that is not a valid entry: a field missing, of the wrong kind, over a limit, or
 * a signature that does not verify. The message names the field as {@code type.field}.
 */
public final class InvalidEntryException extends BadInputException {

  private static final long serialVersionUID = 1L;

  public InvalidEntryException(String reason, String message) {
    super(reason, message);
  }

  public InvalidEntryException(String reason, String message, Throwable cause) {
    super(reason, message, cause);
  }
}
