/**
 * The one error vocabulary of ipfeed.
 *
 * <p>Every failure a caller can act on is one of six kinds: the input was bad, the thing asked for
 * does not exist, it conflicts with what is already stored, stored or received bytes failed an
 * integrity check, a service we depend on failed, or we are overloaded. The HTTP edge maps the kind
 * to a status and a problem+json body once; the command line maps it to a one-line message and an
 * exit code. Nothing else in the code base decides how an error looks to a user.
 *
 * <p>Each exception also carries a {@link org.ipfeed.schema.error.IpfeedException#reason() reason}:
 * a short, stable, kebab-case word naming the precise rule that failed ({@code
 * non-minimal-integer}, {@code bad-signature}, ...). Tests, metrics and clients match on the
 * reason, never on the message text, which is for people.
 *
 * <p>Tricky bit: {@link org.ipfeed.schema.error.BadInputException} is deliberately not sealed, so a
 * codec or a validator can add its own subtype that carries more detail (a byte offset, a field
 * name) while still being bad input to the edge.
 */
package org.ipfeed.schema.error;
