package org.heard.outcomes.framework;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.heard.contracts.outcomes.FrameworkPurpose;
import org.heard.contracts.outcomes.ReliableChangeBasis;
import org.heard.contracts.outcomes.ReviewerRole;
import org.heard.contracts.outcomes.ScoringRule;
import org.heard.contracts.outcomes.Verdict;
import org.heard.kit.web.UnknownResource;
import org.heard.outcomes.framework.FrameworkCatalogue.FrameworkVersion;
import org.heard.outcomes.framework.FrameworkCommands.DefineItem;
import org.heard.outcomes.framework.FrameworkCommands.DraftFramework;
import org.heard.outcomes.framework.FrameworkCommands.DraftNewVersion;
import org.heard.outcomes.framework.FrameworkCommands.PublishVersion;
import org.heard.outcomes.framework.FrameworkCommands.RecordReview;
import org.heard.outcomes.framework.FrameworkCommands.RemoveItem;
import org.heard.outcomes.framework.FrameworkCommands.RetireVersion;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.heard.kit.security.Caller;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.heard.kit.domain.NotInFuture;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Evaluation frameworks as data: drafting, items, co-design reviews, publication, retirement, new versions. */
@RestController
@RequestMapping("/api/frameworks")
public class FrameworkController {

    private final CommandGateway commands;
    private final FrameworkCatalogue catalogue;

    public FrameworkController(CommandGateway commands, FrameworkCatalogue catalogue) {
        this.commands = commands;
        this.catalogue = catalogue;
    }

