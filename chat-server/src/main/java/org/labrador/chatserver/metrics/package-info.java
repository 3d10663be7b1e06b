/**
 * What operators measure: Micrometer meters for answers, models, searches and syncs, served to
 * Prometheus at {@code /actuator/prometheus}, and the server's {@code /actuator/info}.
 */
package org.labrador.chatserver.metrics;
