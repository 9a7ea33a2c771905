package org.heard.deploy.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.concurrent.TimeUnit;

import org.heard.deploy.LocalKeys;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * The demo's synthetic trust, {@code HEARD_DEMO_PAS} (configured in the gateway's defaults as organisation SYNTH,
 * legal status in Heard's ZLS segment, FHIR client {@code heard-gateway-demo}): it tells the trust gateway of
 * admissions as a trust's systems would — HL7 v2 ADT^A01 over MLLP with HAPI's client, or a FHIR R4 UK Core
 * transaction Bundle (Patient and Encounter with its legal status) with HAPI's generic client — and records opt-outs
 * and declines through the gateway's {@code /api/opt-outs}. Every call must be acknowledged as stored (AA, 2xx), or the
 * demo stops.
 */
final class TrustFeed implements AutoCloseable {

    static final String FACILITY = "HEARD_DEMO_PAS";
    static final String FHIR_CLIENT = "heard-gateway-demo";
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(LONDON);
    private static final DateTimeFormatter HL7_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String ENGLAND = "https://fhir.hl7.org.uk/CodeSystem/UKCore-LegalStatusClassificationEngland";
    private static final String ETHNIC_ENGLAND = "https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland";

    /** One admission the trust reports: who, where, since when and under which section (a UK Core England code). */
    record Admission(int number, String nhsNumber, String given, String family, LocalDate dateOfBirth, String sex,
                     String ethnicCategory, String ward, Instant admitted, String legalStatusCode) {
    }

    private final String gatewayUrl;
    private final String mllpHost;
    private final int mllpPort;
    private final LocalKeys keys;
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HapiContext hapi;
    private Connection mllp;
    private IGenericClient fhir;

    TrustFeed(String gatewayUrl, String mllpHost, int mllpPort, LocalKeys keys) {
        this.gatewayUrl = gatewayUrl;
        this.mllpHost = mllpHost;
        this.mllpPort = mllpPort;
        this.keys = keys;
    }

    /** Sends the admission as HL7 v2 ADT^A01 over MLLP; returns once the gateway answered AA (stored). */
    synchronized void admitByHl7(Admission a) throws Exception {
        if (mllp == null) {
            hapi = new DefaultHapiContext();
            hapi.setModelClassFactory(new CanonicalModelClassFactory("2.5"));
            hapi.setValidationContext(ValidationContextFactory.noValidation());
            hapi.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
            hapi.setLowerLayerProtocol(new MinLowerLayerProtocol(true));
            mllp = hapi.newClient(mllpHost, mllpPort, false);
            mllp.getInitiator().setTimeout(60, TimeUnit.SECONDS);
        }
        String controlId = "demo-" + run + "-" + a.number();
        Message ack = mllp.getInitiator().sendAndReceive(hapi.getPipeParser().parse(a01(a, controlId)));
        Terser answer = new Terser(ack);
        if (!"AA".equals(answer.get("/MSA-1")) || !controlId.equals(answer.get("/MSA-2"))) {
            // ERR names the segment and field and the rule, never a value
            throw new IllegalStateException("the gateway answered " + answer.get("/MSA-1") + " to an admission ("
                    + answer.get("/ERR-2-1") + "-" + answer.get("/ERR-2-3") + ", " + answer.get("/ERR-3-1") + ")");
        }
    }

    /** Heard's documented HL7 v2.5 A01: NHS number in PID-3, ward and site in PV1-3, section in the ZLS segment. */
    static String a01(Admission a, String controlId) {
        String admitted = HL7_TIME.format(a.admitted());
        return String.join("\r",
                "MSH|^~\\&|PAS|" + FACILITY + "|HEARD|HEARD|" + admitted + "||ADT^A01^ADT_A01|" + controlId
                        + "|P|2.5|||AL|NE",
                "EVN|A01|" + admitted,
                "PID|1||" + a.nhsNumber() + "^^^NHS^NH~H" + a.number() + "^^^SYNTH^MR||" + a.family() + "^"
                        + a.given() + "||" + HL7_DATE.format(a.dateOfBirth()) + "|" + a.sex()
                        + "||||||||||||||" + a.ethnicCategory(),
                "PV1|1|I|" + a.ward() + "^^^SYNTH01||||||||||||||||V-" + a.number() + "|||||||||||||||||||||||||"
                        + admitted + "|",
                "ZLS|1|" + a.legalStatusCode() + "^^UKCORE-ENGLAND|" + admitted) + "\r";
    }