    /** A new framework: its id, name, purpose and scoring rule. */
    public record FrameworkRequest(@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,99}") String frameworkId,
                                   @NotBlank @Size(max = 200) String name, @NotNull FrameworkPurpose purpose,
                                   @NotNull ScoringRule scoringRule) {
    }

    /** An item: its wording, response scale (min, max, a label per point or none), subscale and direction. */
    public record ItemRequest(@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,49}") String itemId,
                              @NotBlank @Size(max = 1000) String wording, @NotNull Integer scaleMin,
                              @NotNull Integer scaleMax, List<@NotBlank String> scaleLabels,
                              @Size(max = 100) String subscale, Boolean reverseScored) {
    }

    /** A co-design review of the draft as it stands. */
    public record ReviewRequest(@NotNull ReviewerRole reviewerRole, @NotNull Verdict verdict,
                                @Size(max = 4000) String comment, @NotNull @NotInFuture LocalDate reviewedOn) {
    }

    /** A date of retirement. */
    public record Dated(@NotNull @NotInFuture LocalDate on) {
    }

    /**
     * A publication: its date and, optionally, what the version declares for the reliable change index of its total
     * score (Jacobson &amp; Truax): the SD of the total in a reference population and its reliability.
     */
    public record PublicationRequest(@NotNull @NotInFuture LocalDate on, @Valid ReliableChangeRequest reliableChange) {
    }

    /** The basis for reliable change a version declares; {@code source} says where the figures come from. */
    public record ReliableChangeRequest(
            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 6, fraction = 6)
            BigDecimal standardDeviation,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false)
            @Digits(integer = 1, fraction = 6) BigDecimal reliability,
            @NotNull ReliableChangeBasis.ReliabilityCoefficient reliabilityCoefficient,
            @NotNull ReliableChangeBasis.ImprovementDirection improvement,
            @NotBlank @Size(max = 500) String source) {
    }

    /** The version a new draft is based on. */
    public record NewVersionRequest(@NotNull Integer basedOnVersion) {
    }

    /** Drafts version 1 of a new framework: 201. */
    @PostMapping
    public ResponseEntity<Void> draft(@Valid @RequestBody FrameworkRequest request) {
        commands.sendAndWait(new DraftFramework(request.frameworkId(), request.name(), request.purpose(),
                request.scoringRule()));
        return ResponseEntity.created(URI.create("/api/frameworks/" + request.frameworkId() + "/versions/1")).build();
    }

    /** Drafts the next version from a published or retired one, its items copied: 201. */
    @PostMapping("/{frameworkId}/versions")
    public ResponseEntity<Void> newVersion(@PathVariable String frameworkId,
                                           @Valid @RequestBody NewVersionRequest request) {
        commands.sendAndWait(new DraftNewVersion(frameworkId, request.basedOnVersion()));
        return ResponseEntity.status(201).build();
    }

    /** A version with its items. */
    @GetMapping("/{frameworkId}/versions/{version}")
    public FrameworkVersion version(@PathVariable String frameworkId, @PathVariable int version) {
        return catalogue.find(frameworkId, version)
                .orElseThrow(() -> new UnknownResource("No such version of this framework"));
    }

    /** Adds or changes an item of a draft version: 204; 409 on a published version. */
    @PostMapping("/{frameworkId}/versions/{version}/items")
    public ResponseEntity<Void> defineItem(@PathVariable String frameworkId, @PathVariable int version,
                                           @Valid @RequestBody ItemRequest request) {
        commands.sendAndWait(new DefineItem(frameworkId, version, request.itemId(), request.wording(),
                request.scaleMin(), request.scaleMax(), request.scaleLabels() == null ? List.of() : request.scaleLabels(),
                request.subscale(), Boolean.TRUE.equals(request.reverseScored())));
        return ResponseEntity.noContent().build();
    }

    /** Removes an item from a draft version: 204. */
    @PostMapping("/{frameworkId}/versions/{version}/items/{itemId}/removal")
    public ResponseEntity<Void> removeItem(@PathVariable String frameworkId, @PathVariable int version,
                                           @PathVariable String itemId) {
        commands.sendAndWait(new RemoveItem(frameworkId, version, itemId));
        return ResponseEntity.noContent().build();
    }

    /**
     * Records a co-design review of the draft as it stands: 204. A service-user panel's review comes only from a
     * caller with the {@code service-user-panel} role (the panel, or whoever records its decisions), who records no
     * other kind; an advocate records the other groups' reviews. 403 otherwise.
     */
    @PostMapping("/{frameworkId}/versions/{version}/reviews")
    public ResponseEntity<Void> review(@PathVariable String frameworkId, @PathVariable int version,
                                       @Valid @RequestBody ReviewRequest request, Authentication authentication) {
        boolean panel = Caller.of(authentication).has(Caller.PANEL);
        if (panel != (request.reviewerRole() == ReviewerRole.SERVICE_USER_PANEL)) {
            throw new AccessDeniedException(panel ? "the service-user panel records only its own reviews"
                    : "a service-user panel's review comes from the panel (role service-user-panel)");
        }
        commands.sendAndWait(new RecordReview(frameworkId, version, request.reviewerRole(), request.verdict(),
                request.comment(), request.reviewedOn()));
        return ResponseEntity.noContent().build();
    }

    /**
     * Publishes a draft version, optionally with its basis for reliable change: 204; 409 without a service-user
     * panel's endorsement of this exact version.
     */
    @PostMapping("/{frameworkId}/versions/{version}/publication")
    public ResponseEntity<Void> publish(@PathVariable String frameworkId, @PathVariable int version,
                                        @Valid @RequestBody PublicationRequest request) {
        ReliableChangeRequest basis = request.reliableChange();
        commands.sendAndWait(new PublishVersion(frameworkId, version, request.on(), basis == null ? null
                : new ReliableChangeBasis(basis.standardDeviation(), basis.reliability(),
                        basis.reliabilityCoefficient(), basis.improvement(), basis.source())));
        return ResponseEntity.noContent().build();
    }

    /** Retires a published version: 204. */
    @PostMapping("/{frameworkId}/versions/{version}/retirement")
    public ResponseEntity<Void> retire(@PathVariable String frameworkId, @PathVariable int version,
                                       @Valid @RequestBody Dated request) {
        commands.sendAndWait(new RetireVersion(frameworkId, version, request.on()));
        return ResponseEntity.noContent().build();
    }
}
