package dev.catalogsync.adapters.scheduler.inbound.console;

import dev.catalogsync.adapters.scheduler.inbound.http.HttpRoute;
import dev.catalogsync.adapters.scheduler.inbound.http.RouteResponse;
import dev.catalogsync.application.port.in.ManageFeatureFlags;
import dev.catalogsync.application.port.in.ManageFeatureFlags.FlagState;
import dev.catalogsync.application.port.out.ChangedBy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /actions/flag} {@code {"enabled": true, "actor": "alice"}}: turns the sync's flag on or off for every
 * instance, as {@code feature set} does, recorded in the flag's audit with the actor and origin {@code console}.
 * 200 with the flag's state after.
 */
public final class FlagAction extends Action {

    public static final String PATH = "/actions/flag";

    private final ManageFeatureFlags flags;
    private final String flagName;

    public FlagAction(ManageFeatureFlags flags, String flagName) {
        super("the flag change", Set.of("enabled"));
        this.flags = Objects.requireNonNull(flags, "flags");
        this.flagName = Objects.requireNonNull(flagName, "flagName");
    }

    public static HttpRoute route(ManageFeatureFlags flags, String flagName) {
        return HttpRoute.post(PATH, ActionRequest.MAX_BODY_BYTES, new FlagAction(flags, flagName));
    }

    @Override
    RouteResponse perform(ActionRequest request) throws ActionRequest.MalformedActionException {
        boolean enabled = request.flag("enabled", Optional.empty());
        ChangedBy changedBy = request.changedBy();
        FlagState state = flags.set(flagName, enabled, changedBy);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("flag", state.flag().name());
        answer.put("enabled", state.enabled());
        answer.put("actor", changedBy.actor());
        answer.put("origin", changedBy.origin());
        return RouteResponse.json(200, answer);
    }
}
