/**
 * Test doubles for the model servers, shipped in this module's test-jar for other modules' tests:
 * {@link org.labrador.models.ollama.testing.OllamaProtocolServer} speaks Ollama's REST protocol.
 */
package org.labrador.models.ollama.testing;
