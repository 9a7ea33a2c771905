package org.heard.cases.caseload.list;

import java.util.List;

import org.heard.cases.access.Caseloads;
import org.heard.cases.referral.CaseApi;
import org.heard.kit.security.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The calling advocate's caseload. Access: the caller's own caseload only (the cases assigned to them, and their
 * team's where their provider shares caseloads by team); a token naming no provider has none.
 */
@RestController
@RequestMapping("/api/cases")
@Tag(name = CaseApi.TAG)
public class CaseloadEndpoint {

    private final Caseloads caseloads;

    public CaseloadEndpoint(Caseloads caseloads) {
        this.caseloads = caseloads;
    }

    /** One case of a caseload. */
    public record CaseloadEntry(String caseId, String personId, String status) {
    }

    /** The calling advocate's caseload. */
    @GetMapping
    public List<CaseloadEntry> caseload(Authentication authentication) {
        return caseloads.caseload(Caller.of(authentication)).stream()
                .map(e -> new CaseloadEntry(e.caseId(), e.personId(), e.status().name())).toList();
    }
}
