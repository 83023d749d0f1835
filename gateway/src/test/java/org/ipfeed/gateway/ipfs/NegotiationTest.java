package org.ipfeed.gateway.ipfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ipfeed.schema.error.BadInputException;
import org.ipfeed.schema.multiformats.Multicodec;
import org.junit.jupiter.api.Test;

class NegotiationTest {

  @Test
  void higherQualityWinsOverOrder() {
    Negotiation n =
        Negotiation.choose(
            null, "application/vnd.ipld.raw;q=0.5, application/vnd.ipld.car", Multicodec.DAG_CBOR);

    assertThat(n.format()).isEqualTo(ResponseFormat.CAR);
    assertThat(n.byAcceptOnly()).isTrue();
  }

  @Test
  void zeroQualityExcludesAType() {
    assertThatThrownBy(
            () -> Negotiation.choose(null, "application/vnd.ipld.raw;q=0", Multicodec.RAW))
        .isInstanceOf(BadInputException.class);
  }

  @Test
  void carVersion2IsSkippedForTheNextChoice() {
    Negotiation n =
        Negotiation.choose(
            null,
            "application/vnd.ipld.car;version=2, application/vnd.ipld.raw;q=0.1",
            Multicodec.RAW);

    assertThat(n.format()).isEqualTo(ResponseFormat.RAW);
  }

  @Test
  void noFormatAndNoAcceptServesTheCodecsOwnForm() {
    assertThat(Negotiation.choose(null, null, Multicodec.DAG_JSON).format())
        .isEqualTo(ResponseFormat.DAG_JSON);
    assertThat(Negotiation.choose("", "", Multicodec.DAG_PB).format())
        .isEqualTo(ResponseFormat.RAW);
  }
}
