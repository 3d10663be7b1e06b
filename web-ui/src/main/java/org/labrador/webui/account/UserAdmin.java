package org.labrador.webui.account;

import java.util.List;

/** Accounts, for the admins' Users page; implemented by the chat server. Errors are exceptions with a message to show. */
public interface UserAdmin {

    record UserRow(String username, String role, List<String> groups, boolean enabled) {
    }

    List<UserRow> users();

    void create(String username, String password, String role, List<String> groups);

    void update(String username, String role, List<String> groups, boolean enabled);

    void delete(String username);
}
