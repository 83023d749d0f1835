package org.ipfeed.schema.entry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TagsInTextTest {

  @Test
  void findsTagsAtTheStartAndAfterSpacesOrPunctuation() {
    assertThat(Tags.inText("#cats are great (#Dogs too), see #birds."))
        .containsExactly("cats", "dogs", "birds");
  }

  @Test
  void keepsTheFirstOccurrenceOnceInLowerCase() {
    assertThat(Tags.inText("#Cats and #cats and #CATS, then #dogs"))
        .containsExactly("cats", "dogs");
  }

  @Test
  void aHashInsideAWordALinkOrAnEntityIsNoTag() {
    assertThat(Tags.inText("C# and a#b, https://example.com/#part, &#39; x")).isEmpty();
  }

  @Test
  void numbersAloneAreNoTagsButMixedOnesAre() {
    assertThat(Tags.inText("ticket #123 and #2024_ but #web3 and #_")).containsExactly("web3");
  }

  @Test
  void tagsInOtherScriptsKeepTheirMarks() {
    assertThat(Tags.inText("#café #日本語 #हिन्दी")).containsExactly("café", "日本語", "हिन्दी");
  }

  @Test
  void aRunLongerThanTheLimitIsNoTag() {
    String longest = "a".repeat(Limits.MAX_TAG);
    assertThat(Tags.inText("#" + longest + " #" + longest + "b")).containsExactly(longest);
  }

  @Test
  void everyTagFoundIsValidForAPost() {
    assertThat(Tags.inText("#Straße #ÉTÉ #x_1 #ǅ"))
        .containsExactly("straße", "été", "x_1", "ǆ")
        .allMatch(Tags::isValid);
  }
}
