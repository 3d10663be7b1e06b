/**
 * Where sources may connect: {@link org.labrador.ingest.net.AddressPolicy} keeps Git and wiki
 * fetches away from loopback, link-local, private and other internal addresses (server-side
 * request forgery) unless an administrator allowed a host, and is checked before every
 * connection, redirects included.
 */
package org.labrador.ingest.net;
