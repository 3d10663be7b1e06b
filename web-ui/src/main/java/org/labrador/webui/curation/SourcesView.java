package org.labrador.webui.curation;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.NativeDetails;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.labrador.webui.account.Viewer;
import org.labrador.webui.layout.PageHeading;

/**
 * The curators' list of sources ({@code #sources}): a table on wide screens and one card per
 * source on phones (the same rows, laid out by {@code styles/sources.css}), nothing cut off. Each
 * source shows its kind and location, readers, schedule, and a state in words
 * ({@code .source-state}, with {@code data-state}): never synced, waiting, syncing with a live
 * progress bar ({@code .sync-progress}), ok with its documents, failed with the reason, or index
 * damaged. Add ({@code #add-source}), edit, sync now, browse documents, remove.
 */
@Route("sources")
@PageTitle("Sources · Labrador")
@RolesAllowed("CURATOR")
@StyleSheet("context://styles/sources.css")
public class SourcesView extends Div {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private static final int POLL_MILLIS = 1000;
    private static final List<String> COLUMNS = List.of("Source", "Readers", "Schedule", "State", "Contents", "Last sync",
            "Actions");

    private final SourceAdmin admin;
    private final CardTable table = new CardTable("Sources", COLUMNS);
    private final Map<String, String> kindLabels;
    private List<SourceAdmin.SourceRow> shown;

    public SourcesView(SourceAdmin admin, Viewer viewer) {
        this.admin = admin;
        this.kindLabels = admin.kinds().stream().collect(Collectors.toMap(SourceAdmin.KindForm::name,
                SourceAdmin.KindForm::label));
        addClassNames("page", "wide", "sources-page");
        Button add = new Button("Add source", e -> new SourceDialog(admin, null, this::refresh).open());
        add.setId("add-source");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        table.setId("sources");
        table.addClassName("sources-table");
        add(new PageHeading("Sources"), add, table);
        refresh();
    }

    private NativeTableRow row(SourceAdmin.SourceRow row) {
        NativeTableRow tr = table.row();
        tr.addClassName("source-row");
        tr.getElement().setAttribute("data-source", row.name());

        // Names and locations wrap (styles/sources.css), never cut: a tooltip would only repeat them.
        Span name = new Span(row.name());
        name.addClassName("source-name");
        Span where = new Span(kindLabels.getOrDefault(row.kind(), row.kind())
                + (row.location().isEmpty() ? "" : " · " + row.location()));
        where.addClassName("source-meta");
        cell(tr, "Source", name, where);
        cell(tr, "Readers", new Span(row.groups().isEmpty() ? "everyone" : String.join(", ", row.groups())));
        cell(tr, "Schedule", new Span(row.schedule().isEmpty() ? "manual" : row.schedule()));
        cell(tr, "State", state(row));
        cell(tr, "Contents", new Span(count(row.documents(), "document") + ", " + count(row.chunks(), "passage")
                + (row.revision().isEmpty() ? "" : " · " + row.revision().substring(0, Math.min(10, row.revision().length())))));
        cell(tr, "Last sync", new Span(row.lastSync() == null ? "never" : TIME.format(row.lastSync())));
        cell(tr, "Actions", actions(row));
        return tr;
    }

    private static void cell(NativeTableRow tr, String column, Component... content) {
        CardTable.cell(tr, column, content);
    }

    /** The state in words a curator reads at a glance: what happened last, and what to do about a failure. */
    static Div state(SourceAdmin.SourceRow row) {
        Div cell = new Div();
        cell.addClassName("source-state");
        cell.getElement().setAttribute("data-source", row.name());
        String status = switch (row.state()) {
            case "damaged" -> "damaged";
            case "syncing" -> "syncing";
            case "queued" -> "queued";
            case "error" -> "failed";
            default -> row.lastSync() == null ? "never" : "ok";
        };
        cell.getElement().setAttribute("data-state", status);
        switch (status) {
            case "syncing" -> {
                double progress = row.progress() == null ? 0 : row.progress();
                ProgressBar bar = new ProgressBar(0, 1, progress);
                bar.addClassName("sync-progress");
                bar.getElement().setAttribute("aria-label", "Sync of " + row.name());
                cell.add(new Span("syncing " + Math.round(100 * progress) + "%"
                        + (row.currentFile() == null || row.currentFile().isEmpty() ? "" : " · " + row.currentFile())), bar);
            }
            case "queued" -> cell.add(new Span("waiting to sync (another source is syncing)"));
            case "failed", "damaged" -> {
                Span error = new Span((status.equals("failed") ? "failed: " : "index damaged: ") + row.error());
                error.addClassName("source-error");
                cell.add(error);
            }
            case "never" -> cell.add(new Span("never synced"));
            default -> {
                cell.add(new Span("ok, " + count(row.documents(), "document")));
                if (!row.skipped().isEmpty()) {
                    // A native disclosure: keyboard and touch open it, where a tooltip reached only a mouse.
                    UnorderedList files = new UnorderedList(row.skipped().stream().map(ListItem::new)
                            .toArray(ListItem[]::new));
                    NativeDetails skipped = new NativeDetails(row.skipped().size() + " skipped", files);
                    skipped.addClassName("source-skipped");
                    cell.add(skipped);
                }
                for (String warning : row.warnings()) {
                    Span shown = new Span("warning: " + warning);
                    shown.addClassName("source-warning");
                    cell.add(shown);
                }
            }
        }
        return cell;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private Div actions(SourceAdmin.SourceRow row) {
        Button sync = new Button("Sync now", e -> {
            admin.syncNow(row.name());
            refresh();
        });
        sync.addClassName("sync-source");
        sync.addThemeVariants(ButtonVariant.LUMO_SMALL);
        Button documents = new Button("Documents", e -> new DocumentsDialog(admin, row.name()).open());
        documents.addClassName("source-documents");
        documents.addThemeVariants(ButtonVariant.LUMO_SMALL);
        Div actions = new Div(sync, documents);
        if ("ui".equals(row.origin())) {
            Button edit = new Button("Edit", e -> new SourceDialog(admin, admin.form(row.name()), this::refresh).open());
            edit.addClassName("edit-source");
            edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
            Button remove = new Button("Remove", e -> {
                admin.remove(row.name());
                Notification.show("Removed " + row.name() + " and its passages");
                refresh();
            });
            remove.addClassName("remove-source");
            remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            actions.add(edit, remove);
        }
        actions.addClassName("source-actions");
        return actions;
    }

    /** Redraws only on a change: a redraw replaces the rows' buttons, and would swallow a click landing meanwhile. */
    void refresh() {
        List<SourceAdmin.SourceRow> rows = admin.sources();
        if (!rows.equals(shown)) {
            shown = rows;
            table.setRows(rows.stream().map(this::row).toList());
        }
    }

    /** While the page is open it asks for the sources' state every second, so progress bars move. */
    @Override
    protected void onAttach(AttachEvent event) {
        event.getUI().setPollInterval(POLL_MILLIS);
        event.getUI().addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
    }
}
