/**
 * Several model servers behind one model: health checks, failover, a concurrency limit per server
 * and a queue that takes turns between the people waiting.
 */
package org.labrador.models.backends;
