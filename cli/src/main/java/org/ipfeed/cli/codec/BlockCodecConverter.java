package org.ipfeed.cli.codec;

import picocli.CommandLine.ITypeConverter;

/** Lets picocli read {@code --codec dag-cbor} and friends. */
final class BlockCodecConverter implements ITypeConverter<BlockCodec> {
  @Override
  public BlockCodec convert(String value) {
    return BlockCodec.parse(value);
  }
}
