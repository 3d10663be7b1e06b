/**
 * Who may do what: local accounts and OpenID Connect sign-in, the roles reader, curator and
 * admin, the groups that open sources to users, personal API tokens, and the two filter chains
 * (the web pages with a login form; the APIs with bearer tokens). Nothing is served without login.
 */
package org.labrador.chatserver.security;
