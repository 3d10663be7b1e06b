package org.labrador.webui.curation;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import org.labrador.webui.account.Navigation;
import org.labrador.webui.account.Viewer;

/**
 * What people asked ({@code #questions}), per source, with their thumbs up/down and comments; "only
 * gaps" ({@code #only-gaps}) keeps the questions the sources did not cover: what the wiki lacks.
 */
@Route("questions")
@PageTitle("Questions · Labrador")
@RolesAllowed("CURATOR")
public class QuestionsView extends Div {

    private static final String ALL = "All sources";

    private final QuestionLog log;
    private final Grid<QuestionLog.AskedQuestion> grid = new Grid<>();
    private final Select<String> source = new Select<>();
    private final Checkbox gaps = new Checkbox("Only questions the sources did not cover");

    public QuestionsView(QuestionLog log, Viewer viewer) {
        this.log = log;
        addClassNames("page", "wide");
        List<String> items = new ArrayList<>();
        items.add(ALL);
        items.addAll(log.sourceNames());
        source.setLabel("Source");
        source.setItems(items);
        source.setValue(ALL);
        source.addValueChangeListener(e -> refresh());
        gaps.setId("only-gaps");
        gaps.addValueChangeListener(e -> refresh());
        grid.setId("questions");
        grid.addColumn(q -> SourcesView.TIME.format(q.askedAt())).setHeader("Asked").setAutoWidth(true);
        grid.addColumn(QuestionLog.AskedQuestion::question).setHeader("Question").setFlexGrow(4);
        grid.addColumn(q -> q.covered() ? "answered" : "not covered").setHeader("Sources").setAutoWidth(true);
        grid.addColumn(q -> q.grounded() ? "" : "unverified").setHeader("Citations").setAutoWidth(true);
        grid.addColumn(q -> q.bestSimilarity() == null ? "" : String.format("%.2f", q.bestSimilarity())).setHeader("Best match");
        grid.addColumn(QuestionLog.AskedQuestion::sources).setHeader("Cited");
        grid.addColumn(q -> q.rating() == null ? "" : q.rating() > 0 ? "helpful" : "not helpful").setHeader("Rating");
        grid.addColumn(q -> q.feedback() == null ? "" : q.feedback()).setHeader("Comment").setFlexGrow(2);
        grid.addColumn(q -> q.user() == null ? "anonymous" : q.user()).setHeader("Asked by");
        add(new Navigation(viewer), new H2("Questions"),
                new Paragraph("Questions the sources did not cover are the gaps to fill in the wiki and docs."),
                new Div(source, gaps), grid);
        refresh();
    }

    private void refresh() {
        String chosen = source.getValue();
        grid.setItems(log.questions(chosen == null || ALL.equals(chosen) ? null : chosen, gaps.getValue()));
    }
}
