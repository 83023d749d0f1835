package org.ipfeed.schema.entry;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a hashtag is, for entries and for everything that reads them (search, feeds): letters,
 * combining marks, digits and {@code _}, lower case, without the {@code #}, at most {@link
 * Limits#MAX_TAG} code points. Combining marks count as letters so that tags in Devanagari, Thai
 * and other scripts whose words carry marks can exist.
 */
public final class Tags {

  /** The characters a tag is made of: letters, marks, digits and '_'. */
  private static final String TAG_CHARS = "\\p{L}\\p{M}\\p{N}_";

  private static final Pattern TAG = Pattern.compile("[" + TAG_CHARS + "]+");
  private static final Pattern IN_TEXT =
      Pattern.compile("(?<![" + TAG_CHARS + "&/])#([" + TAG_CHARS + "]+)");
  private static final Pattern DIGITS = Pattern.compile("[\\p{N}_]+");

  private Tags() {}

  /**
   * The hashtags written in {@code text}, as a client puts them in a post's {@code tags} (the text
   * is signed as it is; tags are not derived again by readers): each {@code #} at the start or
   * after a character that cannot be part of a tag (nor {@code &} or {@code /}, as in {@code &#38;}
   * or a link's {@code /#part}), followed by tag characters of which at least one is not a digit
   * ({@code #1} is a number, not a tag), lower case, first occurrence first, without repeats; a run
   * longer than {@link Limits#MAX_TAG} code points is not a tag.
   */
  public static List<String> inText(String text) {
    Set<String> found = new LinkedHashSet<>();
    Matcher m = IN_TEXT.matcher(text);
    while (m.find()) {
      String tag = m.group(1).toLowerCase(Locale.ROOT);
      if (!DIGITS.matcher(tag).matches() && isValid(tag)) {
        found.add(tag);
      }
    }
    return List.copyOf(found);
  }

  /** Whether {@code tag} is a valid tag exactly as written (already lower case). */
  public static boolean isValid(String tag) {
    return tag.codePointCount(0, tag.length()) <= Limits.MAX_TAG
        && TAG.matcher(tag).matches()
        && tag.equals(tag.toLowerCase(Locale.ROOT));
  }
}
