package org.labrador.webui.account;

/** The signed-in user as the pages need them: a name, and which pages to offer. */
public interface Viewer {

    String name();

    boolean curator();

    boolean admin();
}
