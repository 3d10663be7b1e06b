/**
 * The viewer of a cited document: its full text with line numbers and the cited lines highlighted, for
 * sources that have no web page of their own.
 */
package org.labrador.webui.source;
