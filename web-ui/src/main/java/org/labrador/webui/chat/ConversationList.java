package org.labrador.webui.chat;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Aside;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * The sidebar ({@code #conversations}) of the signed-in user's kept conversations, newest first: start a new
 * one ({@code #new-conversation}), search them ({@code #conversation-search}: titles and questions), open one
 * ({@code a.open-conversation}, its own address {@code c/ID}), and rename or delete one from its menu. On a
 * phone it is a drawer over the page, opened by the view's menu button; the class {@code open} shows it.
 */
final class ConversationList extends Aside {

    private final ChatAssistant assistant;
    private final TextField search = new TextField();
    private final Div list = new Div();
    private final Runnable startNew;
    private final LongConsumer deleted;
    private final Runnable renamed;
    private Long current;

    /**
     * @param startNew runs when "New conversation" is pressed
     * @param deleted  hears which conversation was deleted
     * @param renamed  runs after a conversation was renamed
     */
    ConversationList(ChatAssistant assistant, Runnable startNew, LongConsumer deleted, Runnable renamed) {
        this.assistant = assistant;
        this.startNew = startNew;
        this.deleted = deleted;
        this.renamed = renamed;
        setId("conversations");
        addClassName("sidebar");
        getElement().setAttribute("aria-label", "Conversations");

        Button fresh = new Button("New conversation", e -> this.startNew.run());
        fresh.setId("new-conversation");
        fresh.addThemeVariants(ButtonVariant.PRIMARY);
        fresh.addClassName("new-conversation");

        search.setId("conversation-search");
        search.setPlaceholder("Search conversations");
        search.setAriaLabel("Search conversations");
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> refresh());

        list.addClassName("conversation-list");
        add(fresh, search, list);
    }

    /** Marks the conversation on the page ({@code current}), or none. */
    void select(Long id) {
        current = id;
        refresh();
    }

    /** Lists the conversations again, as the search field filters them. */
    void refresh() {
        list.removeAll();
        List<ChatAssistant.SavedConversation> saved = assistant.conversations(search.getValue());
        if (saved.isEmpty()) {
            Paragraph none = new Paragraph(search.getValue().isBlank() ? "No conversations yet."
                    : "No conversation mentions “" + search.getValue().strip() + "”.");
            none.addClassName("no-conversations");
            list.add(none);
            return;
        }
        saved.forEach(c -> list.add(row(c)));
    }

    private Div row(ChatAssistant.SavedConversation c) {
        // A plain link (the router takes it): a RouterLink to the view would name its main route, "".
        Anchor open = new Anchor(ChatView.href(c.id()), c.title());
        open.addClassName("open-conversation");
        open.getElement().setAttribute("title", c.title());
        Div row = new Div(open, menu(c));
        row.addClassName("saved-conversation");
        if (Objects.equals(current, c.id())) {
            row.addClassName("current");
            open.getElement().setAttribute("aria-current", "page");
        }
        return row;
    }

    private MenuBar menu(ChatAssistant.SavedConversation c) {
        MenuBar menu = new MenuBar();
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE, MenuBarVariant.LUMO_SMALL);
        menu.addClassName("conversation-menu");
        MenuItem more = menu.addItem("⋯");
        more.setAriaLabel("Actions for " + c.title());
        more.getSubMenu().addItem("Rename", e -> rename(c)).addClassName("rename-conversation");
        more.getSubMenu().addItem("Delete", e -> delete(c)).addClassName("delete-conversation");
        return menu;
    }

    private void rename(ChatAssistant.SavedConversation c) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Rename conversation");
        TextField title = new TextField("Title");
        title.setId("conversation-title");
        title.setValue(c.title());
        title.setWidthFull();
        title.setAutofocus(true);
        Button save = new Button("Save", e -> {
            if (title.getValue().isBlank()) {
                title.setInvalid(true);
                title.setErrorMessage("A title is needed");
                return;
            }
            assistant.renameConversation(c.id(), title.getValue());
            dialog.close();
            refresh();
            renamed.run();
        });
        save.setId("save-title");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        save.addClickShortcut(Key.ENTER);
        dialog.add(title);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void delete(ChatAssistant.SavedConversation c) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Delete conversation?");
        dialog.add(new Paragraph("“" + c.title() + "” and its answers will be gone for good."));
        Button confirm = new Button("Delete", e -> {
            assistant.deleteConversation(c.id());
            dialog.close();
            refresh();
            deleted.accept(c.id());
        });
        confirm.setId("confirm-delete");
        confirm.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.ERROR);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
    }
}
