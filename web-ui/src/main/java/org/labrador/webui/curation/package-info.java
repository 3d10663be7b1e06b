/** The curators' pages: sources (add, edit, sync with progress, documents, exclude, pin) and the questions asked. */
package org.labrador.webui.curation;
