package dev.catalogsync.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.port.out.MirrorDrift;
import dev.catalogsync.application.port.out.MirrorDrift.DriftPage;
import dev.catalogsync.domain.SyncEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link MirrorDrift} must do. Subclasses provide a fresh, empty world for each test. */
public abstract class MirrorDriftContract {

    protected abstract CatalogWorld world();

    protected abstract MirrorDrift drift();

    private final List<Long> resources = new ArrayList<>();

    private static MirroredAttributes attributes(String name, String description) {
        return new MirroredAttributes(name, description, VisibilityLevel.PUBLIC);
    }

    /** Five catalog resources, each equal to its project; one project without a resource. */
    @BeforeEach
    void five_consistent_catalog_resources() {
        for (int i = 0; i < 5; i++) {
            long project = world().createProject(attributes("project " + i, i % 2 == 0 ? null : "about " + i));
            resources.add(world().createCatalogResource(project));
        }
        world().createProject(attributes("not in the catalog", null));
    }

    @Test
    void a_consistent_mirror_has_no_drift() {
        assertThat(drift().checkPage(Long.MIN_VALUE, 100, true)).isEqualTo(new DriftPage(5, 0, 0, resources.get(4)));
        assertThat(world().events()).isEmpty();
    }

    @Test
    void each_of_the_three_columns_counts_and_nulls_compare_equal() {
        world().writeCatalogResourceByHand(resources.get(0), attributes("other name", null));
        world().writeCatalogResourceByHand(resources.get(1), attributes("project 1", null));
        world().writeCatalogResourceByHand(
                        resources.get(2), new MirroredAttributes("project 2", null, VisibilityLevel.PRIVATE));

        assertThat(drift().checkPage(Long.MIN_VALUE, 100, false).drifted()).isEqualTo(3);
    }

    @Test
    void without_repair_nothing_is_queued() {
        world().writeCatalogResourceByHand(resources.get(3), attributes("by hand", null));

        assertThat(drift().checkPage(Long.MIN_VALUE, 100, false)).isEqualTo(new DriftPage(5, 1, 0, resources.get(4)));
        assertThat(world().events()).isEmpty();
    }

    @Test
    void with_repair_one_pending_event_is_queued_for_each_drifted_resource() {
        world().writeCatalogResourceByHand(resources.get(1), attributes("by hand", null));
        world().writeCatalogResourceByHand(resources.get(3), attributes("by hand", null));

        assertThat(drift().checkPage(Long.MIN_VALUE, 100, true)).isEqualTo(new DriftPage(5, 2, 2, resources.get(4)));
        assertThat(world().events())
                .allMatch(SyncEvent::isPending)
                .extracting(SyncEvent::catalogResourceId)
                .containsExactlyInAnyOrder(resources.get(1), resources.get(3));
    }

    @Test
    void a_page_takes_the_resources_after_the_given_id_lowest_first_up_to_the_limit() {
        world().writeCatalogResourceByHand(resources.get(0), attributes("by hand", null));
        world().writeCatalogResourceByHand(resources.get(3), attributes("by hand", null));

        DriftPage first = drift().checkPage(Long.MIN_VALUE, 2, true);
        DriftPage second = drift().checkPage(first.lastId(), 2, true);
        DriftPage third = drift().checkPage(second.lastId(), 2, true);
        DriftPage past = drift().checkPage(third.lastId(), 2, true);

        assertThat(List.of(first, second, third, past))
                .containsExactly(
                        new DriftPage(2, 1, 1, resources.get(1)),
                        new DriftPage(2, 1, 1, resources.get(3)),
                        new DriftPage(1, 0, 0, resources.get(4)),
                        new DriftPage(0, 0, 0, resources.get(4)));
        assertThat(world().events())
                .extracting(SyncEvent::catalogResourceId)
                .containsExactly(resources.get(0), resources.get(3));
    }
}
