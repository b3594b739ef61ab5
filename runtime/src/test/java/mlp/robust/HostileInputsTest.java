package mlp.robust;

import mlp.MlpError;
import mlp.eval.Interpreter;
import mlp.io.Settings;
import mlp.embed.MlpInterpreter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The hostile corpus, {@code src/test/resources/hostile/}: every file is a program someone might
 * throw at mlp (random bytes, truncated scripts, 100,000-deep nesting, a 10 MB line, odd numbers,
 * empty tensors, mismatched shapes, wrong types, bad files, ...), and {@code expected.txt} says
 * what must happen: {@code ok}, or an error of a category at a line and column whose message
 * contains a fragment. The error is always an {@link MlpError} (nothing else may escape); its
 * category is checked as far as it shows from outside: a syntax error must come from the parser
 * alone, the other kinds from running a program that parses. Each runs in a fresh interpreter on a 1 MB thread stack, with files
 * allowed in a scratch folder holding {@code hostile/files/}.
 *
 * <p>Big inputs are written small: {@code {{N*text}}} in a file stands for text repeated N times.
 */
class HostileInputsTest {
    static final Path HOSTILE = Path.of("src/test/resources/hostile");
    private static final Pattern REPEAT = Pattern.compile("\\{\\{(\\d+)\\*(.*?)}}", Pattern.DOTALL);

    /** The categories a case may expect: what kind of mistake it is. */
    static final List<String> CATEGORIES = List.of("ok", "syntax", "nesting", "limit", "name", "type", "argument", "shape",
            "value", "numeric", "file");

    static Path scratch;

    static Path work;

    @BeforeAll
    static void files() throws IOException {
        scratch = Files.createTempDirectory("mlp-hostile");
        work = Files.createDirectory(scratch.resolve("work"));
        try (Stream<Path> s = Files.walk(HOSTILE.resolve("files"))) {
            for (Path p : s.toList()) {
                Path to = work.resolve(HOSTILE.resolve("files").relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else Files.copy(p, to);
            }
        }
        Files.writeString(scratch.resolve("outside.csv"), "1,2\n");
    }

    /** One line of expected.txt. */
    record Expected(String file, String category, int line, int col, String fragment) {
    }

    static Map<String, Expected> expectations() throws IOException {
        Map<String, Expected> out = new LinkedHashMap<>();
        for (String l : Files.readAllLines(HOSTILE.resolve("expected.txt"), StandardCharsets.UTF_8)) {
            if (l.isBlank() || l.startsWith("#")) continue;
            String[] f = l.split(" \\| ", 4);
            if (f[1].trim().equals("ok")) {
                out.put(f[0].trim(), new Expected(f[0].trim(), "ok", 0, 0, ""));
                continue;
            }
            String[] at = f[2].trim().split(":");
            out.put(f[0].trim(), new Expected(f[0].trim(), f[1].trim(), Integer.parseInt(at[0]), Integer.parseInt(at[1]), f[3].trim()));
        }
        return out;
    }

    /** A case file as program text: UTF-8 (a bad byte becomes U+FFFD, as a file read by mlp), templates expanded. */
    static String program(Path file) throws IOException {
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        Matcher m = REPEAT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
        m.appendTail(out);
        return out.toString();
    }

    static Host.Result outcome(Path file) throws IOException {
        StringWriter out = new StringWriter();
        Settings settings = Host.quiet(out).fileRoot(work).workingDir(work).maxEpochs(10_000);
        return Host.on(new Interpreter(settings), program(file), out);
    }

    static List<Path> cases() throws IOException {
        try (Stream<Path> s = Files.list(HOSTILE)) {
            return s.filter(p -> p.getFileName().toString().matches("\\d{3}-.*\\.(mlp|bin)")).sorted().toList();
        }
    }

    @TestFactory
    List<DynamicTest> everyHostileInputGivesItsExpectedOutcome() throws IOException {
        Map<String, Expected> expected = expectations();
        List<Path> cases = cases();
        assertTrue(cases.size() >= 100, "at least 100 hostile inputs: " + cases.size());
        for (Path p : cases) assertTrue(expected.containsKey(p.getFileName().toString()), "no expectation for " + p.getFileName());
        assertEquals(cases.size(), expected.size(), "an expectation without a file");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : cases) {
            Expected e = expected.get(p.getFileName().toString());
            tests.add(DynamicTest.dynamicTest(e.file(), () -> {
                assertTrue(CATEGORIES.contains(e.category()), "a known category: " + e.category());
                Host.Result r = outcome(p);
                if (e.category().equals("ok")) {
                    if (r.error() != null) fail("expected no error, got " + r.error().format());
                    return;
                }
                MlpError err = r.failed();
                Host.at(err, e.line(), e.col(), e.fragment());
                // the category says which half of mlp must catch it: a syntax error the parser, before
                // anything runs; a name, type, argument, shape, value, numeric or file error the
                // interpreter, in a program that parses; nesting and size limits exist in both
                mlp.fuzz.Harness.Outcome parsed = mlp.fuzz.Harness.parse(program(p));
                switch (e.category()) {
                    case "syntax" -> {
                        MlpError pe = parsed.error();
                        assertTrue(pe != null, "a syntax error is found by the parser alone");
                        assertEquals(e.line() + ":" + e.col() + " " + err.plainMessage(), pe.line() + ":" + pe.column() + " " + pe.plainMessage());
                    }
                    case "nesting", "limit" -> {
                    }
                    default -> assertTrue(parsed.ok(), () -> "parses, and fails only when run: " + parsed.error().format());
                }
            }));
        }
        return tests;
    }

    /**
     * The same corpus through the Java API, as a host program would send it: the same outcome,
     * and never an exception other than MlpError (the API evaluates on a thread of its own).
     */
    @TestFactory
    List<DynamicTest> theJavaApiGivesTheSameOutcomes() throws IOException {
        Map<String, Expected> expected = expectations();
        List<DynamicTest> tests = new ArrayList<>();
        // the 10 MB lines once are enough: they are the slow ones
        for (Path p : cases().stream().filter(c -> !c.getFileName().toString().contains("long-line")).toList()) {
            Expected e = expected.get(p.getFileName().toString());
            tests.add(DynamicTest.dynamicTest(e.file(), () -> {
                try (MlpInterpreter api = MlpInterpreter.builder().outputOff().progressOff().picturesOff()
                        .allowFiles(work).maxEpochs(10_000).build()) {
                    String code = program(p);
                    if (e.category().equals("ok")) {
                        api.eval(code, "hostile.mlp");
                        return;
                    }
                    MlpError err = org.junit.jupiter.api.Assertions.assertThrows(MlpError.class, () -> api.eval(code, "hostile.mlp"));
                    Host.at(err, e.line(), e.col(), e.fragment());
                }
            }));
        }
        return tests;
    }
}
