/**
 * Sources of kind {@code inspire}: the INSPIRE-HEP literature records a search matches
 * ({@link org.labrador.ingest.inspire.InspireSource}, configured by
 * {@link org.labrador.ingest.inspire.InspireSettings}): metadata and abstract always, the full text
 * from arXiv when it can be had, each record cited at its INSPIRE page.
 */
package org.labrador.ingest.inspire;
