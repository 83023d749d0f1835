/**
 * Identities and signatures: who wrote an entry, and the proof that they did.
 *
 * <ul>
 *   <li>{@link org.ipfeed.schema.identity.Did} — an author's identity, a did:key of an Ed25519
 *       public key ({@code did:key:z6Mk...}); what entries name and what the index stores.
 *   <li>{@link org.ipfeed.schema.identity.PublicKey} — the 32-byte key behind a DID; {@code verify}
 *       checks a signature.
 *   <li>{@link org.ipfeed.schema.identity.KeyPair} — the secret seed with its public key; {@code
 *       sign} makes a signature.
 *   <li>{@link org.ipfeed.schema.identity.KeyFile} — a key pair on disk, PEM PKCS#8 as openssl
 *       writes it, owner-only, never overwritten.
 * </ul>
 *
 * <p>Terms. The <em>seed</em> is the 32 random bytes RFC 8032 calls the private key; libsodium's
 * 64-byte "secret key" is the seed followed by the public key and is not used here. The <em>public
 * key</em> is the 32-byte encoding of the point seed-scalar·B. A <em>signature</em> is 64 bytes, R
 * (a point) followed by S (a scalar below the group order L). A <em>did:key</em> is {@code
 * did:key:z} + base58btc(multicodec ed25519-pub as a varint, {@code ed 01}, + public key).
 *
 * <p>Tricky bits:
 *
 * <ul>
 *   <li>0xed is at least 0x80, so its varint is the two bytes {@code ed 01}; that is why every
 *       Ed25519 did:key starts {@code z6Mk} and is 56 characters long. A DID is rejected with the
 *       reason the did:key method names: {@code invalid-did}, {@code unsupported-public-key-type},
 *       {@code invalid-public-key-length} or {@code invalid-public-key}.
 *   <li>Bouncy Castle's low-level {@code org.bouncycastle.math.ec.rfc8032.Ed25519} is called
 *       directly: through the JCA, or with the JDK's own provider, verification is about ten times
 *       slower. Each {@code PublicKey} keeps the point BC decoded when the key was checked ({@code
 *       Ed25519.PublicPoint}), so repeated verification by one author skips decoding.
 *   <li>A public key must be a canonical encoding of a point on the curve that does not have small
 *       order (BC's "partial" validation, a few microseconds). A small-order key would make
 *       signatures that anyone can forge; a non-canonical one would give one key two DIDs. The
 *       "full" validation would also reject points with a small-order component, which only their
 *       owner can sign for anyway, and costs about as much as a signature check; since a DID may be
 *       parsed for every entry, it is not done.
 *   <li>Verification is RFC 8032's cofactorless equation, as in BC and the JDK: S ≥ L, a
 *       non-canonical R or a malformed signature length all give {@code false}, never an exception.
 *       Signing is deterministic: the same seed and message always give the same bytes.
 *   <li>{@code KeyPair.toString()} shows only the DID and {@code equals} is identity, so a key pair
 *       in a log line or a map key does not leak or compare its seed.
 * </ul>
 */
package org.ipfeed.schema.identity;
