package org.sandbench.report;

import java.util.List;

/**
 * A kind of figure drawn from one part of a result set, saved in its own folder
 * (STYLE 9: one folder per figure, the same verbs everywhere).  Every family
 * answers the same two questions: which parts it needs, and what it draws from them.
 */
public interface FigureFamily {
    /** Folder name under report/figures/, e.g. "overhead". */
    String id();

    /** Heading in the report. */
    String title();

    /** The parts of a result set this family can draw from: it draws when any of them is present. */
    List<ResultSet.Part> needsAnyOf();

    /** The figures for this result set; empty when the data has nothing to show. */
    List<Figure> draw(ResultSet rs);

    static List<FigureFamily> all() {
        return List.of(new OverheadFigures(), new SeccompSweepFigures(), new LandlockSweepFigures(),
                new SetupFigures(), new EscapeFigures());
    }
}
