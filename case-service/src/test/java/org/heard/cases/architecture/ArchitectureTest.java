package org.heard.cases.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.axonframework.commandhandling.CommandHandler;
import org.springframework.web.bind.annotation.RestController;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering, held by the compiled classes (main code only): the published language depends on no framework, and
 * case-service's use-case slices ({@code org.heard.cases.<area>.<use case>}: command, handler, endpoint, request) do
 * not reach into one another, only into what they share (the case and its rules in {@code referral}, the access
 * rules in {@code access}, people in {@code person}, a request two slices of an area share in the area's package);
 * and a case's endpoints and command handlers live in slices, not in what the slices share.
 */
@AnalyzeClasses(packages = "org.heard", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** What the slices share: case-service's top package and the packages one level below it. */
    private static final String[] SHARED = {"org.heard.cases", "org.heard.cases.*"};

    /** Every use-case slice: two levels below case-service's top package, and everything under that. */
    private static final String SLICES = "org.heard.cases.*.*..";

    @ArchTest
    static final ArchRule theContractsDependOnNoFramework = noClasses()
            .that().resideInAPackage("org.heard.contracts..")
            .and().resideOutsideOfPackage("org.heard.contracts.testing..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..")
            .because("event-contracts is the published language: no Spring, no Axon (its test jar's in-process"
                    + " broker, org.heard.contracts.testing, is test code and may use spring-kafka-test)");

    @ArchTest
    static final ArchRule theContractsDependOnNoService = noClasses()
            .that().resideInAPackage("org.heard.contracts..")
            .should().dependOnClassesThat().resideInAnyPackage("org.heard.cases..", "org.heard.kit..")
            .because("the published language comes first; services and their kit build on it");

    @ArchTest
    static final ArchRule useCaseSlicesDoNotReachIntoEachOther = slices()
            .matching("org.heard.cases.(*).(*)..")
            .should().notDependOnEachOther()
            .because("one folder per use case: what two use cases share belongs to the case, not to either");

    @ArchTest
    static final ArchRule whatTheSlicesShareDoesNotDependOnThem = noClasses()
            .that().resideInAnyPackage(SHARED)
            .should().dependOnClassesThat().resideInAPackage(SLICES)
            .because("the case and its rules are shared by the slices; the slices are not shared by it");

    @ArchTest
    static final ArchRule aCasesEndpointsLiveInItsSlices = noClasses()
            .that().resideInAnyPackage(SHARED)
            .and().resideOutsideOfPackage("org.heard.cases.person")
            .should().beAnnotatedWith(RestController.class)
            .because("each use case of a case has its endpoint in its own slice (people, in person, are not cut"
                    + " into slices yet)");

    @ArchTest
    static final ArchRule aCasesCommandsAreHandledInItsSlices = noCodeUnits()
            .that().areDeclaredInClassesThat().resideInAnyPackage(SHARED)
            .and().areDeclaredInClassesThat().resideOutsideOfPackage("org.heard.cases.person")
            .should().beAnnotatedWith(CommandHandler.class)
            .because("each use case of a case has its command handler in its own slice, which calls the one method"
                    + " of AdvocacyCase holding the rule (people, in person, are not cut into slices yet)");
}
