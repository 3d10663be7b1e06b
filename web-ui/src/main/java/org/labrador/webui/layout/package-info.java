/**
 * The frame around every signed-in page: the menu ({@link org.labrador.webui.layout.MainLayout}, collapsing
 * to a drawer on narrow screens), the friendly pages for an unknown address or a page that needs another
 * role, and the stacking of wide tables into cards on phones.
 */
package org.labrador.webui.layout;
