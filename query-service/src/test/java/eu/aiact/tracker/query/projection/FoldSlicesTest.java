package eu.aiact.tracker.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A rebuild's fold runs in as many slices as asked or as there are processors, never more than the connection pool has room for. */
class FoldSlicesTest {

    @Test
    void byDefaultOnePerProcessorWithinThePool() {
        assertThat(ProjectionRebuild.slices(0, 2, 10)).isEqualTo(2);
        assertThat(ProjectionRebuild.slices(0, 16, 10)).as("16 processors, a pool of 10: room for 2").isEqualTo(2);
        assertThat(ProjectionRebuild.slices(0, 16, 40)).isEqualTo(16);
        assertThat(ProjectionRebuild.slices(0, 1, 10)).isEqualTo(1);
        assertThat(ProjectionRebuild.slices(0, 8, 4)).as("a small pool still folds, in one slice").isEqualTo(1);
    }

    @Test
    void asConfiguredWhenThePoolHasRoomAndRefusedWithWhatToChangeOtherwise() {
        assertThat(ProjectionRebuild.slices(3, 2, 12)).isEqualTo(3);
        assertThatThrownBy(() -> ProjectionRebuild.slices(3, 2, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tracker.rebuild.fold-slices=3").hasMessageContaining("a pool of at least 12")
                .hasMessageContaining("spring.datasource.hikari.maximum-pool-size, now 10").hasMessageContaining("at most 2 slices");
        assertThatThrownBy(() -> ProjectionRebuild.slices(-1, 2, 10)).hasMessageContaining("must be 0 (one per processor) or more");
    }
}
