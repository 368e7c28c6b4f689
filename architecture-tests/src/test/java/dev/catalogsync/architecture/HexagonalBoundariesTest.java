package dev.catalogsync.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The rings of the hexagon, as sentences. Production classes only: tests may reach across on purpose. */
@AnalyzeClasses(packages = "dev.catalogsync", importOptions = ImportOption.DoNotIncludeTests.class)
class HexagonalBoundariesTest {

    private static final String DOMAIN = "dev.catalogsync.domain..";
    private static final String APPLICATION = "dev.catalogsync.application..";
    private static final String POSTGRES = "dev.catalogsync.adapters.postgres..";
    private static final String SCHEDULER = "dev.catalogsync.adapters.scheduler..";
    private static final String BOOTSTRAP = "dev.catalogsync.bootstrap..";
    private static final String GENERATED_JOOQ = "dev.catalogsync.adapters.postgres.jooq..";

    private static final String[] FRAMEWORKS = {
        "org.jooq..",
        "java.sql..",
        "javax.sql..",
        "org.postgresql..",
        "com.zaxxer..",
        "org.flywaydb..",
        "com.google.inject..",
        "jakarta.inject..",
        "javax.inject..",
        "com.codahale.metrics..",
        "io.prometheus..",
        "picocli..",
        "io.zonky..",
        "org.slf4j..",
        "ch.qos.logback.."
    };

    @ArchTest
    static final ArchRule domain_depends_on_nothing_but_the_jdk = classes()
            .that()
            .resideInAPackage(DOMAIN)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(DOMAIN, "java.lang..", "java.util..", "java.time..");

    @ArchTest
    static final ArchRule application_depends_only_on_domain_and_the_jdk = classes()
            .that()
            .resideInAPackage(APPLICATION)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(APPLICATION, DOMAIN, "java.lang..", "java.util..", "java.time..");

    @ArchTest
    static final ArchRule the_core_uses_no_database_injection_metrics_or_cli_types = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN, APPLICATION)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FRAMEWORKS);

    @ArchTest
    static final ArchRule the_postgres_adapter_does_not_know_the_other_adapters_or_bootstrap = noClasses()
            .that()
            .resideInAPackage(POSTGRES)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SCHEDULER, BOOTSTRAP);

    @ArchTest
    static final ArchRule the_scheduler_adapter_does_not_know_the_other_adapters_or_bootstrap = noClasses()
            .that()
            .resideInAPackage(SCHEDULER)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(POSTGRES, BOOTSTRAP);

    @ArchTest
    static final ArchRule jooq_stays_inside_the_postgres_adapter = noClasses()
            .that()
            .resideOutsideOfPackage(POSTGRES)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.jooq..");

    /** jOOQ's generated classes refer to each other across their packages by design; they are not ours to shape. */
    @ArchTest
    static final ArchRule no_package_depends_on_itself_in_a_cycle = slices().matching("dev.catalogsync.(**)")
            .should()
            .beFreeOfCycles()
            .ignoreDependency(resideInAPackage(GENERATED_JOOQ), DescribedPredicate.alwaysTrue());
}
