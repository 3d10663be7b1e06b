package org.labrador.webui.chat;

/**
 * The name a reader reads for a kind of source ("Git repository" for {@code git}), the label the Sources page
 * offers it under; implemented by the chat server from its registry of kinds, plugins' kinds included.
 */
@FunctionalInterface
public interface KindLabels {

    /** The label of the kind named {@code kind}; the name itself for a kind the server does not know. */
    String label(String kind);
}
