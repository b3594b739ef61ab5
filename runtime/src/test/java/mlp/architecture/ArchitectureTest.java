package mlp.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runtime's packages form one order, and each uses only those before it (README,
 * "Architecture"):
 * <pre>
 * syntax (with mlp.MlpError) → tensor → autograd → value → nn → train → io → plot → eval → embed
 * </pre>
 * The model (nn: layers and activations; train: losses, optimizers, the training loop) knows
 * nothing of the interpreter; the language's adapters (argument parsing, calls, members, the
 * *Builtins) live in eval, above everything they expose.
 */
class ArchitectureTest {
    /** Lowest first. */
    static final List<String> LAYERS = List.of("syntax", "tensor", "autograd", "value", "nn", "train", "io", "plot", "eval", "embed");

    private static final JavaClasses RUNTIME = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("mlp");

    /**
     * A class's slice: the package right under {@code root} it lives in ({@code mlp.nn.Linear}
     * and {@code mlp.nn.x.Y} are both nn). The one class in mlp itself, MlpError, belongs with
     * syntax: an error carries its source position.
     */
    static String slice(String root, JavaClass c) {
        String pkg = c.getPackageName();
        if (pkg.equals(root)) return "syntax";
        if (!pkg.startsWith(root + ".")) return null;
        String rest = pkg.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    static ArchRule noCycles(String root) {
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String s = slice(root, c);
                return s == null ? SliceIdentifier.ignore() : SliceIdentifier.of(s);
            }

            @Override
            public String getDescription() {
                return "the packages under " + root;
            }
        }).should().beFreeOfCycles();
    }

    @Test
    void packagesHaveNoCycles() {
        noCycles("mlp").check(RUNTIME);
    }

    @Test
    void eachPackageUsesOnlyThePackagesBelowIt() {
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            String[] above = LAYERS.subList(i + 1, LAYERS.size()).stream().map(p -> "mlp." + p + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("mlp." + LAYERS.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(above)
                    .because("dependencies point down the layers " + LAYERS)
                    .check(RUNTIME);
        }
    }

    @Test
    void everyPackageHasAPlaceInTheOrder() {
        for (JavaClass c : RUNTIME) {
            String slice = slice("mlp", c);
            assertTrue(LAYERS.contains(slice), c.getName() + " is in a package the layering does not name: " + slice);
        }
    }

    /** The cycle rule is not vacuous: two test packages that use each other fail it. */
    @Test
    void aPlantedCycleFails() {
        JavaClasses planted = new ClassFileImporter().importPackages("mlp.architecture.planted");
        assertTrue(Arrays.stream(new String[]{"left", "right"}).allMatch(p ->
                planted.stream().anyMatch(c -> c.getPackageName().endsWith(p))));
        AssertionError e = assertThrows(AssertionError.class, () -> noCycles("mlp.architecture.planted").check(planted));
        assertTrue(e.getMessage().contains("Cycle detected"), e.getMessage());
    }
}
