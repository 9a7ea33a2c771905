package org.heard.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

class MllpLoadTest {

    @Test
    void everyBenchPersonHasTheirOwnValidNhsNumberOfThe999TestRange() {
        Set<String> seen = new HashSet<>();
        for (int person = 0; person < 5_000; person++) {
            String nhs = MllpLoad.nhsNumber(person);
            assertThat(nhs).hasSize(10).startsWith("999");
            assertThat(modulus11(nhs)).as(nhs).isTrue();
            assertThat(seen.add(nhs)).as("person %d's NHS number %s is another's", person, nhs).isTrue();
        }
    }

    @Test
    void theAdmissionIsAnAdtA01UnderSection3FromTheLocalStacksSyntheticTrustWithItsOwnControlId() throws Exception {
        try (HapiContext hapi = new DefaultHapiContext()) {
            hapi.setModelClassFactory(new CanonicalModelClassFactory("2.5"));
            hapi.setValidationContext(ValidationContextFactory.noValidation());
            Message message = hapi.getPipeParser().parse(MllpLoad.a01("bench-x-7", 42));
            Terser terser = new Terser(message);
            assertThat(terser.get("/MSH-4-1")).isEqualTo("HEARD_DEMO_PAS");
            assertThat(terser.get("/MSH-9-1") + "^" + terser.get("/MSH-9-2")).isEqualTo("ADT^A01");
            assertThat(terser.get("/MSH-10")).isEqualTo("bench-x-7");
            assertThat(terser.get("/PID-3(0)-1")).isEqualTo(MllpLoad.nhsNumber(42));
            assertThat(terser.get("/PID-3(0)-5")).isEqualTo("NH");
            assertThat(MllpLoad.a01("bench-x-7", 42)).contains("\rZLS|1|03^^UKCORE-ENGLAND|");
        }
    }

    /** The NHS number check digit, computed here apart from the code under test. */
    private static boolean modulus11(String nhs) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += Character.digit(nhs.charAt(i), 10) * (10 - i);
        }
        int check = (11 - sum % 11) % 11;
        return check != 10 && check == Character.digit(nhs.charAt(9), 10);
    }
}