    /** Sends the admission as a FHIR transaction Bundle of a UK Core Patient and Encounter. */
    void admitByFhir(Admission a) throws Exception {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("https://fhir.nhs.uk/Id/nhs-number").setValue(a.nhsNumber());
        patient.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(a.family()).addGiven(a.given());
        patient.setGender(switch (a.sex()) {
            case "F" -> Enumerations.AdministrativeGender.FEMALE;
            case "M" -> Enumerations.AdministrativeGender.MALE;
            default -> Enumerations.AdministrativeGender.OTHER;
        });
        patient.setBirthDateElement(new DateType(a.dateOfBirth().toString()));
        patient.addExtension(new Extension("https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory",
                new CodeableConcept(new Coding(ETHNIC_ENGLAND, a.ethnicCategory(), null))));

        Encounter encounter = new Encounter();
        encounter.addIdentifier().setSystem("https://synthetic-trust.example/Id/spell").setValue("SPELL-" + a.number());
        encounter.setStatus(Encounter.EncounterStatus.INPROGRESS);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP",
                "inpatient encounter"));
        encounter.getPeriod().setStart(Date.from(a.admitted()));
        encounter.getServiceProvider().getIdentifier().setSystem("https://fhir.nhs.uk/Id/ods-organization-code")
                .setValue("SYNTH");
        encounter.addLocation().getLocation().setDisplay(a.ward());
        Extension status = new Extension("https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-LegalStatus");
        status.addExtension("legalStatusContext", new CodeableConcept(new Coding(
                "https://fhir.hl7.org.uk/CodeSystem/UKCore-LegalStatusContext", "admission", "Admission")));
        status.addExtension("legalStatusClassification", new CodeableConcept(new Coding(ENGLAND,
                a.legalStatusCode(), null)));
        encounter.addExtension(status);

        String patientUrl = "urn:uuid:" + java.util.UUID.randomUUID();
        encounter.getSubject().setReference(patientUrl);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry().setFullUrl(patientUrl).setResource(patient)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        bundle.addEntry().setFullUrl("urn:uuid:" + java.util.UUID.randomUUID()).setResource(encounter)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Encounter");
        Bundle response = fhir().transaction().withBundle(bundle).execute();
        for (Bundle.BundleEntryComponent entry : response.getEntry()) {
            if (!entry.getResponse().getStatus().startsWith("2")) {
                throw new IllegalStateException("the gateway answered " + entry.getResponse().getStatus()
                        + " to an entry of an admission Bundle");
            }
        }
    }

    private synchronized IGenericClient fhir() throws IOException, GeneralSecurityException {
        if (fhir == null) {
            FhirContext context = FhirContext.forR4();
            context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
            // the gateway validates every resource against UK Core, slowly on a loaded machine
            context.getRestfulClientFactory().setSocketTimeout(120_000);
            fhir = context.newRestfulGenericClient(gatewayUrl + "/fhir");
            fhir.registerInterceptor(new BearerTokenAuthInterceptor(keys.token("integration", FHIR_CLIENT, null,
                    Duration.ofHours(2))));
        }
        return fhir;
    }

    /** Records that the person opted out of the automatic IMHA referral ({@code OPTED_OUT}) or declined it. */
    void optOut(String nhsNumber, String kind, LocalDate recordedOn) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/opt-outs"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + keys.token("integration", FHIR_CLIENT, null, Duration.ofHours(2)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"nhsNumber\":\"" + nhsNumber + "\",\"kind\":\"" + kind
                        + "\",\"recordedOn\":\"" + recordedOn + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            // a problem+json answer, which never carries personal data
            throw new IllegalStateException("POST /api/opt-outs answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    @Override
    public synchronized void close() {
        if (mllp != null) {
            try {
                mllp.close();
            } catch (Exception ignored) {
                // the gateway went first
            }
            mllp = null;
        }
        if (hapi != null) {
            try {
                hapi.close();
            } catch (IOException ignored) {
                // nothing left to send
            }
        }
    }
}
