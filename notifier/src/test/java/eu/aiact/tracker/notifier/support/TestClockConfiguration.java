package eu.aiact.tracker.notifier.support;

import java.time.Clock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Puts a {@link TestClock} in place of the system clock: the test decides what today is. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

    @Bean
    TestClock testClock() {
        return new TestClock();
    }

    @Bean
    @Primary
    Clock primaryClock(TestClock clock) {
        return clock;
    }
}
