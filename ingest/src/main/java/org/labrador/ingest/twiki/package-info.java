/**
 * Sources of kind {@code twiki}: a TWiki or Foswiki {@code data/} folder
 * ({@link org.labrador.ingest.twiki.TwikiDataFolder}) or a live wiki over its view script
 * ({@link org.labrador.ingest.twiki.TwikiSite}), both configured by
 * {@link org.labrador.ingest.twiki.TwikiSettings}. Each topic is one document, cited as
 * {@code Web.Topic} at its section's anchor and dated by its latest revision; its TML is turned into
 * Markdown line for line ({@link org.labrador.ingest.twiki.TmlSyntax}), so passages cite the topic's
 * own lines.
 */
package org.labrador.ingest.twiki;
