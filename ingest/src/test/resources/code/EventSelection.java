package org.example.analysis;

import java.util.List;

/** Selects events passing the fiducial volume cut. */
public class EventSelection {

    public static final double MAX_RADIUS_CM = 63.0;
    private static final String LABEL = "fiducial { cut }";

    private final double zMin;

    public EventSelection(double zMin) {
        this.zMin = zMin;
    }

    /** Whether the event is inside the fiducial volume. */
    @Override
    public boolean accept(Event event) {
        Runnable r = new Runnable() {
            @Override
            public void run() {
                System.out.println("inner");
            }
        };
        return event.r() < MAX_RADIUS_CM && event.z() > zMin;
    }

    public record Event(double r, double z) {
    }

    static <T extends Comparable<T>> List<T> sorted(List<T> items) {
        return items.stream().sorted().toList();
    }
}
