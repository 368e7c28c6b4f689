package dev.catalogsync.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.catalogsync.application.service.PerformSyncWorkerService;
import dev.catalogsync.architecture.violations.application.service.RenameThingsService;
import dev.catalogsync.architecture.violations.application.service.ThingHelper;
import dev.catalogsync.architecture.violations.application.service.ThingRenamer;
import dev.catalogsync.architecture.violations.application.service.ThingsService;
import org.junit.jupiter.api.Test;

/**
 * A rule that never fails proves nothing: the use-case rule, evaluated against the deliberately wrong classes in
 * {@code dev.catalogsync.architecture.violations}, reports each of them, and accepts the well-formed one.
 */
class UseCaseServiceRuleBitesTest {

    private static final ArchRule RULE =
            UseCaseServicesTest.every_use_case_service_implements_exactly_one_inbound_port_and_is_named_for_it;

    private static EvaluationResult evaluate(Class<?>... classes) {
        return RULE.evaluate(new ClassFileImporter().importClasses(classes));
    }

    @Test
    void a_service_implementing_two_inbound_ports_is_a_violation() {
        EvaluationResult result = evaluate(ThingsService.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .singleElement()
                .asString()
                .contains(ThingsService.class.getName(), "implements 2 inbound ports [CountThings, RenameThings]");
    }

    @Test
    void a_service_not_named_for_its_inbound_port_is_a_violation() {
        EvaluationResult result = evaluate(ThingRenamer.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .singleElement()
                .asString()
                .contains(ThingRenamer.class.getName(), "is not named RenameThingsService");
    }

    @Test
    void a_public_class_among_the_services_that_implements_no_inbound_port_is_a_violation() {
        EvaluationResult result = evaluate(ThingHelper.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .singleElement()
                .asString()
                .contains(ThingHelper.class.getName(), "implements 0 inbound ports");
    }

    @Test
    void a_service_named_for_its_one_inbound_port_passes_and_package_private_or_nested_classes_are_not_checked() {
        JavaClasses wellFormed = new ClassFileImporter()
                .importPackagesOf(RenameThingsService.class)
                .that(not(belongToAnyOf(ThingsService.class, ThingRenamer.class, ThingHelper.class)));
        assertThat(wellFormed.contain(RenameThingsService.Renaming.class)).isTrue();
        assertThat(wellFormed.contain(RenameThingsService.class.getPackageName() + ".ThingFormatter"))
                .isTrue();

        EvaluationResult result = RULE.evaluate(wellFormed);

        assertThat(result.hasViolation())
                .as(result.getFailureReport().toString())
                .isFalse();
    }

    @Test
    void the_production_scan_sees_the_services_but_not_these_fixtures() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("dev.catalogsync");

        assertThat(production.contain(PerformSyncWorkerService.class)).isTrue();
        assertThat(production.stream().map(JavaClass::getPackageName))
                .noneMatch(name -> name.startsWith("dev.catalogsync.architecture"));
    }
}
