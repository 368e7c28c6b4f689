package dev.catalogsync.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CatalogExpressionsTest {

    @Test
    void reads_the_values_of_a_list_partition_bound() {
        assertThat(CatalogExpressions.listValues("FOR VALUES IN ('1')")).containsExactly(1L);
        assertThat(CatalogExpressions.listValues("FOR VALUES IN ('10', '-3', '2')"))
                .containsExactly(-3L, 2L, 10L);
        assertThat(CatalogExpressions.listValues("DEFAULT")).isEmpty();
    }

    @Test
    void reads_a_constant_default_as_pg_get_expr_prints_it_and_nothing_else() {
        assertThat(CatalogExpressions.constant("2")).hasValue(2);
        assertThat(CatalogExpressions.constant("'12'::bigint")).hasValue(12);
        assertThat(CatalogExpressions.constant(" (3) ")).hasValue(3);
        assertThat(CatalogExpressions.constant("nextval('partition_seq'::regclass)"))
                .isEmpty();
    }
}
