package io.stagedoor.app.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The responsiveness check bites: an FX thread that blocks for 150 ms twice a second misses far more than 5 %. */
@ExtendWith(ApplicationExtension.class)
class PulseTimerIT {

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new Label("busy"), 200, 100));
        stage.show();
    }

    @Test
    void aBlockedFxThreadMissesTicks() throws Exception {
        var pulse = new BroadcastStudioIT.PulseTimer();
        pulse.start();
        try {
            for (int i = 0; i < 8; i++) {
                Platform.runLater(() -> sleep(150));
                Thread.sleep(500);
            }
        } finally {
            pulse.stop();
        }
        assertThat(pulse.ticks()).isGreaterThan(100);
        assertThat(pulse.missed()).as("missed of %d", pulse.ticks()).isGreaterThan(pulse.ticks() / 20);
        assertThat(pulse.whereLate()).contains("PulseTimerIT.sleep");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
