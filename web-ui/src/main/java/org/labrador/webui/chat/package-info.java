/**
 * The chat page: a conversation of questions and streamed, cited answers, with the index and model status
 * underneath. {@link org.labrador.webui.chat.ChatAssistant} is what the page needs from the application;
 * everything else here renders.
 */
package org.labrador.webui.chat;
