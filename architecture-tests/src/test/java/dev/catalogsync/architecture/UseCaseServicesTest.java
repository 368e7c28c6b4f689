package dev.catalogsync.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static java.util.stream.Collectors.joining;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Comparator;
import java.util.List;

/**
 * One use case, one class, one port: every use case is an interface in {@code port.in}, and exactly one public
 * class of {@code application.service} implements it, named for it. A wrapper around a service, a service
 * serving two use cases, or a public helper among the services breaks the rule.
 * {@link UseCaseServiceRuleBitesTest} shows it failing on such classes.
 */
@AnalyzeClasses(packages = "dev.catalogsync", importOptions = ImportOption.DoNotIncludeTests.class)
class UseCaseServicesTest {

    static final String SERVICES = "..application.service..";
    static final String INBOUND_PORTS = "..application.port.in..";

    @ArchTest
    static final ArchRule every_use_case_service_implements_exactly_one_inbound_port_and_is_named_for_it = classes()
            .that()
            .resideInAPackage(SERVICES)
            .and()
            .areTopLevelClasses()
            .and()
            .arePublic()
            .should(implementExactlyOneInboundPortAndBeNamedForIt());

    private static ArchCondition<JavaClass> implementExactlyOneInboundPortAndBeNamedForIt() {
        return new ArchCondition<>(
                "implement exactly one interface in '" + INBOUND_PORTS + "' and be named for it, <Port>Service") {
            @Override
            public void check(JavaClass service, ConditionEvents events) {
                List<JavaClass> ports = service.getAllRawInterfaces().stream()
                        .filter(resideInAPackage(INBOUND_PORTS))
                        .sorted(Comparator.comparing(JavaClass::getName))
                        .toList();
                if (ports.size() != 1) {
                    events.add(SimpleConditionEvent.violated(
                            service,
                            service.getName() + " implements " + ports.size() + " inbound ports " + names(ports)
                                    + " instead of exactly one"));
                    return;
                }
                JavaClass port = ports.get(0);
                String expected = port.getSimpleName() + "Service";
                boolean named = service.getSimpleName().equals(expected);
                events.add(new SimpleConditionEvent(
                        service,
                        named,
                        service.getName() + (named ? " is" : " is not") + " named " + expected + " after its port "
                                + port.getName()));
            }
        };
    }

    private static String names(List<JavaClass> ports) {
        return ports.stream().map(JavaClass::getSimpleName).collect(joining(", ", "[", "]"));
    }
}
