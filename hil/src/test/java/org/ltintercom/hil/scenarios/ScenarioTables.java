package org.ltintercom.hil.scenarios;

import java.util.List;

/** Renders the run's rows as a fixed-width text table. */
final class ScenarioTables {

    private ScenarioTables() {
    }

    static String render(List<ScenarioReport.Row> rows) {
        String[] head = {"scenario", "rig", "result", "timings"};
        int[] width = {head[0].length(), head[1].length(), head[2].length(), head[3].length()};
        for (ScenarioReport.Row r : rows) {
            width[0] = Math.max(width[0], r.scenario().length());
            width[1] = Math.max(width[1], r.rig().length());
            width[2] = Math.max(width[2], r.result().length());
            width[3] = Math.max(width[3], r.timings().toString().length());
        }
        StringBuilder s = new StringBuilder("\nhardware-in-loop scenarios\n");
        line(s, width, head);
        StringBuilder rule = new StringBuilder();
        for (int w : width) {
            rule.append("-".repeat(w + 2)).append('+');
        }
        s.append(rule, 0, rule.length() - 1).append('\n');
        for (ScenarioReport.Row r : rows) {
            line(s, width, new String[] {r.scenario(), r.rig(), r.result(), r.timings().toString()});
        }
        long passed = rows.stream().filter(r -> r.result().equals("PASS")).count();
        s.append(passed).append(" of ").append(rows.size()).append(" scenarios passed\n");
        return s.toString();
    }

    private static void line(StringBuilder s, int[] width, String[] cells) {
        for (int i = 0; i < cells.length; i++) {
            s.append(' ').append(cells[i]).append(" ".repeat(width[i] - cells[i].length())).append(' ');
            if (i < cells.length - 1) {
                s.append('|');
            }
        }
        s.append('\n');
    }
}
