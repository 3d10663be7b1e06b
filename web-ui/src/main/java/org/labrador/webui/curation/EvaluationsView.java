package org.labrador.webui.curation;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.labrador.webui.layout.PageHeading;
import org.labrador.webui.layout.PhoneCards;

/**
 * Retrieval quality over time: run a gold-question file ({@code #run-evaluation}) and see every
 * stored run ({@code #evaluations}) with a hit@k trend line per question file, source and mode. On phones
 * each run is a card.
 */
@Route("evaluations")
@PageTitle("Evaluations · Labrador")
@RolesAllowed("CURATOR")
public class EvaluationsView extends Div {

    private static final int WIDTH = 320;
    private static final int HEIGHT = 60;

    private final EvaluationLog log;
    private final Grid<EvaluationLog.Run> grid = new Grid<>();
    private final Div trends = new Div();
    private final Div result = new Div();

    public EvaluationsView(EvaluationLog log) {
        this.log = log;
        addClassNames("page", "wide");
        TextField file = new TextField("Gold questions (.jsonl on the server)");
        file.setId("questions-file");
        file.setWidth("28em");
        file.setMaxWidth("100%");
        TextField source = new TextField("Source (empty: all)");
        source.setId("evaluation-source");
        IntegerField k = new IntegerField("k");
        k.setValue(5);
        k.setMin(1);
        Button run = new Button("Run", e -> {
            try {
                result.setText(log.run(file.getValue().strip(), source.getValue().isBlank() ? null : source.getValue().strip(),
                        k.getValue() == null ? 5 : k.getValue()));
                result.getElement().setAttribute("data-error", "false");
                refresh();
            } catch (RuntimeException ex) {
                result.setText(ex.getMessage());
                result.getElement().setAttribute("data-error", "true");
            }
        });
        run.setId("run-evaluation");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        result.setId("evaluation-result");
        grid.setId("evaluations");
        grid.setEmptyStateText("No runs yet.");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(r -> QuestionsView.TIME.format(r.ranAt())).setHeader("Ran").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(EvaluationLog.Run::questions).setHeader("Questions").setFlexGrow(2)
                .setTooltipGenerator(EvaluationLog.Run::questions);
        grid.addColumn(EvaluationsView::source).setHeader("Source").setTooltipGenerator(EvaluationsView::source);
        grid.addColumn(EvaluationLog.Run::mode).setHeader("Mode");
        grid.addColumn(EvaluationLog.Run::total).setHeader("n");
        grid.addColumn(r -> "%.3f".formatted(r.hitRate())).setHeader("hit@k");
        grid.addColumn(r -> "%.3f".formatted(r.mrr())).setHeader("MRR");
        grid.setAllRowsVisible(true);
        PhoneCards.stack(grid, "Runs", r -> PhoneCards.card(r.questions(), "Ran", QuestionsView.TIME.format(r.ranAt()),
                "Source", source(r), "Mode", r.mode(), "n", String.valueOf(r.total()), "hit@" + r.k(), "%.3f".formatted(r.hitRate()),
                "MRR", "%.3f".formatted(r.mrr())));
        trends.addClassName("trends");
        Div form = new Div(file, source, k, run);
        form.addClassName("form-row");
        add(new PageHeading("Evaluations"), form, result, new H2("Trend"), trends, grid);
        refresh();
    }

    private void refresh() {
        List<EvaluationLog.Run> runs = log.runs();
        grid.setItems(runs.reversed());
        trends.removeAll();
        Map<String, List<EvaluationLog.Run>> series = runs.stream().collect(Collectors.groupingBy(
                r -> r.questions() + " · " + (r.source().isEmpty() ? "all" : r.source()) + " · " + r.mode() + " · hit@" + r.k(),
                LinkedHashMap::new, Collectors.toList()));
        series.forEach((name, points) -> {
            Span latest = new Span(String.format(Locale.ROOT, "latest %.3f", points.getLast().hitRate()));
            Div line = new Div(new Html(sparkline(points)), latest);
            line.addClassName("trend-line");
            Div trend = new Div(new Div(name), line);
            trend.addClassName("trend");
            trends.add(trend);
        });
    }

    private static String source(EvaluationLog.Run run) {
        return run.source().isEmpty() ? "all" : run.source();
    }

    /** hit@k of each run as a line from 0 to 1, drawn as SVG on the server (no script, no chart library). */
    static String sparkline(List<EvaluationLog.Run> runs) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            double x = runs.size() == 1 ? WIDTH / 2.0 : i * (WIDTH - 10.0) / (runs.size() - 1) + 5;
            double y = HEIGHT - 5 - runs.get(i).hitRate() * (HEIGHT - 10);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        EvaluationLog.Run last = runs.getLast();
        // The viewBox lets the line shrink with a narrow window; role and label say what the picture shows.
        // The latest value is written beside it in HTML, where it keeps its size and wraps.
        return String.format(Locale.ROOT, "<svg class=\"sparkline\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " role=\"img\" aria-label=\"hit@k over time, latest %.3f\">"
                + "<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" points=\"%s\"/></svg>",
                WIDTH, HEIGHT, WIDTH, HEIGHT, last.hitRate(), points.toString().strip());
    }
}
