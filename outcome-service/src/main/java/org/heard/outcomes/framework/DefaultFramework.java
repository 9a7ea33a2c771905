package org.heard.outcomes.framework;

import java.util.List;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.heard.contracts.outcomes.FrameworkPurpose;
import org.heard.contracts.outcomes.ScoringRule;
import org.heard.outcomes.framework.FrameworkCommands.DefineItem;
import org.heard.outcomes.framework.FrameworkCommands.DraftFramework;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Heard's own empowerment framework, in our own words (no licensed instrument text), across the domains service users
 * named: being involved in decisions, being listened to, knowing one's rights, confidence to speak up, a say over care
 * and treatment, hope. It ships as a draft: a service-user panel reviews it and only then can it be published —
 * nobody's endorsement is assumed. Deployments define licensed instruments the same way, through the API.
 */
@Component
public class DefaultFramework implements ApplicationRunner {

    public static final String ID = "heard-empowerment";
    private static final List<String> AGREEMENT = List.of("Not at all", "A little", "Somewhat", "Mostly", "Completely");
    private static final List<String[]> ITEMS = List.of(
            new String[] {"involved-in-decisions", "When decisions are made about my care and treatment, I am part of"
                    + " making them.", "involvement"},
            new String[] {"listened-to", "The people who work with me listen to what I have to say.", "involvement"},
            new String[] {"know-my-rights", "I understand my rights, including my rights under the Mental Health"
                    + " Act.", "personal-development"},
            new String[] {"confident-to-speak-up", "I feel confident to speak up for myself.", "personal-development"},
            new String[] {"say-over-care", "I have a say over my care and treatment.", "care-and-treatment"},
            new String[] {"hopeful", "I feel hopeful about my future.", "personal-development"});

    private final CommandGateway commands;
    private final FrameworkCatalogue catalogue;

    public DefaultFramework(CommandGateway commands, FrameworkCatalogue catalogue) {
        this.commands = commands;
        this.catalogue = catalogue;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (catalogue.exists(ID)) {
            return;
        }
        commands.sendAndWait(new DraftFramework(ID, "Heard empowerment", FrameworkPurpose.EMPOWERMENT, ScoringRule.SUM));
        for (String[] item : ITEMS) {
            commands.sendAndWait(new DefineItem(ID, 1, item[0], item[1], 1, 5, AGREEMENT, item[2], false));
        }
    }
}
