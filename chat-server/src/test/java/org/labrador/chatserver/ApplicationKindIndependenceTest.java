package org.labrador.chatserver;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The application names no kind of source: it works through ingest's shared contracts (the kind
 * registry, sources, sync, chunking), so that a new kind needs no edit here. Only the benchmark
 * commands build a docs folder or a Git source of their own.
 */
class ApplicationKindIndependenceTest {

    private static final JavaClasses APPLICATION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.labrador.chatserver");

    @Test
    void theApplicationUsesOnlyIngestsSharedPackages() {
        noClasses().that().resideInAPackage("org.labrador.chatserver..")
                .and().resideOutsideOfPackage("org.labrador.chatserver.cli..")
                .should().dependOnClassesThat(resideInAPackage("org.labrador.ingest..").and(not(resideInAnyPackage(
                        "org.labrador.ingest.kind..", "org.labrador.ingest.sync..", "org.labrador.ingest.chunking..",
                        "org.labrador.ingest.code..", "org.labrador.ingest.net.."))))
                .because("a kind of source is a plug-in of ingest: adding one must need no edit in the application")
                .check(APPLICATION);
    }
}
