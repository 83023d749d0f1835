package org.ipfeed.schema.entry;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a hashtag is, for entries and for everything that reads them (search, feeds): letters,
 * combining marks, digits and {@code _}, lower case, without the {@code #}, at most {@link
 * Limits#MAX_TAG} code points. Combining marks count as letters so that tags in Devanagari, Thai
 * and other scripts whose words carry marks can exist.
 */
public final class Tags {

  private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{M}\\p{N}_]+");

  private Tags() {}

  /** Whether {@code tag} is a valid tag exactly as written (already lower case). */
  public static boolean isValid(String tag) {
    return tag.codePointCount(0, tag.length()) <= Limits.MAX_TAG
        && TAG.matcher(tag).matches()
        && tag.equals(tag.toLowerCase(Locale.ROOT));
  }
}
