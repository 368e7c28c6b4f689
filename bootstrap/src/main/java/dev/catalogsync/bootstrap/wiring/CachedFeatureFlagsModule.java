package dev.catalogsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.catalogsync.adapters.postgres.PostgresFeatureFlagStore;
import dev.catalogsync.application.flags.CachingFeatureFlagStore;
import dev.catalogsync.application.port.out.FeatureFlagStore;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * For the long-running service, as an override of {@link PostgresModule}'s flag store: the service checks the
 * flag on every callback and poll, so it reads the stored state at most once per {@link #TIME_TO_LIVE}. A
 * change made by {@code feature set} in another process is seen within that time.
 */
public class CachedFeatureFlagsModule extends AbstractModule {

    /** Half the second the issue allows between a flag change and the service acting on it. */
    public static final Duration TIME_TO_LIVE = Duration.ofMillis(500);

    private final DataSource dataSource;

    public CachedFeatureFlagsModule(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Provides
    @Singleton
    FeatureFlagStore featureFlagStore(Clock clock) {
        return new CachingFeatureFlagStore(new PostgresFeatureFlagStore(dataSource), clock, TIME_TO_LIVE);
    }
}
