package dev.herald.digest.emaillog;

import java.util.UUID;

import dev.herald.support.kafka.StaticMembership;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * This process: the instance it runs as ({@code herald.kafka.instance-id}, the pod name
 * in the chart, a fixed name per replica in compose and the dev stack; absent when the
 * instance has no stable name) and a random id of this run. An instance name runs in one
 * process at a time (Kafka fences a second static member with the same name), so an
 * in-flight e-mail written under this instance's name by another run was left by a
 * process that is gone.
 */
@Component
public class InstanceRun {

	private final String instanceId;

	private final UUID runId = UUID.randomUUID();

	InstanceRun(@Value("${" + StaticMembership.INSTANCE_ID_PROPERTY + ":}") String instanceId) {
		this.instanceId = StringUtils.hasText(instanceId) ? instanceId.strip() : null;
	}

	/** This instance's stable name, or null when it has none. */
	public String instanceId() {
		return this.instanceId;
	}

	public UUID runId() {
		return this.runId;
	}

}
