/**
 * Sources of kind {@code indico}: the events of an Indico category, or one event, read through
 * Indico's HTTP export API ({@link org.labrador.ingest.indico.IndicoSource}, configured by
 * {@link org.labrador.ingest.indico.IndicoSettings}). Events and contributions become pages of
 * their own; PDF attachments go through the paper reader and are cited by page.
 */
package org.labrador.ingest.indico;
