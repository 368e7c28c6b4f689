package dev.catalogsync.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalogsync.application.port.out.CatalogMirror;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link CatalogMirror} must do. Subclasses provide a fresh, empty world for each test. */
public abstract class CatalogMirrorContract {

    protected abstract CatalogWorld world();

    protected abstract CatalogMirror mirror();

    private static final MirroredAttributes ORIGINAL =
            new MirroredAttributes("original", "the first description", VisibilityLevel.PRIVATE);
    private static final MirroredAttributes CHANGED = new MirroredAttributes("changed", null, VisibilityLevel.PUBLIC);

    @Test
    void copies_name_description_and_visibility_from_the_project() {
        long project = world().createProject(ORIGINAL);
        long resource = world().createCatalogResource(project);
        world().updateProject(project, CHANGED);

        int changed = mirror().syncFromProjects(List.of(resource));

        assertThat(changed).isEqualTo(1);
        assertThat(world().catalogResource(resource))
                .map(CatalogResource::attributes)
                .contains(CHANGED);
    }

    @Test
    void leaves_resources_that_already_match_their_project_unchanged() {
        long project = world().createProject(ORIGINAL);
        long resource = world().createCatalogResource(project);

        assertThat(mirror().syncFromProjects(List.of(resource))).isZero();
        assertThat(world().catalogResource(resource))
                .map(CatalogResource::attributes)
                .contains(ORIGINAL);
    }

    @Test
    void syncs_only_the_named_resources() {
        long first = world().createProject(ORIGINAL);
        long second = world().createProject(ORIGINAL);
        long firstResource = world().createCatalogResource(first);
        long secondResource = world().createCatalogResource(second);
        world().writeCatalogResourceByHand(firstResource, CHANGED);
        world().writeCatalogResourceByHand(secondResource, CHANGED);

        mirror().syncFromProjects(List.of(firstResource));

        assertThat(world().catalogResource(firstResource))
                .map(CatalogResource::attributes)
                .contains(ORIGINAL);
        assertThat(world().catalogResource(secondResource))
                .map(CatalogResource::attributes)
                .contains(CHANGED);
    }

    @Test
    void ignores_ids_of_deleted_resources() {
        long project = world().createProject(ORIGINAL);
        long kept = world().createCatalogResource(project);
        long otherProject = world().createProject(ORIGINAL);
        long deleted = world().createCatalogResource(otherProject);
        world().deleteCatalogResource(deleted);
        world().writeCatalogResourceByHand(kept, CHANGED);

        assertThat(mirror().syncFromProjects(List.of(deleted, kept))).isEqualTo(1);
        assertThat(world().catalogResource(kept))
                .map(CatalogResource::attributes)
                .contains(ORIGINAL);
    }

    @Test
    void an_empty_list_syncs_nothing() {
        assertThat(mirror().syncFromProjects(List.of())).isZero();
    }
}
