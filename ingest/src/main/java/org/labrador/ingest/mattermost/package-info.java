/**
 * Sources of kind {@code mattermost}: chosen channels of a team read through Mattermost's REST API
 * v4 with a personal access token ({@link org.labrador.ingest.mattermost.MattermostSource},
 * configured by {@link org.labrador.ingest.mattermost.MattermostSettings}). A thread, question and
 * replies together, is one document, cited by its permalink.
 */
package org.labrador.ingest.mattermost;
