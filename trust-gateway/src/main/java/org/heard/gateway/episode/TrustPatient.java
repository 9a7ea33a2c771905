package org.heard.gateway.episode;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.heard.contracts.trust.AutomaticImhaReferralMade;
import org.heard.contracts.trust.EpisodeEndReason;
import org.heard.contracts.trust.ImhaOptOutRecorded;
import org.heard.contracts.trust.LegalStatusCodeSystem;
import org.heard.contracts.trust.LegalStatusEpisodeEnded;
import org.heard.contracts.trust.LegalStatusEpisodeReinstated;
import org.heard.contracts.trust.LegalStatusEpisodeStarted;
import org.heard.contracts.trust.QualifyingEpisodeEnded;
import org.heard.contracts.trust.QualifyingEpisodeReinstated;
import org.heard.contracts.trust.QualifyingEpisodeStarted;
import org.heard.contracts.trust.TrustPersonsMerged;
import org.heard.gateway.notice.NoticeKind;

/**
 * One person as NHS trusts have described them: their hospital stays, their legal status episodes (one per status;
 * a change during a stay ends one and starts the next) and their qualifying episodes (a run of qualifying statuses:
 * section 2 then section 3 is one). Every notice is compared with what is known, so the same notice twice changes
 * nothing, and a cancellation (A11, A13) undoes exactly what the admission or discharge did.
 */
@Aggregate
public class TrustPatient {

    static final String OPEN = "OPEN";
    static final String DISCHARGED = "DISCHARGED";
    static final String CANCELLED = "CANCELLED";
    /** "Not known": says nothing about the status. */
    static final String NOT_KNOWN = "99";
    /** "Not applicable": the person has no legal status under mental health law. */
    static final String NOT_APPLICABLE = "98";

    private record Stay(String site, String ward, String status) {
    }

    private record Episode(String id, String code, LegalStatusCodeSystem system, boolean qualifying, String stayRef) {
    }

    private record Qualifying(String id, String stayRef) {
    }

    /** What the last discharge ended and started, so that cancelling it (A13) undoes exactly that. */
    private static final class Discharge {
        final String stayRef;
        Episode endedEpisode;
        Qualifying endedQualifying;
        String startedEpisode;
        String startedQualifying;

        Discharge(String stayRef) {
            this.stayRef = stayRef;
        }
    }

    @AggregateIdentifier
    private String personId;
    private final Map<String, Stay> stays = new HashMap<>();
    private Episode episode;
    private Qualifying qualifying;
    private String lastQualifying;
    private Discharge lastDischarge;
    private final Map<String, String> referralCases = new HashMap<>();
    private final Set<String> optOuts = new HashSet<>();
    private final Set<String> merged = new HashSet<>();
    private String mergedInto;

