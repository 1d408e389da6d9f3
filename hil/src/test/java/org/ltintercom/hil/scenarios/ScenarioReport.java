package org.ltintercom.hil.scenarios;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The run's report: one row per scenario with its result and key timings, printed as a table when
 * the whole run ends (and written to {@code target/hil-report.txt}), so that a run on a Pi is a
 * measurement and not only a pass/fail. Scenarios take a {@link ScenarioTimings} parameter and
 * record into it.
 */
public final class ScenarioReport implements BeforeEachCallback, TestWatcher, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ScenarioReport.class);
    private static final String TABLE = "table";
    private static final String TIMINGS = "timings";

    /** One finished scenario. */
    record Row(String scenario, String rig, String result, ScenarioTimings timings) {
    }

    /** All rows of the run; printed once, when JUnit closes the root store at the end of the run. */
    static final class Table implements ExtensionContext.Store.CloseableResource {
        private final List<Row> rows = new ArrayList<>();

        synchronized void add(Row row) {
            rows.add(row);
        }

        synchronized List<Row> rows() {
            return List.copyOf(rows);
        }

        @Override
        public void close() {
            String text = ScenarioTables.render(rows());
            PrintStream out = System.out;
            out.println(text);
            try {
                Path target = Path.of("target");
                if (Files.isDirectory(target)) {
                    Files.writeString(target.resolve("hil-report.txt"), text, StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                out.println("hil report not written: " + e.getMessage());
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        timings(context);
    }

    private static ScenarioTimings timings(ExtensionContext context) {
        return context.getStore(NS).getOrComputeIfAbsent(TIMINGS, k -> new ScenarioTimings(), ScenarioTimings.class);
    }

    private static void finish(ExtensionContext context, String result) {
        Table table = context.getRoot().getStore(NS).getOrComputeIfAbsent(TABLE, k -> new Table(), Table.class);
        String scenario = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        String rig = context.getTestInstance().filter(RigScenario.class::isInstance).map(t -> ((RigScenario) t).rig)
                .map(org.ltintercom.hil.Rig::name).orElse(System.getProperty("rig", "mock"));
        table.add(new Row(scenario, rig, result, timings(context)));
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        finish(context, "PASS");
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        finish(context, "FAIL");
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        finish(context, "ABORTED");
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        finish(context, "DISABLED");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ScenarioTimings.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return timings(context);
    }
}
