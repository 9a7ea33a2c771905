package org.heard.gateway.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.heard.contracts.trust.LegalStatusCodeSystem;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import ca.uhn.fhir.context.FhirContext;

/**
 * The UK Core conformance resources the gateway keeps ({@code classpath:ukcore/}, see its README for their source,
 * version and licence): profiles and extensions to validate against, and the code systems whose codes both protocols
 * are checked against. One table of legal status codes, read from the published code systems.
 */
public final class UkCore {

    public static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
    public static final String PATIENT_PROFILE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient";
    public static final String ENCOUNTER_PROFILE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter";
    public static final String LEGAL_STATUS_EXTENSION =
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-LegalStatus";
    public static final String ETHNIC_CATEGORY_EXTENSION =
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory";
    public static final String LEGAL_STATUS_CONTEXT_SYSTEM = "https://fhir.hl7.org.uk/CodeSystem/UKCore-LegalStatusContext";
    public static final String ENGLAND_SYSTEM =
            "https://fhir.hl7.org.uk/CodeSystem/UKCore-LegalStatusClassificationEngland";
    public static final String WALES_SYSTEM = "https://fhir.hl7.org.uk/CodeSystem/UKCore-LegalStatusClassificationWales";

    private final List<IBaseResource> resources;
    private final Map<LegalStatusCodeSystem, Set<String>> legalStatusCodes = new EnumMap<>(LegalStatusCodeSystem.class);

    public UkCore(FhirContext fhir) {
        this.resources = load(fhir);
        for (IBaseResource resource : resources) {
            if (resource instanceof CodeSystem codeSystem) {
                LegalStatusCodeSystem system = systemOf(codeSystem.getUrl());
                if (system != null) {
                    Set<String> codes = new LinkedHashSet<>();
                    codeSystem.getConcept().forEach(c -> codes.add(c.getCode()));
                    legalStatusCodes.put(system, Set.copyOf(codes));
                }
            }
        }
        if (legalStatusCodes.size() != LegalStatusCodeSystem.values().length) {
            throw new IllegalStateException("the UK Core legal status code systems are missing from classpath:ukcore/");
        }
    }

    private static List<IBaseResource> load(FhirContext fhir) {
        List<IBaseResource> loaded = new ArrayList<>();
        try {
            for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath:ukcore/*.xml")) {
                try (InputStream in = file.getInputStream()) {
                    IBaseResource resource = fhir.newXmlParser().parseResource(in);
                    if (resource instanceof StructureDefinition definition) {
                        withoutUnresolvableSlices(definition);
                    }
                    loaded.add(resource);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the UK Core resources", e);
        }
        return List.copyOf(loaded);
    }

    /**
     * Drops the slices whose extension is an R6 cross-version extension ({@code http://hl7.org/fhir/6.0/...}, e.g.
     * UKCore-Patient's {@code fetalStatus}): HAPI's validator cannot resolve that version and would fail to make the
     * profile's snapshot at all. Such an extension on a resource is then checked as any extension is. The files stay
     * as published.
     */
    static void withoutUnresolvableSlices(StructureDefinition definition) {
        List<String> dropped = new ArrayList<>();
        for (ElementDefinition element : definition.getDifferential().getElement()) {
            boolean crossVersion = element.getType().stream().flatMap(t -> t.getProfile().stream())
                    .anyMatch(p -> p.getValue() != null && p.getValue().startsWith(CROSS_VERSION_R6));
            if (crossVersion) {
                dropped.add(element.getId());
            }
        }
        definition.getDifferential().getElement().removeIf(e -> dropped.stream()
                .anyMatch(id -> e.getId().equals(id) || e.getId().startsWith(id + ".")));
    }

    private static final String CROSS_VERSION_R6 = "http://hl7.org/fhir/6.0/";

    /** Every kept resource (profiles, extensions, code systems, value sets). */
    public List<IBaseResource> resources() {
        return resources;
    }

    /** True when the code is in the UK Core legal status classification of that system. */
    public boolean isLegalStatusCode(LegalStatusCodeSystem system, String code) {
        return code != null && legalStatusCodes.get(system).contains(code);
    }

    /** The code system a UK Core legal status classification URL names, or null. */
    public static LegalStatusCodeSystem systemOf(String url) {
        if (ENGLAND_SYSTEM.equals(url)) {
            return LegalStatusCodeSystem.ENGLAND;
        }
        if (WALES_SYSTEM.equals(url)) {
            return LegalStatusCodeSystem.WALES;
        }
        return null;
    }

    public static String urlOf(LegalStatusCodeSystem system) {
        return system == LegalStatusCodeSystem.WALES ? WALES_SYSTEM : ENGLAND_SYSTEM;
    }
}