    protected TrustPatient() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordTrustNotice notice) {
        this.personId = notice.personId();
        switch (notice.kind()) {
            case DISCHARGE -> discharge(notice);
            case ADMISSION_CANCELLED -> cancelAdmission(notice);
            case DISCHARGE_CANCELLED -> cancelDischarge(notice);
            case MERGE, OPT_OUT -> throw new IllegalArgumentException(notice.kind() + " has a command of its own");
            default -> {
                touchStay(notice, OPEN);
                if (notice.status() != null) {
                    changeStatus(notice, notice.status(), notice.occurredAt());
                }
            }
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(MergePerson command) {
        this.personId = command.personId();
        if (command.mergedPersonId().equals(personId) || merged.contains(command.mergedPersonId())) {
            return;
        }
        apply(new TrustPersonsMerged(personId, command.mergedPersonId(), command.mergedAt(), command.organisation()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(MarkMerged command) {
        this.personId = command.personId();
        if (!command.survivorId().equals(mergedInto)) {
            apply(new MergedInto(personId, command.survivorId(), command.mergedAt()));
        }
    }

    @CommandHandler
    public void handle(RecordAutomaticReferral command) {
        if (referralCases.containsKey(command.qualifyingEpisodeId())) {
            return;
        }
        apply(new AutomaticImhaReferralMade(personId, command.qualifyingEpisodeId(), command.caseId(),
                command.notifiedAt(), command.firstContactDueBy(), command.rule()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordOptOut command) {
        this.personId = command.personId();
        String episodeId = qualifying != null ? qualifying.id() : lastQualifying;
        if (!optOuts.add(episodeId + "|" + command.kind())) {
            return;
        }
        apply(new ImhaOptOutRecorded(personId, episodeId, episodeId == null ? null : referralCases.get(episodeId),
                command.recordedOn(), command.kind(), command.protocol()));
    }

    private void touchStay(RecordTrustNotice notice, String status) {
        String ref = notice.stayRef();
        if (ref == null) {
            return;
        }
        Stay known = stays.get(ref);
        String site = notice.site() != null ? notice.site() : known == null ? null : known.site();
        String ward = notice.ward() != null ? notice.ward() : known == null ? null : known.ward();
        if (known == null || !Objects.equals(known.site(), site) || !Objects.equals(known.ward(), ward)
                || !known.status().equals(status)) {
            apply(new StayChanged(personId, ref, site, ward, status, notice.occurredAt()));
        }
    }

    /** The legal status is now {@code status}, from {@code at} unless the status says when it began. */
    private void changeStatus(RecordTrustNotice notice, RecordTrustNotice.Status status, Instant at) {
        if (NOT_KNOWN.equals(status.code())) {
            return;
        }
        if (episode != null && episode.code().equals(status.code()) && episode.system() == status.system()) {
            return;
        }
        Instant startedAt = status.startedAt() != null ? status.startedAt() : at;
        boolean none = NOT_APPLICABLE.equals(status.code());
        if (episode != null) {
            apply(new LegalStatusEpisodeEnded(personId, episode.id(), startedAt,
                    none ? EpisodeEndReason.ENDED : EpisodeEndReason.SUPERSEDED));
        }
        Stay stay = notice.stayRef() == null ? null : stays.get(notice.stayRef());
        String site = notice.site() != null ? notice.site() : stay == null ? null : stay.site();
        String ward = notice.ward() != null ? notice.ward() : stay == null ? null : stay.ward();
        boolean qualifies = !none && status.qualifying();
        if (!none) {
            apply(new LegalStatusEpisodeStarted(personId, UUID.randomUUID().toString(), status.code(),
                    status.system(), qualifies, startedAt, notice.notifiedAt(), notice.organisation(), site, ward,
                    notice.stayRef(), notice.protocol()));
        }
        if (qualifying == null && qualifies) {
            apply(new QualifyingEpisodeStarted(personId, UUID.randomUUID().toString(), status.code(),
                    status.system(), startedAt, notice.notifiedAt(), notice.organisation(), site, ward));
        } else if (qualifying != null && !qualifies) {
            apply(new QualifyingEpisodeEnded(personId, qualifying.id(), startedAt, EpisodeEndReason.ENDED));
        }
    }

    private boolean ofStay(String episodeStay, String stayRef) {
        return stayRef == null || episodeStay == null || episodeStay.equals(stayRef);
    }

    private void discharge(RecordTrustNotice notice) {
        Instant at = notice.dischargedAt() != null ? notice.dischargedAt() : notice.occurredAt();
        String ref = notice.stayRef();
        Stay stay = ref == null ? null : stays.get(ref);
        if (stay != null && !OPEN.equals(stay.status())) {
            return;
        }
        touchStay(notice, DISCHARGED);
        Episode ended = null;
        if (episode != null && ofStay(episode.stayRef(), ref)) {
            ended = episode;
            apply(new LegalStatusEpisodeEnded(personId, episode.id(), at, EpisodeEndReason.DISCHARGED));
        }
        if (qualifying != null && ofStay(qualifying.stayRef(), ref)) {
            apply(new QualifyingEpisodeEnded(personId, qualifying.id(), at, EpisodeEndReason.DISCHARGED));
        }
        RecordTrustNotice.Status after = notice.status();
        if (after != null && !(ended != null && ended.code().equals(after.code()) && ended.system() == after.system())) {
            changeStatus(notice, after, at);
        }
    }

    private void cancelAdmission(RecordTrustNotice notice) {
        String ref = notice.stayRef();
        Stay stay = ref == null ? null : stays.get(ref);
        if (stay != null && CANCELLED.equals(stay.status())) {
            return;
        }
        if (episode != null && ofStay(episode.stayRef(), ref)) {
            apply(new LegalStatusEpisodeEnded(personId, episode.id(), notice.occurredAt(), EpisodeEndReason.CANCELLED));
        }
        if (qualifying != null && ofStay(qualifying.stayRef(), ref)) {
            apply(new QualifyingEpisodeEnded(personId, qualifying.id(), notice.occurredAt(),
                    EpisodeEndReason.CANCELLED));
        }
        touchStay(notice, CANCELLED);
    }

    private void cancelDischarge(RecordTrustNotice notice) {
        Discharge last = lastDischarge;
        String ref = notice.stayRef() != null ? notice.stayRef() : last == null ? null : last.stayRef;
        Stay stay = ref == null ? null : stays.get(ref);
        if (last == null || stay == null || !DISCHARGED.equals(stay.status()) || !ref.equals(last.stayRef)) {
            return;
        }
        if (last.startedEpisode != null && episode != null && episode.id().equals(last.startedEpisode)) {
            apply(new LegalStatusEpisodeEnded(personId, episode.id(), notice.occurredAt(), EpisodeEndReason.CANCELLED));
        }
        if (last.startedQualifying != null && qualifying != null && qualifying.id().equals(last.startedQualifying)) {
            apply(new QualifyingEpisodeEnded(personId, qualifying.id(), notice.occurredAt(),
                    EpisodeEndReason.CANCELLED));
        }
        apply(new StayChanged(personId, ref, stay.site(), stay.ward(), OPEN, notice.occurredAt()));
        if (last.endedEpisode != null && episode == null) {
            apply(new LegalStatusEpisodeReinstated(personId, last.endedEpisode.id(), notice.notifiedAt()));
        }
        if (last.endedQualifying != null && qualifying == null) {
            apply(new QualifyingEpisodeReinstated(personId, last.endedQualifying.id(), notice.notifiedAt()));
        }
    }

    @EventSourcingHandler
    void on(StayChanged event) {
        personId = event.personId();
        stays.put(event.stayRef(), new Stay(event.site(), event.ward(), event.status()));
        if (DISCHARGED.equals(event.status())) {
            lastDischarge = new Discharge(event.stayRef());
        }
    }

    @EventSourcingHandler
    void on(LegalStatusEpisodeStarted event) {
        personId = event.personId();
        episode = new Episode(event.episodeId(), event.legalStatusCode(), event.codeSystem(),
                event.qualifyingPatient(), event.stayRef());
        if (lastDischarge != null && event.stayRef() != null && event.stayRef().equals(lastDischarge.stayRef)
                && DISCHARGED.equals(stays.get(event.stayRef()).status())) {
            lastDischarge.startedEpisode = event.episodeId();
        }
    }

    @EventSourcingHandler
    void on(LegalStatusEpisodeEnded event) {
        if (event.reason() == EpisodeEndReason.DISCHARGED && lastDischarge != null) {
            lastDischarge.endedEpisode = episode;
        }
        episode = null;
    }

    @EventSourcingHandler
    void on(LegalStatusEpisodeReinstated event) {
        if (lastDischarge != null && lastDischarge.endedEpisode != null
                && lastDischarge.endedEpisode.id().equals(event.episodeId())) {
            episode = lastDischarge.endedEpisode;
        }
    }

    @EventSourcingHandler
    void on(QualifyingEpisodeStarted event) {
        personId = event.personId();
        String stayRef = episode == null ? null : episode.stayRef();
        qualifying = new Qualifying(event.qualifyingEpisodeId(), stayRef);
        lastQualifying = event.qualifyingEpisodeId();
        if (lastDischarge != null && stayRef != null && stayRef.equals(lastDischarge.stayRef)
                && DISCHARGED.equals(stays.get(stayRef).status())) {
            lastDischarge.startedQualifying = event.qualifyingEpisodeId();
        }
    }

    @EventSourcingHandler
    void on(QualifyingEpisodeEnded event) {
        if (event.reason() == EpisodeEndReason.DISCHARGED && lastDischarge != null) {
            lastDischarge.endedQualifying = qualifying;
        }
        qualifying = null;
    }

    @EventSourcingHandler
    void on(QualifyingEpisodeReinstated event) {
        if (lastDischarge != null && lastDischarge.endedQualifying != null
                && lastDischarge.endedQualifying.id().equals(event.qualifyingEpisodeId())) {
            qualifying = lastDischarge.endedQualifying;
        }
    }

    @EventSourcingHandler
    void on(AutomaticImhaReferralMade event) {
        referralCases.put(event.qualifyingEpisodeId(), event.caseId());
    }

    @EventSourcingHandler
    void on(ImhaOptOutRecorded event) {
        personId = event.personId();
        optOuts.add(event.qualifyingEpisodeId() + "|" + event.kind());
    }

    @EventSourcingHandler
    void on(TrustPersonsMerged event) {
        personId = event.personId();
        merged.add(event.mergedPersonId());
    }

    @EventSourcingHandler
    void on(MergedInto event) {
        personId = event.personId();
        mergedInto = event.survivorId();
    }
}
