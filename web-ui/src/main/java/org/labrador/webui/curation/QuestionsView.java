package org.labrador.webui.curation;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.labrador.webui.layout.PageHeading;
import org.labrador.webui.layout.PhoneCards;

/**
 * What people asked ({@code #questions}), per source, with their thumbs up/down and comments; "only
 * gaps" ({@code #only-gaps}) keeps the questions the sources did not cover: what the wiki lacks. Long
 * questions and comments wrap, and show whole in a tooltip; on phones each question is a card.
 */
@Route("questions")
@PageTitle("Questions · Labrador")
@RolesAllowed("CURATOR")
public class QuestionsView extends Div {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private static final String ALL = "All sources";

    private final QuestionLog log;
    private final Grid<QuestionLog.AskedQuestion> grid = new Grid<>();
    private final Select<String> source = new Select<>();
    private final Checkbox gaps = new Checkbox("Only questions the sources did not cover");

    public QuestionsView(QuestionLog log) {
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
        grid.setEmptyStateText("No questions asked yet.");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(q -> TIME.format(q.askedAt())).setHeader("Asked").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(QuestionLog.AskedQuestion::question).setHeader("Question").setFlexGrow(4)
                .setTooltipGenerator(QuestionLog.AskedQuestion::question);
        grid.addColumn(QuestionsView::covered).setHeader("Covered").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(QuestionsView::verified).setHeader("Citations").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(QuestionsView::bestMatch).setHeader("Best match").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(QuestionLog.AskedQuestion::sources).setHeader("Sources cited").setFlexGrow(1)
                .setTooltipGenerator(QuestionLog.AskedQuestion::sources);
        grid.addColumn(QuestionsView::rating).setHeader("Rating").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(q -> q.feedback() == null ? "" : q.feedback()).setHeader("Comment").setFlexGrow(2)
                .setTooltipGenerator(q -> q.feedback() == null ? "" : q.feedback());
        grid.addColumn(QuestionsView::askedBy).setHeader("Asked by").setFlexGrow(1).setTooltipGenerator(QuestionsView::askedBy);
        PhoneCards.stack(grid, "Questions asked", q -> PhoneCards.card(q.question(), "Asked", TIME.format(q.askedAt()) + " by " + askedBy(q),
                "Covered", covered(q), "Citations", verified(q), "Best match", bestMatch(q), "Sources cited", q.sources(), "Rating", rating(q),
                "Comment", q.feedback()));
        Div filters = new Div(source, gaps);
        filters.addClassName("filters");
        add(new PageHeading("Questions"),
                new Paragraph("Questions the sources did not cover are the gaps to fill in the wiki and docs."),
                filters, grid);
        refresh();
    }

    private void refresh() {
        String chosen = source.getValue();
        grid.setItems(log.questions(chosen == null || ALL.equals(chosen) ? null : chosen, gaps.getValue()));
    }

    /** Whether the sources held an answer (a question they did not cover is a gap). */
    private static String covered(QuestionLog.AskedQuestion q) {
        return q.covered() ? "answered" : "not covered";
    }

    /** Whether the answer cites its sources; "unverified" when it cites none of those it was given. */
    private static String verified(QuestionLog.AskedQuestion q) {
        return q.grounded() ? "cited" : "unverified";
    }

    private static String bestMatch(QuestionLog.AskedQuestion q) {
        return q.bestSimilarity() == null ? "" : String.format("%.2f", q.bestSimilarity());
    }

    private static String rating(QuestionLog.AskedQuestion q) {
        return q.rating() == null ? "" : q.rating() > 0 ? "helpful" : "not helpful";
    }

    private static String askedBy(QuestionLog.AskedQuestion q) {
        return q.user() == null ? "anonymous" : q.user();
    }
}
