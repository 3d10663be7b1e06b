/**
 * Models served by an OpenAI-compatible server (vLLM, llama.cpp's server, TGI, LM Studio), through
 * LangChain4j's OpenAI module: chat ({@code /v1/chat/completions}), completion
 * ({@code /v1/completions}) and the model list ({@code /v1/models}).
 */
package org.labrador.models.openai;
