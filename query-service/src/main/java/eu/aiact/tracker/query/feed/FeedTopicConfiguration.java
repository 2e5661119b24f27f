package eu.aiact.tracker.query.feed;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The obligations topic is compacted: it keeps the latest message per system (and per organisation's rulebook change) forever. */
@Configuration
public class FeedTopicConfiguration {

    @Bean
    NewTopic obligationsTopic(@Value("${tracker.obligations-topic}") String topic) {
        return TopicBuilder.name(topic).partitions(3).config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT).build();
    }
}
