/**
 * What was asked and answered: each user's conversations (list, reopen, delete), thumbs up/down
 * with comments, and for curators the questions asked per source, anonymised by default, with the
 * questions the sources did not cover: the gaps a group leader should fill.
 */
package org.labrador.chatserver.conversations;
