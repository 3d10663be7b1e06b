/**
 * Model files for tests, shipped in this module's test-jar for other modules' tests:
 * {@link org.labrador.models.embedded.testing.TinyLlamaGguf} writes a tiny llama model that llama.cpp
 * runs, with {@link org.labrador.models.embedded.testing.GgufWriter}.
 */
package org.labrador.models.embedded.testing;
