/**
 * Labrador's web pages, built with Vaadin Flow: the application shell ({@link org.labrador.webui.AppShell}),
 * the chat page ({@code chat}) and the viewer of cited documents ({@code source}). The pages only render;
 * answers, status and files come from the application through {@link org.labrador.webui.chat.ChatAssistant}.
 */
package org.labrador.webui;
