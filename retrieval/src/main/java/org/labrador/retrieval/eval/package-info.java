/** Retrieval quality metrics, computed exactly as the BEIR / pytrec_eval tooling does. */
package org.labrador.retrieval.eval;
