package dev.catalogsync.bootstrap;

import dev.catalogsync.application.contract.FeatureFlagStoreContract;
import dev.catalogsync.application.port.out.FeatureFlagStore;

/**
 * The proof an embedding host's adapter is right: the port's contract suite from application's test-jar, run on the
 * flag store {@link EmbeddingHostTest}'s host binds.
 */
class HostFlagsHonourTheContractTest extends FeatureFlagStoreContract {

    private final EmbeddingHostTest.HostFlags flags = new EmbeddingHostTest.HostFlags();

    @Override
    protected FeatureFlagStore store() {
        return flags;
    }
}
