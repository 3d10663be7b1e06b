/** Signing in, the navigation bar, and a user's personal API tokens. */
package org.labrador.webui.account;
