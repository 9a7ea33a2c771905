package org.heard.reporting.ops;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.heard.kit.security.AuditTrail;
import org.heard.kit.security.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** For operations: what is parked on the dead-letter topic, and replaying or resolving it (each action audited). */
@RestController
@RequestMapping("/api/operations/dead-letters")
public class DeadLetterController {

    private final DeadLetterArchive archive;
    private final AuditTrail audit;

    public DeadLetterController(DeadLetterArchive archive, AuditTrail audit) {
        this.archive = archive;
        this.audit = audit;
    }

    /**
     * The parked records and how many of each reason.
     *
     * @param byReason     parked (not yet replayed or resolved) records by reason
     * @param records      every record on the dead-letter topic with its origin, reason and status (never content)
     */
    public record DeadLetters(int parked, Map<String, Integer> byReason, List<DeadLetterArchive.Parked> records) {
    }

    /** Every parked record with its origin, reason and what was done to it; {@code status} narrows the list. */
    @GetMapping
    public DeadLetters list(@RequestParam(required = false) DeadLetterArchive.Status status) {
        List<DeadLetterArchive.Parked> all = archive.list();
        Map<String, Integer> byReason = new TreeMap<>();
        int parked = 0;
        for (DeadLetterArchive.Parked record : all) {
            if (record.status() == DeadLetterArchive.Status.PARKED) {
                parked++;
                byReason.merge(record.reason() == null ? "unknown" : record.reason(), 1, Integer::sum);
            }
        }
        return new DeadLetters(parked, byReason, status == null ? all
                : all.stream().filter(r -> r.status() == status).toList());
    }

    /** Sends one parked record back to the topic it came from (after a fix); audited. */
    @PostMapping("/{partition}/{offset}/replay")
    public DeadLetterArchive.Parked replay(@PathVariable int partition, @PathVariable long offset,
                                           Authentication authentication) {
        Caller caller = Caller.of(authentication);
        audit.operation(caller, "DEAD_LETTER_REPLAYED", "dead-letter/" + partition + "@" + offset, "operations");
        return archive.replay(partition, offset, caller.subject());
    }

    /**
     * Sends every record still parked for a reason containing {@code reasonContains} back to where it came from
     * (all parked records when it is absent); audited once per record.
     */
    @PostMapping("/replay")
    public List<DeadLetterArchive.Parked> replayMany(@RequestParam(required = false) String reasonContains,
                                                     Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return archive.list().stream().filter(r -> r.status() == DeadLetterArchive.Status.PARKED)
                .filter(r -> reasonContains == null || (r.reason() != null && r.reason().contains(reasonContains)))
                .map(r -> {
                    audit.operation(caller, "DEAD_LETTER_REPLAYED", "dead-letter/" + r.partition() + "@" + r.offset(),
                            "operations");
                    return archive.replay(r.partition(), r.offset(), caller.subject());
                }).toList();
    }

    /** Marks one parked record as dealt with, without replaying it; audited. */
    @PostMapping("/{partition}/{offset}/resolution")
    public DeadLetterArchive.Parked resolve(@PathVariable int partition, @PathVariable long offset,
                                            Authentication authentication) {
        Caller caller = Caller.of(authentication);
        audit.operation(caller, "DEAD_LETTER_RESOLVED", "dead-letter/" + partition + "@" + offset, "operations");
        return archive.resolve(partition, offset, caller.subject());
    }
}
