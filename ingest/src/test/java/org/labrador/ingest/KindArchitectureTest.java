package org.labrador.ingest;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.labrador.ingest.kind.SourceKind;

/**
 * Kinds of source stay plug-ins: ingest never reaches into the application (chat server, web UI,
 * Spring's web stack), and each kind's package uses only ingest's shared packages, so that a kind
 * can be added, read and removed as one package.
 */
class KindArchitectureTest {

    /** What a kind may build on; the paper reader is shared, as other kinds read PDFs through it. */
    static final String[] SHARED = {"org.labrador.ingest.kind..", "org.labrador.ingest.sync..",
            "org.labrador.ingest.chunking..", "org.labrador.ingest.code..", "org.labrador.ingest.net..",
            "org.labrador.ingest.papers..", "org.labrador.retrieval..", "org.labrador.models.."};

    private static final JavaClasses INGEST = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.labrador.ingest");

    @Test
    void ingestDoesNotDependOnTheApplication() {
        noClasses().that().resideInAPackage("org.labrador.ingest..")
                .should().dependOnClassesThat().resideInAnyPackage("org.labrador.chatserver..", "org.labrador.webui..",
                        "org.springframework..", "jakarta.servlet..", "com.vaadin..")
                .because("a kind of source is a plug-in of ingest, not of the application")
                .check(INGEST);
    }

    @Test
    void eachKindPackageUsesOnlyTheSharedPackages() {
        Set<String> packages = kindPackages(INGEST);
        assertThat(packages).as("the built-in kinds are found")
                .contains("org.labrador.ingest.docs", "org.labrador.ingest.git", "org.labrador.ingest.wiki",
                        "org.labrador.ingest.papers");
        for (String kindPackage : packages) {
            onlySharedPackages(kindPackage).check(INGEST);
        }
    }

    /** The rule has teeth: a kind that borrows another kind's classes is caught. */
    @Test
    void aKindUsingAnotherKindsPackageIsCaught() {
        JavaClasses fixture = new ClassFileImporter().importPackages("org.labrador.ingest.archfixture");
        EvaluationResult result = onlySharedPackages("org.labrador.ingest.archfixture").evaluate(fixture);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains("GitLinks"));
    }

    private static ArchRule onlySharedPackages(String kindPackage) {
        List<String> allowed = new ArrayList<>(List.of(SHARED));
        allowed.add(kindPackage);
        return noClasses().that().resideInAPackage(kindPackage)
                .should().dependOnClassesThat(resideInAPackage("org.labrador..")
                        .and(not(resideInAnyPackage(allowed.toArray(String[]::new)))))
                .because("a kind's package builds on ingest's shared packages only, not on another kind");
    }

    /** The packages that hold a kind: a concrete {@link SourceKind} outside the kind package itself. */
    static Set<String> kindPackages(JavaClasses classes) {
        Set<String> packages = new TreeSet<>();
        for (JavaClass c : classes) {
            if (c.isAssignableTo(SourceKind.class) && !c.isInterface() && !c.getModifiers().contains(JavaModifier.ABSTRACT)
                    && !c.getPackageName().equals("org.labrador.ingest.kind")) {
                packages.add(c.getPackageName());
            }
        }
        return packages;
    }
}
