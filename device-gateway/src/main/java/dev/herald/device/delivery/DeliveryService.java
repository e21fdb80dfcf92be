package dev.herald.device.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.herald.device.preferences.UserSettings;
import dev.herald.device.preferences.UserSettingsRepository;
import dev.herald.device.registry.Player;
import dev.herald.device.registry.PlayerRepository;
import dev.herald.schema.ChangeKind;
import dev.herald.schema.Channel;
import dev.herald.schema.NotificationChange;
import dev.herald.support.kafka.InvalidRecordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies notification changes to their users' enabled players: the changes of one poll
 * in order, in one transaction that includes the broker's acknowledgements. If the broker
 * does not acknowledge, nothing of the poll is recorded and its changes are applied again
 * when Kafka redelivers them.
 */
@Service
class DeliveryService {

	private static final Logger log = LoggerFactory.getLogger(DeliveryService.class);

	private final UserStateRepository userStates;

	private final PlayerRepository players;

	private final UserSettingsRepository settings;

	private final PendingRepository pending;

	private final Pacer pacer;

	private final PlayerChannel channel;

	private final DeviceMessages messages;

	private final DeliveryMetrics metrics;

	private final Clock clock;

	DeliveryService(UserStateRepository userStates, PlayerRepository players, UserSettingsRepository settings,
			PendingRepository pending, Pacer pacer, PlayerChannel channel, DeviceMessages messages,
			DeliveryMetrics metrics, Clock clock) {
		this.userStates = userStates;
		this.players = players;
		this.settings = settings;
		this.pending = pending;
		this.pacer = pacer;
		this.channel = channel;
		this.messages = messages;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Applies the changes in their order, all in one transaction.
	 * @param changes the changes of one poll (or one of them, when a poll is applied
	 * record by record)
	 */
	@Transactional
	public void apply(List<NotificationChange> changes) {
		for (NotificationChange change : changes) {
			on(change);
		}
	}

	private void on(NotificationChange change) {
		validate(change);
		String userId = change.getUserId();
		if (!this.userStates.advance(userId, change.getSeq(), change.getUnreadCount())) {
			log.debug("Change {} of user {} was applied before", change.getSeq(), userId);
			return;
		}
		forgetWaiting(change);
		List<Player> enabled = this.players.findEnabledByUser(userId);
		if (enabled.isEmpty()) {
			return;
		}
		UserSettings owner = this.settings.find(userId);
		Optional<DeviceMessage> message = forPlayers(change, owner);
		for (Player player : enabled) {
			message.ifPresent((m) -> offer(player, owner, m, change.getOccurredAt()));
			this.channel.sendUnread(player.playerKey(), change.getUnreadCount());
		}
	}

	private void offer(Player player, UserSettings owner, DeviceMessage message, Instant occurredAt) {
		Instant now = this.clock.instant();
		if (this.pacer.offer(player, owner, message, now)) {
			this.metrics.latency(Duration.between(occurredAt, now));
		}
	}

	private Optional<DeviceMessage> forPlayers(NotificationChange change, UserSettings owner) {
		boolean shown = (change.getKind() == ChangeKind.CREATED || change.getKind() == ChangeKind.UPDATED)
				&& change.getChannels().contains(Channel.DEVICE) && !change.getNotification().getRead();
		return shown
				? Optional
					.of(this.messages.notification(change.getNotification(), change.getUnreadCount(), owner.locale()))
				: Optional.empty();
	}

	/** What the user read or deleted elsewhere need not light the player any more. */
	private void forgetWaiting(NotificationChange change) {
		switch (change.getKind()) {
			case READ, DELETED -> this.pending.forget(change.getUserId(), change.getNotificationIds());
			case ALL_READ -> this.pending.forgetAll(change.getUserId());
			default -> {
			}
		}
	}

	/**
	 * Rejects a change that can never be applied.
	 * @throws InvalidRecordException if it is invalid
	 */
	static void validate(NotificationChange change) {
		boolean needsNotification = change.getKind() == ChangeKind.CREATED || change.getKind() == ChangeKind.UPDATED;
		if (needsNotification && change.getNotification() == null) {
			throw new InvalidRecordException(change.getKind() + " change " + change.getSeq() + " of user "
					+ change.getUserId() + " has no notification");
		}
		if (change.getUnreadCount() < 0) {
			throw new InvalidRecordException("unreadCount " + change.getUnreadCount() + " is negative");
		}
	}

}
