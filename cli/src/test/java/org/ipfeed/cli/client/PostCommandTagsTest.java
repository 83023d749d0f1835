package org.ipfeed.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.ipfeed.schema.entry.Limits;
import org.junit.jupiter.api.Test;

class PostCommandTagsTest {

  private static PostCommand post(String text, String... tags) {
    PostCommand command = new PostCommand(null);
    command.text = text;
    command.tags = new ArrayList<>(List.of(tags));
    return command;
  }

  @Test
  void hashtagsInTheTextJoinTheGivenTagsOnce() {
    assertThat(post("hello #Fediverse and #intro", "intro").tagsWithThoseInText())
        .containsExactly("intro", "fediverse");
  }

  @Test
  void aTextWithoutHashtagsKeepsTheGivenTags() {
    assertThat(post("plain words", "news").tagsWithThoseInText()).containsExactly("news");
    assertThat(post("plain words").tagsWithThoseInText()).isEmpty();
  }

  @Test
  void tagsFromTheTextStopAtThePostsLimit() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < Limits.MAX_TAGS + 5; i++) {
      text.append("#tag").append((char) ('a' + i)).append(' ');
    }
    List<String> tags = post(text.toString(), "given").tagsWithThoseInText();
    assertThat(tags).hasSize(Limits.MAX_TAGS).startsWith("given", "taga");
  }
}
