package org.labrador.webui.curation;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.labrador.webui.account.Viewer;

/**
 * The curators' list of sources ({@code #sources}): kind, location, groups, schedule, state with a
 * live progress bar ({@code .sync-progress}) while a sync runs, documents, passages, indexed
 * revision, last sync; add ({@code #add-source}), edit, sync now, browse documents, remove.
 */
@Route("sources")
@PageTitle("Sources · Labrador")
@RolesAllowed("CURATOR")
public class SourcesView extends Div {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private static final int POLL_MILLIS = 1000;

    private final SourceAdmin admin;
    private final Grid<SourceAdmin.SourceRow> grid = new Grid<>();
    private java.util.List<SourceAdmin.SourceRow> shown;

    public SourcesView(SourceAdmin admin, Viewer viewer) {
        this.admin = admin;
        addClassNames("page", "wide");
        Button add = new Button("Add source", e -> new SourceDialog(admin, null, this::refresh).open());
        add.setId("add-source");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        grid.setId("sources");
        grid.addColumn(SourceAdmin.SourceRow::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(SourceAdmin.SourceRow::kind).setHeader("Kind").setAutoWidth(true);
        grid.addColumn(SourceAdmin.SourceRow::location).setHeader("Location").setFlexGrow(2);
        grid.addColumn(r -> r.groups().isEmpty() ? "everyone" : String.join(", ", r.groups())).setHeader("Groups");
        grid.addColumn(r -> r.schedule().isEmpty() ? "manual" : r.schedule()).setHeader("Schedule");
        grid.addComponentColumn(SourcesView::state).setHeader("State").setFlexGrow(2);
        grid.addColumn(SourceAdmin.SourceRow::documents).setHeader("Documents").setAutoWidth(true);
        grid.addColumn(SourceAdmin.SourceRow::chunks).setHeader("Passages").setAutoWidth(true);
        grid.addColumn(r -> r.revision().isEmpty() ? "" : r.revision().substring(0, Math.min(10, r.revision().length())))
                .setHeader("Revision");
        grid.addColumn(r -> r.lastSync() == null ? "never" : TIME.format(r.lastSync())).setHeader("Last sync");
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        add(new H2("Sources"), add, grid);
        refresh();
    }

    private static Div state(SourceAdmin.SourceRow row) {
        Div cell = new Div();
        cell.addClassName("source-state");
        cell.getElement().setAttribute("data-source", row.name());
        cell.getElement().setAttribute("data-state", row.state());
        if ("syncing".equals(row.state())) {
            ProgressBar bar = new ProgressBar(0, 1, row.progress() == null ? 0 : row.progress());
            bar.addClassName("sync-progress");
            cell.add(new Span("syncing " + Math.round(100 * (row.progress() == null ? 0 : row.progress())) + "%"
                    + (row.currentFile() == null || row.currentFile().isEmpty() ? "" : " · " + row.currentFile())), bar);
        } else if ("error".equals(row.state())) {
            Span error = new Span("error: " + row.error());
            error.addClassName("source-error");
            cell.add(error);
        } else {
            cell.add(new Span(row.skipped().isEmpty() ? "idle" : "idle · " + row.skipped().size() + " skipped"));
            if (!row.skipped().isEmpty()) {
                cell.getElement().setAttribute("title", String.join("\n", row.skipped()));
            }
        }
        return cell;
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
        java.util.List<SourceAdmin.SourceRow> rows = admin.sources();
        if (!rows.equals(shown)) {
            shown = rows;
            grid.setItems(rows);
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
