package dev.catalogsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.catalogsync.adapters.scheduler.inbound.http.HealthCheck;
import dev.catalogsync.adapters.scheduler.inbound.http.HttpRoute;
import dev.catalogsync.adapters.scheduler.inbound.http.ProjectUpdateHook;
import dev.catalogsync.application.port.in.HandleProjectUpdate;

/**
 * The HTTP endpoints the service serves when asked to, as a set of routes: an endpoint is added by contributing
 * one more {@link HttpRoute} to the set.
 */
public class HttpModule extends AbstractModule {

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), HttpRoute.class);
    }

    @ProvidesIntoSet
    HttpRoute projectUpdateHook(HandleProjectUpdate callback) {
        return ProjectUpdateHook.route(callback);
    }

    @ProvidesIntoSet
    HttpRoute health() {
        return HealthCheck.route();
    }
}
