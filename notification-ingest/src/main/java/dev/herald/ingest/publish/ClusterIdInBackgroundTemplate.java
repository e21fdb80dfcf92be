package dev.herald.ingest.publish;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * A template whose observations never wait for the cluster id. With observation on,
 * {@link KafkaTemplate} asks its {@link KafkaAdmin} for the cluster id on the calling
 * thread before its first send, and while Kafka is unreachable that call blocks for the
 * admin's operation timeout (about a minute) — past
 * {@code herald.ingest.publish-timeout}, with every request of that time held in memory.
 * Here the id is looked up on a virtual thread, one lookup at a time, and observations
 * carry it once it is known.
 *
 * @param <V> the record value type
 */
class ClusterIdInBackgroundTemplate<V> extends KafkaTemplate<String, V> {

	private final AtomicReference<String> clusterId = new AtomicReference<>();

	private final AtomicBoolean lookingUp = new AtomicBoolean();

	ClusterIdInBackgroundTemplate(ProducerFactory<String, V> factory) {
		super(factory);
	}

	@Override
	protected String clusterId() {
		String known = this.clusterId.get();
		if (known == null) {
			lookUpInBackground();
		}
		return known;
	}

	private void lookUpInBackground() {
		KafkaAdmin admin = getKafkaAdmin();
		if (admin == null || !this.lookingUp.compareAndSet(false, true)) {
			return;
		}
		Thread.ofVirtual().name("kafka-cluster-id").start(() -> {
			try {
				this.clusterId.compareAndSet(null, admin.clusterId());
			}
			finally {
				this.lookingUp.set(false);
			}
		});
	}

}
